// The accusation firewall of DESIGN §3.4 on every command that sets units: no proposed, lead, co-handling,
// redispatch, merge-master or reopened unit may be the subject's unit, below it, or headed by a forbidden user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { expectProblem } from '../helpers/browser.js';
import { ACCUSATION, ACCUSATION_FIELDS, assignedTo, COMPLAINT_FIELDS, linkedSubject, notificationKinds, readyToAssign, report } from '../helpers/case-steps.js';
import { Bureau, type CaseDetailJson } from '../helpers/demo-bureau.js';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

/** What the clerk sees when the firewall refuses a unit: 422 naming the field and the reason. */
function expectRefusedUnit(res: LightMyRequestResponse, path: string, reason: string): void {
  expectProblem(res, 422, 'validation_failed');
  expect(res.json().errors).toEqual([expect.objectContaining({ path, code: `unit_${reason}` })]);
}

/** An accusation against the demo `handler` of 城关派出所 (pcs1a), screened and linked. */
async function againstHandler(): Promise<{ n: string; fields: object }> {
  const n = await report(t, ACCUSATION);
  return { n, fields: { ...ACCUSATION_FIELDS, subjects: await linkedSubject(b, n, 'handler') } };
}

describe('a subject in a station (pcs1a)', () => {
  it('accept and instruct refuse pcs1a with the reason and allow the branch 督察大队', async () => {
    const { n, fields } = await againstHandler();
    const proposal = { ...fields, mode: 'assign', proposal: '交城关派出所核查' };
    expectRefusedUnit(await b.act('intake', n, 'accept', { ...proposal, proposedUnitId: b.unit('pcs1a') }), 'proposedUnitId', 'subject_unit');
    expectRefusedUnit(await b.act('intake', n, 'accept', { ...proposal, informUnitIds: [b.unit('pcs1a')] }), 'informUnitIds', 'subject_unit');
    expect((await b.detail('intake', n)).json<CaseDetailJson>().state).toBe('registered');

    const accepted = await b.ok('intake', n, 'accept', { ...proposal, proposedUnitId: b.unit('fj1dc') });
    expect([accepted.state, accepted.isAccusation, accepted.sealed]).toEqual(['awaiting_instruction', true, false]);
    const instruct = { decision: 'change', text: '交城关派出所', mode: 'assign' };
    expectRefusedUnit(await b.act('duty_leader', n, 'instruct', { ...instruct, unitId: b.unit('pcs1a') }), 'unitId', 'subject_unit');
    expectRefusedUnit(await b.act('intake', n, 'record_instruction', { ...instruct, unitId: b.unit('pcs1a'), leaderName: '赵值班', medium: 'phone', givenAt: '2026-03-02T09:00:00+08:00' }), 'unitId', 'subject_unit');
    const offered = (await b.detail('duty_leader', n)).json<CaseDetailJson>().actions.find((a) => a.code === 'instruct')?.fields.properties?.unitId?.enum ?? [];
    expect([offered.includes(b.unit('pcs1a')), offered.includes(b.unit('fj1dc')), offered.includes(b.unit('fj1'))]).toEqual([false, true, true]);

    const assigned = await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('fj1dc') });
    expect([assigned.state, assigned.currentUnit?.id]).toEqual(['assigned', b.unit('fj1dc')]);
    for (const u of ['handler', 'liaison', 'unit_head']) {
      expectProblem(await b.detail(u, n), 404, 'not_found');
      expect(await notificationKinds(t, b.user(u), n)).toEqual([]);
    }
    expect((await b.detail('fj1dc_liaison', n)).statusCode).toBe(200);
    // Units see accusations only through their own grant, never through a head's sub-unit scope.
    expectProblem(await b.detail('fj1_head', n), 404, 'not_found');
  });

  it('a linked officer keeps their own unit as the subject unit: naming another one is refused', async () => {
    const n = await report(t, ACCUSATION);
    const [first] = (await linkedSubject(b, n, 'handler')) as { id: string; userId: string }[];
    const res = await b.act('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects: [{ ...first, unitId: b.unit('pcs2a') }], mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
    expectProblem(res, 422, 'validation_failed');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'subjects.0.unitId', code: 'unit_not_of_user' })]);
    // Both units kept away: the officer with their own unit, and the unit where it happened as a subject of its own.
    const both = await b.ok('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects: [first, { name: '城南派出所', unitId: b.unit('pcs2a') }], mode: 'assign', proposal: '交东城分局督察大队', proposedUnitId: b.unit('fj1dc') });
    expect(both.subjects).toHaveLength(2);
    const units = (await (await b.as('intake')).send('GET', `/api/v1/cases/${n}/assignable-units`)).json<{ items: { code: string; eligible: boolean }[] }>();
    expect(units.items.filter((u) => !u.eligible).map((u) => u.code).sort()).toEqual(['pcs1a', 'pcs2a']);
  });

  it('assign refuses pcs1a as lead or co-handling unit', async () => {
    const { n, fields } = await againstHandler();
    await readyToAssign(b, n, fields);
    const assign = { unitDeadline: '2026-03-20', brief: '请核查' };
    expectRefusedUnit(await b.act('assigner', n, 'assign', { ...assign, leadUnitId: b.unit('pcs1a') }), 'leadUnitId', 'subject_unit');
    expectRefusedUnit(await b.act('assigner', n, 'assign', { ...assign, leadUnitId: b.unit('fj1dc'), coUnitIds: [b.unit('pcs1a')] }), 'coUnitIds', 'subject_unit');
    const ok = await b.ok('assigner', n, 'assign', { ...assign, leadUnitId: b.unit('fj1dc'), coUnitIds: [b.unit('dcd')] });
    expect([ok.state, ok.currentUnit?.id]).toEqual(['assigned', b.unit('fj1dc')]);
  });

  it('redispatch from the branch refuses the subject station', async () => {
    const { n, fields } = await againstHandler();
    await assignedTo(b, n, 'fj1', fields);
    await b.ok('fj1_liaison', n, 'sign_for');
    expectRefusedUnit(await b.act('fj1_liaison', n, 'redispatch', { unitId: b.unit('pcs1a') }), 'unitId', 'subject_unit');
    const down = await b.ok('fj1_liaison', n, 'redispatch', { unitId: b.unit('fj1dc') });
    expect(down.currentUnit?.id).toBe(b.unit('fj1dc'));
    expectProblem(await b.detail('liaison', n), 404, 'not_found');
  });

  it('merge refuses a master held by the subject unit', async () => {
    const master = await report(t);
    await assignedTo(b, master, 'pcs1a');
    const { n } = await againstHandler();
    // Accepting links the subject; merging is only from registered, so link by reclassifying first.
    await b.ok('intake', n, 'reclassify', { subjects: await linkedSubject(b, n, 'handler'), reason: '核实被反映人' });
    expectRefusedUnit(await b.act('intake', n, 'merge', { masterCaseNumber: master, reason: '同一事项' }), 'masterCaseNumber', 'subject_unit');
    const d = (await b.detail('intake', n)).json<CaseDetailJson>();
    expect([d.state, d.pending]).toEqual(['registered', []]);
  });
});

