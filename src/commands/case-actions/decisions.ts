// Pending decisions (DESIGN §3.3): a held request is stored with its form; an eligible second person
// settles it, and a confirmation applies the held action's own effect — never by the requester.
import { levelAbove } from '../../domain/case-view.js';
import { extend } from '../../domain/clocks/deadlines.js';
import { DomainError } from '../../domain/calendar/errors.js';
import type { StaffAction } from '../../domain/actions.js';
import { ACTION_TABLE } from '../../domain/lifecycle.js';
import { decidableBy, isSatisfied, mayConfirm, PENDING_KIND_INFO, type DecidingAction, type PendingKind } from '../../domain/pending-decisions.js';
import { nextStateForReturn } from '../../domain/next-state.js';
import type { PendingDecisionView } from '../../domain/case-view.js';
import type { CaseRole } from '../../domain/roles.js';
import type { Confirmation, PendingRecord } from '../../store/case-record.js';
import { CommandError, invalid } from '../command-error.js';
import { encryptJson, need, newId, noticeToReporter, num, str } from './support.js';
import type { ActionInput } from './form-validation.js';
import type { ActionScope } from './scope.js';
import { shiftDeadlines } from './handling-effects.js';

interface HeldRequest {
  readonly action: StaffAction;
  readonly input: ActionInput;
}

/** Holds the action as a pending decision and tells who may settle it. */
export function holdForDecision(s: ActionScope, kind: PendingKind): void {
  const id = newId(s);
  const held: HeldRequest = { action: s.action, input: s.input };
  const payload = encryptJson(s, 'pending_decisions', 'payload_enc', id, held);
  s.change.write((tx) =>
    tx.query('INSERT INTO pending_decisions (id, case_id, kind, payload_enc, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)', [id, s.record.row.id, kind, payload, s.actor.userId, s.now]),
  );
  const reason = str(s, 'reason') ?? str(s, 'proposal') ?? str(s, 'explanation');
  s.change.event({ event: `request_${kind}`, opinion: reason });
  s.change.auditTarget = kind;
  if (kind === 'return') {
    const above = levelAbove(s.view);
    s.change.notify(above === null ? { roles: ['assigner'] } : { roles: ['liaison', 'unit_head'], unitId: above.unitId }, 'decision_requested');
  } else {
    s.change.notify({ roles: PENDING_KIND_INFO[kind].confirmers }, 'decision_requested');
  }
}

function heldOf(s: ActionScope, p: PendingRecord): HeldRequest {
  return s.deps.cipher.decryptJson<HeldRequest>({ table: 'pending_decisions', column: 'payload_enc', rowId: p.id }, p.payloadEnc);
}

function settle(s: ActionScope, p: PendingRecord, settlement: 'confirmed' | 'declined', confirmations: readonly Confirmation[]): void {
  s.change.write((tx) =>
    tx.query('UPDATE pending_decisions SET settlement = $2, settled_by = $3, settled_at = $4::timestamptz, confirmations = $5::jsonb WHERE id = $1', [p.id, settlement, s.actor.userId, s.now, JSON.stringify(confirmations)]),
  );
}

function chosen(s: ActionScope, action: DecidingAction, id?: string): { view: PendingDecisionView; record: PendingRecord } {
  const eligible = decidableBy(s.actor, s.view, action).filter((d) => id === undefined || d.id === id);
  const view = eligible[0];
  const record = s.record.pending.find((p) => p.id === view?.id);
  if (view === undefined || record === undefined) throw invalid('decisionId', 'not_decidable', '没有您可以确认的待确认事项', 'There is no pending decision you may settle');
  return { view, record };
}

/** decide_return, decide_extension, decide_suspension: approve applies the request, reject leaves the case as it is. */
export function decideRequest(s: ActionScope, action: Exclude<DecidingAction, 'confirm'>): void {
  const { view, record } = chosen(s, action);
  const check = mayConfirm(s.actor, view, s.view);
  if (!check.ok) throw new CommandError('forbidden');
  const confirmations = [...record.confirmations, { userId: s.actor.userId, role: check.role, at: s.now.toISOString() }];
  const approved = need(s, 'decision') === 'approve';
  settle(s, record, approved ? 'confirmed' : 'declined', confirmations);
  s.change.event({ event: `${action}_${approved ? 'approve' : 'reject'}`, opinion: str(s, 'note') });
  s.change.notify({ users: [record.requestedBy] }, approved ? 'request_approved' : 'request_rejected');
  if (!approved) return;
  const held = heldOf(s, record);
  if (action === 'decide_return') applyReturn(s);
  else if (action === 'decide_extension') applyExtension(s, num(s, 'days') ?? 0, held);
  else applySuspension(s);
}

