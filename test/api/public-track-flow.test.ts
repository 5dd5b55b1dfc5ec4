// The reporter's side of handling (DESIGN §3.1, §7.4): stages and the promised date, the centre's replies,
// the online rating once after the reply, and a merged case showing only its master's stage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { DEFAULT_SITE_SETTINGS } from '../../src/domain/site-settings.js';
import { ACCUSATION, ACCUSATION_FIELDS, linkedSubject } from '../helpers/case-steps.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

const complaint: ReportInput = { type: 'complaint', anonymity: 'real_name', reporter: { name: '周群众', phone: '13900139000' }, subjects: [], content: '交警大队窗口办理驾驶证换证时，工作人员长时间玩手机，群众排长队无人理会。' };

async function portal(input: ReportInput = complaint): Promise<{ caseNumber: string; queryCode: string }> {
  const r = await submitReport(t.deps, input, [], { channel: 'web' });
  if (r.queryCode === null) throw new Error('the portal shows its code');
  return { caseNumber: r.caseNumber, queryCode: r.queryCode };
}

async function track(c: { caseNumber: string; queryCode: string }, path = '', extra: object = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/public/track${path}`, headers: { origin: ORIGIN }, payload: { ...c, ...extra } });
}

async function handleDirectly(n: string): Promise<void> {
  await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'direct', proposal: '中心直接办理' });
  await b.ok('intake', n, 'reply', { outcome: 'replied', method: 'phone', answeredBy: '王受理', answeredAt: '2026-03-02T09:50:00+08:00', text: '已联系交警支队，窗口已加强管理，感谢您的监督。' });
}

describe('the public view as the case moves', () => {
  it('shows accepted with the promised date, then the reply, then lets the reporter rate once', async () => {
    const c = await portal();
    expect((await track(c)).json()).toMatchObject({ stage: { code: 'submitted' }, promisedBy: null, canRate: false });
    await b.ok('intake', c.caseNumber, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'direct', proposal: '中心直接办理' });
    const accepted = (await track(c)).json();
    expect(accepted).toMatchObject({ stage: { code: 'in_progress' }, promisedBy: '2026-04-01' });
    expect(accepted.timeline.map((e: { event: string }) => e.event)).toEqual(['submit', 'accept']);
    await b.ok('intake', c.caseNumber, 'reply', { outcome: 'replied', method: 'phone', answeredBy: '王受理', answeredAt: '2026-03-02T09:50:00+08:00', text: '已联系交警支队，窗口已加强管理，感谢您的监督。' });
    const replied = (await track(c)).json();
    expect([replied.stage.code, replied.canRate, replied.replies.map((r: { text: string }) => r.text)]).toEqual(['replied', true, ['已联系交警支队，窗口已加强管理，感谢您的监督。']]);
    // Handled by the centre itself: signed with the centre's name from the site settings.
    expect(replied.replies[0].signedBy).toEqual(DEFAULT_SITE_SETTINGS.centreName);
    // The view never names units or staff.
    expect(JSON.stringify(replied)).not.toMatch(/王受理|督察|派出所/u);

    const bad = await track(c, '/rating', { rating: 'dissatisfied' });
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([422, 'reasons']);
    const rated = await track(c, '/rating', { rating: 'dissatisfied', reasons: ['result'], comment: '窗口问题没有根本解决' });
    expect([rated.statusCode, rated.json().canRate]).toEqual([201, false]);
    expect((await track(c, '/rating', { rating: 'satisfied' })).statusCode).toBe(409);
    const notified = await t.deps.pool.query(`SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'assigner' AND n.kind = 'dissatisfied'`);
    expect(notified.rowCount).toBe(1);
    // Closing after an online rating schedules no visit: the rating was the follow-up.
    const closed = await b.ok('assigner', c.caseNumber, 'close');
    expect([closed.state, closed.flags.followUpDue, closed.flags.dissatisfied]).toEqual(['closed', false, true]);
    expect(await b.actionsOf('assigner', c.caseNumber)).toEqual(expect.arrayContaining(['reopen', 'explain']));
  });

  it('refuses a rating before the reply with the same 404 for a wrong code', async () => {
    const c = await portal();
    expect((await track(c, '/rating', { rating: 'satisfied' })).statusCode).toBe(409);
    const wrong = await track({ caseNumber: c.caseNumber, queryCode: '0000000000' }, '/rating', { rating: 'satisfied' });
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'case_not_found']);
  });

  it('shows a merged case its master’s stage and dates, never the master’s replies', async () => {
    const master = await portal();
    await handleDirectly(master.caseNumber);
    const merged = await portal({ ...complaint, content: '交警大队窗口工作人员上班时间玩手机，请求处理。' });
    await b.ok('intake', merged.caseNumber, 'merge', { masterCaseNumber: master.caseNumber, reason: '同一事项' });
    const view = (await track(merged)).json();
    expect([view.caseNumber, view.stage.code, view.promisedBy, view.replies, view.canRate]).toEqual([merged.caseNumber, 'replied', '2026-04-01', [], false]);
  });
});

describe('who signs a reply', () => {
  async function unitName(code: string): Promise<string> {
    return (await t.deps.pool.query<{ name: string }>('SELECT name FROM units WHERE code = $1', [code])).rows[0]?.name ?? '';
  }

  it('signs a complaint with the lead unit that handled it, never a person', async () => {
    const c = await portal();
    await b.ok('intake', c.caseNumber, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
    await b.ok('duty_leader', c.caseNumber, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a') });
    await b.ok('liaison', c.caseNumber, 'sign_for', { handleMyself: true });
    await b.ok('liaison', c.caseNumber, 'submit_result', { finding: 'substantiated', draftReply: '已对窗口民警批评教育。' });
    await b.ok('unit_head', c.caseNumber, 'review', { decision: 'approve' });
    await b.ok('assigner', c.caseNumber, 'review', { decision: 'approve' });
    await b.ok('assigner', c.caseNumber, 'reply', { outcome: 'replied', method: 'sms', answeredBy: '李交办', answeredAt: '2026-03-02T09:50:00+08:00', text: '已批评教育并整改。' });
    const view = (await track(c)).json();
    const name = await unitName('pcs1a');
    expect(view.replies).toEqual([{ at: expect.any(String), text: '已批评教育并整改。', signedBy: { zh: name, en: name } }]);
    expect(JSON.stringify(view)).not.toMatch(/李交办|韩承办/u);
  });

  it('signs an accusation with the inspection department, whichever unit handled it', async () => {
    const c = await portal(ACCUSATION);
    const subjects = await linkedSubject(b, c.caseNumber, 'handler');
    await b.ok('intake', c.caseNumber, 'accept', { ...ACCUSATION_FIELDS, subjects, mode: 'assign', proposal: '交督察支队核查', proposedUnitId: b.unit('dcd') });
    await b.ok('duty_leader', c.caseNumber, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('dcd') });
    await b.ok('dcd_liaison', c.caseNumber, 'sign_for');
    await b.ok('dcd_liaison', c.caseNumber, 'assign_handler', { handlerUserId: b.user('dcd_handler') });
    await b.ok('dcd_handler', c.caseNumber, 'submit_result', { finding: 'unsubstantiated', investigationReport: '经调查不属实', draftReply: '经核查，反映问题不属实。' });
    await b.ok('dcd_head', c.caseNumber, 'review', { decision: 'approve' });
    await b.ok('assigner', c.caseNumber, 'review', { decision: 'approve' });
    await b.ok('assigner', c.caseNumber, 'reply', { outcome: 'replied', method: 'phone', answeredBy: '李交办', answeredAt: '2026-03-02T09:40:00+08:00', text: '经核查不属实。' });
    const view = (await track(c)).json();
    expect(view.replies).toEqual([{ at: expect.any(String), text: '经核查不属实。', signedBy: { zh: '督察部门', en: 'The inspection department' } }]);
    // Neither the handling unit nor the accused's unit appears anywhere in the answer.
    const text = JSON.stringify(view);
    for (const code of ['dcd', 'pcs1a']) expect(text).not.toContain(await unitName(code));
  });
});
