// Who sees an accusation (DESIGN §3.3, §3.4): the forbidden set of a subject heading a branch, recusal by
// police number and by declared conflict, sealed items, and the assignable-units answer with its reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { expectProblem } from '../helpers/browser.js';
import { ACCUSATION, ACCUSATION_FIELDS, linkedSubject, notificationKinds, report } from '../helpers/case-steps.js';
import { Bureau, DEMO_PASSWORD, type CaseDetailJson } from '../helpers/demo-bureau.js';
import { createUser } from '../helpers/factories.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  // The named group for sealed items: the supervision_head and one intake clerk of their choosing.
  const clerk = await createUser(t.deps, { unitId: b.unit('dcd'), username: 'sealed_clerk', password: DEMO_PASSWORD, displayName: '冯受理', roles: ['intake'], totpRequired: false });
  b.userIds.set('sealed_clerk', clerk.id);
  for (const u of [b.user('supervision_head'), clerk.id]) {
    await t.deps.pool.query('INSERT INTO sealed_group_members (user_id, added_by, added_at) VALUES ($1, $2, now())', [u, b.user('secadmin')]);
  }
});
afterAll(async () => t.close());

const NONE = 'SL2026-999999';

/** The user finds nothing, byte for byte as for a number that was never issued, on reads and on writes. */
async function expectNothing(username: string, n: string): Promise<void> {
  const browser = await b.as(username);
  const [seen, none] = [await browser.send('GET', `/api/v1/cases/${n}`), await browser.send('GET', `/api/v1/cases/${NONE}`)];
  expectProblem(seen, 404, 'not_found');
  expect(seen.body).toBe(none.body);
  const units = await browser.send('GET', `/api/v1/cases/${n}/assignable-units`);
  expect([units.statusCode, units.body]).toEqual([404, none.body]);
  const act = await browser.send('POST', `/api/v1/cases/${n}/actions/add_note`, { text: '试探' }, { 'if-match': '"1"' });
  expect([act.statusCode, act.body]).toEqual([404, none.body]);
}

interface UnitsJson {
  suggestion: { mode: string; unitId: string | null; withDisciplineInspection: boolean } | null;
  items: { id: string; code: string; eligible: boolean; reason: { code: string; zh: string } | null }[];
}

describe('a subject who heads the 东城分局 (fj1_head)', () => {
  it('refuses fj1, its stations and its 督察大队, allows the city 督察支队, and hides the case from the whole branch and the head above', async () => {
    const n = await report(t, { ...ACCUSATION, content: '东城分局局长干预具体案件办理，要求办案民警对其亲属从轻处理。', subjects: [{ name: '尤某', unit: '东城分局' }] });
    const fields = { ...ACCUSATION_FIELDS, subjects: await linkedSubject(b, n, 'fj1_head'), mode: 'assign', proposal: '报市局督察支队核查' };
    for (const [code, reason] of [['fj1', 'subject_unit'], ['pcs1a', 'below_subject_unit'], ['fj1dc', 'below_subject_unit']] as const) {
      const res = await b.act('intake', n, 'accept', { ...fields, proposedUnitId: b.unit(code) });
      expectProblem(res, 422, 'validation_failed');
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'proposedUnitId', code: `unit_${reason}` })]);
    }
    const accepted = await b.ok('intake', n, 'accept', { ...fields, proposedUnitId: b.unit('dcd') });
    expect([accepted.state, accepted.sealed]).toEqual(['awaiting_instruction', false]);

    const units = (await (await b.as('intake')).send('GET', `/api/v1/cases/${n}/assignable-units`)).json<UnitsJson>();
    expect(units.suggestion).toEqual({ mode: 'assign', unitId: b.unit('dcd'), withDisciplineInspection: true });
    expect(units.items).toHaveLength(14);
    const reasons = Object.fromEntries(units.items.map((u) => [u.code, u.reason?.code ?? 'eligible']));
    expect(reasons).toMatchObject({ fj1: 'subject_unit', pcs1a: 'below_subject_unit', pcs1b: 'below_subject_unit', fj1dc: 'below_subject_unit', sj: 'head_forbidden', dcd: 'eligible', xj1dc: 'eligible', zzb: 'eligible' });
    expect(units.items.find((u) => u.code === 'fj1')?.reason?.zh).toBe('被反映人所在单位');

    // No form anyone is offered lets the branch be chosen.
    const offered = (await b.detail('duty_leader', n)).json<CaseDetailJson>().actions.find((a) => a.code === 'instruct')?.fields.properties?.unitId?.enum ?? [];
    expect(['fj1', 'pcs1a', 'pcs1b', 'fj1dc', 'dcd'].map((code) => offered.includes(b.unit(code)))).toEqual([false, false, false, false, true]);
    await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意，请督察支队核查', mode: 'assign' });
    await b.ok('dcd_liaison', n, 'sign_for');
    await b.ok('assigner', n, 'chase', { note: '请加快核查' });
    // The accused, everyone in the branch below them, and the head of the unit above (the bureau leader).
    for (const u of ['fj1_head', 'fj1_liaison', 'liaison', 'fj1dc_liaison', 'bureau_leader']) {
      await expectNothing(u, n);
      expect(await notificationKinds(t, b.user(u), n)).toEqual([]);
    }
    expect((await b.detail('duty_leader', n)).statusCode).toBe(200);
    expect(await notificationKinds(t, b.user('dcd_liaison'), n)).toEqual(['chased', 'to_sign_for']);
  });
});

