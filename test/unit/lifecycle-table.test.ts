// The DESIGN §3.2 table, spot-checked row by row with hand-written expectations (never read back from the table).
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../src/domain/case-states.js';
import { CASE_STATES } from '../../src/domain/case-states.js';
import type { Actor, CaseView, ChainLevel } from '../../src/domain/case-view.js';
import { ACTION_TABLE, CASE_ACTIONS, INITIAL_STATE, LIFECYCLE, reporterMay, transitionFor, type CaseAction } from '../../src/domain/lifecycle.js';
import { authorize, availableActions } from '../../src/domain/policies.js';
import type { Role } from '../../src/domain/roles.js';
import { demoTree } from '../fixtures/demo-tree.js';

const tree = demoTree();

const who = (userId: string, unitId: string, roles: Role[]): Actor => ({ userId, unitId, roles, policeNumber: `PN-${userId}` });
const U = {
  intake: who('intake', 'dcd', ['intake']),
  assigner: who('assigner', 'dcd', ['assigner']),
  duty_leader: who('duty_leader', 'sj', ['duty_leader']),
  supervision_head: who('supervision_head', 'dcd', ['supervision_head']),
  bureau_leader: who('bureau_leader', 'sj', ['bureau_leader']),
  followup: who('followup', 'dcd', ['followup']),
  archivist: who('archivist', 'dcd', ['archivist']),
  sysadmin: who('sysadmin', 'sj', ['sysadmin']),
  liaison: who('liaison', 'pcs1a', ['liaison', 'handler']),
  handler: who('handler', 'pcs1a', ['handler']),
  unit_head: who('unit_head', 'pcs1a', ['unit_head']),
  handler2: who('handler2', 'pcs2a', ['handler']),
  fj1_liaison: who('fj1_liaison', 'fj1', ['liaison']),
  fj1dc_liaison: who('fj1dc_liaison', 'fj1dc', ['liaison']),
};

const level = (unitId: string): ChainLevel => ({ unitId, coUnitIds: [], granted: true });
const CHAIN_FROM_ASSIGNED: CaseState[] = ['assigned', 'in_progress', 'under_review', 'replied', 'closed', 'archived'];

function view(state: CaseState, over: Partial<CaseView> = {}): CaseView {
  return {
    state, type: 'complaint', scope: 'opinion', anonymity: 'real_name', reporterConsentsToName: false, subjects: [], isAccusation: false,
    sealed: false, sealedGroup: [], chain: CHAIN_FROM_ASSIGNED.includes(state) ? [level('pcs1a')] : [], conflicts: [], handlerUserId: null,
    reporterGrantUnitIds: [], informedUnitIds: [], pending: [], review: state === 'under_review' ? { at: 'unit', level: 0 } : null, reopenCount: 0, extensionDaysUsedThisCycle: 0,
    flags: {
      chased: false, supervised: false, suspended: false, overdue: false, returnWindowOpen: true, unitDeadlinePassed: false,
      followUpDue: false, dissatisfied: false, rated: false, falseAccusationDeclared: false,
    },
    ...over,
  };
}

type Outcome = 'ok' | 'not_found' | 'forbidden' | 'wrong_state';
const outcome = (actor: Actor, action: CaseAction, c: CaseView): Outcome => {
  const r = authorize(actor, action, c, tree);
  return r.ok ? 'ok' : r.reason;
};

const flags = (f: Partial<CaseView['flags']>): Partial<CaseView> => ({ flags: { ...view('closed').flags, ...f } });
const accusation: Partial<CaseView> = { type: 'accusation', isAccusation: true, subjects: [{ id: 's1', userId: 'x', unitId: 'pcs2a', policeNumber: 'X1', rank: 'officer' }] };

