// `npm run bench:queues -- [FOLDER] [--runs N] [--label TEXT]`
//
// The staff queues, Chinese search and statistics of DESIGN §9 against a database left by
// `npm run bench:seed -- --cases 1000000 --keep` (the latest one without FOLDER). Every measure calls the
// query function the route calls (listCases, caseStats) as a real user of the scaled bureau, with the clock at
// the seed's "now", so scope, firewall, recusal and search tokens are production's. Writes
// bench/results/queues.json and docs/performance.md with the plan of the slowest statement.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildDeps, type Deps } from '../src/commands/deps.js';
import type { StaffActor } from '../src/commands/case-actions/scope.js';
import { addDays, type LocalDate } from '../src/domain/calendar/local-date.js';
import { ROLES, type Role } from '../src/domain/roles.js';
import { CLOCK_STATES } from '../src/domain/state-groups.js';
import { listCases, type CaseFilters } from '../src/queries/cases/case-list.js';
import { caseStats } from '../src/queries/stats/stats.js';
import { localDateOf } from '../src/store/case-view-of.js';
import { APP_SESSION_OPTIONS } from '../src/store/open.js';
import { explain, percentile, slowest, StatementRecorder, type Statement } from './queue-recorder.js';
import { loadManifest, ownerUrl, ringOf } from './seed-manifest.js';
import { personName } from './seed-org.js';
import { writePerformanceDoc, type MeasureResult } from './queues-report.js';

// As openStore does for the server: DATE columns are LocalDate strings, never Dates in the process's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: args, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    label: { type: 'string', default: 'as migrated' },
    // While tuning: only the measures whose name contains this text, each with its slowest statement's plan
    // printed; nothing is written.
    only: { type: 'string' },
  },
  allowPositionals: true,
});
const RUNS = Number(args.runs);

type Group = 'queue' | 'search' | 'stats';
const BUDGET_MS: Record<Group, number> = { queue: 50, search: 200, stats: 300 };

interface Measure {
  readonly name: string;
  readonly group: Group;
  readonly user: string;
  readonly run: (deps: Deps, actor: StaffActor) => Promise<number>;
}

const list = (filters: Omit<CaseFilters, 'limit'>) => async (deps: Deps, actor: StaffActor) => (await listCases(deps, actor, { limit: 50, ...filters })).items.length;

// One of the names the seed gives praised officers (a few cases each in a million).
const RARE_NAME = personName(4242);

