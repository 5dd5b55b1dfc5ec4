// Folds changed cases into the statistics roll-ups (src/store/schema/stats.ts): for each case marked in
// stats_pending, its stored contributions come out of stats_rollup and its current ones go in, and the mark
// is removed — one transaction, so a crash leaves the marks for the next run. Run by a job, never on the
// intake path; readers correct for whatever is still pending, so the lag is only a cost, never an error.
import type pg from 'pg';
import { contributionCtes } from '../queries/stats/contributions.js';
import { contributionInputs } from '../queries/stats/contribution-inputs.js';
import { inTransaction, type Deps } from './deps.js';

/** One fold at a time across every node: the roll-up rows' upserts would otherwise wait on each other. */
const FOLD_LOCK = 0x5a7_57a75;

function binder(params: unknown[]): (v: unknown) => string {
  return (v) => {
    params.push(v);
    return `$${String(params.length)}`;
  };
}

/**
 * The statement that replaces the stored contributions of the cases `ids` and applies the difference to
 * the roll-ups, by day and by month.
 */
async function fold(tx: pg.ClientBase, deps: Deps, ids: readonly string[]): Promise<void> {
  const { org, calendar } = await deps.reference.get(tx);
  const inputs = await contributionInputs(tx, { tree: org.tree, calendar, timezone: deps.timezone }, 'c.id = ANY($1::uuid[])', [ids]);
  const params: unknown[] = [ids];
  const ctes = contributionCtes('c.id = ANY($1::uuid[])', inputs, binder(params));
  const fact = (i: number) => `e->>${String(i)}`;
  await tx.query(
    `WITH old AS (SELECT s.* FROM stats_cases s WHERE s.case_id = ANY($1::uuid[])),
     ${ctes},
     fresh AS (
       INSERT INTO stats_cases (case_id, sealed, keys, facts)
       SELECT k.case_id, k.sealed, k.keys,
              COALESCE(jsonb_agg(jsonb_build_array(f.metric, f.dim, f.value, f.day, f.n) ORDER BY f.metric, f.dim, f.value, f.day) FILTER (WHERE f.metric IS NOT NULL), '[]'::jsonb)
       FROM keyset k LEFT JOIN facts f ON f.case_id = k.case_id
       GROUP BY k.case_id, k.sealed, k.keys
       ON CONFLICT (case_id) DO UPDATE SET sealed = EXCLUDED.sealed, keys = EXCLUDED.keys, facts = EXCLUDED.facts
       RETURNING case_id, sealed, keys, facts),
     gone AS (DELETE FROM stats_cases s WHERE s.case_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM cs WHERE cs.id = s.case_id)),
     delta AS (
       SELECT k.key, g.grain, CASE WHEN g.grain = 'd' THEN (${fact(3)})::date ELSE date_trunc('month', (${fact(3)})::timestamp)::date END AS day,
              ${fact(0)} AS metric, ${fact(1)} AS dim, ${fact(2)} AS value, x.sealed, sum(x.sign * (${fact(4)})::int)::int AS n
       FROM (SELECT -1 AS sign, o.sealed, o.keys, o.facts FROM old o UNION ALL SELECT 1, f.sealed, f.keys, f.facts FROM fresh f) AS x
       CROSS JOIN LATERAL unnest(x.keys) AS k(key)
       CROSS JOIN LATERAL jsonb_array_elements(x.facts) AS e
       CROSS JOIN (VALUES ('d'), ('m')) AS g(grain)
       GROUP BY 1, 2, 3, 4, 5, 6, 7
       HAVING sum(x.sign * (${fact(4)})::int) <> 0)
     INSERT INTO stats_rollup AS r (key, grain, day, metric, dim, value, sealed, n)
     SELECT key, grain, day, metric, dim, value, sealed, n FROM delta ORDER BY key, grain, day, metric, dim, value, sealed
     ON CONFLICT (key, grain, day, metric, dim, value, sealed) DO UPDATE SET n = r.n + EXCLUDED.n`,
    params,
  );
}

/** Folds up to `limit` pending cases; answers how many, 0 when another node holds the fold. */
export async function foldPendingStats(deps: Deps, limit = 500): Promise<number> {
  return inTransaction(deps.pool, async (tx) => {
    const locked = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [FOLD_LOCK]);
    if (locked.rows[0]?.ok !== true) return 0;
    const r = await tx.query<{ case_id: string }>(
      'DELETE FROM stats_pending WHERE case_id IN (SELECT case_id FROM stats_pending ORDER BY case_id LIMIT $1::int FOR UPDATE SKIP LOCKED) RETURNING case_id',
      [limit],
    );
    if (r.rows.length === 0) return 0;
    await fold(tx, deps, r.rows.map((row) => row.case_id));
    return r.rows.length;
  });
}

/**
 * Marks every case pending when the roll-ups were cut in another zone, or before the first fold (an upgraded
 * installation's cases): the job then refolds them in batches while readers stay exact. Answers whether it did.
 */
export async function ensureStatsZone(deps: Deps): Promise<boolean> {
  return inTransaction(deps.pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [FOLD_LOCK]);
    const r = await tx.query<{ timezone: string }>('SELECT timezone FROM stats_state');
    if (r.rows[0]?.timezone === deps.timezone) return false;
    await tx.query('INSERT INTO stats_pending (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING');
    await tx.query(
      `INSERT INTO stats_state (singleton, timezone, rebuilt_at) VALUES (true, $1, $2::timestamptz)
       ON CONFLICT (singleton) DO UPDATE SET timezone = EXCLUDED.timezone, rebuilt_at = EXCLUDED.rebuilt_at`,
      [deps.timezone, deps.clock.now()],
    );
    return true;
  });
}
