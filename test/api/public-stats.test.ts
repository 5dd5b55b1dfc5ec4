// The public statistics (issue 5): per completed month and case type, received and answered with totals,
// small counts withheld so no hidden value follows from the totals, on-time and satisfaction shares only
// where neither part is a small count, sealed cases left out, no unit anywhere. Figures are arranged in the database (dates
// months apart cannot be reached with the fake clock, which only moves forward).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { publicStats } from '../../src/queries/public-stats.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const base: ReportInput = { type: 'complaint', anonymity: 'anonymous', subjects: [], content: '窗口工作人员推诿拖延，三次前来都没有办成业务。' };

interface Arrange {
  readonly repliedAt?: string;
  readonly due?: string;
  readonly sealed?: boolean;
}

async function seed(type: string, n: number, createdAt: string, o: Arrange = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await submitReport(t.deps, base, [], { channel: 'web' })).caseId);
  await t.deps.pool.query('UPDATE cases SET type = $2, created_at = $3, replied_at = $4, public_due = $5, sealed = $6 WHERE id = ANY($1::uuid[])', [
    ids, type, createdAt, o.repliedAt ?? null, o.due ?? null, o.sealed ?? false,
  ]);
  return ids;
}

async function rate(ids: readonly string[], outcome: string, at: string): Promise<void> {
  for (const id of ids) {
    await t.deps.pool.query(`INSERT INTO follow_up_records (id, case_id, outcome, channel, recorded_at) VALUES (gen_random_uuid(), $1, $2, 'online', $3)`, [id, outcome, at]);
  }
}

interface Count { value: number | null; suppressed: boolean }
interface Figures { received: Count; closed: Count; onTimeRate: number | null; satisfactionRate: number | null }
interface Stats { year: number; asOf: string; smallCountMax: number; types: { code: string }[]; rows: { month: string; cells: Figures[]; total: Figures }[]; total: { cells: Figures[]; total: Figures } }

const get = (query = '') => t.app.inject({ method: 'GET', url: `/api/v1/public/stats${query}`, headers: { origin: ORIGIN } });
const METRICS = ['received', 'closed'] as const;

