// A WeChat push stored once (issue 8): in one transaction the push's replay key, the message's dedupe key,
// and the message as a line of its sender's open conversation item (a new item when none is open within
// the conversation window). WeChat's three retries and a replayed push therefore change nothing.
import type pg from 'pg';
import { dedupeKey, type WechatInbound } from '../../domain/wechat/inbound-message.js';
import { MENU_KEYS } from '../../domain/wechat/menu.js';
import { transcriptLine, appendToTranscript, type TranscriptEntry } from '../../domain/wechat/transcript.js';
import type { OutboxKind } from '../../domain/outbox-kinds.js';
import { hashToken } from '../../security/tokens.js';
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { insertReporterMessage } from '../add-reporter-message.js';
import { insertIntakeItem } from './ingest-message.js';
import { checkedIntakeMessage } from './intake-message.js';

export type WechatIngestOutcome =
  /** a replayed push: refused like a forged one */
  | { readonly kind: 'replayed' }
  /** WeChat's retry of a message already stored */
  | { readonly kind: 'duplicate' }
  /** stored; `itemId` null for events, `started` when the message opened a new conversation item */
  | { readonly kind: 'stored'; readonly itemId: string | null; readonly started: boolean; readonly menu: MenuChoice | null };

/** A menu click the account answers: the hotline at once, "my reports" by customer-service message. */
export type MenuChoice = 'hotline' | 'my_cases';

function menuChoice(m: WechatInbound): MenuChoice | null {
  if (m.MsgType !== 'event' || m.Event !== 'CLICK') return null;
  if (m.EventKey === MENU_KEYS.hotline) return 'hotline';
  return m.EventKey === MENU_KEYS.myCases ? 'my_cases' : null;
}

function entryOf(m: WechatInbound): TranscriptEntry | null {
  switch (m.MsgType) {
    case 'text':
      return { kind: 'text', text: m.Content };
    case 'voice':
      return { kind: 'voice', recognition: m.Recognition ?? null };
    case 'image':
      return { kind: 'image' };
    case 'video':
    case 'shortvideo':
      return { kind: 'video' };
    case 'location':
      return { kind: 'location', label: m.Label ?? null, x: m.Location_X, y: m.Location_Y };
    case 'link':
      return { kind: 'link', title: m.Title ?? null, url: m.Url ?? null };
    case 'event':
      return null;
  }
}

const mediaIdOf = (m: WechatInbound): string | null => ('MediaId' in m ? m.MediaId : null);

