// The master key belongs to one database: generated only for an empty one, checked on every start.
import type pg from 'pg';
import { KeyError, KeyRing, assertKeyMatches, createMasterKeyFile, readMasterKeyFile } from '../security/keys.js';

async function storedKeyCheck(client: pg.ClientBase): Promise<{ keyId: number; kcv: string } | null> {
  const table = await client.query<{ t: string | null }>(`SELECT to_regclass('public.key_check')::text AS t`);
  if (table.rows[0]?.t == null) return null;
  const row = await client.query<{ key_id: number; kcv: string }>('SELECT key_id, kcv FROM key_check ORDER BY key_id DESC LIMIT 1');
  const first = row.rows[0];
  return first ? { keyId: first.key_id, kcv: first.kcv } : null;
}

async function databaseHasData(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query<{ t: string | null }>(`SELECT to_regclass('public.cases')::text AS t`);
  if (r.rows[0]?.t == null) return false;
  const rows = await client.query('SELECT 1 FROM cases UNION ALL SELECT 1 FROM users LIMIT 1');
  return (rows.rowCount ?? 0) > 0;
}

/**
 * Loads the key ring for this database. A missing or wrong key stops start-up with one sentence;
 * a new key is created only when the database holds nothing yet.
 */
export async function resolveKeyRing(client: pg.ClientBase, keyFile: string): Promise<{ ring: KeyRing; created: boolean }> {
  const stored = await storedKeyCheck(client);
  const master = await readMasterKeyFile(keyFile);
  if (stored) {
    if (!master) {
      throw new KeyError(`The master key file ${keyFile} is missing, but this database was encrypted with a master key; restore that key file (set ZHITONG_KEY_FILE) — Zhitong never creates a new key for a database that has data.`);
    }
    const ring = new KeyRing(master);
    assertKeyMatches(ring, stored.kcv, keyFile);
    return { ring, created: false };
  }
  if (await databaseHasData(client)) {
    throw new KeyError(`This database has data but no key check value; refusing to start rather than guess which master key it uses.`);
  }
  if (master) return { ring: new KeyRing(master), created: false };
  return { ring: new KeyRing(await createMasterKeyFile(keyFile)), created: true };
}

/** Written after migrations, so the next start can prove the key matches. */
export async function recordKeyCheck(client: pg.ClientBase, ring: KeyRing): Promise<void> {
  await client.query('INSERT INTO key_check (key_id, kcv) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING', [ring.keyId, ring.keyCheckValue()]);
}
