// The short paths of issue 3 through HTTP: handled directly, read for information, kept on file, not
// accepted, merged, and the centre's chasing, supervising and on-site inspection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { expectProblem } from '../helpers/browser.js';
import { ACCUSATION, ACCUSATION_FIELDS, assignedTo, closedDirectly, COMPLAINT, COMPLAINT_FIELDS, linkedSubject, notificationKinds, REPLY, report } from '../helpers/case-steps.js';
import { Bureau, type CaseDetailJson } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

interface ReplyBody {
  outcome: string;
  body: Record<string, string | null>;
}

describe('the centre handles a case itself', () => {
  it('direct: intake accepts, records the first contact and replies; the assigner closes with a follow-up', async () => {
    const n = await report(t);
    const accepted = await b.ok('intake', n, 'accept', { ...COMPLAINT_FIELDS, mode: 'direct', proposal: '中心直接答复' });
    expect([accepted.state, accepted.publicStage, accepted.clocks.public.due, accepted.currentUnit]).toEqual(['direct_handling', 'in_progress', '2026-04-01', null]);
    expect(accepted.actions.map((a) => a.code)).toEqual(expect.arrayContaining(['record_contact', 'reply']));
    // Nobody in a unit holds it: the station's handler neither sees nor acts.
    expectProblem(await b.detail('handler', n), 404, 'not_found');

    const contacted = await b.ok('intake', n, 'record_contact', { contactedAt: '2026-03-02T09:30:00+08:00', method: 'phone', note: '已电话联系' });
    expect(contacted.timeline.map((e) => e.event)).toEqual(['submit', 'accept', 'record_contact']);
    const replied = await b.ok('intake', n, 'reply', REPLY);
    expect([replied.state, replied.publicStage, replied.replies.map((r) => r.outcome)]).toEqual(['replied', 'replied', ['replied']]);
    expect(await b.actionsOf('intake', n)).not.toContain('close');

    const closed = await b.ok('assigner', n, 'close');
    expect([closed.state, closed.publicStage, closed.flags.followUpDue]).toEqual(['closed', 'closed', true]);
    expect(await notificationKinds(t, b.user('followup'), n)).toEqual(['to_follow_up']);
  });

  it('for_information: praise goes to the praised unit, the leader reads it and it closes with no deadline and no follow-up', async () => {
    const n = await report(t, {
      type: 'praise', anonymity: 'real_name', reporter: { name: '示例群众乙', phone: '13800000002' },
      content: '城关派出所民警深夜帮助我找回走失的老人，非常感谢他们的耐心和负责。', subjects: [],
    });
    const accepted = await b.ok('intake', n, 'accept', {
      type: 'praise', scope: 'praise', urgency: 'normal', businessRelated: false,
      mode: 'for_information', proposal: '呈值班领导阅，转城关派出所及政治部阅知', informUnitIds: [b.unit('pcs1a'), b.unit('zzb')],
    });
    expect([accepted.state, accepted.publicStage, accepted.clocks.public.due, accepted.isAccusation]).toEqual(['awaiting_instruction', 'accepted', null, false]);
    expect(await notificationKinds(t, b.user('duty_leader'), n)).toEqual(['to_instruct']);

    // Approving the proposal informs the units it names.
    const read = await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '已阅，请城关派出所通报表扬', mode: 'for_information' });
    expect([read.state, read.publicStage, read.clocks.public.due, read.flags.followUpDue, read.chain]).toEqual(['closed', 'closed', null, false, []]);
    expect(await b.actionsOf('followup', n)).not.toContain('record_follow_up');
    // The praised unit hears of it and can open what it was told about.
    expect(await notificationKinds(t, b.user('liaison'), n)).toEqual(['for_information']);
    expect(await notificationKinds(t, b.user('unit_head'), n)).toEqual(['for_information']);
    const praised = (await b.detail('unit_head', n)).json<CaseDetailJson>();
    // Read only; the reporter did not agree to give their name, so only break-glass would show it.
    expect([praised.reporter, praised.actions.map((a) => a.code)]).toEqual([null, ['declare_conflict', 'reveal_reporter']]);
    // The branch head sees what its stations see (not an accusation) but was not told; another county finds nothing.
    expect([(await b.detail('fj1_head', n)).statusCode, await notificationKinds(t, b.user('fj1_head'), n)]).toEqual([200, []]);
    expectProblem(await b.detail('handler2', n), 404, 'not_found');
  });

  it('instruct: approving an assign proposal assigns to the proposed unit at once', async () => {
    const n = await report(t);
    await b.ok('intake', n, 'accept', { ...COMPLAINT_FIELDS, mode: 'assign', proposal: '建议交城关派出所办理', proposedUnitId: b.unit('pcs1a') });
    const approved = await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign' });
    expect([approved.state, approved.currentUnit?.id, approved.clocks.unit.due]).toEqual(['assigned', b.unit('pcs1a'), '2026-03-23']);
    expect(await notificationKinds(t, b.user('liaison'), n)).toEqual(['to_sign_for']);
    // Changing it without naming a unit leaves the choice to the assigner.
    const other = await report(t);
    await b.ok('intake', other, 'accept', { ...COMPLAINT_FIELDS, mode: 'assign', proposal: '建议交城关派出所办理', proposedUnitId: b.unit('pcs1a') });
    expect((await b.ok('duty_leader', other, 'instruct', { decision: 'change', text: '请交办员另行交办', mode: 'assign' })).state).toBe('ready_to_assign');
  });

  it('keep_on_file: closed at acceptance, no public deadline, no follow-up', async () => {
    const n = await report(t, { ...COMPLAINT, type: 'suggestion', content: '建议在新区派出所增加周末户籍办理时间，上班族工作日很难请假办理业务。' });
    const kept = await b.ok('intake', n, 'accept', { type: 'suggestion', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'keep_on_file', proposal: '存查，供改进工作参考' });
    expect([kept.state, kept.publicStage, kept.clocks.public.due, kept.flags.followUpDue, kept.pending]).toEqual(['closed', 'closed', null, false, []]);
    expect(await b.actionsOf('followup', n)).not.toContain('record_follow_up');
    expect(await b.actionsOf('archivist', n)).toContain('archive');
  });

  it('not_accept: the reporter is told the reason and where to go', async () => {
    const n = await report(t);
    const refused = await b.ok('intake', n, 'not_accept', { reason: 'legal_procedure', explanation: '所反映事项属于行政复议范围', whereToGo: '请向东城区人民政府申请行政复议' });
    expect([refused.state, refused.publicStage, refused.clocks.public.due]).toEqual(['not_accepted', 'not_accepted', null]);
    const body = (refused.replies as unknown as ReplyBody[])[0];
    expect(body).toMatchObject({ outcome: 'not_accepted', body: { reason: 'legal_procedure', whereToGo: '请向东城区人民政府申请行政复议' } });
    const outbox = await t.deps.pool.query<{ payload: { notice: string } }>(`SELECT o.payload FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'reporter.notice'`, [n]);
    expect(outbox.rows.map((r) => r.payload.notice)).toEqual(['not_accepted']);
  });
});