describe('recusal by police number and by declared conflict', () => {
  it('a subject entered only with a police number hides the case from that officer; a declared conflict from the declarer', async () => {
    const n = await report(t, { ...ACCUSATION, content: '城南派出所一名民警出警时辱骂群众，警号910202。', subjects: [{ name: '某民警', policeNumber: '910202', unit: '城南派出所' }] });
    const first = (await b.detail('intake', n)).json<CaseDetailJson>().subjects[0]!;
    // Screening links the unit the reporter named; the number belongs to someone elsewhere and stays unlinked.
    await b.ok('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects: [{ id: first.id, unitId: b.unit('pcs2a'), rank: 'officer' }], mode: 'assign', proposal: '交东城分局督察大队核查', proposedUnitId: b.unit('fj1dc') });
    await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign' });
    await b.ok('fj1dc_liaison', n, 'sign_for');
    await expectNothing('fj1dc_handler', n);
    // The recused handler is not among the form's choices, and the command refuses them all the same.
    const offer = (await b.detail('fj1dc_liaison', n)).json<CaseDetailJson>().actions.find((a) => a.code === 'assign_handler');
    expect(offer?.fields.properties?.handlerUserId?.enum).not.toContain(b.user('fj1dc_handler'));
    const named = await b.act('fj1dc_liaison', n, 'assign_handler', { handlerUserId: b.user('fj1dc_handler') });
    expectProblem(named, 422, 'validation_failed');
    expect(named.json().errors[0]).toMatchObject({ path: 'handlerUserId', code: 'not_a_handler' });
    await b.ok('supervision_head', n, 'grant_original', { what: 'reporter_identity', unitId: b.unit('fj1dc'), reason: '需联系举报人补充线索' });
    expect(await notificationKinds(t, b.user('fj1dc_liaison'), n)).toEqual(['original_shared', 'to_sign_for']);
    expect(await notificationKinds(t, b.user('fj1dc_handler'), n)).toEqual([]);

    const declared = await b.act('fj1dc_liaison', n, 'declare_conflict', { reason: '与被反映人系同学关系' });
    expect([declared.statusCode, declared.body]).toEqual([204, '']);
    await expectNothing('fj1dc_liaison', n);
    await b.ok('assigner', n, 'chase', { note: '请督察大队指定承办人' });
    expect(await notificationKinds(t, b.user('fj1dc_liaison'), n)).toEqual(['original_shared', 'to_sign_for']);
    const timeline = (await b.detail('intake', n)).json<CaseDetailJson>().timeline.map((e) => e.event);
    expect(timeline).toContain('declare_conflict');
  });
});

describe('sealed items', () => {
  it('an accusation against a city leader is sealed as soon as the subject is linked, even while its report_up waits', async () => {
    const n = await report(t, { ...ACCUSATION, content: '市公安局一名局领导违规插手工程招标，为亲属谋取利益。', subjects: [{ name: '周某', unit: '示例市公安局' }] });
    const held = await b.act('sealed_clerk', n, 'accept', { ...ACCUSATION_FIELDS, subjects: await linkedSubject(b, n, 'bureau_leader'), mode: 'report_up', proposal: '密封上报', transferTo: '省公安厅督察总队' });
    expect(held.statusCode).toBe(200);
    expect([held.json<CaseDetailJson>().sealed, held.json<CaseDetailJson>().pending.map((p) => p.kind)]).toEqual([true, ['report_up']]);
    for (const u of ['bureau_leader', 'intake', 'assigner', 'duty_leader', 'followup']) await expectNothing(u, n);
    expect(await notificationKinds(t, b.user('supervision_head'), n)).toEqual(['decision_requested']);

    const decision = held.json<CaseDetailJson>().pending[0]!.id;
    const sent = await b.ok('supervision_head', n, 'confirm', { decisionId: decision });
    expect([sent.state, sent.publicStage, sent.sealed]).toEqual(['transferred_out', 'transferred', true]);
    for (const u of ['bureau_leader', 'intake', 'archivist']) await expectNothing(u, n);
    expect(await notificationKinds(t, b.user('bureau_leader'), n)).toEqual([]);
  });

  it('a member of the named group who is the subject does not see the accusation against them', async () => {
    const n = await report(t, { ...ACCUSATION, content: '督察部门负责人对下属违纪问题压案不查。', subjects: [{ name: '孙某', unit: '督察支队' }] });
    const direct = await b.ok('sealed_clerk', n, 'accept', { ...ACCUSATION_FIELDS, subjects: await linkedSubject(b, n, 'supervision_head'), mode: 'direct', proposal: '由中心直接核查' });
    expect([direct.state, direct.sealed]).toEqual(['direct_handling', true]);
    await expectNothing('supervision_head', n);
    expect(await notificationKinds(t, b.user('supervision_head'), n)).toEqual([]);
  });

  it('an accusation against the 督察支队 is sealed: no unit is assignable and nobody outside the group hears of it', async () => {
    const n = await report(t, { ...ACCUSATION, content: '督察支队一名民警在督察检查中收受被检查单位礼品。', subjects: [{ name: '某督察', unit: '督察支队' }] });
    const first = (await b.detail('intake', n)).json<CaseDetailJson>().subjects[0]!;
    const direct = await b.ok('sealed_clerk', n, 'accept', { ...ACCUSATION_FIELDS, subjects: [{ id: first.id, unitId: b.unit('dcd'), rank: 'officer' }], mode: 'direct', proposal: '由督察部门负责人直接核查' });
    expect([direct.state, direct.sealed, direct.actions.map((a) => a.code)]).toEqual(['direct_handling', true, expect.arrayContaining(['record_contact', 'reply'])]);
    const units = (await (await b.as('sealed_clerk')).send('GET', `/api/v1/cases/${n}/assignable-units`)).json<UnitsJson>();
    expect([units.suggestion?.mode, units.items.every((u) => !u.eligible && u.reason?.code === 'sealed')]).toEqual(['report_up', true]);
    // Supervising a case the centre handles itself tells the centre's clerks: only the one in the group hears.
    await b.ok('supervision_head', n, 'supervise', { kind: 'listed', note: '挂牌督办' });
    expect(await notificationKinds(t, b.user('sealed_clerk'), n)).toEqual(['supervised']);
    for (const u of ['duty_leader', 'intake', 'assigner', 'dcd_head', 'dcd_handler']) {
      await expectNothing(u, n);
      expect(await notificationKinds(t, b.user(u), n)).toEqual([]);
    }
  });
});

describe('the audit chain', () => {
  it('verifies after every path above', async () => {
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