describe('reclassify while a unit holds the case', () => {
  it('refuses a subject in the holding unit or above it, allows one elsewhere', async () => {
    const n = await report(t);
    await assignedTo(b, n, 'pcs1a');
    await b.ok('liaison', n, 'sign_for');
    const add = (userId: string): object => ({ ...COMPLAINT_FIELDS, type: 'accusation', subjects: [{ name: '某民警', userId }], reason: '补充被反映人' });
    expectRefusedUnit(await b.act('intake', n, 'reclassify', add(b.user('handler'))), 'subjects', 'subject_unit');
    expectRefusedUnit(await b.act('intake', n, 'reclassify', add(b.user('fj1_liaison'))), 'subjects', 'below_subject_unit');
    const d = (await b.detail('liaison', n)).json<CaseDetailJson>();
    expect([d.isAccusation, d.subjects]).toEqual([false, []]);
    const ok = await b.ok('intake', n, 'reclassify', add(b.user('handler2')));
    expect([ok.isAccusation, ok.subjects.length]).toEqual([true, 1]);
    // A subject that seals the case (a city leader) would leave the station holding a case it cannot see.
    expectRefusedUnit(await b.act('intake', n, 'reclassify', { subjects: [{ id: ok.subjects[0]!.id }, { name: '周某', userId: b.user('bureau_leader') }], reason: '补充被反映人' }), 'subjects', 'sealed');
    const still = (await b.detail('liaison', n)).json<CaseDetailJson>();
    expect([still.sealed, still.subjects.length]).toEqual([false, 1]);
  });

  it('accept judges the proposed unit against the case as sealed', async () => {
    const n = await report(t, { ...ACCUSATION, content: '一名市局领导违规为亲属企业承揽工程提供便利。', subjects: [{ name: '周某', unit: '市局' }] });
    const fields = { ...ACCUSATION_FIELDS, subjects: await linkedSubject(b, n, 'bureau_leader'), mode: 'assign', proposal: '交督察支队' };
    expectRefusedUnit(await b.act('intake', n, 'accept', { ...fields, proposedUnitId: b.unit('dcd') }), 'proposedUnitId', 'sealed');
    expect((await b.detail('intake', n)).json<CaseDetailJson>()).toMatchObject({ state: 'registered', sealed: false });
  });
});

