// Two-person rules of DESIGN §3.3, with the cases that need a second person written out by hand.
import { describe, expect, it } from 'vitest';
import type { CaseView, PendingDecisionView } from '../../src/domain/case-view.js';
import { ACTION_TABLE } from '../../src/domain/lifecycle.js';
import { confirmationFor, isBackdated, isSatisfied, mayConfirm } from '../../src/domain/pending-decisions.js';
import { authorize, availableActions } from '../../src/domain/policies.js';
import { actor, miniTree } from '../fixtures/demo-tree.js';

const tree = miniTree();
const who = actor;
const intake = who('intake', 'dcd', ['intake']);
const assigner = who('assigner', 'dcd', ['assigner']);
const supervisionHead = who('supervision_head', 'dcd', ['supervision_head']);
const deputyHead = who('supervision_head_2', 'dcd', ['supervision_head']);
const bureauLeader = who('bureau_leader', 'sj', ['bureau_leader']);
const liaison = who('liaison', 'pcs1a', ['liaison']);
const unitHead = who('unit_head', 'pcs1a', ['unit_head']);
const fj1Liaison = who('fj1_liaison', 'fj1', ['liaison']);

const NOW = new Date('2026-03-10T09:00:00+08:00');
const subject = { id: 's1', userId: 'x', unitId: 'pcs2a', policeNumber: null, rank: 'officer' } as const;

function view(over: Partial<CaseView> = {}): CaseView {
  return {
    state: 'registered', type: 'complaint', scope: 'opinion', anonymity: 'real_name', reporterConsentsToName: false, subjects: [], isAccusation: false,
    sealed: false, sealedGroup: [], chain: [], conflicts: [], handlerUserId: null, reporterGrantUnitIds: [], informedUnitIds: [], pending: [], review: null,
    reopenCount: 0, extensionDaysUsedThisCycle: 0,
    flags: { chased: false, supervised: false, suspended: false, overdue: false, returnWindowOpen: true, unitDeadlinePassed: false, followUpDue: false, dissatisfied: false, rated: false, falseAccusationDeclared: false },
    ...over,
  };
}
const accusation = view({ type: 'accusation', scope: 'misconduct', isAccusation: true, subjects: [subject] });
const pending = (kind: PendingDecisionView['kind'], requestedBy: string, confirmations: PendingDecisionView['confirmations'] = []): PendingDecisionView => ({
  id: `${kind}-1`, kind, requestedBy, requestedAt: '2026-03-09T10:00:00+08:00', confirmations,
});
const needs = (action: 'accept' | 'not_accept' | 'merge' | 'reclassify' | 'reopen', c: CaseView, input: Record<string, unknown> = {}): boolean =>
  ACTION_TABLE[action].needsConfirmation?.({ caseView: c, input, now: NOW }) ?? false;

