// Settings, key check, idempotency, rate limits and spent proof-of-work challenges.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';
import { users } from './org.js';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per master key version: proves at start-up that the key file belongs to this database. */
export const keyCheck = pgTable('key_check', {
  keyId: integer('key_id').primaryKey(),
  kcv: text('kcv').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** route, and the actor for staff */
    scope: text('scope').notNull(),
    keyHash: bytea('key_hash').notNull(),
    requestHash: bytea('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    /** encrypted under a key derived from (secret, key, request hash) */
    responseEnc: bytea('response_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'idempotency_keys_pkey', columns: [t.scope, t.keyHash] }), index('idempotency_keys_expiry_idx').on(t.expiresAt)],
);

export const rateLimits = pgTable(
  'rate_limits',
  {
    /** keyed hash of (bucket name, client): no address is stored */
    bucket: bytea('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ name: 'rate_limits_pkey', columns: [t.bucket, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);

/** Uploaded KiB per (client or everyone, window): attachment quotas (DESIGN §7.4). */
export const uploadQuotas = pgTable(
  'upload_quotas',
  {
    bucket: bytea('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    kib: integer('kib').notNull(),
  },
  (t) => [primaryKey({ name: 'upload_quotas_pkey', columns: [t.bucket, t.windowStart] })],
);

export const powSpent = pgTable(
  'pow_spent',
  {
    challengeHash: bytea('challenge_hash').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pow_spent_expiry_idx').on(t.expiresAt)],
);

/**
 * One row: a number that changes whenever the reference data a process caches changes (units, users'
 * unit and activity, role grants, calendar, deadline policies, routing, sealed group), set by statement
 * triggers from a sequence, so a rolled-back change's number never comes back (store/reference-cache.ts).
 */
export const referenceVersion = pgTable(
  'reference_version',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    version: bigint('version', { mode: 'bigint' }).notNull(),
  },
  (t) => [check('reference_version_singleton', sql`${t.singleton}`)],
);

/**
 * One row: the bureau's identity on the public portal (issue 5; domain/site-settings.ts). Kept as one
 * JSON value validated on write and on read (store/site-settings.ts), so a new field needs no migration;
 * no row means the fictional defaults answer.
 */
export const siteSettings = pgTable(
  'site_settings',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    value: jsonb('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('site_settings_singleton', sql`${t.singleton}`)],
);
