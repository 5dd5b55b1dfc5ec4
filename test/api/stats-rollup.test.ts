// The statistics roll-ups (DESIGN §9): whatever is folded or still pending, every reader's figures equal the
// live count over the cases they may see — including the firewall's corrections — and folding changes one by
// one ends where a full refold ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../src/commands/case-actions/scope.js';
import { foldPendingStats } from '../../src/commands/stats-rollup.js';
import { submitReport } from '../../src/commands/submit-report.js';
import type { LocalDate } from '../../src/domain/calendar/local-date.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { caseStats } from '../../src/queries/stats/stats.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
const READERS = ['assigner', 'supervision_head', 'fj1_head', 'unit_head', 'duty_leader'] as const;
let periods: [LocalDate, LocalDate][] = [];
const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

async function actor(username: string): Promise<StaffActor> {
  const r = await t.deps.pool.query<{ id: string; unit_id: string; police_number: string | null; display_name: string; roles: string[] }>(
    `SELECT u.id, u.unit_id, u.police_number, u.display_name, ARRAY(SELECT g.role FROM role_grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL) AS roles
     FROM users u WHERE u.username = $1`,
    [username],
  );
  const u = r.rows[0]!;
  return {
    userId: u.id,
    unitId: u.unit_id,
    roles: u.roles.filter(isRole),
    policeNumber: u.police_number === null ? null : t.deps.blind.index('police-number', u.police_number).toString('hex'),
    displayName: u.display_name,
  };
}

async function pending(): Promise<number> {
  return Number((await t.deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM stats_pending')).rows[0]!.n);
}

async function foldAll(): Promise<void> {
  while ((await foldPendingStats(t.deps, 7)) > 0);
}

/** Every reader and period: the roll-up answer equals the live one. */
async function expectRollupsEqualLive(): Promise<number> {
  let compared = 0;
  for (const username of READERS) {
    const a = await actor(username);
    for (const [from, to] of periods) {
      const live = await caseStats(t.deps, a, from, to, 'live');
      expect(await caseStats(t.deps, a, from, to), `${username} ${from}..${to}`).toEqual(live);
      compared += live.total;
    }
  }
  return compared;
}

async function rollupRows(): Promise<string[]> {
  const r = await t.deps.pool.query<{ row: string }>(
    `SELECT concat_ws('|', key, grain, day, metric, dim, value, sealed, n) AS row FROM stats_rollup WHERE n <> 0 ORDER BY 1`,
  );
  return r.rows.map((x) => x.row);
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t, { walkthrough: true });
  // A complaint at pcs1a on which fj1's head declared a conflict: fj1's roll-up key counts it, fj1_head
  // must never see it.
  const n = (await submitReport(t.deps, { type: 'complaint', anonymity: 'anonymous', subjects: [], content: '城关派出所门口民警训斥群众，态度恶劣。' }, [], { channel: 'web' })).caseNumber;
  await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, policeBranch: 'household', mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
  await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a') });
  expect((await b.act('fj1_head', n, 'declare_conflict', { reason: '当事民警系本人亲属' })).statusCode).toBe(204);
  // duty_leader reads sealed items too.
  await t.deps.pool.query('INSERT INTO sealed_group_members (user_id, added_by, added_at) VALUES ($1, $1, now()) ON CONFLICT DO NOTHING', [b.user('duty_leader')]);
  const span = (await t.deps.pool.query<{ first: LocalDate; last: LocalDate }>(
    `SELECT min((created_at AT TIME ZONE $1)::date)::text AS first, max((created_at AT TIME ZONE $1)::date)::text AS last FROM cases`,
    [t.deps.timezone],
  )).rows[0]!;
  const year = span.first.slice(0, 4);
  const month = span.last.slice(0, 7);
  periods = [
    [`${year}-01-01` as LocalDate, `${year}-12-31` as LocalDate],
    [`${month}-01` as LocalDate, `${month}-28` as LocalDate],
    [span.first, span.last],
    // whole months with partial ones around them, and the follow-ups' "due by today" cut
    [`${year}-02-15` as LocalDate, `${String(Number(year) + 1)}-01-10` as LocalDate],
  ];
});
afterAll(async () => t.close());

