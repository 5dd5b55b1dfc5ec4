// Effects from the reply to the archive (DESIGN §3.2): reply, close with its follow-up task, follow-up
// visits, reopen and explain after dissatisfaction, the false-accusation finding, archive.
import { followUpDue } from '../../domain/clocks/step-clocks.js';
import type { FollowUpOutcome } from '../../domain/forms/codes.js';
import { nextStateForReopen } from '../../domain/next-state.js';
import type { AcceptMode } from '../../domain/forms/codes.js';
import { invalid } from '../command-error.js';
import { addLevel, assertEligible, chooseUnitDue, encryptJson, encryptText, need, newId, noticeToReporter, startPublicClock, str, strings } from './support.js';
import type { ActionScope } from './scope.js';

function insertReply(s: ActionScope, outcome: string, method: string | null, answeredAt: Date, body: Record<string, string | null>): void {
  const id = newId(s);
  const enc = encryptJson(s, 'replies', 'body_enc', id, body);
  s.change.write((tx) =>
    tx.query(
      `INSERT INTO replies (id, case_id, cycle, outcome, method, body_enc, answered_at, recorded_by, recorded_at) VALUES ($1, $2, $3::int, $4, $5, $6, $7::timestamptz, $8, $9::timestamptz)`,
      [id, s.record.row.id, s.record.row.cycle, outcome, method, enc, answeredAt, s.actor.userId, s.now],
    ),
  );
}

export function reply(s: ActionScope): void {
  const outcome = need(s, 'outcome');
  if (outcome === 'replied') {
    const answeredAt = new Date(need(s, 'answeredAt'));
    if (answeredAt > s.now) throw invalid('answeredAt', 'in_future', '答复时间不能晚于当前时间', 'The reply time cannot be in the future');
    insertReply(s, 'replied', need(s, 'method'), answeredAt, { text: need(s, 'text'), answeredBy: need(s, 'answeredBy'), reaction: str(s, 'reaction') ?? null });
    answerMergedReporters(s);
  } else {
    insertReply(s, 'cannot_reply', null, s.now, { cannotReplyReason: need(s, 'cannotReplyReason'), note: str(s, 'cannotReplyNote') ?? null });
  }
  s.change.moveTo('replied').set('repliedAt', s.now).set('reviewStage', null).event({ event: 'reply', public: true });
  noticeToReporter(s, 'replied');
}

/**
 * The reporters of cases merged into this one are answered separately with its reply text (DESIGN §3.2
 * merge): a notice per merged case, which the channel's sender renders from this reply. Their own track
 * pages keep showing this case's stages and dates only.
 */
function answerMergedReporters(s: ActionScope): void {
  s.change.write(async (tx) => {
    const merged = await tx.query<{ id: string }>(`SELECT id FROM cases WHERE merged_into_id = $1 AND state = 'merged' ORDER BY id`, [s.record.row.id]);
    for (const m of merged.rows) s.change.outbox.push({ kind: 'reporter.notice', payload: { caseId: m.id, notice: 'replied_via_master', masterCaseId: s.record.row.id } });
    return merged;
  });
}

/** Closing creates the follow-up task, except for anonymous reporters and those left no way to be reached. */
export function closeCase(s: ActionScope): void {
  s.change.moveTo('closed').set('closedAt', s.now).event({ event: 'close', opinion: str(s, 'note'), public: true });
  // An online rating already given is the follow-up (DESIGN §3.2): no visit is scheduled after it.
  if (s.record.row.anonymity !== 'real_name' || !s.record.hasReporter || s.record.row.rated) return;
  const id = newId(s);
  const due = followUpDue(s.calendar, s.today);
  s.change.write(async (tx) => {
    const created = await tx.query(
      `INSERT INTO follow_ups (id, case_id, cycle, due_on, status, attempts, created_at) VALUES ($1, $2, $3::int, $4::date, 'open', 0, $5::timestamptz)
       ON CONFLICT (case_id, cycle) DO NOTHING`,
      [id, s.record.row.id, s.record.row.cycle, due, s.now],
    );
    // A reporter who left a phone number is asked by text too; the sender skips a landline (issue 6).
    const phone = await tx.query(`SELECT 1 FROM reporters WHERE case_id = $1 AND phone_enc IS NOT NULL`, [s.record.row.id]);
    if ((created.rowCount ?? 0) > 0 && (phone.rowCount ?? 0) > 0) s.change.outbox.push({ kind: 'reporter.followup_question', payload: { caseId: s.record.row.id, followUpId: id } });
    return created;
  });
  s.change.notify({ roles: ['followup'] }, 'to_follow_up');
}

