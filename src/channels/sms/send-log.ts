// The sent-message log every SMS sender shares (sms_messages): the per-number daily cap is counted from it
// and delivery reports find their message in it. A row holds the number's blind index, never the number.
import type pg from 'pg';
import { uuidv7 } from '../../commands/ids.js';
import type { Deps } from '../../commands/deps.js';
import { decideDailyCap } from '../../domain/sms/daily-cap.js';
import type { SmsTemplateKey } from '../../domain/sms/templates.js';
import { SmsSendError } from './errors.js';
import type { SmsProvider, SmsSendResult } from './types.js';

/** Messages to the number since the bureau's local midnight, reservations included. */
export async function sentToday(db: pg.ClientBase | pg.Pool, deps: Deps, phoneKey: Buffer): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sms_messages WHERE phone_key = $1 AND sent_at >= date_trunc('day', $2::timestamptz AT TIME ZONE $3::text) AT TIME ZONE $3::text`,
    [phoneKey, deps.clock.now(), deps.timezone],
  );
  return r.rows[0]?.n ?? 0;
}

/** A number that reached its cap today gets nothing more: a dead letter, since retrying only adds to the count. */
export async function assertUnderDailyCap(db: pg.ClientBase | pg.Pool, deps: Deps, phoneKey: Buffer, cap: number): Promise<void> {
  if (!decideDailyCap(await sentToday(db, deps, phoneKey), cap).allowed) throw new SmsSendError('DAILY_CAP', false);
}

export interface SentRow {
  readonly outboxId: number;
  readonly caseId: string | null;
  readonly phoneKey: Buffer;
  readonly template: SmsTemplateKey;
}

export async function recordSent(deps: Deps, provider: SmsProvider, row: SentRow, sent: SmsSendResult): Promise<void> {
  const now = deps.clock.now();
  await deps.pool.query(
    `INSERT INTO sms_messages (id, outbox_id, case_id, phone_key, template, provider, provider_message_ids, segments, status, sent_at)
     VALUES ($1, $2::bigint, $3, $4, $5, $6, $7::text[], $8, 'sent', $9)`,
    [uuidv7(now.getTime()), row.outboxId, row.caseId, row.phoneKey, row.template, provider.name, [...sent.partMessageIds], sent.segments, now],
  );
}

/** Whether this outbox row already has its message (a retry after an answer that was lost). */
export async function alreadySent(deps: Deps, outboxId: number): Promise<boolean> {
  const r = await deps.pool.query('SELECT 1 FROM sms_messages WHERE outbox_id = $1::bigint AND status <> $2', [outboxId, 'sending']);
  return (r.rowCount ?? 0) > 0;
}