describe('merge', () => {
  it('merges a repeated complaint into its master; refuses itself, unknown numbers and masters the user cannot see alike', async () => {
    const master = await report(t);
    const dup = await report(t);
    const hidden = await report(t);
    expect((await b.act('intake', hidden, 'declare_conflict', { reason: '反映人系本人亲属' })).statusCode).toBe(204);
    expectProblem(await b.detail('intake', hidden), 404, 'not_found');

    const answers = [];
    for (const masterCaseNumber of [dup, 'SL2026-999999', hidden]) answers.push(await b.act('intake', dup, 'merge', { masterCaseNumber, reason: '重复反映' }));
    for (const res of answers) {
      expectProblem(res, 422, 'validation_failed');
      expect(res.json().errors).toEqual([{ path: 'masterCaseNumber', code: 'unknown_case', message: '主件不存在' }]);
    }
    // Byte for byte: the hidden master is indistinguishable from one that does not exist.
    expect(answers[2]?.body).toBe(answers[1]?.body);

    const merged = await b.ok('intake', dup, 'merge', { masterCaseNumber: master, reason: '同一事项重复反映' });
    expect([merged.state, merged.publicStage, merged.pending]).toEqual(['merged', null, []]);
    expect(await b.actionsOf('archivist', dup)).toContain('archive');
    expect((await b.detail('intake', master)).json<CaseDetailJson>().state).toBe('registered');

    // The master's reply answers the merged reporter too, as a notice of its own; never a message on the master.
    await b.ok('intake', master, 'accept', { ...COMPLAINT_FIELDS, mode: 'direct', proposal: '中心直接答复' });
    await b.ok('intake', master, 'reply', REPLY);
    const ids = await t.deps.pool.query<{ id: string; case_number: string }>('SELECT id, case_number FROM cases WHERE case_number = ANY($1::text[])', [[master, dup]]);
    const idOf = (n: string) => ids.rows.find((r) => r.case_number === n)?.id;
    const notices = await t.deps.pool.query<{ payload: { caseId: string; notice: string; masterCaseId?: string } }>(
      `SELECT payload FROM outbox WHERE kind = 'reporter.notice' AND payload->>'notice' = 'replied_via_master'`,
    );
    expect(notices.rows.map((r) => r.payload)).toEqual([{ caseId: idOf(dup), notice: 'replied_via_master', masterCaseId: idOf(master) }]);
  });
});

