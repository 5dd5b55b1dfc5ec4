// Two-person rules of DESIGN §3.3 through HTTP: accusations kept on file, not accepted or merged, a third
// reopening and a receipt entered more than 3 days back wait for a second person; the requester never confirms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { expectProblem } from '../helpers/browser.js';
import { ACCUSATION, ACCUSATION_FIELDS, closedDirectly, linkedSubject, notificationKinds, REPLY, report } from '../helpers/case-steps.js';
import { Bureau, DEMO_PASSWORD, type CaseDetailJson } from '../helpers/demo-bureau.js';
import { createUser } from '../helpers/factories.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  // A small centre's head who also registers reports: the one person who could confirm their own request.
  const both = await createUser(t.deps, { unitId: b.unit('dcd'), username: 'head_intake', password: DEMO_PASSWORD, displayName: '钱督察', roles: ['intake', 'supervision_head'], totpRequired: false });
  b.userIds.set('head_intake', both.id);
});
afterAll(async () => t.close());

const pendingId = (d: CaseDetailJson): string => d.pending[0]?.id ?? '';

async function accusation(): Promise<{ n: string; subjects: object[] }> {
  const n = await report(t, ACCUSATION);
  return { n, subjects: await linkedSubject(b, n, 'handler') };
}

describe('accusations leaving the normal path wait for the supervision_head', () => {
  it('keep_on_file is held, the requester can never confirm, the supervision_head applies it', async () => {
    const { n, subjects } = await accusation();
    const held = await b.ok('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects, mode: 'keep_on_file', proposal: '线索不足，存查' });
    expect([held.state, held.publicStage, held.clocks.public.due, held.flags.awaitingConfirmation, held.pending.map((p) => p.kind)]).toEqual(['registered', 'submitted', null, true, ['keep_on_file']]);
    expect(await notificationKinds(t, b.user('supervision_head'), n)).toEqual(['decision_requested']);
    expectProblem(await b.act('intake', n, 'confirm', { decisionId: pendingId(held) }), 403, 'forbidden');
    expectProblem(await b.act('assigner', n, 'confirm', { decisionId: pendingId(held) }), 403, 'forbidden');
    // While it waits, no other acceptance decision can overtake it and leave it unconfirmable.
    expect(held.actions.map((a) => a.code)).not.toContain('accept');
    const overtaking = await b.act('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects, mode: 'direct', proposal: '直接核查' });
    expectProblem(overtaking, 409, 'conflict');
    expect(overtaking.json().detail).toBe('已有受理决定待确认');
    expectProblem(await b.act('intake', n, 'not_accept', { reason: 'unclear', explanation: '不清', whereToGo: '无' }), 409, 'conflict');

    const confirmed = await b.ok('supervision_head', n, 'confirm', { decisionId: pendingId(held), note: '同意存查' });
    expect([confirmed.state, confirmed.publicStage, confirmed.clocks.public.due, confirmed.flags.followUpDue, confirmed.pending]).toEqual(['closed', 'closed', null, false, []]);
    expect(confirmed.timeline.map((e) => e.event)).toEqual(['submit', 'request_keep_on_file', 'confirm', 'accept']);
    expect(await notificationKinds(t, b.user('intake'), n)).toEqual(['request_approved']);
  });

  it('a requester who is also a supervision_head still cannot confirm their own request', async () => {
    const { n } = await accusation();
    const held = await b.ok('head_intake', n, 'not_accept', { reason: 'other_organ', explanation: '属纪检监察机关管辖', whereToGo: '请向市纪委监委反映' });
    expect(held.actions.map((a) => a.code)).not.toContain('confirm');
    const own = await b.act('head_intake', n, 'confirm', { decisionId: pendingId(held) });
    expectProblem(own, 403, 'forbidden');
    expect(own.json().detail).toBe('申请人不能确认自己的申请');
    expectProblem(await b.act('head_intake', n, 'decline', { decisionId: pendingId(held), reason: '撤回' }), 403, 'forbidden');
    const confirmed = await b.ok('supervision_head', n, 'confirm', { decisionId: pendingId(held) });
    expect([confirmed.state, confirmed.publicStage]).toEqual(['not_accepted', 'not_accepted']);
  });

  it('not_accept is held and a decline lets it lapse; the case stays registered and can be accepted', async () => {
    const { n, subjects } = await accusation();
    const held = await b.ok('intake', n, 'not_accept', { reason: 'unclear', explanation: '反映内容不清', whereToGo: '请补充具体时间地点' });
    expect([held.state, held.pending.map((p) => p.kind)]).toEqual(['registered', ['not_accept']]);
    expectProblem(await b.act('supervision_head', n, 'decline', { decisionId: pendingId(held) }), 422, 'validation_failed');
    const declined = await b.ok('supervision_head', n, 'decline', { decisionId: pendingId(held), reason: '线索具体，应当受理' });
    expect([declined.state, declined.publicStage, declined.pending, declined.flags.awaitingConfirmation, declined.replies]).toEqual(['registered', 'submitted', [], false, []]);
    expect(await notificationKinds(t, b.user('intake'), n)).toEqual(['request_rejected']);
    expectProblem(await b.act('supervision_head', n, 'confirm', { decisionId: pendingId(held) }), 409, 'conflict');
    const accepted = await b.ok('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects, mode: 'assign', proposal: '交东城分局督察大队核查', proposedUnitId: b.unit('fj1dc') });
    expect(accepted.state).toBe('awaiting_instruction');
  });

  it('merge is held and applied on confirmation', async () => {
    const master = (await accusation()).n;
    const { n } = await accusation();
    const held = await b.ok('intake', n, 'merge', { masterCaseNumber: master, reason: '同一举报人就同一事项重复举报' });
    expect([held.state, held.pending.map((p) => p.kind)]).toEqual(['registered', ['merge']]);
    const merged = await b.ok('supervision_head', n, 'confirm', { decisionId: pendingId(held) });
    expect([merged.state, merged.publicStage, merged.pending]).toEqual(['merged', null, []]);
  });

  it('a request that could never apply is refused at once instead of being held for the confirmer', async () => {
    const { n } = await accusation();
    const unknown = await b.act('intake', n, 'merge', { masterCaseNumber: 'SL2026-999999', reason: '重复举报' });
    expectProblem(unknown, 422, 'validation_failed');
    expect(unknown.json().errors).toEqual([{ path: 'masterCaseNumber', code: 'unknown_case', message: '主件不存在' }]);
    const unlinked = await b.act('intake', n, 'accept', { ...ACCUSATION_FIELDS, mode: 'keep_on_file', proposal: '存查' });
    expectProblem(unlinked, 422, 'validation_failed');
    expect(unlinked.json().errors[0]).toMatchObject({ path: 'subjects', code: 'subjects_not_linked' });
    const d = (await b.detail('intake', n)).json<CaseDetailJson>();
    expect([d.state, d.pending, d.version]).toEqual(['registered', [], 1]);
    expect(await notificationKinds(t, b.user('supervision_head'), n)).toEqual([]);
  });
});

describe('subjects that cannot be identified', () => {
  it('an accusation is accepted without linked subjects only once a second person confirms it; a recused confirmer finds nothing', async () => {
    const n = await report(t, { ...ACCUSATION, subjects: [{ name: '一名不知姓名的民警' }] });
    const fields = { ...ACCUSATION_FIELDS, notIdentifiable: true, mode: 'assign', proposal: '交东城分局督察大队调查', proposedUnitId: b.unit('fj1dc') };
    const held = await b.ok('intake', n, 'accept', fields);
    expect([held.state, held.pending.map((p) => p.kind)]).toEqual(['registered', ['not_identifiable']]);
    expect((await b.act('head_intake', n, 'declare_conflict', { reason: '与当事民警相识' })).statusCode).toBe(204);
    expectProblem(await b.act('head_intake', n, 'confirm', { decisionId: pendingId(held) }), 404, 'not_found');
    const accepted = await b.ok('supervision_head', n, 'confirm', { decisionId: pendingId(held) });
    expect([accepted.state, accepted.publicStage, accepted.isAccusation]).toEqual(['awaiting_instruction', 'accepted', true]);
  });
});

describe('a third reopening', () => {
  it('the first two apply at once; the third waits for the supervision_head', async () => {
    const n = await report(t);
    await closedDirectly(b, n);
    for (const round of [1, 2]) {
      await b.ok('followup', n, 'record_follow_up', { outcome: 'dissatisfied', reasons: ['unresolved'], channel: 'phone' });
      const reopened = await b.ok('assigner', n, 'reopen', { reason: `第${String(round)}次重办` });
      expect([reopened.state, reopened.pending, reopened.clocks.public.due]).toEqual(['direct_handling', [], '2026-04-01']);
      await b.ok('intake', n, 'reply', REPLY);
      await b.ok('assigner', n, 'close');
    }
    await b.ok('followup', n, 'record_follow_up', { outcome: 'dissatisfied', reasons: ['result'], channel: 'phone' });
    const held = await b.ok('assigner', n, 'reopen', { reason: '第3次重办' });
    expect([held.state, held.pending.map((p) => p.kind), held.flags.awaitingConfirmation]).toEqual(['closed', ['reopen'], true]);
    expectProblem(await b.act('assigner', n, 'confirm', { decisionId: pendingId(held) }), 403, 'forbidden');
    // Neither an explanation nor the archive may slip past the waiting reopening.
    expectProblem(await b.act('assigner', n, 'explain', { text: '已向反映人解释', method: 'phone' }), 409, 'conflict');
    expectProblem(await b.act('archivist', n, 'archive'), 409, 'conflict');
    const confirmed = await b.ok('supervision_head', n, 'confirm', { decisionId: pendingId(held), note: '同意第三次重办' });
    expect([confirmed.state, confirmed.pending, confirmed.flags.dissatisfied]).toEqual(['direct_handling', [], false]);
    expect(confirmed.timeline.filter((e) => e.event === 'reopen')).toHaveLength(3);
  });
});

describe('a receipt entered more than 3 days back', () => {
  it('is held; the assigner who asked cannot confirm; the supervision_head records it', async () => {
    const n = await report(t);
    const back = '2026-02-25T09:00:00+08:00';
    const soon = await b.ok('assigner', n, 'reclassify', { receivedAt: '2026-02-28T09:00:00+08:00', reason: '来信邮戳日期' });
    expect([soon.pending, (soon as unknown as { receivedAt: string }).receivedAt]).toEqual([[], '2026-02-28T01:00:00.000Z']);
    const held = await b.ok('assigner', n, 'reclassify', { receivedAt: back, reason: '信件实际收到日期' });
    expect([held.pending.map((p) => p.kind), (held as unknown as { receivedAt: string }).receivedAt]).toEqual([['backdated_receipt'], '2026-02-28T01:00:00.000Z']);
    const own = await b.act('assigner', n, 'confirm', { decisionId: pendingId(held) });
    expectProblem(own, 403, 'forbidden');
    expect(own.json().detail).toBe('申请人不能确认自己的申请');
    const confirmed = await b.ok('supervision_head', n, 'confirm', { decisionId: pendingId(held) });
    expect([confirmed.pending, (confirmed as unknown as { receivedAt: string }).receivedAt]).toEqual([[], '2026-02-25T01:00:00.000Z']);
    // Only the receipt time waits: a subject named in the same correction is linked at once.
    const both = await b.ok('assigner', n, 'reclassify', { receivedAt: '2026-02-20T09:00:00+08:00', type: 'accusation', subjects: [{ name: '朱某', userId: b.user('handler2') }], reason: '补充被反映人并更正收件时间' });
    expect([both.isAccusation, both.subjects.length, both.pending.map((p) => p.kind), (both as unknown as { receivedAt: string }).receivedAt]).toEqual([true, 1, ['backdated_receipt'], '2026-02-25T01:00:00.000Z']);
    const later = await b.ok('supervision_head', n, 'confirm', { decisionId: pendingId(both) });
    expect([later.subjects.length, (later as unknown as { receivedAt: string }).receivedAt]).toEqual([1, '2026-02-20T01:00:00.000Z']);
    const future = await b.act('assigner', n, 'reclassify', { receivedAt: '2026-03-05T09:00:00+08:00', reason: '误填' });
    expectProblem(future, 422, 'validation_failed');
    expect(future.json().errors[0]).toMatchObject({ path: 'receivedAt', code: 'in_future' });
  });
});

describe('the audit chain', () => {
  it('verifies after every path above', async () => {
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
