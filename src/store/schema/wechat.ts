// The WeChat official account's pushes (issue 8). A push opens once (the replay cache keeps a hash of its
// timestamp, nonce and signatures); a message counts once (a keyed hash of MsgId, or of sender and second
// for events, since the sender is an OpenID and never stored in clear). Messages of one conversation
// point at the inbox item that gathers them.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';
import { cases, messages } from './cases.js';
import { intakeItems } from './intake.js';

export const wechatPushReplay = pgTable(
  'wechat_push_replay',
  {
    replayKey: bytea('replay_key').primaryKey(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wechat_push_replay_seen_idx').on(t.seenAt)],
);

export const wechatMessages = pgTable(
  'wechat_messages',
  {
    id: uuid('id').primaryKey(),
    dedupeKey: bytea('dedupe_key').notNull().unique('wechat_messages_dedupe_key'),
    /** blind index ('openid') of the sender, to find the open conversation */
    openidBidx: bytea('openid_bidx').notNull(),
    itemId: uuid('item_id').references(() => intakeItems.id),
    /** a message that arrived after its conversation was registered: the case it joined, as a reporter message */
    caseId: uuid('case_id').references(() => cases.id),
    reporterMessageId: uuid('reporter_message_id').references(() => messages.id),
    /** the sender, encrypted, kept only for a message that asks for an answer (我的反映) */
    openidEnc: bytea('openid_enc'),
    /** text | image | voice | video | shortvideo | location | link | event */
    msgType: text('msg_type').notNull(),
    /** WeChat's temporary media id (expires after 3 days; not personal data) */
    mediaId: text('media_id'),
    /** none | pending | fetched | failed */
    mediaStatus: text('media_status').notNull().default('none'),
    mediaAttempts: integer('media_attempts').notNull().default(0),
    /** why the media was not stored (too_large, gone, a file check's reason); never content */
    mediaError: text('media_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('wechat_messages_sender_idx').on(t.openidBidx, t.receivedAt),
    index('wechat_messages_media_idx').on(t.createdAt).where(sql`${t.mediaStatus} = 'pending'`),
  ],
);

/** The account's stable access token, encrypted; one node refreshes it under a lock, all use it. */
export const wechatAccessTokens = pgTable('wechat_access_tokens', {
  appId: text('app_id').primaryKey(),
  tokenEnc: bytea('token_enc').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
});

/**
 * One-time subscription consents (一次性订阅, channels.md §1.6): each accepted popup entry for the configured
 * template allows one message, consumed when it is sent. Found by the OpenID's blind index only.
 */
export const wechatSubscriptions = pgTable(
  'wechat_subscriptions',
  {
    id: uuid('id').primaryKey(),
    openidBidx: bytea('openid_bidx').notNull(),
    templateId: text('template_id').notNull(),
    /** WeChat's PopupScene (where the user was asked) */
    scene: text('scene'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wechat_subscriptions_user_idx').on(t.openidBidx, t.templateId, t.grantedAt)],
);

/** What the account sent about a case, and how (customer-service text or subscription message), or that nothing could go. */
export const wechatDeliveries = pgTable(
  'wechat_deliveries',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** reporter.acknowledgement | reporter.notice */
    template: text('template').notNull(),
    /** sent | skipped */
    status: text('status').notNull(),
    /** customer_service | subscription | no_channel */
    code: text('code').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wechat_deliveries_case_idx').on(t.caseId, t.at)],
);