describe('return, then assign elsewhere, then reopen', () => {
  it('a unit that returned the case and became the subject unit never gets it back', async () => {
    const n = await report(t, { ...ACCUSATION, type: 'complaint', subjects: [], content: '窗口民警办理业务时索要好处费，不给就拖着不办，请求查处。' });
    await b.ok('intake', n, 'accept', { ...COMPLAINT_FIELDS, type: 'complaint', mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
    await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a') });
    await b.ok('liaison', n, 'request_return', { reason: '涉及本所民警，申请回避' });
    await b.ok('assigner', n, 'decide_return', { decision: 'approve' });
    // With pcs1a off the chain, the centre may now record the accused officer of pcs1a.
    const screened = await b.ok('intake', n, 'reclassify', { type: 'accusation', scope: 'misconduct', subjects: [{ name: '韩某', userId: b.user('handler') }], reason: '确认被反映人' });
    expect([screened.state, screened.isAccusation]).toEqual(['ready_to_assign', true]);
    expectRefusedUnit(await b.act('assigner', n, 'assign', { leadUnitId: b.unit('pcs1a'), unitDeadline: '2026-03-20', brief: '请核查' }), 'leadUnitId', 'subject_unit');
    // The city 督察支队 has a head to review; the branch 督察大队 of the demo has none.
    await b.ok('assigner', n, 'assign', { leadUnitId: b.unit('dcd'), unitDeadline: '2026-03-20', brief: '请核查' });
    await b.ok('dcd_liaison', n, 'sign_for');
    await b.ok('dcd_liaison', n, 'assign_handler', { handlerUserId: b.user('dcd_handler') });
    await b.ok('dcd_handler', n, 'submit_result', { finding: 'unsubstantiated', investigationReport: '经调查不属实', draftReply: '经核查，反映问题不属实。' });
    await b.ok('dcd_head', n, 'review', { decision: 'approve' });
    await b.ok('assigner', n, 'review', { decision: 'approve' });
    await b.ok('assigner', n, 'reply', { outcome: 'replied', method: 'phone', answeredBy: '李交办', answeredAt: '2026-03-02T09:40:00+08:00', text: '经核查不属实。' });
    await b.ok('assigner', n, 'close');
    await b.ok('followup', n, 'record_follow_up', { outcome: 'dissatisfied', reasons: ['result'], channel: 'phone' });
    const reopened = await b.ok('assigner', n, 'reopen', { reason: '举报人不认可核查结果' });
    expect([reopened.state, reopened.currentUnit?.id]).toEqual(['assigned', b.unit('dcd')]);
    for (const u of ['handler', 'liaison', 'unit_head']) expectProblem(await b.detail(u, n), 404, 'not_found');
  });
});

describe('the audit chain', () => {
  it('verifies after every path above', async () => {
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
