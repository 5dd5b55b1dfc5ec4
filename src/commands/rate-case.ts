// The reporter's online rating (DESIGN §3.2): once, after the reply; recorded as a follow-up outcome with
// channel `online`, it fulfils an open follow-up task, and a dissatisfied rating goes to the assigners.
import type { CaseState } from '../domain/case-states.js';
import { reporterMay } from '../domain/lifecycle.js';
import { findCaseRowById } from '../store/case-record.js';
import { inTransaction, type Deps } from './deps.js';
import { settleRating } from './settle-rating.js';
import { uuidv7 } from './ids.js';

export interface Rating {
  readonly rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  readonly reasons: readonly string[];
  readonly comment?: string | undefined;
}

export type RateOutcome = { ok: true } | { ok: false; state: CaseState };

export async function rateCase(deps: Deps, caseId: string, r: Rating): Promise<RateOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const row = await findCaseRowById(tx, caseId, true);
    if (row === null) throw new Error('case vanished between resolve and write');
    const state = row.state as CaseState;
    if (!reporterMay('rate', { state, flags: { rated: row.rated } })) return { ok: false, state };
    const now = deps.clock.now();
    const id = uuidv7(now.getTime());
    const task = (await tx.query<{ id: string }>(`SELECT id FROM follow_ups WHERE case_id = $1 AND status = 'open' ORDER BY cycle DESC LIMIT 1`, [caseId])).rows[0];
    const note = r.comment === undefined ? null : deps.cipher.encrypt({ table: 'follow_up_records', column: 'note_enc', rowId: id }, r.comment);
    await tx.query(
      `INSERT INTO follow_up_records (id, case_id, follow_up_id, outcome, channel, reasons, note_enc, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, 'online', $5::text[], $6, NULL, $7::timestamptz)`,
      [id, caseId, task?.id ?? null, r.rating, r.reasons, note, now],
    );
    if (task !== undefined) await tx.query(`UPDATE follow_ups SET status = 'done', attempts = attempts + 1, settled_at = $2::timestamptz WHERE id = $1`, [task.id, now]);
    await settleRating(deps, tx, { caseId, state: row.state, rating: r.rating, now, auditTarget: r.rating });
    return { ok: true };
  });
}
