// What the fault suite checks in the database of a crashed-and-restarted server: every acknowledged
// case once, one case per idempotency key, and the outbox and pg-boss rows a killed worker left.
import pg from 'pg';
import { buildDeps } from '../../src/commands/deps.js';
import { BUILTIN_JOB_QUEUES } from '../../src/jobs/builtin.js';
import { startEmbeddedPostgres } from '../../src/store/embedded/index.js';
import { openStore } from '../../src/store/open.js';
import type { Submission } from './harness.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A superuser client on the embedded server of a running Zhitong (attached, never stopped from here). */
export async function embeddedClient(dataDir: string): Promise<pg.Client> {
  const db = await startEmbeddedPostgres({ dataDir, logger: quiet, attachToRunning: true });
  const client = new pg.Client(db.clientConfig('zhitong', db.superuser.user, db.superuser.password));
  await client.connect();
  return client;
}

export interface Tally {
  readonly attempted: number;
  readonly acked: number;
  readonly keys: number;
  readonly unkeyedAttempted: number;
  readonly unkeyedAcked: number;
  readonly casesInDb: number;
}

/**
 * Every acknowledged case number exists exactly once; every key ended acknowledged with a case of its
 * own; keyed reports (branch `traffic`) made exactly one case per key; unkeyed ones made at least
 * the acknowledged and at most the attempted number (an answer lost in a kill may still have committed).
 * Returns the problems found (empty when all holds) and the figures.
 */
export async function checkSubmissions(db: pg.Client, all: readonly Submission[]): Promise<{ problems: string[]; tally: Tally }> {
  const problems: string[] = [];
  const acked = all.filter((s) => s.ack !== null);
  const keyed = all.filter((s) => s.key !== null);
  const unkeyed = all.filter((s) => s.key === null);
  for (const s of keyed) if (s.ack === null) problems.push(`key ${String(s.key)} never acknowledged (${s.seen.join(',')})`);
  const numbers = acked.map((s) => s.ack?.caseNumber ?? '');
  const counts = await db.query<{ case_number: string; n: string }>('SELECT case_number, count(*)::text AS n FROM cases WHERE case_number = ANY($1) GROUP BY case_number', [numbers]);
  const byNumber = new Map(counts.rows.map((r) => [r.case_number, Number(r.n)]));
  for (const n of numbers) if (byNumber.get(n) !== 1) problems.push(`acknowledged ${n} found ${String(byNumber.get(n) ?? 0)} times`);
  if (new Set(numbers).size !== numbers.length) problems.push('two acknowledgements share a case number');
  const perBranch = await db.query<{ b: string; n: string }>("SELECT reported_police_branch AS b, count(*)::text AS n FROM cases WHERE channel = 'web' GROUP BY 1");
  const inDb = (b: string) => Number(perBranch.rows.find((r) => r.b === b)?.n ?? 0);
  if (inDb('traffic') !== keyed.length) problems.push(`${String(keyed.length)} keys but ${String(inDb('traffic'))} keyed cases`);
  const unkeyedAcked = unkeyed.filter((s) => s.ack !== null).length;
  if (inDb('household') < unkeyedAcked || inDb('household') > unkeyed.length) problems.push(`${String(inDb('household'))} unkeyed cases for ${String(unkeyedAcked)} acknowledged of ${String(unkeyed.length)} attempted`);
  return {
    problems,
    tally: { attempted: all.length, acked: acked.length, keys: keyed.length, unkeyedAttempted: unkeyed.length, unkeyedAcked, casesInDb: inDb('traffic') + inDb('household') },
  };
}

/**
 * Makes `count` web cases look like a clerk's phone registrations awaiting an SMS acknowledgement: a
 * readable query code and an acknowledgement row to send by SMS (what a phone intake writes), through
 * the store and cipher of the running server's folder (or its external database, as its owner).
 */
export async function queueSmsAcknowledgements(dataDir: string, keyFile: string, count: number, databaseUrl: string | null = null): Promise<number> {
  const store = await openStore({ dataDir, keyFile, databaseUrl, logger: quiet, attachToRunning: true, jobQueues: BUILTIN_JOB_QUEUES });
  try {
    const deps = buildDeps({ pool: store.pool, guardPool: store.guardPool, ring: store.ring, dataDir, caseNumber: { prefix: 'SL', width: 6 }, timezone: 'Asia/Shanghai', argon2: 'low' });
    const cases = await store.pool.query<{ id: string }>("SELECT c.id::text FROM cases c JOIN reporters r ON r.case_id = c.id WHERE r.phone_enc IS NOT NULL ORDER BY c.created_at DESC LIMIT $1", [count]);
    for (const { id } of cases.rows) {
      const code = String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999));
      await store.pool.query('UPDATE cases SET query_code_enc = $2 WHERE id = $1', [id, deps.cipher.encrypt({ table: 'cases', column: 'query_code_enc', rowId: id }, code)]);
      await store.pool.query("INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ('reporter.acknowledgement', $1, $2::jsonb, now(), now())", [id, JSON.stringify({ caseId: id, delivery: 'sms' })]);
    }
    return cases.rows.length;
  } finally {
    await store.pool.end();
    await store.guardPool.end();
  }
}