function measures(today: LocalDate): Measure[] {
  const monthFrom = addDays(today, -30);
  const yearFrom = addDays(today, -365);
  const stats = (from: LocalDate) => async (deps: Deps, actor: StaffActor) => (await caseStats(deps, actor, from, today)).total;
  return [
    { name: "station: the unit's open cases by unit deadline", group: 'queue', user: 'fj03p04_liaison', run: list({ states: CLOCK_STATES }) },
    { name: 'station: every case of the unit (default list)', group: 'queue', user: 'fj03p04_liaison', run: list({}) },
    { name: 'station handler: assigned to me', group: 'queue', user: 'fj03p04_handler01', run: list({ assignedToMe: true, states: CLOCK_STATES }) },
    { name: "branch head: open cases of the branch's units", group: 'queue', user: 'fj03_head', run: list({ states: CLOCK_STATES }) },
    { name: 'branch head: overdue (red)', group: 'queue', user: 'fj03_head', run: list({ light: 'red' }) },
    { name: 'centre assigner: overdue (red)', group: 'queue', user: 'assigner01', run: list({ light: 'red' }) },
    { name: 'centre assigner: due soon (amber)', group: 'queue', user: 'assigner01', run: list({ light: 'amber' }) },
    { name: 'duty leader: to instruct', group: 'queue', user: 'duty_leader01', run: list({ states: ['awaiting_instruction'] }) },
    { name: 'centre intake: registered, to screen', group: 'queue', user: 'intake01', run: list({ states: ['registered'] }) },
    { name: 'centre: rare word (a praised officer\'s name)', group: 'search', user: 'assigner01', run: list({ q: RARE_NAME }) },
    { name: 'centre: rare phrase (1 complaint in 200)', group: 'search', user: 'assigner01', run: list({ q: '私下暗示要给好处费' }) },
    { name: 'centre: common word', group: 'search', user: 'assigner01', run: list({ q: '态度' }) },
    { name: 'centre: common phrase', group: 'search', user: 'assigner01', run: list({ q: '态度粗暴' }) },
    { name: 'station: common word, own scope', group: 'search', user: 'fj03p04_liaison', run: list({ q: '态度' }) },
    { name: 'branch head: rare phrase, own scope', group: 'search', user: 'fj03_head', run: list({ q: '私下暗示要给好处费' }) },
    { name: 'centre: statistics for a month', group: 'stats', user: 'supervision_head', run: stats(monthFrom) },
    { name: 'centre: statistics for a year', group: 'stats', user: 'supervision_head', run: stats(yearFrom) },
    { name: 'branch head: statistics for a month', group: 'stats', user: 'fj03_head', run: stats(monthFrom) },
    { name: 'branch head: statistics for a year', group: 'stats', user: 'fj03_head', run: stats(yearFrom) },
    // A station has no sub-units and no roll-up key: its head's figures sum the stored facts of their cases.
    { name: 'station head: statistics for a year (stored facts)', group: 'stats', user: 'fj03p04_head', run: stats(yearFrom) },
  ];
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

async function actorOf(pool: pg.Pool, deps: Deps, username: string): Promise<StaffActor> {
  const r = await pool.query<{ id: string; unit_id: string; police_number: string | null; display_name: string; roles: string[] }>(
    `SELECT u.id, u.unit_id, u.police_number, u.display_name,
            ARRAY(SELECT g.role FROM role_grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL) AS roles
     FROM users u WHERE u.username = $1`,
    [username],
  );
  const u = r.rows[0];
  if (u === undefined) throw new Error(`no user ${username} in the seeded bureau`);
  return {
    userId: u.id,
    unitId: u.unit_id,
    roles: u.roles.filter(isRole),
    policeNumber: u.police_number === null ? null : deps.blind.index('police-number', u.police_number).toString('hex'),
    displayName: u.display_name,
  };
}

async function main(): Promise<void> {
  const manifest = await loadManifest(positionals[0]);
  if (manifest.phase !== 'done') throw new Error(`the seed in ${manifest.folder} is not finished (${manifest.phase}); run bench:seed -- --resume`);
  const ring = await ringOf(manifest);
  const pool = new pg.Pool({ connectionString: ownerUrl(manifest, ring), max: 2, application_name: 'zhitong-bench-queues', options: APP_SESSION_OPTIONS });
  const recorder = new StatementRecorder();
  recorder.attach(pool);
  const now = new Date(manifest.nowMs);
  const deps = buildDeps({ pool, ring, dataDir: manifest.folder, clock: { now: () => now }, caseNumber: { prefix: manifest.prefix, width: manifest.width }, timezone: 'Asia/Shanghai', argon2: 'low' });
  const today = localDateOf(now, deps.timezone);
  const results: MeasureResult[] = [];
  let worst: { measure: string; statement: Statement } | null = null;
  let worstRatio = 0;
  const chosen = measures(today).filter((m) => args.only === undefined || m.name.includes(args.only));
  for (const m of chosen) {
    const actor = await actorOf(pool, deps, m.user);
    let rows = 0;
    for (let i = 0; i < 3; i++) rows = await m.run(deps, actor);
    recorder.take();
    const times: number[] = [];
    let slowStatement: Statement | null = null;
    let slowRun = -1;
    // Statistics take seconds each while over budget; ten runs give their p95 without an hour's wait.
    const runs = m.group === 'stats' ? Math.min(RUNS, 10) : RUNS;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await m.run(deps, actor);
      const ms = performance.now() - t0;
      times.push(ms);
      const s = slowest(recorder.take());
      if (ms > slowRun && s !== null) {
        slowRun = ms;
        slowStatement = s;
      }
    }
    times.sort((a, b) => a - b);
    const result: MeasureResult = { name: m.name, group: m.group, user: m.user, rows, runs, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times.at(-1) ?? 0), budget: BUDGET_MS[m.group] };
    results.push(result);
    console.log(`${result.p95 <= result.budget ? 'ok  ' : 'OVER'} p50 ${fmt(result.p50)} p95 ${fmt(result.p95)} max ${fmt(result.max)}  ${m.group.padEnd(6)} ${m.name} (${m.user}, ${String(rows)} rows)`);
    if (args.only !== undefined) {
      await m.run(deps, actor);
      for (const st of recorder.take()) console.log(`  ${st.ms.toFixed(1).padStart(8)} ms  ${st.text.replace(/\s+/gu, ' ').slice(0, 150)}`);
    }
    if (args.only !== undefined && slowStatement !== null) console.log(`${slowStatement.text}\n${JSON.stringify(slowStatement.values)}\n${await explain(pool, slowStatement)}\n`);
    if (slowStatement !== null && result.p95 / result.budget > worstRatio) {
      worstRatio = result.p95 / result.budget;
      worst = { measure: m.name, statement: slowStatement };
    }
  }
  if (args.only !== undefined) {
    await pool.end();
    return;
  }
  const plan = worst === null ? '' : await explain(pool, worst.statement);
  const environment = { cases: manifest.cases, database: manifest.database, postgres: (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '', node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map(round), label: args.label, measuredAt: new Date().toISOString() };
  await pool.end();
  const report = { environment, results, slowest: worst === null ? null : { measure: worst.measure, statement: worst.statement.text, plan } };
  await writeFile(path.join(ROOT, 'bench', 'results', 'queues.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writePerformanceDoc(path.join(ROOT, 'docs', 'performance.md'), report);
  const over = results.filter((r) => r.p95 > r.budget);
  console.log(over.length === 0 ? 'every measure within its budget' : `${String(over.length)} measure(s) over budget`);
}

const round = (n: number): number => Math.round(n * 10) / 10;
const fmt = (n: number): string => `${n.toFixed(1).padStart(7)} ms`;

await main();