const SETTLING: readonly FollowUpOutcome[] = ['satisfied', 'basically_satisfied', 'dissatisfied', 'refused', 'do_not_call'];
const MAX_FAILED_ATTEMPTS = 3;

/** One visit; the task is done at an answer, ended after three failed attempts or a refusal. */
export function recordFollowUp(s: ActionScope, channel?: string): void {
  const task = s.record.followUp;
  const outcome = need(s, 'outcome') as FollowUpOutcome;
  const id = newId(s);
  const note = str(s, 'note') ?? str(s, 'comment');
  s.change.write((tx) =>
    tx.query(
      `INSERT INTO follow_up_records (id, case_id, follow_up_id, outcome, channel, reasons, note_enc, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::timestamptz)`,
      [id, s.record.row.id, task?.status === 'open' ? task.id : null, outcome, channel ?? need(s, 'channel'), strings(s, 'reasons'),
        note === undefined ? null : encryptText(s, 'follow_up_records', 'note_enc', id, note), s.actor.userId === '' ? null : s.actor.userId, s.now],
    ),
  );
  if (task?.status === 'open') {
    const attempts = task.attempts + 1;
    const status = outcome === 'satisfied' || outcome === 'basically_satisfied' || outcome === 'dissatisfied' ? 'done' : SETTLING.includes(outcome) || attempts >= MAX_FAILED_ATTEMPTS ? 'ended' : 'open';
    s.change.write((tx) =>
      tx.query(`UPDATE follow_ups SET attempts = $2::int, status = $3, settled_at = CASE WHEN $3 = 'open' THEN NULL ELSE $4::timestamptz END WHERE id = $1`, [task.id, attempts, status, s.now]),
    );
  }
  if (outcome === 'dissatisfied') s.change.set('dissatisfied', true).notify({ roles: ['assigner'] }, 'dissatisfied');
  s.change.event({ event: 'follow_up', opinion: note });
}

/** A new cycle: same lead unit (or the centre), new public and unit deadlines (DESIGN §3.2, §4). */
export function reopenCase(s: ActionScope): void {
  const row = s.record.row;
  const cycle = row.cycle + 1;
  const clock = startPublicClock(s, s.view.type, (row.mode ?? 'direct') as AcceptMode);
  // The live lead: a level revoked by an approved return may belong to a unit the firewall now refuses.
  const lead = s.record.levels.find((l) => l.depth === 0 && l.granted);
  if (lead !== undefined) assertEligible(s, s.view, '', [lead.unitId, ...lead.coUnitIds]);
  const c = s.change;
  c.set('cycle', cycle).set('reopenCount', row.reopenCount + 1).set('dissatisfied', false).set('extensionDaysUsed', 0);
  c.set('publicDue', clock?.due ?? null).set('publicDueProvisional', clock?.provisional ?? false);
  c.set('closedAt', null).set('repliedAt', null).set('reviewStage', null).set('handlerUserId', null).set('chased', false).set('supervised', false);
  c.set('currentUnitId', null).set('unitDue', null);
  c.event({ event: 'reopen', opinion: need(s, 'reason'), public: true });
  c.moveTo(nextStateForReopen(lead !== undefined));
  if (lead !== undefined) {
    const due = chooseUnitDue(s, { publicDue: (clock?.due ?? null) }, str(s, 'unitDeadline'));
    addLevel(s, { unitId: lead.unitId, coUnitIds: lead.coUnitIds, depth: 0, due, brief: need(s, 'reason'), cycle });
  }
}

export function explain(s: ActionScope): void {
  insertReply(s, 'explained', need(s, 'method'), s.now, { text: need(s, 'text') });
  s.change.set('dissatisfied', false).event({ event: 'explain', public: true });
  noticeToReporter(s, 'explained');
}

export function declareFalseAccusation(s: ActionScope): void {
  s.change.set('falseAccusation', true).event({ event: 'declare_false_accusation', opinion: `${need(s, 'reasons')}\n${need(s, 'clearingRecord')}` });
}

export function archiveCase(s: ActionScope): void {
  s.change.moveTo('archived').set('archivedAt', s.now).event({ event: 'archive', opinion: str(s, 'note') });
}