// [who, action, state, case overrides, expected]
const ROWS: [keyof typeof U, CaseAction, CaseState, Partial<CaseView>, Outcome][] = [
  ['intake', 'accept', 'registered', {}, 'ok'],
  ['intake', 'reissue_query_code', 'archived', {}, 'ok'],
  ['followup', 'reissue_query_code', 'closed', {}, 'ok'],
  ['intake', 'reissue_query_code', 'in_progress', { anonymity: 'anonymous' }, 'wrong_state'],
  ['assigner', 'reissue_query_code', 'in_progress', {}, 'forbidden'],
  ['handler', 'reissue_query_code', 'in_progress', {}, 'forbidden'],
  ['handler2', 'reissue_query_code', 'in_progress', {}, 'not_found'],
  ['assigner', 'accept', 'registered', {}, 'forbidden'],
  ['intake', 'accept', 'awaiting_instruction', {}, 'wrong_state'],
  ['intake', 'not_accept', 'registered', {}, 'ok'],
  ['intake', 'merge', 'registered', {}, 'ok'],
  ['duty_leader', 'instruct', 'awaiting_instruction', {}, 'ok'],
  ['bureau_leader', 'instruct', 'awaiting_instruction', {}, 'ok'],
  ['assigner', 'instruct', 'awaiting_instruction', {}, 'forbidden'],
  ['duty_leader', 'instruct', 'ready_to_assign', {}, 'wrong_state'],
  ['assigner', 'record_instruction', 'awaiting_instruction', {}, 'ok'],
  ['intake', 'record_instruction', 'awaiting_instruction', {}, 'ok'],
  ['assigner', 'assign', 'ready_to_assign', {}, 'ok'],
  ['intake', 'assign', 'ready_to_assign', {}, 'forbidden'],
  ['assigner', 'assign', 'in_progress', {}, 'wrong_state'],
  ['liaison', 'sign_for', 'assigned', {}, 'ok'],
  ['handler', 'sign_for', 'assigned', {}, 'forbidden'],
  ['unit_head', 'sign_for', 'assigned', {}, 'forbidden'],
  ['liaison', 'sign_for', 'in_progress', {}, 'wrong_state'],
  ['fj1dc_liaison', 'sign_for', 'assigned', {}, 'not_found'],
  ['fj1_liaison', 'sign_for', 'assigned', { chain: [level('fj1'), level('pcs1a')] }, 'forbidden'],
  ['fj1_liaison', 'redispatch', 'in_progress', { chain: [level('fj1')] }, 'ok'],
  ['liaison', 'redispatch', 'in_progress', {}, 'forbidden'],
  ['liaison', 'request_return', 'assigned', {}, 'ok'],
  ['liaison', 'request_return', 'assigned', flags({ returnWindowOpen: false }), 'wrong_state'],
  ['liaison', 'assign_handler', 'in_progress', {}, 'ok'],
  ['unit_head', 'assign_handler', 'in_progress', {}, 'ok'],
  ['handler', 'assign_handler', 'in_progress', {}, 'forbidden'],
  ['handler', 'record_contact', 'in_progress', {}, 'ok'],
  ['intake', 'record_contact', 'in_progress', {}, 'forbidden'],
  ['intake', 'record_contact', 'direct_handling', {}, 'ok'],
  ['handler', 'submit_result', 'in_progress', {}, 'ok'],
  ['liaison', 'submit_result', 'in_progress', { handlerUserId: 'handler' }, 'forbidden'],
  ['handler', 'submit_result', 'assigned', {}, 'wrong_state'],
  ['unit_head', 'review', 'under_review', {}, 'ok'],
  ['assigner', 'review', 'under_review', {}, 'wrong_state'],
  ['assigner', 'review', 'under_review', { review: { at: 'centre' } }, 'ok'],
  ['unit_head', 'review', 'under_review', { review: { at: 'centre' } }, 'wrong_state'],
  ['handler', 'review', 'under_review', {}, 'forbidden'],
  ['assigner', 'reply', 'under_review', { review: { at: 'approved' } }, 'ok'],
  ['assigner', 'reply', 'under_review', { review: { at: 'centre' } }, 'wrong_state'],
  ['intake', 'reply', 'direct_handling', {}, 'ok'],
  ['intake', 'reply', 'under_review', { review: { at: 'approved' } }, 'forbidden'],
  ['assigner', 'close', 'replied', {}, 'ok'],
  ['intake', 'close', 'replied', {}, 'forbidden'],
  ['unit_head', 'request_extension', 'in_progress', {}, 'ok'],
  ['liaison', 'request_extension', 'in_progress', {}, 'forbidden'],
  ['unit_head', 'request_extension', 'in_progress', flags({ unitDeadlinePassed: true }), 'wrong_state'],
  ['unit_head', 'request_suspension', 'in_progress', {}, 'ok'],
  ['unit_head', 'resume', 'in_progress', flags({ suspended: true }), 'ok'],
  ['supervision_head', 'resume', 'in_progress', flags({ suspended: true }), 'ok'],
  ['unit_head', 'resume', 'in_progress', {}, 'wrong_state'],
  ['followup', 'record_follow_up', 'closed', flags({ followUpDue: true }), 'ok'],
  ['followup', 'record_follow_up', 'closed', {}, 'wrong_state'],
  ['assigner', 'record_follow_up', 'closed', flags({ followUpDue: true }), 'forbidden'],
  ['assigner', 'reopen', 'closed', flags({ dissatisfied: true }), 'ok'],
  ['assigner', 'reopen', 'closed', {}, 'wrong_state'],
  ['assigner', 'explain', 'closed', flags({ dissatisfied: true }), 'ok'],
  ['assigner', 'chase', 'in_progress', {}, 'ok'],
  ['assigner', 'chase', 'closed', {}, 'wrong_state'],
  ['intake', 'chase', 'in_progress', {}, 'forbidden'],
  ['supervision_head', 'supervise', 'assigned', {}, 'ok'],
  ['intake', 'dispatch_onsite', 'registered', {}, 'ok'],
  ['assigner', 'dispatch_onsite', 'in_progress', {}, 'ok'],
  ['intake', 'dispatch_onsite', 'assigned', {}, 'wrong_state'],
  ['supervision_head', 'declare_false_accusation', 'closed', accusation, 'ok'],
  ['supervision_head', 'declare_false_accusation', 'closed', {}, 'wrong_state'],
  ['assigner', 'declare_false_accusation', 'closed', accusation, 'forbidden'],
  ['intake', 'reclassify', 'under_review', {}, 'ok'],
  ['intake', 'reclassify', 'closed', {}, 'wrong_state'],
  ['handler', 'add_note', 'in_progress', {}, 'ok'],
  ['supervision_head', 'grant_original', 'in_progress', {}, 'ok'],
  ['liaison', 'grant_original', 'in_progress', {}, 'forbidden'],
  ['intake', 'message_reporter', 'in_progress', {}, 'ok'],
  ['intake', 'message_reporter', 'in_progress', accusation, 'wrong_state'],
  ['intake', 'message_reporter', 'replied', accusation, 'ok'],
  ['handler', 'message_reporter', 'in_progress', {}, 'forbidden'],
  ['archivist', 'archive', 'closed', {}, 'ok'],
  ['archivist', 'archive', 'closed', flags({ followUpDue: true }), 'wrong_state'],
  ['archivist', 'archive', 'not_accepted', {}, 'ok'],
  ['archivist', 'archive', 'in_progress', {}, 'wrong_state'],
  ['assigner', 'archive', 'closed', {}, 'forbidden'],
  // Archived: nothing but recusal and break-glass reads.
  ['archivist', 'archive', 'archived', {}, 'wrong_state'],
  ['assigner', 'chase', 'archived', {}, 'wrong_state'],
  ['intake', 'add_note', 'archived', {}, 'wrong_state'],
  ['assigner', 'reclassify', 'archived', {}, 'wrong_state'],
  ['intake', 'declare_conflict', 'archived', {}, 'ok'],
  ['bureau_leader', 'reveal_reporter', 'archived', {}, 'ok'],
  // Outside scope: 404 whatever the action.
  ['sysadmin', 'add_note', 'in_progress', {}, 'not_found'],
  ['handler2', 'add_note', 'in_progress', {}, 'not_found'],
  ['handler2', 'accept', 'registered', {}, 'not_found'],
  // The reporter's actions are never a staff user's.
  ['intake', 'add_information', 'registered', {}, 'forbidden'],
];

