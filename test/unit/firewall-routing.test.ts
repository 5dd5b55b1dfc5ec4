// Routing of accusations by the subject's rank (DESIGN §3.4), on the demo bureau.
import { describe, expect, it } from 'vitest';
import type { CaseView, SubjectView } from '../../src/domain/case-view.js';
import { DEFAULT_ROUTING, sealRequired, suggestRoute, suggestUnit, type RoutingTable } from '../../src/domain/routing.js';
import { demoTree } from '../fixtures/demo-tree.js';

const tree = demoTree();

describe('suggestUnit', () => {
  it('sends an officer of a station to the 督察大队 of the branch or county above', () => {
    expect(suggestUnit({ unitId: 'pcs1a', rank: 'officer' }, tree)).toEqual({ mode: 'assign', unitId: 'fj1dc', withDisciplineInspection: false });
    expect(suggestUnit({ unitId: 'pcs2b', rank: 'officer' }, tree)).toEqual({ mode: 'assign', unitId: 'xj1dc', withDisciplineInspection: false });
    expect(suggestUnit({ unitId: 'fj1', rank: 'officer' }, tree)).toEqual({ mode: 'assign', unitId: 'fj1dc', withDisciplineInspection: false });
  });

  it('sends an officer outside any branch (a city detachment) to the city 督察支队', () => {
    expect(suggestUnit({ unitId: 'jjdd1', rank: 'officer' }, tree)).toEqual({ mode: 'assign', unitId: 'dcd', withDisciplineInspection: false });
  });

  it('sends station leaders to the city 督察支队, branch leaders with discipline inspection', () => {
    expect(suggestUnit({ unitId: 'pcs1a', rank: 'unit_leader' }, tree)).toEqual({ mode: 'assign', unitId: 'dcd', withDisciplineInspection: false });
    expect(suggestUnit({ unitId: 'fj1', rank: 'branch_leader' }, tree)).toEqual({ mode: 'assign', unitId: 'dcd', withDisciplineInspection: true });
  });

  it('reports city leaders and inspectors up, sealed', () => {
    expect(suggestUnit({ unitId: 'sj', rank: 'city_leader' }, tree)).toEqual({ mode: 'report_up', sealed: true });
    expect(suggestUnit({ unitId: 'fj1dc', rank: 'inspector' }, tree)).toEqual({ mode: 'report_up', sealed: true });
  });

  it('suggests nothing without a rank or a known unit', () => {
    expect(suggestUnit({ unitId: 'pcs1a', rank: null }, tree)).toEqual({ mode: 'none', reason: 'rank_unknown' });
    expect(suggestUnit({ unitId: 'nowhere', rank: 'officer' }, tree)).toEqual({ mode: 'none', reason: 'unit_unknown' });
  });

  it('follows a bureau that configures otherwise', () => {
    const strict: RoutingTable = { ...DEFAULT_ROUTING, officer: { route: 'city_inspection', withDisciplineInspection: false } };
    expect(suggestUnit({ unitId: 'pcs1a', rank: 'officer' }, tree, strict)).toEqual({ mode: 'assign', unitId: 'dcd', withDisciplineInspection: false });
  });
});

describe('suggestRoute', () => {
  const subject = (id: string, unitId: string, rank: SubjectView['rank'], userId: string | null = null): SubjectView => ({ id, userId, unitId, policeNumber: null, rank });
  const view = (subjects: SubjectView[]): CaseView => ({
    state: 'registered', type: 'accusation', scope: 'misconduct', anonymity: 'anonymous', reporterConsentsToName: false, subjects, isAccusation: true,
    sealed: false, sealedGroup: [], chain: [], conflicts: [], handlerUserId: null, reporterGrantUnitIds: [], informedUnitIds: [], pending: [], review: null,
    reopenCount: 0, extensionDaysUsedThisCycle: 0,
    flags: { chased: false, supervised: false, suspended: false, overdue: false, returnWindowOpen: false, unitDeadlinePassed: false, followUpDue: false, dissatisfied: false, rated: false, falseAccusationDeclared: false },
  });

  it('lets the most senior subject decide', () => {
    expect(suggestRoute(view([subject('a', 'pcs1a', 'officer'), subject('b', 'pcs1a', 'unit_leader')]), tree)).toMatchObject({ mode: 'assign', unitId: 'dcd' });
    expect(suggestRoute(view([subject('a', 'pcs1a', 'officer'), subject('b', 'sj', 'city_leader')]), tree)).toEqual({ mode: 'report_up', sealed: true });
  });

  it('falls back to the city when the firewall refuses the branch 督察大队', () => {
    // An officer recorded in fj1 itself: fj1dc lies below the subject unit.
    expect(suggestRoute(view([subject('a', 'fj1', 'officer')]), tree)).toMatchObject({ mode: 'assign', unitId: 'dcd' });
  });
});

describe('sealRequired', () => {
  const base = (subjects: SubjectView[], isAccusation = true): CaseView => ({
    state: 'registered', type: 'accusation', scope: 'misconduct', anonymity: 'anonymous', reporterConsentsToName: false, subjects, isAccusation,
    sealed: false, sealedGroup: [], chain: [], conflicts: [], handlerUserId: null, reporterGrantUnitIds: [], informedUnitIds: [], pending: [], review: null,
    reopenCount: 0, extensionDaysUsedThisCycle: 0,
    flags: { chased: false, supervised: false, suspended: false, overdue: false, returnWindowOpen: false, unitDeadlinePassed: false, followUpDue: false, dissatisfied: false, rated: false, falseAccusationDeclared: false },
  });
  const s = (unitId: string | null, rank: SubjectView['rank']): SubjectView => ({ id: 'x', userId: null, unitId, policeNumber: null, rank });

  it('seals accusations against city leaders, inspectors and the centre itself', () => {
    expect(sealRequired(base([s('sj', 'city_leader')]), tree)).toBe(true);
    expect(sealRequired(base([s('fj1dc', 'inspector')]), tree)).toBe(true);
    expect(sealRequired(base([s('dcd', null)]), tree)).toBe(true);
    expect(sealRequired(base([s('sj', null)]), tree)).toBe(true);
  });

  it('leaves other accusations and non-accusations unsealed', () => {
    expect(sealRequired(base([s('pcs1a', 'officer')]), tree)).toBe(false);
    expect(sealRequired(base([s('fj1', 'branch_leader')]), tree)).toBe(false);
    expect(sealRequired(base([s('sj', 'city_leader')], false), tree)).toBe(false);
  });
});
