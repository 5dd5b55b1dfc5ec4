// The clock sweep (issue 3 jobs): reminders at amber, overdue the day after, escalation, never twice,
// never to the accused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepClocks } from '../../src/commands/clock-sweep.js';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
const DAY = 24 * 3600_000;
const base: ReportInput = { type: 'complaint', anonymity: 'anonymous', subjects: [], content: '城关派出所接警后迟迟不出警，请督促改进。' };

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

async function kinds(username: string): Promise<string[]> {
  const r = await t.deps.pool.query<{ kind: string }>('SELECT n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 ORDER BY n.created_at, n.kind', [username]);
  return r.rows.map((x) => x.kind);
}

describe('the clock sweep', () => {
  it('reminds at amber, flags overdue the day after, escalates, and never sends twice', async () => {
    const n = (await submitReport(t.deps, base, [], { channel: 'web' })).caseNumber;
    await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
    const assigned = await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a'), unitDeadline: '2026-03-09' });
    expect(assigned.clocks.unit.due).toBe('2026-03-09');
    await b.ok('liaison', n, 'sign_for', {});
    await t.deps.pool.query('DELETE FROM notifications');
    expect(await sweepClocks(t.deps)).toBe(0);

    t.clock.advance(2 * DAY); // Wednesday 03-04: 3 working days left → amber.
    expect(await sweepClocks(t.deps)).toBe(1);
    expect(await sweepClocks(t.deps)).toBe(0);
    expect(await kinds('unit_head')).toEqual(['unit_amber']);
    expect(await kinds('liaison')).toEqual(['unit_amber']);

    t.clock.advance(6 * DAY); // Tuesday 03-10: the unit deadline has passed.
    await sweepClocks(t.deps);
    expect(await kinds('unit_head')).toEqual(['unit_amber', 'unit_overdue']);
    expect(await kinds('assigner')).toContain('unit_overdue');

    t.clock.advance(35 * DAY); // Past the public deadline by more than three working days.
    const runner = createTestRunner(t);
    await runner.runNow('clock.sweep');
    expect(await kinds('assigner')).toContain('public_overdue');
    expect(await kinds('supervision_head')).toContain('escalate');
    t.clock.advance(-43 * DAY);
    b.browsers.clear();
  });

  it('never tells the accused: a sign-for reminder for an accusation goes to the handling unit only', async () => {
    const n = (await submitReport(t.deps, { ...base, type: 'accusation', content: '城关派出所民警韩某酒后驾驶警车。' }, [], { channel: 'web' })).caseNumber;
    await b.ok('intake', n, 'accept', { type: 'accusation', scope: 'misconduct', urgency: 'urgent', businessRelated: false, mode: 'assign', proposal: '交督察大队', proposedUnitId: b.unit('fj1dc'), subjects: [{ name: '韩某', userId: b.user('handler') }] });
    await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('fj1dc') });
    await t.deps.pool.query('DELETE FROM notifications');
    t.clock.advance(3 * DAY);
    await sweepClocks(t.deps);
    expect(await kinds('fj1dc_liaison')).toContain('sign_for_overdue');
    for (const user of ['handler', 'liaison', 'unit_head']) expect(await kinds(user)).toEqual([]);
    t.clock.advance(-3 * DAY);
    b.browsers.clear();
  });
});