function applyReturn(s: ActionScope): void {
  const live = s.record.levels.filter((l) => l.granted);
  const current = live.at(-1);
  const above = live.at(-2);
  if (current === undefined) throw new Error('return without a level');
  s.change.write((tx) => tx.query('UPDATE dispatch_levels SET granted = false, revoked_at = $2::timestamptz WHERE id = $1', [current.id, s.now]));
  const to = nextStateForReturn('approve', above === undefined ? 0 : 1);
  if (to !== 'same') s.change.moveTo(to);
  s.change.set('currentUnitId', above?.unitId ?? null).set('unitDue', above?.unitDue ?? null).set('handlerUserId', null);
  if (above === undefined) s.change.notify({ roles: ['assigner'] }, 'to_assign');
}

function applyExtension(s: ActionScope, days: number, held: HeldRequest): void {
  const requested = typeof held.input.days === 'number' ? held.input.days : days;
  if (days < 1 || days > requested) throw invalid('days', 'out_of_range', `批准天数应在1至${String(requested)}天之间`, `Approve between 1 and ${String(requested)} days`);
  const already = s.record.row.extensionDaysUsed;
  try {
    shiftDeadlines(s, days, (due, n) => extend(s.calendar, due, n, { alreadyExtendedDays: already }));
  } catch (err) {
    if (err instanceof DomainError && err.code === 'extension_too_long') throw invalid('days', 'extension_too_long', '本轮延期累计不得超过30日', 'Extensions may not exceed 30 days in one cycle');
    throw err;
  }
  s.change.set('extensionDaysUsed', already + days);
  s.change.event({ event: 'extended', opinion: typeof held.input.reasonForReporter === 'string' ? held.input.reasonForReporter : undefined, public: true });
  noticeToReporter(s, 'extended');
}

function applySuspension(s: ActionScope): void {
  s.change.set('suspendedSince', s.today).event({ event: 'suspended', public: true });
}

/** confirm: adds the second person; once enough have confirmed, the held action's effect applies. */
export async function confirmDecision(s: ActionScope, apply: (action: StaffAction, scope: ActionScope) => Promise<void>): Promise<void> {
  const { view, record } = chosen(s, 'confirm', need(s, 'decisionId'));
  const check = mayConfirm(s.actor, view, s.view);
  if (!check.ok) throw new CommandError('forbidden');
  const confirmations = [...record.confirmations, { userId: s.actor.userId, role: check.role, at: s.now.toISOString() }];
  s.change.event({ event: 'confirm', opinion: str(s, 'note') });
  if (!isSatisfied({ ...view, confirmations: confirmations.map((c) => ({ userId: c.userId, role: c.role as CaseRole })) })) {
    s.change.write((tx) => tx.query('UPDATE pending_decisions SET confirmations = $2::jsonb WHERE id = $1', [record.id, JSON.stringify(confirmations)]));
    return;
  }
  settle(s, record, 'confirmed', confirmations);
  const held = heldOf(s, record);
  if (!ACTION_TABLE[held.action].from.includes(s.view.state)) {
    throw new CommandError('wrong_state', { zh: '案件状态已变化，该申请不能再执行', en: 'The case has moved on; the held request can no longer apply' });
  }
  s.change.notify({ users: [record.requestedBy] }, 'request_approved');
  await apply(held.action, { ...s, action: held.action, input: held.input, confirmed: view.kind });
}

export function declineDecision(s: ActionScope): void {
  const { view, record } = chosen(s, 'confirm', need(s, 'decisionId'));
  const check = mayConfirm(s.actor, view, s.view);
  if (!check.ok) throw new CommandError('forbidden');
  settle(s, record, 'declined', [...record.confirmations, { userId: s.actor.userId, role: check.role, at: s.now.toISOString() }]);
  s.change.event({ event: 'decline', opinion: need(s, 'reason') });
  s.change.notify({ users: [record.requestedBy] }, 'request_rejected');
}