describe('statistics roll-ups', () => {
  it('answer exactly while every case is still pending', async () => {
    expect(await pending()).toBeGreaterThan(20);
    expect(await expectRollupsEqualLive()).toBeGreaterThan(0);
  });

  it('answer exactly once folded, from the roll-ups', async () => {
    await foldAll();
    expect(await pending()).toBe(0);
    expect((await rollupRows()).length).toBeGreaterThan(100);
    await expectRollupsEqualLive();
  });

  it('correct for recusal: the roll-up of fj1 counts the case its head declared a conflict on, fj1_head is not shown it', async () => {
    const fj1 = (await actor('fj1_head')).unitId;
    const stored = await t.deps.pool.query<{ n: string }>(
      `SELECT COALESCE(sum(n), 0)::text AS n FROM stats_rollup WHERE key = $1 AND grain = 'd' AND metric = 'registered' AND dim = 'total'`,
      [`h:${fj1}`],
    );
    const [from, to] = periods[2]!;
    const shown = await caseStats(t.deps, await actor('fj1_head'), from, to);
    expect(Number(stored.rows[0]!.n)).toBeGreaterThan(shown.total);
    expect(shown).toEqual(await caseStats(t.deps, await actor('fj1_head'), from, to, 'live'));
  });

  it('stay exact through further work, pending and folded, and end where a full refold ends', async () => {
    const cases = (await t.deps.pool.query<{ case_number: string; state: string }>('SELECT case_number, state FROM cases ORDER BY case_number')).rows;
    const toSign = cases.find((c) => c.state === 'awaiting_sign_for');
    const registered = cases.find((c) => c.state === 'registered');
    if (toSign !== undefined) await b.ok('liaison', toSign.case_number, 'sign_for', { handleMyself: true }).catch(() => undefined);
    if (registered !== undefined) {
      await b.ok('intake', registered.case_number, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, policeBranch: 'traffic', mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
    }
    await submitReport(t.deps, { type: 'suggestion', anonymity: 'anonymous', subjects: [], content: '建议延长户籍窗口周六办公时间。' }, [], { channel: 'web' });
    expect(await pending()).toBeGreaterThan(0);
    await expectRollupsEqualLive();
    // The scheduled job folds them, as on a server.
    const runner = createTestRunner(t);
    await runner.runNow('stats.rollup');
    expect(await pending()).toBe(0);
    await expectRollupsEqualLive();
    // pcs1a's head reads live until pcs1a gets a sub-unit; then from pcs1a's own key, which the new unit's
    // trigger had the job fill.
    const sys = await b.as('sysadmin');
    expect((await sys.send('POST', '/api/v1/admin/units', { code: 'pcs1a_jwq', name: '城关派出所第一警务区', parentId: b.unit('pcs1a'), kind: 'squad' })).statusCode).toBe(201);
    expect(await pending()).toBeGreaterThan(0);
    await expectRollupsEqualLive();
    await runner.runNow('stats.rollup');
    const own = await t.deps.pool.query(`SELECT 1 FROM stats_rollup WHERE key = $1 AND n > 0`, [`h:${b.unit('pcs1a')}`]);
    expect(own.rowCount).toBeGreaterThan(0);
    await expectRollupsEqualLive();
    const incremental = await rollupRows();
    await t.deps.pool.query('DELETE FROM stats_rollup');
    await t.deps.pool.query('DELETE FROM stats_cases');
    await t.deps.pool.query('INSERT INTO stats_pending (case_id) SELECT id FROM cases');
    await foldAll();
    expect(await rollupRows()).toEqual(incremental);
  });
});
