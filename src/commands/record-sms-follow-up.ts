// The reporter's answer to the follow-up question by SMS (issue 6, DESIGN §3.2): "1", "2" or "3" from the
// number the question went to is a follow-up record with channel `sms`, fulfils the task and sets the case's
// rated (and dissatisfied) flags as the online rating does; a dissatisfied answer goes to the assigners.
// Everything the answer changes is one transaction; a redelivered text finds its record by its key.
import type pg from 'pg';
import type { CaseState } from '../domain/case-states.js';
import { reporterMay } from '../domain/lifecycle.js';
import type { FollowupRating } from '../domain/sms/followup-reply.js';
import { matchFollowUpAnswer, replyWindowStart, type SentQuestion } from '../domain/sms/reply-tag.js';
import { findCaseRowById } from '../store/case-record.js';
import { inTransaction, type Deps } from './deps.js';
import { settleRating } from './settle-rating.js';
import { uuidv7 } from './ids.js';

export interface SmsAnswer {
  /** blind index ('phone') of the sender's E.164 number */
  readonly phoneKey: Buffer;
  readonly replyTag: string | null;
  /** when it arrived, by our clock */
  readonly at: Date;
  readonly rating: FollowupRating;
  /** the text's dedup key (inboundExternalId) */
  readonly inboundKey: string;
}

/** `unmatched`: no open question fits; the caller files the text in the inbox as before. */
export type SmsAnswerOutcome = 'recorded' | 'duplicate' | 'unmatched';

async function questionsTo(tx: pg.ClientBase, phoneKey: Buffer, at: Date): Promise<(SentQuestion & { caseId: string })[]> {
  const r = await tx.query<{ follow_up_id: string; case_id: string; reply_tag: string | null; sent_at: Date; open: boolean }>(
    `SELECT s.follow_up_id, f.case_id, s.reply_tag, s.sent_at, f.status = 'open' AS open
       FROM sms_messages s JOIN follow_ups f ON f.id = s.follow_up_id
      WHERE s.phone_key = $1 AND s.template = 'followup.question' AND s.sent_at >= $2::timestamptz`,
    [phoneKey, replyWindowStart(at)],
  );
  return r.rows.map((x) => ({ followUpId: x.follow_up_id, caseId: x.case_id, replyTag: x.reply_tag, sentAt: x.sent_at, open: x.open }));
}

export async function recordSmsFollowUp(deps: Deps, a: SmsAnswer): Promise<SmsAnswerOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const seen = await tx.query('SELECT 1 FROM follow_up_records WHERE inbound_key = $1', [a.inboundKey]);
    if ((seen.rowCount ?? 0) > 0) return 'duplicate';
    const questions = await questionsTo(tx, a.phoneKey, a.at);
    const followUpId = matchFollowUpAnswer(questions, a);
    const caseId = questions.find((q) => q.followUpId === followUpId)?.caseId;
    if (followUpId === null || caseId === undefined) return 'unmatched';
    const row = await findCaseRowById(tx, caseId, true);
    // Under the case lock: a visit recorded or a rating given since the match leaves nothing to answer.
    const task = (await tx.query<{ id: string }>(`SELECT id FROM follow_ups WHERE id = $1 AND status = 'open' FOR UPDATE`, [followUpId])).rows[0];
    if (row === null || task === undefined || !reporterMay('rate', { state: row.state as CaseState, flags: { rated: row.rated } })) return 'unmatched';
    const now = deps.clock.now();
    await tx.query(
      `INSERT INTO follow_up_records (id, case_id, follow_up_id, outcome, channel, reasons, note_enc, recorded_by, recorded_at, inbound_key)
       VALUES ($1, $2, $3, $4, 'sms', '{}'::text[], NULL, NULL, $5::timestamptz, $6)`,
      [uuidv7(now.getTime()), caseId, followUpId, a.rating, now, a.inboundKey],
    );
    await tx.query(`UPDATE follow_ups SET status = 'done', attempts = attempts + 1, settled_at = $2::timestamptz WHERE id = $1`, [followUpId, now]);
    await settleRating(deps, tx, { caseId, state: row.state, rating: a.rating, now, auditTarget: `sms:${a.rating}` });
    return 'recorded';
  });
}
