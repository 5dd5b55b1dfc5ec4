// Who sees the reporter (DESIGN §7.2), with the defaults written out by hand.
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../src/domain/case-view.js';
import { availableActions } from '../../src/domain/policies.js';
import { defaultReporterVisibility, mayRevealReporter, reporterAccessFor } from '../../src/domain/reporter-visibility.js';
import { actor, miniTree } from '../fixtures/demo-tree.js';

const tree = miniTree();
const who = actor;
const intake = who('intake', 'dcd', ['intake']);
const followup = who('followup', 'dcd', ['followup']);
const dutyLeader = who('duty_leader', 'sj', ['duty_leader']);
const handler = who('handler', 'pcs1a', ['handler']);
const otherHandler = who('handler_b', 'pcs1a', ['handler']);
const unitHead = who('unit_head', 'pcs1a', ['unit_head']);
const fj1Head = who('fj1_head', 'fj1', ['unit_head']);
const sysadmin = who('sysadmin', 'sj', ['sysadmin']);

function view(over: Partial<CaseView> = {}): CaseView {
  return {
    state: 'in_progress', type: 'complaint', scope: 'opinion', anonymity: 'real_name', reporterConsentsToName: false, subjects: [], isAccusation: false,
    sealed: false, sealedGroup: [], chain: [{ unitId: 'pcs1a', coUnitIds: [], granted: true }], conflicts: [], handlerUserId: 'handler',
    reporterGrantUnitIds: [], informedUnitIds: [], pending: [], review: null, reopenCount: 0, extensionDaysUsedThisCycle: 0,
    flags: { chased: false, supervised: false, suspended: false, overdue: false, returnWindowOpen: false, unitDeadlinePassed: false, followUpDue: false, dissatisfied: false, rated: false, falseAccusationDeclared: false },
    ...over,
  };
}
const accusation: Partial<CaseView> = { type: 'accusation', isAccusation: true, subjects: [{ id: 's', userId: 'x', unitId: 'pcs2a', policeNumber: null, rank: 'officer' }] };

describe('the default table', () => {
  it('lets the reporter-facing centre roles see everything', () => {
    for (const role of ['intake', 'assigner', 'followup', 'supervision_head'] as const) {
      expect(defaultReporterVisibility(role, 'accusation', 'registered')).toBe('full');
      expect(defaultReporterVisibility(role, 'complaint', 'closed')).toBe('full');
    }
  });

  it('shows nothing to leaders and the archivist by default', () => {
    expect(defaultReporterVisibility('duty_leader', 'complaint', 'awaiting_instruction')).toBe('none');
    expect(defaultReporterVisibility('bureau_leader', 'accusation', 'awaiting_instruction')).toBe('none');
    expect(defaultReporterVisibility('archivist', 'complaint', 'closed')).toBe('none');
  });

  it("gives the handler the contact of complaints, suggestions, consultations and other while the unit works on them", () => {
    expect(defaultReporterVisibility('handler', 'complaint', 'in_progress')).toBe('contact');
    expect(defaultReporterVisibility('handler', 'suggestion', 'under_review')).toBe('contact');
    expect(defaultReporterVisibility('handler', 'consultation', 'in_progress')).toBe('contact');
    expect(defaultReporterVisibility('handler', 'other', 'in_progress')).toBe('contact');
    expect(defaultReporterVisibility('handler', 'complaint', 'assigned')).toBe('none');
    expect(defaultReporterVisibility('handler', 'complaint', 'closed')).toBe('none');
    expect(defaultReporterVisibility('handler', 'accusation', 'in_progress')).toBe('none');
  });

  it('shows the praised unit the name only with consent', () => {
    expect(defaultReporterVisibility('unit_head', 'praise', 'closed')).toBe('name_if_consented');
    expect(defaultReporterVisibility('liaison', 'praise', 'assigned')).toBe('name_if_consented');
    expect(defaultReporterVisibility('liaison', 'complaint', 'in_progress')).toBe('none');
  });
});

describe('what one user sees of one case', () => {
  it('resolves the table for the centre, the named handler and everybody else', () => {
    expect(reporterAccessFor(intake, view())).toBe('full');
    expect(reporterAccessFor(followup, view({ state: 'closed' }))).toBe('full');
    expect(reporterAccessFor(handler, view())).toBe('contact');
    expect(reporterAccessFor(otherHandler, view())).toBe('none');
    expect(reporterAccessFor(unitHead, view())).toBe('none');
    expect(reporterAccessFor(fj1Head, view())).toBe('none');
    expect(reporterAccessFor(dutyLeader, view())).toBe('none');
    expect(reporterAccessFor(sysadmin, view())).toBe('none');
  });

  it('treats a complaint with a subject as an accusation: units see nothing without a grant', () => {
    expect(reporterAccessFor(handler, view({ ...accusation, type: 'complaint' }))).toBe('none');
    expect(reporterAccessFor(handler, view({ ...accusation, reporterGrantUnitIds: ['pcs1a'] }))).toBe('full');
    expect(reporterAccessFor(intake, view(accusation))).toBe('full');
  });

  it('shows the praised unit the name only when the reporter agreed', () => {
    const praise: Partial<CaseView> = { type: 'praise', state: 'closed' };
    expect(reporterAccessFor(unitHead, view(praise))).toBe('none');
    expect(reporterAccessFor(unitHead, view({ ...praise, reporterConsentsToName: true }))).toBe('name');
  });
});

describe('reveal_reporter', () => {
  it('is offered where the default shows nothing, to a user who sees the case', () => {
    expect(mayRevealReporter(dutyLeader, view())).toBe(true);
    expect(mayRevealReporter(intake, view())).toBe(false);
    expect(mayRevealReporter(handler, view())).toBe(false);
    expect(mayRevealReporter(unitHead, view())).toBe(true);
    expect(availableActions(view(), dutyLeader, tree).map((a) => a.code)).toContain('reveal_reporter');
    expect(availableActions(view(), intake, tree).map((a) => a.code)).not.toContain('reveal_reporter');
    expect(availableActions(view(), handler, tree).map((a) => a.code)).not.toContain('reveal_reporter');
  });

  it('is not offered for an anonymous report', () => {
    expect(mayRevealReporter(dutyLeader, view({ anonymity: 'anonymous' }))).toBe(false);
    expect(availableActions(view({ anonymity: 'anonymous' }), dutyLeader, tree).map((a) => a.code)).not.toContain('reveal_reporter');
  });
});
