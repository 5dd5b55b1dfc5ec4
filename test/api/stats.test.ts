// Statistics (issue 3): counts by dimension and the bureau's rates, within the reader's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
const base: ReportInput = { type: 'complaint', anonymity: 'real_name', reporter: { name: '钱群众', phone: '13700137000' }, subjects: [], content: '城关派出所办理暂住登记时，民警态度冷漠，说话生硬，请予以纠正。' };

async function stats(user: string, query = '?from=2026-03-01&to=2026-03-31') {
  return (await b.as(user)).send('GET', `/api/v1/stats${query}`);
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  // One complaint to pcs1a, replied on time after an extension; one accusation against fj1's head, kept from fj1.
  const n = (await submitReport(t.deps, base, [], { channel: 'web' })).caseNumber;
  await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, policeBranch: 'household', mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
  await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a') });
  await b.ok('liaison', n, 'sign_for', { handleMyself: true });
  await b.ok('unit_head', n, 'request_extension', { days: 5, reason: '需补充调查', reasonForReporter: '需补充调查' });
  await b.ok('supervision_head', n, 'decide_extension', { decision: 'approve', days: 5 });
  await b.ok('liaison', n, 'submit_result', { finding: 'substantiated', draftReply: '已批评教育。' });
  await b.ok('unit_head', n, 'review', { decision: 'approve' });
  await b.ok('assigner', n, 'review', { decision: 'approve' });
  await b.ok('assigner', n, 'reply', { outcome: 'replied', method: 'phone', answeredBy: '李交办', answeredAt: '2026-03-02T09:55:00+08:00', text: '已批评教育，感谢监督。' });
  await b.ok('assigner', n, 'close');
  await b.ok('followup', n, 'record_follow_up', { outcome: 'basically_satisfied', channel: 'phone' });
  const a = (await submitReport(t.deps, { ...base, type: 'accusation', content: '东城分局尤局长插手案件，要求下属对其亲属从轻处理。' }, [], { channel: 'phone' })).caseNumber;
  await b.ok('intake', a, 'accept', { type: 'accusation', scope: 'misconduct', urgency: 'urgent', businessRelated: false, mode: 'assign', proposal: '交督察支队', proposedUnitId: b.unit('dcd'), subjects: [{ name: '尤某', userId: b.user('fj1_head') }] });
});
afterAll(async () => t.close());

describe('GET /api/v1/stats', () => {
  it('counts the month by dimension and computes the rates', async () => {
    const res = await stats('assigner');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const all = Number((await t.deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]!.n);
    expect(s.total).toBe(all);
    const byType = Object.fromEntries((await t.deps.pool.query<{ type: string; n: string }>('SELECT type, count(*) AS n FROM cases GROUP BY type')).rows.map((r) => [r.type, Number(r.n)]));
    expect(s.by.type).toEqual(byType);
    expect(s.by.channel.phone).toBe(1);
    expect(s.by.policeBranch.household).toBe(1);
    expect(s.rates.signForOnTime).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(s.rates.extension).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(s.rates.satisfaction).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(s.rates.reopen).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(s.rates.return.value).toBe(0);
  });

  it('counts on-time replies by the deadlines due in the period, and overdue work today', async () => {
    const april = (await stats('assigner', '?from=2026-04-01&to=2026-04-30')).json();
    // The replied complaint was due 04-06 (04-01 + 5 days, Qingming rolls it on) and answered in March.
    expect(april.rates.onTimeReply.numerator).toBeGreaterThanOrEqual(1);
    expect(april.overdue).toBe(0);
  });

  it('draws registrations over time by dimension, overdue work by unit and follow-up outcomes', async () => {
    const s = (await stats('assigner')).json();
    expect(s.series.bucket).toBe('day');
    expect(s.series.periods).toHaveLength(31);
    expect(s.series.periods[0]).toBe('2026-03-01');
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(s.series.total)).toBe(s.total);
    for (const dim of ['channel', 'type', 'problemType', 'policeBranch', 'unit']) {
      expect(Object.values(s.series.by[dim] as Record<string, number[]>).reduce((a, xs) => a + sum(xs), 0), dim).toBe(s.total);
    }
    expect(sum(s.series.by.channel.phone)).toBe(1);
    expect(s.unitNames[b.unit('pcs1a')]).toBe('东城分局城关派出所');
    expect(s.followUps.outcomes).toEqual({ basically_satisfied: 1 });
    expect(sum(Object.values(s.overdueByUnit))).toBe(s.overdue);
    const year = (await stats('assigner', '?from=2026-01-01&to=2026-12-31')).json();
    expect(year.series.bucket).toBe('month');
    expect(year.series.periods).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`));
    expect(sum(year.series.total)).toBe(year.total);
    // A unit head's lines hold their units' cases only: the accusation against fj1's head is in no line of theirs.
    const accused = (await stats('fj1_head')).json();
    expect(accused.series.by.type.accusation).toBeUndefined();
  });

  it('gives a unit head their units only, never the accusation against them, and refuses a handler', async () => {
    const unit = (await stats('unit_head')).json();
    expect(unit.total).toBe(1);
    const accused = (await stats('fj1_head')).json();
    expect(accused.by.type.accusation).toBeUndefined();
    expect((await stats('handler')).statusCode).toBe(403);
    expect((await stats('assigner', '?from=2026-03-31&to=2026-03-01')).statusCode).toBe(422);
  });
});
