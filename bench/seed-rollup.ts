// The statistics roll-ups of a seeded database: migrations through openStore (so a seed kept from an
// older schema is upgraded the way an installation is), then the job's own fold over every case, in large
// batches. `npm run bench:seed -- --rollup [FOLDER]` runs it on a kept seed; a new seed runs it at the end.
import path from 'node:path';
import pg from 'pg';
import { buildDeps } from '../src/commands/deps.js';
import { ensureStatsZone, foldPendingStats } from '../src/commands/stats-rollup.js';
import { APP_SESSION_OPTIONS, openStore } from '../src/store/open.js';
import { ownerUrl, ringOf, type SeedManifest } from './seed-manifest.js';

const BATCH = 5000;

export interface RollupResult {
  readonly seconds: number;
  readonly cases: number;
  readonly rollupRows: number;
  readonly bytes: Readonly<Record<string, number>>;
}

export async function rollUpSeed(m: SeedManifest, log: (msg: string) => void): Promise<RollupResult> {
  const ring = await ringOf(m);
  const url = ownerUrl(m, ring);
  const quiet = { info: () => undefined, warn: (s: string) => log(s), error: (s: string) => log(s) };
  const store = await openStore({ dataDir: path.join(m.folder, 'data'), keyFile: m.keyFile, databaseUrl: url, logger: quiet, poolMax: 1 });
  await store.close();
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'zhitong-bench-rollup', options: APP_SESSION_OPTIONS });
  try {
    const now = new Date(m.nowMs);
    const deps = buildDeps({ pool, ring, dataDir: m.folder, clock: { now: () => now }, caseNumber: { prefix: m.prefix, width: m.width }, timezone: 'Asia/Shanghai', argon2: 'low' });
    const started = performance.now();
    await ensureStatsZone(deps);
    let cases = 0;
    for (;;) {
      const n = await foldPendingStats(deps, BATCH);
      cases += n;
      if (n === 0) break;
      if (cases % (BATCH * 20) === 0) log(`statistics: ${String(cases)} cases folded, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const seconds = (performance.now() - started) / 1000;
    await pool.query('VACUUM (ANALYZE) stats_pending');
    await pool.query('VACUUM (ANALYZE) stats_rollup');
    await pool.query('VACUUM (ANALYZE) stats_cases');
    const rollupRows = Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM stats_rollup')).rows[0]?.n ?? 0);
    const bytes: Record<string, number> = {};
    for (const t of ['stats_rollup', 'stats_cases']) {
      bytes[t] = Number((await pool.query<{ b: string }>('SELECT pg_total_relation_size($1::regclass)::text AS b', [t])).rows[0]?.b ?? 0);
    }
    return { seconds: Math.round(seconds), cases, rollupRows, bytes };
  } finally {
    await pool.end();
  }
}
