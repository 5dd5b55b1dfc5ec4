// Returns (退回) and suspensions (挂起) through HTTP: requests held as pending decisions, decided by the
// level above or the centre, never by the requester; clocks that stop and move (issue 3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { expectProblem } from '../helpers/browser.js';
import { advance, advanceToMonday, assignedTo, DAY_MS, notificationKinds, report } from '../helpers/case-steps.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

const RETURN = { reason: '该事项不属于本所管辖范围' };

describe('request_return / decide_return', () => {
  it('before sign-for, approved at the top: back to ready_to_assign and the unit no longer sees the case', async () => {
    const n = await report(t);
    await assignedTo(b, n, 'pcs1a');
    const requested = await b.ok('liaison', n, 'request_return', RETURN);
    expect([requested.state, requested.flags.awaitingConfirmation, requested.pending.map((p) => p.kind)]).toEqual(['assigned', true, ['return']]);
    expect(requested.actions.map((a) => a.code)).not.toContain('request_return');
    expectProblem(await b.act('liaison', n, 'request_return', RETURN), 409, 'conflict');
    expect(await notificationKinds(t, b.user('assigner'), n)).toEqual(['decision_requested']);
    // The requester cannot decide their own request, nor can the unit's head.
    expectProblem(await b.act('liaison', n, 'decide_return', { decision: 'approve' }), 403, 'forbidden');
    expectProblem(await b.act('unit_head', n, 'decide_return', { decision: 'approve' }), 403, 'forbidden');

    const approved = await b.ok('assigner', n, 'decide_return', { decision: 'approve', note: '改交其他单位' });
    expect([approved.state, approved.currentUnit, approved.clocks.unit.due, approved.flags.awaitingConfirmation, approved.chain.map((l) => l.granted)]).toEqual(['ready_to_assign', null, null, false, [false]]);
    expect(approved.actions.map((a) => a.code)).toContain('assign');
    expectProblem(await b.detail('liaison', n), 404, 'not_found');
    expectProblem(await b.detail('unit_head', n), 404, 'not_found');
    expect((await b.detail('liaison', n)).body).toBe((await b.detail('liaison', 'SL2026-999999')).body);
    // The unit lost its grant with the approval, so not even the answer to its request reaches it.
    expect(await notificationKinds(t, b.user('liaison'), n)).toEqual(['to_sign_for']);
  });

  it('approved below the top: the level above takes it back in progress', async () => {
    const n = await report(t);
    await assignedTo(b, n, 'fj1');
    await b.ok('fj1_liaison', n, 'sign_for');
    await b.ok('fj1_liaison', n, 'redispatch', { unitId: b.unit('pcs1a'), brief: '请城关派出所核实' });
    await b.ok('liaison', n, 'request_return', RETURN);
    expect(await notificationKinds(t, b.user('fj1_liaison'), n)).toEqual(['decision_requested', 'to_sign_for']);
    expect(await b.actionsOf('fj1_liaison', n)).toContain('decide_return');

    const approved = await b.ok('fj1_liaison', n, 'decide_return', { decision: 'approve' });
    expect([approved.state, approved.currentUnit?.id, approved.chain.map((l) => l.granted)]).toEqual(['in_progress', b.unit('fj1'), [true, false]]);
    expect(approved.clocks.unit.due).toBe(approved.chain[0]?.unitDue);
    expectProblem(await b.detail('liaison', n), 404, 'not_found');
    expect(await b.actionsOf('fj1_liaison', n)).toContain('redispatch');
  });

  it('rejected: the case stays where it is', async () => {
    const n = await report(t);
    const assigned = await assignedTo(b, n, 'pcs1a');
    await b.ok('liaison', n, 'request_return', RETURN);
    expectProblem(await b.act('assigner', n, 'decide_return', { decision: 'reject' }), 422, 'validation_failed');
    const rejected = await b.ok('assigner', n, 'decide_return', { decision: 'reject', note: '属本所辖区，请继续办理' });
    expect([rejected.state, rejected.currentUnit?.id, rejected.clocks.unit.due, rejected.pending, rejected.flags.awaitingConfirmation]).toEqual(['assigned', b.unit('pcs1a'), assigned.clocks.unit.due, [], false]);
    expect(await notificationKinds(t, b.user('liaison'), n)).toEqual(['request_rejected', 'to_sign_for']);
    expect((await b.ok('liaison', n, 'sign_for')).state).toBe('in_progress');
  });
});


describe('request_suspension / decide_suspension / resume', () => {
  it('stops the clocks and moves every deadline by the calendar days suspended', async () => {
    const n = await report(t);
    await assignedTo(b, n, 'pcs1a');
    const running = await b.ok('liaison', n, 'sign_for');
    expect(await b.actionsOf('liaison', n)).not.toContain('request_suspension');
    const requested = await b.ok('unit_head', n, 'request_suspension', { reason: '反映人住院治疗，暂无法配合调查', expectedEnd: '2026-03-20' });
    expect([requested.flags.suspended, requested.pending.map((p) => p.kind)]).toEqual([false, ['suspension']]);
    expectProblem(await b.act('unit_head', n, 'decide_suspension', { decision: 'approve' }), 403, 'forbidden');

    const suspended = await b.ok('supervision_head', n, 'decide_suspension', { decision: 'approve' });
    expect([suspended.flags.suspended, suspended.clocks.light, suspended.flags.awaitingConfirmation]).toEqual([true, 'none', false]);
    expect(await b.actionsOf('unit_head', n)).toEqual(expect.arrayContaining(['resume']));
    expect(await b.actionsOf('unit_head', n)).not.toContain('request_suspension');

    advance(t, b, 5 * DAY_MS);
    const resumed = await b.ok('unit_head', n, 'resume', { note: '反映人已出院' });
    expect([resumed.flags.suspended, resumed.timeline.at(-1)?.event]).toEqual([false, 'resume']);
    // Five calendar days: 04-01 → 04-06, a Qingming holiday, so 04-07; 03-23 → Saturday 03-28, so 03-30.
    expect([running.clocks.public.due, running.clocks.unit.due]).toEqual(['2026-04-01', '2026-03-23']);
    expect([resumed.clocks.public.due, resumed.clocks.unit.due, resumed.chain[0]?.unitDue]).toEqual(['2026-04-07', '2026-03-30', '2026-03-30']);
    expectProblem(await b.act('unit_head', n, 'resume', {}), 409, 'conflict');
  });
});

describe('the return window', () => {
  // Last among the handling tests: it moves the shared clock.
  it('after the return window closes a unit that has not signed for may no longer ask', async () => {
    advanceToMonday(t, b);
    const n = await report(t);
    await assignedTo(b, n, 'pcs1a');
    // Assigned on a Monday in March: two working days end on Wednesday.
    advance(t, b, 2 * DAY_MS);
    expect(await b.actionsOf('liaison', n)).toContain('request_return');
    advance(t, b, DAY_MS);
    expect(await b.actionsOf('liaison', n)).not.toContain('request_return');
    const late = await b.act('liaison', n, 'request_return', RETURN);
    expectProblem(late, 409, 'conflict');
    expect(late.json().detail).toBe('已超过退回时限');
    // Once signed for, a return may be asked at any time, always for approval.
    await b.ok('liaison', n, 'sign_for');
    expect((await b.ok('liaison', n, 'request_return', RETURN)).pending.map((p) => p.kind)).toEqual(['return']);
  });
});

describe('the audit chain', () => {
  it('verifies after every path above', async () => {
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
