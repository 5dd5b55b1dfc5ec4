// The accusation firewall of DESIGN §3.4 on the demo bureau: forbidden units, recusal, seal.
import { describe, expect, it } from 'vitest';
import type { Actor, CaseView, SubjectView } from '../../src/domain/case-view.js';
import { assignableUnits, forbiddenSet, forbiddenUnits, isInForbiddenSet, isRecused, unitEligibility } from '../../src/domain/firewall.js';
import { authorize, canSee } from '../../src/domain/policies.js';
import type { Role } from '../../src/domain/roles.js';
import { demoTree } from '../fixtures/demo-tree.js';

const tree = demoTree();
const who = (userId: string, unitId: string, roles: Role[], policeNumber: string): Actor => ({ userId, unitId, roles, policeNumber });
const intake = who('intake', 'dcd', ['intake'], '900101');
const assigner = who('assigner', 'dcd', ['assigner'], '900102');
const supervisionHead = who('supervision_head', 'dcd', ['supervision_head'], '900104');
const bureauLeader = who('bureau_leader', 'sj', ['bureau_leader'], '900105');
const liaison = who('liaison', 'pcs1a', ['liaison', 'handler'], '910301');
const handler = who('handler', 'pcs1a', ['handler'], '910302');
const unitHead = who('unit_head', 'pcs1a', ['unit_head'], '910303');
const fj1Head = who('fj1_head', 'fj1', ['unit_head'], '910102');
const fj1dcLiaison = who('fj1dc_liaison', 'fj1dc', ['liaison'], '910201');
const dcdHandler = who('dcd_handler', 'dcd', ['handler'], '900302');

const subject = (over: Partial<SubjectView>): SubjectView => ({ id: 's1', userId: null, unitId: null, policeNumber: null, rank: null, ...over });

function accusation(subjects: readonly SubjectView[], over: Partial<CaseView> = {}): CaseView {
  return {
    state: 'in_progress', type: 'accusation', scope: 'misconduct', anonymity: 'real_name', reporterConsentsToName: false, subjects, isAccusation: true,
    sealed: false, sealedGroup: [], chain: [], conflicts: [], handlerUserId: null, reporterGrantUnitIds: [], informedUnitIds: [], pending: [], review: null,
    reopenCount: 0, extensionDaysUsedThisCycle: 0,
    flags: { chased: false, supervised: false, suspended: false, overdue: false, returnWindowOpen: true, unitDeadlinePassed: false, followUpDue: false, dissatisfied: false, rated: false, falseAccusationDeclared: false },
    ...over,
  };
}
const onChain = (...units: string[]): Partial<CaseView> => ({ chain: units.map((unitId) => ({ unitId, coUnitIds: [], granted: true })) });

describe('an officer of pcs1a is accused', () => {
  const c = accusation([subject({ userId: 'officer1', unitId: 'pcs1a', policeNumber: '910399', rank: 'officer' })]);

  it('refuses pcs1a and allows the branch 督察大队', () => {
    expect(unitEligibility(c, tree, 'pcs1a')).toEqual({ eligible: false, reason: 'subject_unit' });
    expect(unitEligibility(c, tree, 'fj1dc')).toEqual({ eligible: true });
    expect(unitEligibility(c, tree, 'fj1')).toEqual({ eligible: true });
    expect(unitEligibility(c, tree, 'pcs1b')).toEqual({ eligible: true });
  });

  it('forbids every user of pcs1a, and no one above it', () => {
    const set = forbiddenSet(c, tree);
    expect(isInForbiddenSet(liaison, set)).toBe(true);
    expect(isInForbiddenSet(unitHead, set)).toBe(true);
    expect(isInForbiddenSet(fj1Head, set)).toBe(false);
    expect([...forbiddenUnits(c, tree)].sort()).toEqual(['pcs1a']);
  });

  it('hides the case from pcs1a even if it were put on the chain', () => {
    const wrongly = accusation(c.subjects, onChain('pcs1a'));
    expect(canSee(liaison, wrongly, tree)).toBe(false);
    expect(authorize(liaison, 'sign_for', { ...wrongly, state: 'assigned' }, tree)).toMatchObject({ ok: false, reason: 'not_found' });
    expect(canSee(intake, c, tree)).toBe(true);
  });
});

describe('the head of pcs1a is accused', () => {
  const c = accusation([subject({ userId: 'unit_head', unitId: 'pcs1a', rank: 'unit_leader' })]);

  it('forbids the head above (fj1_head) and therefore fj1 itself', () => {
    expect(isInForbiddenSet(fj1Head, forbiddenSet(c, tree))).toBe(true);
    expect(unitEligibility(c, tree, 'fj1')).toEqual({ eligible: false, reason: 'head_forbidden' });
    expect(unitEligibility(c, tree, 'fj1dc')).toEqual({ eligible: true });
    expect(unitEligibility(c, tree, 'dcd')).toEqual({ eligible: true });
  });
});

