// The bureau's procedure end to end through HTTP (issue 3): a web complaint down the chain and back up,
// with an extension, a dissatisfied follow-up, a reopened cycle and the archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { Bureau, type CaseDetailJson } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

const complaint: ReportInput = {
  type: 'complaint',
  anonymity: 'real_name',
  reporter: { name: '刘群众', phone: '13800138000' },
  content: '在城关派出所办理户口迁移，窗口民警让我跑了三趟，每次要求的材料都不一样，希望规范办理流程。',
  subjects: [],
};

async function report(input: ReportInput = complaint): Promise<string> {
  return (await submitReport(t.deps, input, [], { channel: 'web' })).caseNumber;
}

describe('a web complaint down the chain and back up', () => {
  it('runs accept → instruct → sign_for → redispatch → … → reopen → archive', async () => {
    const n = await report();
    const accepted = await b.ok('intake', n, 'accept', {
      type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false,
      mode: 'assign', proposal: '建议交东城分局办理', proposedUnitId: b.unit('fj1'),
    });
    expect([accepted.state, accepted.publicStage, accepted.clocks.public.due]).toEqual(['awaiting_instruction', 'accepted', '2026-04-01']);

    const instructed = await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意，请东城分局认真核查', mode: 'assign', unitId: b.unit('fj1') });
    expect([instructed.state, instructed.currentUnit?.id, instructed.clocks.unit.due]).toEqual(['assigned', b.unit('fj1'), '2026-03-23']);

    expect((await b.ok('fj1_liaison', n, 'sign_for')).state).toBe('in_progress');
    const down = await b.ok('fj1_liaison', n, 'redispatch', { unitId: b.unit('pcs1a'), brief: '请城关派出所核实' });
    expect([down.state, down.currentUnit?.id, down.chain.length]).toEqual(['assigned', b.unit('pcs1a'), 2]);
    expect((await b.ok('liaison', n, 'sign_for')).state).toBe('in_progress');
    // The form offers the unit's handlers by name (a select), not a bare id box.
    const offer = (await b.detail('unit_head', n)).json<CaseDetailJson>().actions.find((a) => a.code === 'assign_handler');
    const handlerField = offer?.fields.properties?.handlerUserId;
    expect([...(handlerField?.enum ?? [])].sort()).toEqual([b.user('handler'), b.user('liaison')].sort());
    expect(handlerField?.['x-enum-labels']?.[b.user('handler')]?.zh).toBe('韩承办（警号910302）');
    await b.ok('unit_head', n, 'assign_handler', { handlerUserId: b.user('handler') });
    await b.ok('handler', n, 'record_contact', { contactedAt: '2026-03-02T09:30:00+08:00', method: 'phone' });

    const requested = await b.ok('unit_head', n, 'request_extension', { days: 10, reason: '需调取窗口监控', reasonForReporter: '需要调取相关记录核实' });
    expect([requested.flags.awaitingConfirmation, requested.pending.map((p) => p.kind)]).toEqual([true, ['extension']]);
    const extended = await b.ok('supervision_head', n, 'decide_extension', { decision: 'approve', days: 10 });
    // 04-01 + 10 calendar days is Saturday 04-11: the deadline rolls forward to Monday 04-13.
    expect([extended.clocks.public.due, extended.clocks.unit.due, extended.flags.awaitingConfirmation]).toEqual(['2026-04-13', '2026-04-02', false]);

    expect((await b.ok('handler', n, 'submit_result', { finding: 'partly_substantiated', measures: '规范一次性告知', draftReply: '经核查，窗口存在告知不清问题，已整改。' })).state).toBe('under_review');
    expect(await b.actionsOf('fj1_head', n)).not.toContain('review');
    await b.ok('unit_head', n, 'review', { decision: 'approve' });
    await b.ok('fj1_head', n, 'review', { decision: 'approve' });
    expect(await b.actionsOf('assigner', n)).not.toContain('reply');
    await b.ok('assigner', n, 'review', { decision: 'approve' });
    const replied = await b.ok('assigner', n, 'reply', { outcome: 'replied', method: 'phone', answeredBy: '李交办', answeredAt: '2026-03-02T09:40:00+08:00', text: '经核查，已责令整改并向您致歉。' });
    expect([replied.state, replied.publicStage]).toEqual(['replied', 'replied']);
    const closed = await b.ok('assigner', n, 'close');
    expect([closed.state, closed.flags.followUpDue]).toEqual(['closed', true]);

    await b.ok('followup', n, 'record_follow_up', { outcome: 'dissatisfied', reasons: ['result'], channel: 'phone' });
    expect(await b.actionsOf('assigner', n)).toEqual(expect.arrayContaining(['reopen', 'explain']));
    const reopened = await b.ok('assigner', n, 'reopen', { reason: '反映人对整改结果不满意，重新核查' });
    expect([reopened.state, reopened.currentUnit?.id, reopened.clocks.public.due]).toEqual(['assigned', b.unit('fj1'), '2026-04-01']);

    await b.ok('fj1_liaison', n, 'sign_for');
    await b.ok('fj1_liaison', n, 'redispatch', { unitId: b.unit('pcs1a') });
    await b.ok('liaison', n, 'sign_for', { handleMyself: true });
    await b.ok('liaison', n, 'submit_result', { finding: 'substantiated', draftReply: '已对窗口民警批评教育。' });
    await b.ok('unit_head', n, 'review', { decision: 'approve' });
    await b.ok('fj1_head', n, 'review', { decision: 'approve' });
    await b.ok('assigner', n, 'review', { decision: 'approve' });
    await b.ok('assigner', n, 'reply', { outcome: 'replied', method: 'sms', answeredBy: '李交办', answeredAt: '2026-03-02T09:50:00+08:00', text: '已批评教育并整改。' });
    await b.ok('assigner', n, 'close');
    expect(await b.actionsOf('archivist', n)).not.toContain('archive');
    await b.ok('followup', n, 'record_follow_up', { outcome: 'satisfied', channel: 'phone' });
    const archived = await b.ok('archivist', n, 'archive');
    expect([archived.state, archived.publicStage]).toEqual(['archived', 'closed']);

    const steps = archived.timeline.map((e) => e.event);
    expect(steps.slice(0, 6)).toEqual(['submit', 'accept', 'instruct', 'sign_for', 'redispatch', 'sign_for']);
    expect(archived.timeline.find((e) => e.event === 'redispatch')).toMatchObject({ step: { zh: '下转' }, actor: '秦内勤', unit: { name: '东城分局城关派出所' } });
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
