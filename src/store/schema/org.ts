// Units, users and their role grants (DESIGN §1).
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    kind: text('kind').notNull(),
    /** a 督察 unit: routing target for accusations (DESIGN §3.4) */
    inspection: boolean('inspection').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_code_key').on(t.code),
    index('units_parent_idx').on(t.parentId),
    foreignKey({ name: 'units_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    policeNumber: text('police_number'),
    rank: text('rank'),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** false only for demo accounts; ZHITONG_REQUIRE_2FA=off turns the requirement off for everyone */
    totpRequired: boolean('totp_required').notNull().default(true),
    totpSecretEnc: bytea('totp_secret_enc'),
    totpLastStep: integer('totp_last_step'),
    totpEnrolmentHash: bytea('totp_enrolment_hash'),
    totpEnrolmentExpiresAt: timestamp('totp_enrolment_expires_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** for SMS alerts (issue 6), field-encrypted; shown masked to the secadmin */
    mobileEnc: bytea('mobile_enc'),
    /** the agent's phone seat on the PBX: matches a call's answering extension (issue 6) */
    seatExtension: text('seat_extension'),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    uniqueIndex('users_seat_extension_key').on(t.seatExtension),
    uniqueIndex('users_police_number_key').on(t.policeNumber),
    index('users_unit_idx').on(t.unitId),
  ],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    grantedBy: uuid('granted_by').references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    grantedByOs: text('granted_by_os'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    index('role_grants_user_idx').on(t.userId),
    uniqueIndex('role_grants_active_key').on(t.userId, t.role).where(sql`${t.revokedAt} IS NULL`),
    check('role_grants_not_self', sql`${t.grantedBy} IS NULL OR ${t.grantedBy} <> ${t.userId}`),
    // The second approver of a central role is neither the requester nor the grantee (DESIGN §1).
    check('role_grants_two_people', sql`${t.approvedBy} IS NULL OR (${t.approvedBy} <> ${t.userId} AND ${t.grantedBy} IS NOT NULL AND ${t.approvedBy} <> ${t.grantedBy})`),
  ],
);

/**
 * A central role waiting for its second approver (DESIGN §1). Pending requests live here, not in
 * role_grants, so every reader of role_grants keeps meaning "active" by `revoked_at IS NULL`.
 */
export const roleGrantRequests = pgTable(
  'role_grant_requests',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** pending | approved | declined | lapsed (the user was deactivated) */
    status: text('status').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** the role_grants row an approval created */
    grantId: uuid('grant_id').references(() => roleGrants.id),
  },
  (t) => [
    uniqueIndex('role_grant_requests_pending_key').on(t.userId, t.role).where(sql`${t.status} = 'pending'`),
    index('role_grant_requests_status_idx').on(t.status, t.requestedAt),
    check('role_grant_requests_not_self', sql`${t.requestedBy} <> ${t.userId}`),
    check('role_grant_requests_two_people', sql`${t.status} <> 'approved' OR (${t.decidedBy} IS NOT NULL AND ${t.decidedBy} <> ${t.requestedBy} AND ${t.decidedBy} <> ${t.userId})`),
  ],
);

/** A TOTP reset the secadmin started and the user's unit head must confirm (DESIGN §7.3). */
export const totpResetRequests = pgTable(
  'totp_reset_requests',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** pending | confirmed | declined | lapsed (the user was deactivated) */
    status: text('status').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('totp_reset_requests_pending_key').on(t.userId).where(sql`${t.status} = 'pending'`),
    check('totp_reset_requests_not_self', sql`${t.requestedBy} <> ${t.userId}`),
    // The requester may withdraw (decline) their own request; only a confirmation needs the second person.
    check('totp_reset_requests_two_people', sql`${t.status} <> 'confirmed' OR (${t.decidedBy} IS NOT NULL AND ${t.decidedBy} <> ${t.requestedBy} AND ${t.decidedBy} <> ${t.userId})`),
  ],
);