describe('lifecycle table: who may do what, where', () => {
  it.each(ROWS)('%s %s in %s → %s', (user, action, state, over, expected) => {
    expect(outcome(U[user], action, view(state, over))).toBe(expected);
  });

  it('has a row for every action code of DESIGN §3.2 plus the reporter actions', () => {
    const codes = 'accept not_accept merge instruct record_instruction assign sign_for redispatch request_return decide_return assign_handler record_contact submit_result review reply close request_extension decide_extension request_suspension decide_suspension resume record_follow_up reopen explain chase supervise dispatch_onsite declare_false_accusation reclassify declare_conflict reveal_reporter grant_original add_note message_reporter reissue_query_code confirm decline archive add_information rate';
    expect([...CASE_ACTIONS].sort()).toEqual(codes.split(' ').sort());
    expect(Object.keys(ACTION_TABLE).sort()).toEqual(codes.split(' ').sort());
  });

  it('lists, per state, the transitions open there', () => {
    expect(Object.keys(LIFECYCLE).sort()).toEqual([...CASE_STATES].sort());
    expect(LIFECYCLE.archived.map((t) => t.action).sort()).toEqual(['declare_conflict', 'grant_original', 'reissue_query_code', 'reveal_reporter']);
    expect(LIFECYCLE.registered.map((t) => t.action)).toEqual(expect.arrayContaining(['accept', 'not_accept', 'merge', 'dispatch_onsite', 'add_information']));
    expect(INITIAL_STATE).toBe('registered');
  });

  it('gives every action a bilingual label and a strict object form', () => {
    for (const a of CASE_ACTIONS) {
      const t = ACTION_TABLE[a];
      expect(t.label.zh).toMatch(/[\u4e00-\u9fff]/u);
      expect(t.fields.type).toBe('object');
      expect(t.fields.additionalProperties).toBe(false);
    }
    expect(ACTION_TABLE.accept.fields.properties?.mode?.enum).toEqual(['direct', 'assign', 'for_information', 'keep_on_file', 'transfer', 'refer', 'report_up']);
    expect(ACTION_TABLE.reply.fields.properties?.method?.enum).toEqual(['phone', 'in_person', 'written', 'sms', 'online']);
    expect(ACTION_TABLE.record_follow_up.fields.properties?.outcome?.enum).toEqual(['satisfied', 'basically_satisfied', 'dissatisfied', 'no_answer', 'wrong_number', 'refused', 'do_not_call']);
    expect(ACTION_TABLE.record_follow_up.fields.properties?.reasons?.items?.enum).toEqual(['result', 'attitude', 'not_contacted', 'unresolved', 'unreasonable']);
    expect(ACTION_TABLE.submit_result.fields.properties?.finding?.enum).toEqual(['substantiated', 'partly_substantiated', 'unsubstantiated', 'unverifiable']);
  });
});