describe('the head of fj1 is accused', () => {
  const c = accusation([subject({ userId: 'fj1_head', unitId: 'fj1', rank: 'branch_leader' })], onChain('dcd'));

  it('refuses fj1 and everything below it, allows the city 督察支队', () => {
    expect(unitEligibility(c, tree, 'fj1')).toEqual({ eligible: false, reason: 'subject_unit' });
    expect(unitEligibility(c, tree, 'pcs1a')).toEqual({ eligible: false, reason: 'below_subject_unit' });
    expect(unitEligibility(c, tree, 'fj1dc')).toEqual({ eligible: false, reason: 'below_subject_unit' });
    expect(unitEligibility(c, tree, 'dcd')).toEqual({ eligible: true });
    expect(unitEligibility(c, tree, 'xj1dc')).toEqual({ eligible: true });
  });

  it('makes the case nonexistent for fj1_head everywhere, and for the head above (the bureau leader)', () => {
    expect(isRecused(fj1Head, c)).toBe(true);
    expect(canSee(fj1Head, c, tree)).toBe(false);
    expect(canSee(fj1Head, accusation(c.subjects, onChain('fj1')), tree)).toBe(false);
    expect(canSee(bureauLeader, c, tree)).toBe(false);
    expect(unitEligibility(c, tree, 'sj')).toEqual({ eligible: false, reason: 'head_forbidden' });
    expect(canSee(supervisionHead, c, tree)).toBe(true);
    expect(canSee(dcdHandler, c, tree)).toBe(true);
  });

  it('lists every unit with its eligibility for the assignable-units endpoint', () => {
    const listed = assignableUnits(c, tree);
    expect(listed.map((u) => u.unitId)).toHaveLength(14);
    expect(listed.filter((u) => u.eligibility.eligible).map((u) => u.unitId).sort()).toEqual(['dcd', 'jjdd1', 'jjzd', 'pcs2a', 'pcs2b', 'xj1', 'xj1dc', 'zad', 'zzb']);
  });
});

describe('recusal', () => {
  it('recuses a subject known only by police number', () => {
    const c = accusation([subject({ policeNumber: '910302' })], onChain('pcs1a'));
    expect(isRecused(handler, c)).toBe(true);
    expect(canSee(handler, c, tree)).toBe(false);
    expect(canSee(liaison, c, tree)).toBe(true);
  });

  it('recuses a user who declared a conflict, on any case', () => {
    const complaint: CaseView = { ...accusation([]), type: 'complaint', isAccusation: false, conflicts: ['assigner'] };
    expect(canSee(assigner, complaint, tree)).toBe(false);
    expect(authorize(assigner, 'chase', complaint, tree)).toMatchObject({ reason: 'not_found' });
    expect(canSee(intake, complaint, tree)).toBe(true);
  });
});

describe('sealed cases', () => {
  const sealed = accusation([subject({ userId: 'dcd_head', unitId: 'dcd', rank: 'inspector' })], { sealed: true, sealedGroup: ['supervision_head', 'bureau_leader'], state: 'transferred_out' });

  it('exist only for the named group', () => {
    expect(canSee(supervisionHead, sealed, tree)).toBe(true);
    expect(canSee(bureauLeader, sealed, tree)).toBe(true);
    expect(canSee(intake, sealed, tree)).toBe(false);
    expect(canSee(assigner, sealed, tree)).toBe(false);
    expect(canSee(dcdHandler, sealed, tree)).toBe(false);
    expect(authorize(intake, 'add_note', sealed, tree)).toMatchObject({ reason: 'not_found' });
  });

  it('never go to a unit', () => {
    expect(unitEligibility(sealed, tree, 'xj1dc')).toEqual({ eligible: false, reason: 'sealed' });
  });

  it('still recuse a group member who is accused or conflicted', () => {
    expect(canSee(supervisionHead, { ...sealed, conflicts: ['supervision_head'] }, tree)).toBe(false);
  });
});

describe('units see accusations only through grants on the chain', () => {
  const c = accusation([subject({ userId: 'officer2', unitId: 'pcs2a', rank: 'officer' })]);

  it('hides an accusation held by fj1dc from fj1_head (no sub-unit scope)', () => {
    expect(canSee(fj1dcLiaison, accusation(c.subjects, onChain('fj1dc')), tree)).toBe(true);
    expect(canSee(fj1Head, accusation(c.subjects, onChain('fj1dc')), tree)).toBe(false);
  });

  it('shows it to fj1_head once fj1 holds a grant on the chain, and not after the grant is revoked', () => {
    expect(canSee(fj1Head, accusation(c.subjects, onChain('fj1', 'fj1dc')), tree)).toBe(true);
    const returned = accusation(c.subjects, { chain: [{ unitId: 'fj1', coUnitIds: [], granted: false }, { unitId: 'fj1dc', coUnitIds: [], granted: true }] });
    expect(canSee(fj1Head, returned, tree)).toBe(false);
  });

  it('shows a complaint held by pcs1a to fj1_head through sub-unit scope, but not to other units', () => {
    const complaint: CaseView = { ...accusation([], onChain('pcs1a')), type: 'complaint', isAccusation: false };
    expect(canSee(fj1Head, complaint, tree)).toBe(true);
    expect(canSee(unitHead, complaint, tree)).toBe(true);
    expect(canSee(fj1dcLiaison, complaint, tree)).toBe(false);
    expect(canSee(who('dcd_head', 'dcd', ['unit_head'], '900303'), complaint, tree)).toBe(false);
  });
});
