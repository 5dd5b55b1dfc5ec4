// What a restore checks of the database it writes into: that it is empty, and that its transaction
// counter is past every transaction id the restored audit chain names.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { Preamble } from './backup-format.js';

/** Rows a freshly migrated database already has: the key check value and the reference version. */
const SEEDED = new Set(['public.key_check', 'public.reference_version']);

async function hasFiles(dir: string): Promise<boolean> {
  try {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isFile()) return true;
      if (entry.isDirectory() && (await hasFiles(path.join(dir, entry.name)))) return true;
    }
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** One sentence when the target holds anything of its own, null when it is empty. */
export async function emptinessProblem(owner: pg.ClientBase, dataDir: string): Promise<string | null> {
  const tables = await owner.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ((n.nspname = 'public' AND c.relkind IN ('r', 'p')) OR (n.nspname = 'pgboss' AND c.relname = 'job')) AND NOT c.relispartition ORDER BY 1, 2`,
  );
  const filled: string[] = [];
  for (const t of tables.rows) {
    if (SEEDED.has(`${t.schema}.${t.name}`)) continue;
    const r = await owner.query(`SELECT 1 FROM "${t.schema}"."${t.name}" LIMIT 1`);
    if ((r.rowCount ?? 0) > 0) filled.push(t.name);
  }
  const files = await hasFiles(path.join(dataDir, 'attachments'));
  if (filled.length === 0 && !files) return null;
  const what = [...filled.slice(0, 5), ...(filled.length > 5 ? ['…'] : []), ...(files ? ['attachment files'] : [])].join(', ');
  return `the target is not empty (${what}); restore writes only into a new, empty database and data folder — create them and point DATABASE_URL (or ZHITONG_DATA_DIR) there, then run restore again. Nothing was written.`;
}

/** How many transaction ids this server must still use up before it is past the backup's. */
export async function xidBehind(owner: pg.ClientBase, preamble: Preamble): Promise<bigint> {
  const r = await owner.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x');
  const here = BigInt(r.rows[0]?.x ?? '0');
  const needed = BigInt(preamble.maxXid) + 1n;
  return needed > here ? needed - here : 0n;
}

/**
 * The sealer chains audit rows by transaction id from the last seal on (DESIGN §6), so rows written
 * after a restore must get larger ids than the restored ones. A new server (a fresh embedded one) starts
 * low, so it burns ids, one short committed transaction each, without durable commits.
 */
export async function advanceTransactionIds(owner: pg.ClientBase, count: bigint): Promise<void> {
  const batch = 100_000n;
  for (let left = count; left > 0n; left -= batch) {
    const n = left < batch ? left : batch;
    await owner.query(`SET synchronous_commit = off`);
    await owner.query(`DO $$ BEGIN FOR i IN 1..${n.toString()} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$`);
  }
  await owner.query('RESET synchronous_commit');
}
