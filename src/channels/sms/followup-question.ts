// The follow-up question by text message (issue 6, DESIGN §3.2): when a case closes with a follow-up task
// and the reporter left a mobile number, they are asked "回复1满意 2基本满意 3不满意" from the bureau's number
// with a reply tag appended, so the answer finds its task (src/commands/record-sms-follow-up.ts).
//
// The tag is reserved before the send, in a row of status `sending` written under a lock, because two
// questions sent at once must not get the same tag; a retry of the same outbox row reuses its reservation,
// so a question that reached the phone although its answer was lost keeps the tag the phone saw.
import { randomInt } from 'node:crypto';
import type pg from 'pg';
import { inTransaction, type Deps } from '../../commands/deps.js';
import { uuidv7 } from '../../commands/ids.js';
import type { OutboxKind } from '../../domain/outbox-kinds.js';
import { chooseReplyTag, replyWindowStart } from '../../domain/sms/reply-tag.js';
import type { OutboxHandler } from '../../jobs/outbox-relay.js';
import { isRetryableSmsError, SmsSendError } from './errors.js';
import { toE164 } from './phone.js';
import { alreadySent, assertUnderDailyCap } from './send-log.js';
import type { SmsProvider } from './types.js';

export const FOLLOWUP_QUESTION_KIND: OutboxKind = 'reporter.followup_question';

interface QuestionFacts {
  readonly case_number: string;
  readonly status: string;
  readonly reporter_id: string | null;
  readonly phone_enc: Buffer | null;
}

interface Reservation {
  readonly id: string;
  readonly replyTag: string;
}

/** Serialises tag choices across nodes; any constant nobody else locks with. */
const REPLY_TAG_LOCK = 0x12389_06;

async function takenTags(tx: pg.ClientBase, now: Date): Promise<Set<string>> {
  const r = await tx.query<{ reply_tag: string }>(
    `SELECT DISTINCT s.reply_tag FROM sms_messages s JOIN follow_ups f ON f.id = s.follow_up_id
      WHERE s.reply_tag IS NOT NULL AND s.sent_at >= $1::timestamptz AND f.status = 'open'`,
    [replyWindowStart(now)],
  );
  return new Set(r.rows.map((x) => x.reply_tag));
}

async function reserve(deps: Deps, o: { outboxId: number; caseId: string; followUpId: string; phoneKey: Buffer; provider: string; dailyCap: number }): Promise<Reservation> {
  return inTransaction(deps.pool, async (tx) => {
    const earlier = (await tx.query<{ id: string; reply_tag: string }>(`SELECT id, reply_tag FROM sms_messages WHERE outbox_id = $1::bigint AND status = 'sending'`, [o.outboxId])).rows[0];
    if (earlier !== undefined) return { id: earlier.id, replyTag: earlier.reply_tag };
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [REPLY_TAG_LOCK]);
    await assertUnderDailyCap(tx, deps, o.phoneKey, o.dailyCap);
    const now = deps.clock.now();
    const tag = chooseReplyTag(await takenTags(tx, now), (n) => randomInt(n));
    // Every tag held: retried later, when answers or the window have freed some.
    if (tag === null) throw new SmsSendError('REPLY_TAGS_EXHAUSTED', true);
    const id = uuidv7(now.getTime());
    await tx.query(
      `INSERT INTO sms_messages (id, outbox_id, case_id, phone_key, template, provider, provider_message_ids, segments, status, sent_at, reply_tag, follow_up_id)
       VALUES ($1, $2::bigint, $3, $4, 'followup.question', $5, '{}'::text[], 0, 'sending', $6, $7, $8)`,
      [id, o.outboxId, o.caseId, o.phoneKey, o.provider, now, tag, o.followUpId],
    );
    return { id, replyTag: tag };
  });
}

export function smsFollowupQuestionHandler(provider: SmsProvider, options: { readonly dailyCap: number }): OutboxHandler {
  return async (message, ctx) => {
    const { deps } = ctx;
    const followUpId = (message.payload as { followUpId?: unknown }).followUpId;
    if (message.caseId === null || typeof followUpId !== 'string') throw new SmsSendError('NO_FOLLOW_UP', false);
    if (await alreadySent(deps, message.id)) return;
    const facts = (
      await deps.pool.query<QuestionFacts>(
        `SELECT c.case_number, f.status, r.id::text AS reporter_id, r.phone_enc
           FROM follow_ups f JOIN cases c ON c.id = f.case_id LEFT JOIN reporters r ON r.case_id = c.id WHERE f.id = $1 AND f.case_id = $2`,
        [followUpId, message.caseId],
      )
    ).rows[0];
    // Answered online or visited before the relay came round: there is nothing left to ask.
    if (facts === undefined || facts.status !== 'open') return;
    if (facts.reporter_id === null || facts.phone_enc === null) return;
    const to = toE164(deps.cipher.decryptText({ table: 'reporters', column: 'phone_enc', rowId: facts.reporter_id }, facts.phone_enc));
    // A landline cannot answer by text; the follow-up visit by telephone is unchanged.
    if (to === null) return;
    const phoneKey = deps.blind.index('phone', to);
    const r = await reserve(deps, { outboxId: message.id, caseId: message.caseId, followUpId, phoneKey, provider: provider.name, dailyCap: options.dailyCap });
    try {
      const result = await provider.send({
        to,
        template: { key: 'followup.question', params: { caseNumber: facts.case_number } },
        idempotencyKey: `outbox-${message.id}`,
        replyTag: r.replyTag,
      });
      await deps.pool.query(
        `UPDATE sms_messages SET status = 'sent', provider_message_ids = $2::text[], segments = $3, sent_at = $4 WHERE id = $1`,
        [r.id, [...result.partMessageIds], result.segments, deps.clock.now()],
      );
    } catch (err) {
      // A refusal sent nothing: the tag and the day's count go back. A transport error may have sent it.
      if (!isRetryableSmsError(err)) await deps.pool.query(`DELETE FROM sms_messages WHERE id = $1 AND status = 'sending'`, [r.id]);
      throw err;
    }
  };
}