describe('the centre chases, supervises and inspects on site', () => {
  it('chase and supervise flag the case and tell the holding unit; dispatch_onsite tells the duty leader', async () => {
    const n = await report(t);
    await assignedTo(b, n, 'pcs1a');
    await b.ok('liaison', n, 'sign_for');
    const chased = await b.ok('assigner', n, 'chase', { note: '请加快办理进度' });
    expect([chased.flags.chased, chased.timeline.at(-1)?.event, chased.timeline.at(-1)?.unit?.name]).toEqual([true, 'chase', '东城分局城关派出所']);
    const supervised = await b.ok('supervision_head', n, 'supervise', { kind: 'supervise', note: '请于限期内办结', dueBy: '2026-03-10' });
    expect([supervised.flags.supervised, supervised.timeline.at(-1)?.opinion]).toEqual([true, '请于限期内办结（限2026-03-10前）']);
    expect(await notificationKinds(t, b.user('unit_head'), n)).toEqual(['chased', 'supervised', 'to_assign_handler']);
    expect(await notificationKinds(t, b.user('fj1_head'), n)).toEqual([]);
    // Chasing is the assigner's, supervising the supervision_head's.
    expectProblem(await b.act('supervision_head', n, 'chase', { note: '催办' }), 403, 'forbidden');
    expectProblem(await b.act('assigner', n, 'supervise', { kind: 'supervise', note: '督办' }), 403, 'forbidden');

    const onsite = await b.ok('assigner', n, 'dispatch_onsite', { location: '城关派出所户籍窗口', instructions: '立即到场核查' });
    expect([onsite.state, onsite.timeline.at(-1)?.event]).toEqual(['in_progress', 'dispatch_onsite']);
    expect(await notificationKinds(t, b.user('duty_leader'), n)).toEqual(['onsite_inspection', 'to_instruct']);
    expect(await notificationKinds(t, b.user('supervision_head'), n)).toEqual(['onsite_inspection']);
  });

  it('declare_false_accusation: accusations only, once, by the supervision_head', async () => {
    const n = await report(t, ACCUSATION);
    await b.ok('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects: await linkedSubject(b, n, 'handler'), mode: 'direct', proposal: '中心直接核查' });
    await b.ok('intake', n, 'reply', { ...REPLY, text: '经核查，反映问题不属实。' });
    expect(await b.actionsOf('supervision_head', n)).toContain('declare_false_accusation');
    const declared = await b.ok('supervision_head', n, 'declare_false_accusation', { reasons: '经调查，举报内容系捏造', clearingRecord: '已在所内澄清正名' });
    expect([declared.state, declared.flags.falseAccusationDeclared]).toEqual(['replied', true]);
    expect(declared.actions.map((a) => a.code)).not.toContain('declare_false_accusation');
    expectProblem(await b.act('supervision_head', n, 'declare_false_accusation', { reasons: '再次认定', clearingRecord: '再次澄清' }), 409, 'conflict');

    const plain = await report(t);
    await closedDirectly(b, plain);
    expect(await b.actionsOf('supervision_head', plain)).not.toContain('declare_false_accusation');
    const res = await b.act('supervision_head', plain, 'declare_false_accusation', { reasons: '不适用', clearingRecord: '不适用' });
    expectProblem(res, 409, 'conflict');
    expect(res.json().detail).toBe('仅适用于举报件');
  });
});

describe('batch sign-for and the order of refusals', () => {
  it('signs for each case in its own transaction; one stale version is refused for that case only', async () => {
    const [n1, n2, elsewhere] = [await report(t), await report(t), await report(t)];
    const v1 = (await assignedTo(b, n1, 'pcs1a')).version;
    const v2 = (await assignedTo(b, n2, 'pcs1a')).version;
    await assignedTo(b, elsewhere, 'pcs1b');
    const liaison = await b.as('liaison');
    const items = [{ caseNumber: n1, version: v1 }, { caseNumber: n2, version: v2 - 1 }, { caseNumber: 'SL2026-999999', version: 1 }, { caseNumber: elsewhere, version: 1 }];
    const res = await liaison.send('POST', '/api/v1/cases/batch/sign_for', { items });
    expect(res.statusCode).toBe(200);
    const missing = { status: 404, version: null, code: 'not_found', detail: '未找到相关内容。' };
    expect(res.json().results).toEqual([
      { caseNumber: n1, status: 200, version: v1 + 1, code: null, detail: null },
      { caseNumber: n2, status: 412, version: null, code: 'precondition_failed', detail: expect.any(String) },
      { caseNumber: 'SL2026-999999', ...missing },
      // Another station's case, with a stale version too, is as missing as a number never issued.
      { caseNumber: elsewhere, ...missing },
    ]);
    expect((await b.detail('liaison', n1)).json<CaseDetailJson>().state).toBe('in_progress');
    expect((await b.detail('liaison', n2)).json<CaseDetailJson>().state).toBe('assigned');
  });

  it('answers 428, 412, 409 naming the state, 422 with paths; a user who cannot see the case gets the same 404 whatever else is wrong', async () => {
    const n = await report(t);
    const intake = await b.as('intake');
    const url = `/api/v1/cases/${n}/actions/accept`;
    const fields = { ...COMPLAINT_FIELDS, mode: 'direct', proposal: '直接答复' };
    expectProblem(await intake.send('POST', url, fields), 428, 'precondition_required');
    expectProblem(await intake.send('POST', url, fields, { 'if-match': '"7"' }), 412, 'precondition_failed');
    const wrong = await b.act('assigner', n, 'close');
    expectProblem(wrong, 409, 'conflict');
    expect(wrong.json().detail).toBe('案件当前状态为“待受理”，不能进行此操作');
    const invalid = await b.act('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'soon', businessRelated: false, proposal: '', bogus: 1 });
    expectProblem(invalid, 422, 'validation_failed');
    expect(invalid.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort()).toEqual(['bogus:unknown_field', 'mode:required', 'proposal:required', 'urgency:invalid_choice']);
    // A role that may not accept is refused before If-Match is looked at.
    expectProblem(await (await b.as('assigner')).send('POST', url, fields), 403, 'forbidden');

    // The station's handler cannot see a registered case: missing If-Match and a wrong state change nothing.
    const handler = await b.as('handler');
    const hidden = await handler.send('POST', `/api/v1/cases/${n}/actions/close`, {});
    const none = await handler.send('POST', '/api/v1/cases/SL2026-999999/actions/close', {});
    expectProblem(hidden, 404, 'not_found');
    expect(hidden.body).toBe(none.body);
    expect((await handler.send('GET', `/api/v1/cases/${n}`)).body).toBe((await handler.send('GET', '/api/v1/cases/SL2026-999999')).body);
    expect((await b.detail('intake', n)).json<CaseDetailJson>().version).toBe(1);
  });
});

describe('the audit chain', () => {
  it('verifies after every path above', async () => {
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