describe('the reporter', () => {
  it('adds information while the case is open, and rates once it is replied', () => {
    expect(transitionFor('registered', 'add_information', 'reporter')).not.toBeNull();
    expect(transitionFor('replied', 'add_information', 'reporter')).not.toBeNull();
    expect(transitionFor('closed', 'add_information', 'reporter')).toBeNull();
    expect(transitionFor('registered', 'add_information', 'intake')).toBeNull();
    expect(reporterMay('rate', view('in_progress'))).toBe(false);
    expect(reporterMay('rate', view('replied'))).toBe(true);
    expect(reporterMay('rate', view('closed'))).toBe(true);
    expect(reporterMay('rate', view('replied', flags({ rated: true })))).toBe(false);
  });
});

describe('availableActions', () => {
  it('offers the liaison of the assigned unit exactly its buttons', () => {
    expect(availableActions(view('assigned'), U.liaison, tree).map((a) => a.code)).toEqual(['sign_for', 'request_return', 'declare_conflict', 'reveal_reporter', 'add_note']);
  });

  it('lets only a liaison who is also a handler sign for and handle it themselves', () => {
    const own = availableActions(view('assigned'), U.liaison, tree).find((a) => a.code === 'sign_for');
    expect(Object.keys(own?.fields.properties ?? {})).toEqual(['handleMyself']);
    const plain = availableActions(view('assigned', { chain: [level('fj1')] }), U.fj1_liaison, tree).find((a) => a.code === 'sign_for');
    expect(plain?.fields.properties).toEqual({});
  });

  it('offers the intake clerk the screening buttons of a new case', () => {
    expect(availableActions(view('registered'), U.intake, tree).map((a) => a.code)).toEqual(['accept', 'not_accept', 'merge', 'dispatch_onsite', 'reclassify', 'declare_conflict', 'add_note', 'message_reporter', 'reissue_query_code']);
    // An anonymous report has no identity to check: no new query code (DESIGN §7.4).
    expect(availableActions(view('registered', { anonymity: 'anonymous' }), U.intake, tree).map((a) => a.code)).not.toContain('reissue_query_code');
  });

  it('offers nothing to a user who cannot see the case', () => {
    expect(availableActions(view('in_progress'), U.handler2, tree)).toEqual([]);
    expect(availableActions(view('in_progress'), U.sysadmin, tree)).toEqual([]);
  });

  it('puts the eligible units of an accusation into the assign form', () => {
    const c = view('ready_to_assign', { ...accusation, subjects: [{ id: 's1', userId: 'p1', unitId: 'pcs1a', policeNumber: 'P1', rank: 'officer' }] });
    const assign = availableActions(c, U.assigner, tree).find((a) => a.code === 'assign');
    const units = assign?.fields.properties?.leadUnitId?.enum ?? [];
    expect(units).toContain('fj1dc');
    expect(units).toContain('dcd');
    expect(units).not.toContain('pcs1a');
  });

  it('requires the investigation report of an accusation', () => {
    const c = view('in_progress', accusation);
    const form = availableActions(c, U.handler2, tree);
    expect(form).toEqual([]);
    const own = view('in_progress', { ...accusation, chain: [level('pcs1a')] });
    const submit = availableActions(own, U.handler, tree).find((a) => a.code === 'submit_result');
    expect(submit?.fields.required).toContain('investigationReport');
    const complaint = availableActions(view('in_progress'), U.handler, tree).find((a) => a.code === 'submit_result');
    expect(complaint?.fields.required).not.toContain('investigationReport');
  });
});