describe('which submissions wait for a second person', () => {
  it('holds keep_on_file, transfer, refer and report_up of an accusation, not of a complaint', () => {
    for (const mode of ['keep_on_file', 'transfer', 'refer', 'report_up']) {
      expect(confirmationFor('accept', { caseView: accusation, input: { mode }, now: NOW })).toBe(mode);
      expect(needs('accept', view(), { mode, type: 'complaint' })).toBe(false);
    }
    expect(needs('accept', accusation, { mode: 'assign' })).toBe(false);
    expect(needs('accept', accusation, { mode: 'direct' })).toBe(false);
  });

  it('holds an accept that makes a case an accusation and keeps it on file', () => {
    expect(confirmationFor('accept', { caseView: view(), input: { mode: 'keep_on_file', type: 'accusation' }, now: NOW })).toBe('keep_on_file');
  });

  it('holds not_accept and merge of accusations only', () => {
    expect(needs('not_accept', accusation)).toBe(true);
    expect(needs('merge', accusation)).toBe(true);
    expect(needs('not_accept', view())).toBe(false);
    expect(needs('merge', view())).toBe(false);
  });

  it('holds "not identifiable" subjects of an accusation', () => {
    const unlinked = view({ type: 'accusation', isAccusation: true });
    expect(confirmationFor('accept', { caseView: unlinked, input: { mode: 'assign', notIdentifiable: true }, now: NOW })).toBe('not_identifiable');
  });

  it('holds reclassifications that remove accusation status or a subject, and receipts backdated over 3 days', () => {
    // A subject keeps a consultation an accusation (DESIGN §2); praise with the same subject is not one.
    expect(confirmationFor('reclassify', { caseView: accusation, input: { type: 'consultation', scope: 'other', subjects: [{ id: 's1' }] }, now: NOW })).toBeNull();
    expect(confirmationFor('reclassify', { caseView: accusation, input: { type: 'praise', scope: 'praise', subjects: [{ id: 's1' }] }, now: NOW })).toBe('reclassify');
    expect(confirmationFor('reclassify', { caseView: accusation, input: { subjects: [] }, now: NOW })).toBe('reclassify');
    expect(confirmationFor('reclassify', { caseView: accusation, input: { subjects: [{ id: 's1' }, { name: '新增' }] }, now: NOW })).toBeNull();
    expect(confirmationFor('reclassify', { caseView: view(), input: { type: 'accusation' }, now: NOW })).toBeNull();
    expect(confirmationFor('reclassify', { caseView: view(), input: { receivedAt: '2026-03-06T08:00:00+08:00' }, now: NOW })).toBe('backdated_receipt');
    expect(confirmationFor('reclassify', { caseView: view(), input: { receivedAt: '2026-03-08T08:00:00+08:00' }, now: NOW })).toBeNull();
    expect(isBackdated(new Date('2026-03-07T08:59:00+08:00'), NOW)).toBe(true);
  });

  it('holds the third and every later reopening', () => {
    const closed = view({ state: 'closed' });
    expect(needs('reopen', { ...closed, reopenCount: 0 })).toBe(false);
    expect(needs('reopen', { ...closed, reopenCount: 1 })).toBe(false);
    expect(needs('reopen', { ...closed, reopenCount: 2 })).toBe(true);
    expect(confirmationFor('reopen', { caseView: { ...closed, reopenCount: 3 }, input: {}, now: NOW })).toBe('reopen');
  });
});

