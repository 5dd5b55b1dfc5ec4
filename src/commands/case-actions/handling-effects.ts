// Effects of the unit's work on the dispatch chain (DESIGN §3.2): sign-for, redispatch, handler,
// contact, result, the review walk back up the chain, and resuming suspended clocks.
import { daysBetween, type LocalDate } from '../../domain/calendar/local-date.js';
import { activeLevels, currentLevel } from '../../domain/case-view.js';
import { withSuspension } from '../../domain/clocks/deadlines.js';
import type { ReviewDecision } from '../../domain/forms/codes.js';
import { firstReviewStage, nextStateForReview } from '../../domain/next-state.js';
import { eligibleHandlers } from '../../queries/cases/unit-handlers.js';
import { reviewStageText } from '../../store/case-view-of.js';
import { invalid } from '../command-error.js';
import { addLevel, assertEligible, bool, chooseUnitDue, encryptJson, need, newId, publicDueOf, str } from './support.js';
import type { ActionScope } from './scope.js';

function currentLevelRecord(s: ActionScope) {
  const level = s.record.levels.filter((l) => l.granted).at(-1);
  if (level === undefined) throw new Error('a unit action without a current level');
  return level;
}

export function signFor(s: ActionScope): void {
  const level = currentLevelRecord(s);
  s.change.write((tx) => tx.query('UPDATE dispatch_levels SET signed_for_at = $2::timestamptz, signed_for_by = $3 WHERE id = $1', [level.id, s.now, s.actor.userId]));
  s.change.moveTo('in_progress').event({ event: 'sign_for', unitId: level.unitId });
  if (bool(s, 'handleMyself')) s.change.set('handlerUserId', s.actor.userId);
  else s.change.notify({ roles: ['unit_head'], unitId: level.unitId }, 'to_assign_handler');
}

export function redispatch(s: ActionScope): void {
  const level = currentLevelRecord(s);
  const unitId = need(s, 'unitId');
  assertEligible(s, s.view, 'unitId', [unitId]);
  const due = chooseUnitDue(s, { parentDue: level.unitDue as LocalDate }, str(s, 'unitDeadline'));
  addLevel(s, { unitId, coUnitIds: [], depth: level.depth + 1, due, brief: str(s, 'brief') });
  s.change.event({ event: 'redispatch', unitId, opinion: str(s, 'brief') });
}

export async function assignHandler(s: ActionScope): Promise<void> {
  const level = currentLevelRecord(s);
  const handlerId = need(s, 'handlerUserId');
  // The same list the form offers: an active handler of this unit who can see the case (recusal, forbidden set).
  const handlers = await eligibleHandlers(s.deps, s.tx, s.view, s.org.tree, level.unitId);
  if (!handlers.some((h) => h.userId === handlerId)) throw invalid('handlerUserId', 'not_a_handler', '请选择本单位的承办人', 'Choose a handler of this unit');
  s.change.set('handlerUserId', handlerId).event({ event: 'assign_handler', unitId: level.unitId }).notify({ users: [handlerId] }, 'assigned_to_you');
}

export function recordContact(s: ActionScope): void {
  const at = new Date(need(s, 'contactedAt'));
  if (at > s.now) throw invalid('contactedAt', 'in_future', '联系时间不能晚于当前时间', 'The contact time cannot be in the future');
  if (s.record.row.firstContactAt === null) s.change.set('firstContactAt', at);
  s.change.event({ event: 'record_contact', unitId: currentLevel(s.view)?.unitId ?? null, opinion: str(s, 'note') });
}

export function submitResult(s: ActionScope): void {
  const id = newId(s);
  const body = encryptJson(s, 'case_results', 'body_enc', id, {
    investigationReport: str(s, 'investigationReport') ?? null,
    measures: str(s, 'measures') ?? null,
    discipline: Array.isArray(s.input.discipline) ? s.input.discipline : [],
    draftReply: need(s, 'draftReply'),
  });
  s.change.write((tx) =>
    tx.query(
      'INSERT INTO case_results (id, case_id, cycle, finding, body_enc, submitted_by, submitted_at) VALUES ($1, $2, $3::int, $4, $5, $6, $7::timestamptz)',
      [id, s.record.row.id, s.record.row.cycle, need(s, 'finding'), body, s.actor.userId, s.now],
    ),
  );
  const stage = firstReviewStage(s.view.chain);
  s.change.moveTo('under_review').set('reviewStage', reviewStageText(stage)).event({ event: 'submit_result', unitId: currentLevel(s.view)?.unitId ?? null });
  notifyReviewer(s, stage.at === 'unit' ? (activeLevels(s.view)[stage.level]?.unitId ?? null) : null);
}

function notifyReviewer(s: ActionScope, unitId: string | null): void {
  if (unitId === null) s.change.notify({ roles: ['assigner'] }, 'to_review');
  else s.change.notify({ roles: ['unit_head'], unitId }, 'to_review');
}

export function review(s: ActionScope): void {
  const stage = s.view.review;
  if (stage === null) throw new Error('review without a review stage');
  const decision = need(s, 'decision') as ReviewDecision;
  const step = nextStateForReview(stage, decision);
  const unitId = stage.at === 'unit' ? (activeLevels(s.view)[stage.level]?.unitId ?? null) : null;
  s.change.moveTo(step.state).set('reviewStage', reviewStageText(step.review)).event({ event: `review_${decision}`, unitId, opinion: str(s, 'opinion') });
  if (decision === 'send_back') {
    const handler = s.record.row.handlerUserId;
    if (handler !== null) s.change.notify({ users: [handler] }, 'sent_back');
    return;
  }
  if (step.review?.at === 'unit') notifyReviewer(s, activeLevels(s.view)[step.review.level]?.unitId ?? null);
  else if (step.review?.at === 'centre') notifyReviewer(s, null);
  else s.change.notify({ roles: ['assigner'] }, 'to_reply');
}

/** Clocks restart: every deadline moves by the calendar days they stood still (DESIGN §4). */
export function resume(s: ActionScope): void {
  const since = s.record.row.suspendedSince as LocalDate | null;
  if (since === null) return;
  shiftDeadlines(s, daysBetween(since, s.today), (due, days) => withSuspension(s.calendar, due, days));
  s.change.set('suspendedSince', null).event({ event: 'resume', opinion: str(s, 'note'), public: true });
}

/** Moves the public deadline, the case's unit deadline and every level of this cycle together. */
export function shiftDeadlines(s: ActionScope, days: number, move: (due: LocalDate, days: number) => LocalDate): void {
  if (days <= 0) return;
  const publicDue = publicDueOf(s);
  if (publicDue !== null) s.change.set('publicDue', move(publicDue, days));
  const unitDue = s.record.row.unitDue as LocalDate | null;
  if (unitDue !== null) s.change.set('unitDue', move(unitDue, days));
  for (const level of s.record.levels) {
    const moved = move(level.unitDue as LocalDate, days);
    s.change.write((tx) => tx.query('UPDATE dispatch_levels SET unit_due = $2::date WHERE id = $1', [level.id, moved]));
  }
}
