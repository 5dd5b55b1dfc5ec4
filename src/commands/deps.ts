// What commands and queries need from the outside world, built once at start-up.
import type pg from 'pg';
import { BlindIndexer } from '../security/blind-index.js';
import { FieldCipher } from '../security/field-crypto.js';
import { FileCipher } from '../security/file-crypto.js';
import type { KeyRing } from '../security/keys.js';
import { QueryCodeHasher } from '../security/query-code.js';
import { PasswordHasher, PRODUCTION_COST, TEST_COST } from '../security/password.js';
import { SearchTokenizer } from '../security/search-tokens.js';
import { AttachmentStore } from '../store/attachment-store.js';
import { ReferenceCache } from '../store/reference-cache.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Deps {
  readonly pool: pg.Pool;
  readonly guardPool: pg.Pool;
  readonly ring: KeyRing;
  readonly cipher: FieldCipher;
  readonly files: FileCipher;
  readonly blind: BlindIndexer;
  readonly codes: QueryCodeHasher;
  readonly passwords: PasswordHasher;
  readonly attachments: AttachmentStore;
  readonly search: SearchTokenizer;
  /** the reference set, reused while unchanged; admin commands that change it read the tables directly */
  readonly reference: ReferenceCache;
  readonly clock: Clock;
  readonly caseNumber: { readonly prefix: string; readonly width: number };
  readonly timezone: string;
}

export interface DepsOptions {
  readonly pool: pg.Pool;
  readonly guardPool?: pg.Pool;
  readonly ring: KeyRing;
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly caseNumber: { readonly prefix: string; readonly width: number };
  readonly timezone: string;
  readonly argon2: 'standard' | 'low';
}

export function buildDeps(o: DepsOptions): Deps {
  return {
    pool: o.pool,
    guardPool: o.guardPool ?? o.pool,
    ring: o.ring,
    cipher: new FieldCipher(o.ring),
    files: new FileCipher(o.ring),
    blind: new BlindIndexer(o.ring),
    codes: new QueryCodeHasher(o.ring),
    passwords: new PasswordHasher({ cost: o.argon2 === 'low' ? TEST_COST : PRODUCTION_COST, maxConcurrent: 2 }),
    attachments: new AttachmentStore(o.dataDir),
    search: new SearchTokenizer(o.ring),
    reference: new ReferenceCache(),
    clock: o.clock ?? systemClock,
    caseNumber: o.caseNumber,
    timezone: o.timezone,
  };
}

async function within<T>(pool: pg.Pool, begin: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Runs fn in one read-only snapshot: every statement sees the database as of its first one. */
export async function inSnapshot<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return within(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
}

/** Runs fn in one transaction: everything it writes commits together, or none of it. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return within(pool, 'BEGIN', fn);
}