describe('who may confirm', () => {
  it('never the requester, even with the right role', () => {
    const c = { ...accusation, pending: [pending('keep_on_file', 'supervision_head')] };
    expect(mayConfirm(supervisionHead, c.pending[0]!, c)).toEqual({ ok: false, why: 'requester' });
    expect(mayConfirm(deputyHead, c.pending[0]!, c)).toEqual({ ok: true, role: 'supervision_head' });
    expect(authorize(supervisionHead, 'confirm', c, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(deputyHead, 'confirm', c, tree)).toEqual({ ok: true });
  });

  it('the supervision_head for accusation confirmations, not the assigner', () => {
    const c = { ...accusation, pending: [pending('not_accept', 'intake')] };
    expect(authorize(supervisionHead, 'confirm', c, tree)).toEqual({ ok: true });
    expect(authorize(supervisionHead, 'decline', c, tree)).toEqual({ ok: true });
    expect(authorize(assigner, 'confirm', c, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(intake, 'confirm', c, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('the supervision_head for a third reopening', () => {
    const c = view({ state: 'closed', reopenCount: 2, chain: [{ unitId: 'pcs1a', coUnitIds: [], granted: true }], pending: [pending('reopen', 'assigner')] });
    expect(authorize(supervisionHead, 'confirm', c, tree)).toEqual({ ok: true });
    expect(authorize(assigner, 'confirm', c, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('reports wrong_state when nothing waits', () => {
    expect(authorize(supervisionHead, 'confirm', accusation, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });

  it('offers confirm with the decisions this user may settle', () => {
    const c = { ...accusation, pending: [pending('keep_on_file', 'intake')] };
    const offer = availableActions(c, supervisionHead, tree).find((a) => a.code === 'confirm');
    expect(offer?.fields.properties?.decisionId?.enum).toEqual(['keep_on_file-1']);
    expect(availableActions(c, intake, tree).map((a) => a.code)).not.toContain('confirm');
  });

  it('a firewall override needs both the supervision_head and a bureau_leader, outside the chain', () => {
    const d = pending('firewall_override', 'assigner');
    const c = { ...accusation, state: 'ready_to_assign' as const, pending: [d] };
    expect(mayConfirm(supervisionHead, d, c)).toEqual({ ok: true, role: 'supervision_head' });
    const once = pending('firewall_override', 'assigner', [{ userId: 'supervision_head', role: 'supervision_head' }]);
    expect(isSatisfied(once)).toBe(false);
    expect(mayConfirm(deputyHead, once, c)).toEqual({ ok: false, why: 'role' });
    expect(mayConfirm(bureauLeader, once, c)).toEqual({ ok: true, role: 'bureau_leader' });
    expect(isSatisfied(pending('firewall_override', 'assigner', [{ userId: 'supervision_head', role: 'supervision_head' }, { userId: 'bureau_leader', role: 'bureau_leader' }]))).toBe(true);
    const onChain = { ...c, chain: [{ unitId: 'sj', coUnitIds: [], granted: true }] };
    expect(mayConfirm(bureauLeader, once, onChain)).toEqual({ ok: false, why: 'on_chain' });
  });
});

describe('returns', () => {
  const requested = pending('return', 'liaison');

  it('are decided by the level above, or by the assigner', () => {
    const twoLevels = view({ state: 'assigned', chain: [{ unitId: 'fj1', coUnitIds: [], granted: true }, { unitId: 'pcs1a', coUnitIds: [], granted: true }], pending: [requested] });
    expect(authorize(fj1Liaison, 'decide_return', twoLevels, tree)).toEqual({ ok: true });
    expect(authorize(assigner, 'decide_return', twoLevels, tree)).toEqual({ ok: true });
    expect(authorize(unitHead, 'decide_return', twoLevels, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(liaison, 'decide_return', twoLevels, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('at the top only by the assigner', () => {
    const top = view({ state: 'in_progress', chain: [{ unitId: 'pcs1a', coUnitIds: [], granted: true }], pending: [requested] });
    expect(authorize(assigner, 'decide_return', top, tree)).toEqual({ ok: true });
    expect(authorize(unitHead, 'decide_return', top, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('cannot be asked twice', () => {
    const top = view({ state: 'in_progress', chain: [{ unitId: 'pcs1a', coUnitIds: [], granted: true }], pending: [requested] });
    expect(authorize(liaison, 'request_return', top, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(authorize(liaison, 'request_return', { ...top, pending: [] }, tree)).toEqual({ ok: true });
  });
});

describe('extensions and suspensions', () => {
  const c = view({ state: 'in_progress', chain: [{ unitId: 'pcs1a', coUnitIds: [], granted: true }] });

  it('are requested by the unit head and decided by the supervision_head', () => {
    const waiting = { ...c, pending: [pending('extension', 'unit_head')] };
    expect(authorize(supervisionHead, 'decide_extension', waiting, tree)).toEqual({ ok: true });
    expect(authorize(assigner, 'decide_extension', waiting, tree)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(authorize(supervisionHead, 'decide_extension', c, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(authorize(unitHead, 'request_extension', waiting, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(authorize(unitHead, 'request_extension', { ...c, extensionDaysUsedThisCycle: 30 }, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    const suspension = { ...c, pending: [pending('suspension', 'unit_head')] };
    expect(authorize(supervisionHead, 'decide_suspension', suspension, tree)).toEqual({ ok: true });
  });
});

describe('one decision at a time', () => {
  const archivist = who('archivist', 'dcd', ['archivist']);

  it('no second acceptance decision while one waits for confirmation', () => {
    const waiting = { ...accusation, pending: [pending('keep_on_file', 'intake')] };
    for (const action of ['accept', 'not_accept', 'merge'] as const) {
      expect(authorize(intake, action, waiting, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
      expect(authorize(intake, action, accusation, tree)).toEqual({ ok: true });
    }
    // A backdated receipt waiting does not hold the acceptance up.
    expect(authorize(intake, 'accept', { ...accusation, pending: [pending('backdated_receipt', 'assigner')] }, tree)).toEqual({ ok: true });
  });

  it('neither reopen nor explain while a reopening waits; archive only once the dissatisfaction is answered', () => {
    const dissatisfied = view({ state: 'closed', reopenCount: 2, flags: { ...view().flags, dissatisfied: true } });
    const waiting = { ...dissatisfied, pending: [pending('reopen', 'assigner')] };
    expect(authorize(assigner, 'explain', dissatisfied, tree)).toEqual({ ok: true });
    expect(authorize(assigner, 'explain', waiting, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(authorize(assigner, 'reopen', waiting, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(authorize(archivist, 'archive', dissatisfied, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(authorize(archivist, 'archive', { ...waiting, flags: view().flags }, tree)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(authorize(archivist, 'archive', view({ state: 'closed' }), tree)).toEqual({ ok: true });
  });
});