function hhmm(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

async function insertOutbox(tx: pg.ClientBase, kind: OutboxKind, messageId: string, now: Date): Promise<void> {
  await tx.query('INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ($1, NULL, $2::jsonb, $3, $3)', [kind, JSON.stringify({ messageId }), now]);
}

type Conversation = { readonly itemId: string } | { readonly caseId: string; readonly caseNumber: string };

/**
 * Where the sender's last message within the window went: an open inbox item, or a case (the item was
 * registered meanwhile, or the message already joined the case). None: a new conversation.
 */
async function openConversation(tx: pg.ClientBase, openidBidx: Buffer, since: Date, current: string): Promise<Conversation | null> {
  const r = await tx.query<{ item_id: string | null; status: string | null; case_id: string | null; case_number: string | null }>(
    `SELECT m.item_id, i.status, COALESCE(m.case_id, i.case_id) AS case_id, c.case_number
       FROM wechat_messages m LEFT JOIN intake_items i ON i.id = m.item_id LEFT JOIN cases c ON c.id = COALESCE(m.case_id, i.case_id)
      WHERE m.openid_bidx = $1 AND m.received_at > $2::timestamptz AND m.msg_type <> 'event' AND m.id <> $3
      ORDER BY m.received_at DESC, m.id DESC LIMIT 1`,
    [openidBidx, since, current],
  );
  const last = r.rows[0];
  if (last === undefined) return null;
  if (last.item_id !== null && last.status === 'new') {
    const locked = await tx.query<{ id: string }>("SELECT id FROM intake_items WHERE id = $1 AND status = 'new' FOR UPDATE", [last.item_id]);
    return locked.rowCount === 0 ? null : { itemId: last.item_id };
  }
  return last.case_id !== null && last.case_number !== null ? { caseId: last.case_id, caseNumber: last.case_number } : null;
}

/**
 * A one-time subscription popup (channels.md §1.4 subscribe_msg_popup_event): each accepted entry for the
 * configured template allows one message later; a rejection, there or in a change event, withdraws them.
 */
async function recordConsents(deps: Deps, tx: pg.ClientBase, m: WechatInbound, openidBidx: Buffer, templateId: string, now: Date): Promise<void> {
  if (m.MsgType !== 'event' || m.Subscriptions === undefined) return;
  for (const entry of m.Subscriptions) {
    if (entry.TemplateId !== templateId) continue;
    if (entry.SubscribeStatusString === 'reject') {
      await tx.query('DELETE FROM wechat_subscriptions WHERE openid_bidx = $1 AND template_id = $2', [openidBidx, templateId]);
    } else if (m.Event === 'subscribe_msg_popup_event') {
      await tx.query('INSERT INTO wechat_subscriptions (id, openid_bidx, template_id, scene, granted_at) VALUES ($1, $2, $3, $4, $5)', [uuidv7(now.getTime()), openidBidx, templateId, entry.PopupScene ?? null, now]);
    }
    await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:wechat', action: `wechat.subscription_${entry.SubscribeStatusString}`, target: templateId });
  }
}

async function appendLine(deps: Deps, tx: pg.ClientBase, itemId: string, line: string): Promise<void> {
  const ref = { table: 'intake_items', column: 'text_enc', rowId: itemId };
  const row = (await tx.query<{ text_enc: Buffer }>('SELECT text_enc FROM intake_items WHERE id = $1', [itemId])).rows[0];
  if (row === undefined) throw new Error('conversation item vanished under its lock');
  const next = appendToTranscript(deps.cipher.decryptText(ref, row.text_enc), line);
  await tx.query('UPDATE intake_items SET text_enc = $2 WHERE id = $1', [itemId, deps.cipher.encrypt(ref, next)]);
  await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:wechat', action: 'intake.append', target: itemId });
}

/** `subscribeTemplateId`: the one-time subscription template whose consents are kept (none: none kept). */
export async function ingestWechatPush(deps: Deps, m: WechatInbound, replayMaterial: string, conversationMs: number, subscribeTemplateId: string | null = null): Promise<WechatIngestOutcome> {
  const now = deps.clock.now();
  const openidBidx = deps.blind.index('openid', m.FromUserName);
  // The sender's clock only orders lines; the inbox's clock says when it arrived.
  const sent = new Date(Math.min(Number(m.CreateTime) * 1000, now.getTime()));
  return inTransaction(deps.pool, async (tx) => {
    // One sender's messages arrive in bursts; serialising them keeps a conversation in one item.
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [openidBidx.readBigInt64BE(0).toString()]);
    const replay = await tx.query('INSERT INTO wechat_push_replay (replay_key, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [hashToken(deps.ring, 'idempotency', `wechat-push\u0000${replayMaterial}`), now]);
    if (replay.rowCount === 0) return { kind: 'replayed' };
    const messageId = uuidv7(now.getTime());
    const mediaId = mediaIdOf(m);
    const first = await tx.query(
      `INSERT INTO wechat_messages (id, dedupe_key, openid_bidx, msg_type, media_id, media_status, received_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING`,
      [messageId, hashToken(deps.ring, 'idempotency', `wechat\u0000${dedupeKey(m)}`), openidBidx, m.MsgType, mediaId, mediaId === null ? 'none' : 'pending', sent, now],
    );
    if (first.rowCount === 0) return { kind: 'duplicate' };
    const entry = entryOf(m);
    if (entry === null) {
      const menu = menuChoice(m);
      if (menu === 'my_cases') {
        // The answer goes to this OpenID later, so it is kept, encrypted, for this row alone.
        await tx.query('UPDATE wechat_messages SET openid_enc = $2 WHERE id = $1', [messageId, deps.cipher.encrypt({ table: 'wechat_messages', column: 'openid_enc', rowId: messageId }, m.FromUserName)]);
        await insertOutbox(tx, 'wechat.my_cases', messageId, now);
      }
      if (subscribeTemplateId !== null) await recordConsents(deps, tx, m, openidBidx, subscribeTemplateId, now);
      return { kind: 'stored', itemId: null, started: false, menu };
    }
    const line = transcriptLine(hhmm(sent, deps.timezone), entry);
    const conversation = await openConversation(tx, openidBidx, new Date(now.getTime() - conversationMs), messageId);
    let claims: string | null = null;
    if (conversation !== null && 'caseId' in conversation) {
      // Registered meanwhile: the message joins the case as the reporter's, as an e-mail reply does;
      // its photo or voice follows when fetched.
      const reporterMessageId = uuidv7(now.getTime());
      const added = await insertReporterMessage(deps, tx, conversation.caseId, reporterMessageId, line, [], now);
      if (added.ok) {
        await tx.query('UPDATE wechat_messages SET case_id = $2, reporter_message_id = $3 WHERE id = $1', [messageId, conversation.caseId, reporterMessageId]);
        if (mediaId !== null) await insertOutbox(tx, 'wechat.media', messageId, now);
        return { kind: 'stored', itemId: null, started: false, menu: null };
      }
      // A case that takes no more information: a new inbox item claiming it.
      claims = conversation.caseNumber;
    }
    let itemId = conversation !== null && 'itemId' in conversation ? conversation.itemId : null;
    const started = itemId === null;
    if (itemId === null) {
      itemId = uuidv7(now.getTime());
      const msg = checkedIntakeMessage({ channel: 'wechat', externalId: `wechat:${messageId}`, receivedAt: sent, contact: m.FromUserName, text: line, attachments: [], claimsCaseNumber: claims });
      await insertIntakeItem(deps, tx, msg, itemId, sent, [], now);
    } else {
      await appendLine(deps, tx, itemId, line);
    }
    await tx.query('UPDATE wechat_messages SET item_id = $2 WHERE id = $1', [messageId, itemId]);
    // Temporary media expires after three days: fetched at once, through the outbox's retries.
    if (mediaId !== null) await insertOutbox(tx, 'wechat.media', messageId, now);
    return { kind: 'stored', itemId, started, menu: null };
  });
}