describe('public statistics', () => {
  let stats: Stats;
  beforeAll(async () => {
    const jan = '2026-01-15T10:00:00+08:00';
    const onTime = await seed('complaint', 8, jan, { repliedAt: '2026-01-20T10:00:00+08:00', due: '2026-01-25' });
    const late = await seed('complaint', 2, jan, { repliedAt: '2026-01-20T10:00:00+08:00', due: '2026-01-18' });
    // Five more late answers: 8 on time of 15 answered is a share whose parts are both publishable.
    await seed('complaint', 5, jan, { repliedAt: '2026-01-21T10:00:00+08:00', due: '2026-01-18' });
    await seed('complaint', 2, jan);
    await seed('suggestion', 6, jan, { repliedAt: '2026-02-03T10:00:00+08:00' });
    await seed('accusation', 2, jan);
    await seed('consultation', 9, jan);
    await seed('complaint', 3, '2026-02-10T10:00:00+08:00');
    await seed('praise', 7, '2026-02-11T10:00:00+08:00');
    await seed('complaint', 7, '2026-03-01T10:00:00+08:00');
    await seed('other', 1, '2026-03-01T11:00:00+08:00');
    // Sealed cases exist for the sealed group only: never in public figures.
    await seed('accusation', 5, '2026-03-01T12:00:00+08:00', { sealed: true });
    // A case of last year counts in last year only.
    await seed('complaint', 6, '2025-12-31T23:30:00+08:00');
    await rate(onTime.slice(0, 6), 'satisfied', '2026-01-22T10:00:00+08:00');
    await rate(onTime.slice(6, 8), 'basically_satisfied', '2026-01-22T10:00:00+08:00');
    await rate(late, 'dissatisfied', '2026-01-22T10:00:00+08:00');
    const res = await get('?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    stats = res.json<Stats>();
  });

  it('has a row per completed month and a column per case type', () => {
    // The fake clock stands on 2026-03-02: March is not over, so it is not shown yet.
    expect([stats.year, stats.asOf, stats.smallCountMax]).toEqual([2026, '2026-02-28', 4]);
    expect(stats.rows.map((r) => r.month)).toEqual(['2026-01', '2026-02']);
    expect(stats.types.map((x) => x.code)).toEqual(['accusation', 'complaint', 'suggestion', 'praise', 'consultation', 'other']);
    for (const r of [...stats.rows, stats.total]) expect(r.cells).toHaveLength(6);
  });

  it('counts what was received and answered, with the shares that are safe to give, without sealed cases', () => {
    // Every published count is the true one (types in order: accusation, complaint, suggestion, praise, consultation, other).
    const received = [[2, 17, 6, 0, 9, 0], [0, 3, 0, 7, 0, 0]];
    stats.rows.forEach((r, i) => r.cells.forEach((f, j) => {
      if (!f.received.suppressed) expect([r.month, j, f.received.value]).toEqual([r.month, j, received[i]?.[j]]);
    }));
    const complaint = stats.rows[0]?.cells[1];
    // 8 on time and 7 late of 15: both parts above 4, so the share is given (rounded to 0.1 %).
    expect([complaint?.closed.value, complaint?.onTimeRate]).toEqual([15, 0.533]);
    // 8 satisfied and 2 dissatisfied of 10 rated: the share would name the two, so it is withheld.
    expect(complaint?.satisfactionRate).toBeNull();
    // Answered in February, without a public deadline: nothing to be late for, but 6 is under 10 answers.
    expect([stats.rows[1]?.cells[2]?.closed.value, stats.rows[1]?.cells[2]?.onTimeRate]).toEqual([6, null]);
    // 44 received to the end of February: March's eight, the five sealed cases and last year's six are not among them.
    expect(stats.total.total.received).toEqual({ value: 44, suppressed: false });
  });

  it('withholds every count of 1 to 4 and leaves no line with a single hidden cell', () => {
    expect(stats.rows[0]?.cells[0]?.received).toEqual({ value: null, suppressed: true });
    expect(stats.rows[1]?.cells[1]?.received).toEqual({ value: null, suppressed: true });
    for (const m of METRICS) {
      const lines = [...stats.rows, stats.total].map((r) => [...r.cells, r.total].map((f) => f[m]));
      for (const line of lines) for (const c of line) {
        expect(c.suppressed).toBe(c.value === null);
        if (c.value !== null) expect(c.value === 0 || c.value > 4).toBe(true);
      }
      const columns = (lines[0] ?? []).map((_, j) => lines.map((line) => line[j] as Count));
      for (const line of [...lines, ...columns]) expect(line.filter((c) => c.suppressed).length).not.toBe(1);
    }
  });

  it('never publishes the on-time or rating counts themselves, and no share of fewer than ten answers', () => {
    for (const r of [...stats.rows, stats.total]) {
      for (const f of [...r.cells, r.total]) {
        expect(Object.keys(f).sort()).toEqual(['closed', 'onTimeRate', 'received', 'satisfactionRate']);
        if (f.closed.value === null || f.closed.value < 10) expect(f.onTimeRate).toBeNull();
      }
    }
  });

  it('names no unit and no person', async () => {
    const body = (await get('?year=2026')).body;
    expect(body).not.toMatch(/unit|派出所|分局|督察/u);
  });

  it('answers a past year with twelve months and refuses a future year or a malformed one', async () => {
    const last = (await get('?year=2025')).json<Stats>();
    expect([last.rows.length, last.asOf, last.total.total.received]).toEqual([12, '2025-12-31', { value: 6, suppressed: false }]);
    expect((await get()).json<Stats>().year).toBe(2026);
    const future = await get('?year=2027');
    expect([future.statusCode, future.json().errors[0].path]).toEqual([422, 'year']);
    expect((await get('?year=26')).statusCode).toBe(422);
    expect((await get('?year=2026&unit=x')).statusCode).toBe(422);
  });

  it('adds up a few thousand more cases', async () => {
    // 6,000 more cases over the year, copied from one row with new ids, numbers, types and days.
    const template = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases LIMIT 1')).rows[0]?.id;
    await t.deps.pool.query(
      `INSERT INTO cases SELECT (jsonb_populate_record(c, jsonb_build_object(
         'id', gen_random_uuid(), 'case_number', 'PERF-' || g, 'query_code_hash', sha256(('perf' || g)::bytea),
         'type', (ARRAY['accusation','complaint','suggestion','praise','consultation','other'])[1 + g % 6],
         'created_at', timestamptz '2026-01-01 08:00+08' + (g % 60) * interval '1 day',
         'replied_at', CASE WHEN g % 3 = 0 THEN timestamptz '2026-01-05 08:00+08' + (g % 55) * interval '1 day' END,
         'public_due', CASE WHEN g % 3 = 0 THEN date '2026-02-10' END))).*
       FROM cases c, generate_series(1, 6000) g WHERE c.id = $1`,
      [template],
    );
    // How long this takes is for a benchmark; here the sums must come out whatever the volume.
    const figures = await publicStats(t.deps, 2026);
    // Created over 60 days from 1 January: the 3,000 or so of March are not over yet.
    const shown = (await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_number LIKE 'PERF-%' AND created_at < timestamptz '2026-03-01 00:00+08'")).rows[0]?.n ?? 0;
    expect(figures.total.total.received.value).toBe(44 + shown);
  });
});
