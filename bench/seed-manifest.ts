// What `bench:seed` leaves for `bench:queues` (and for itself when it resumes): where the database is,
// which key encrypted it, and how it was generated. Kept beside the key in a private temp folder;
// a pointer to the latest one lets `bench:queues` run without arguments.
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { CryptoProvider } from '../src/security/crypto-provider.js';
import { KeyRing, readMasterKeyFile } from '../src/security/keys.js';
import { quoteIdent } from '../src/store/roles.js';

export interface SeedManifest {
  readonly database: string;
  readonly owner: string;
  /** a superuser URL of the server (never holds a password here: trust auth on loopback) */
  readonly adminUrl: string;
  readonly folder: string;
  readonly keyFile: string;
  readonly cases: number;
  readonly chunkSize: number;
  readonly seed: number;
  /** the benchmark's "now": cases have happened up to here, deadlines and lights count from it */
  readonly nowMs: number;
  readonly fromMs: number;
  readonly prefix: string;
  readonly width: number;
  phase: 'loading' | 'indexing' | 'done';
  /** the indexes and constraints dropped for the load, recreated at the end (in this order) */
  readonly dropped: readonly DroppedObject[];
  result?: SeedResult;
}

export interface DroppedObject {
  readonly name: string;
  readonly table: string;
  readonly kind: 'key' | 'index' | 'fk';
  readonly drop: string;
  readonly create: string;
}

export interface SeedResult {
  readonly loadSeconds: number;
  readonly casesPerSecond: number;
  readonly indexSeconds: number;
  readonly vacuumSeconds: number;
  readonly totalSeconds: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly databaseBytes: number;
  readonly tableBytes: Readonly<Record<string, number>>;
  /** the statistics roll-ups folded after the load (bench/seed-rollup.ts) */
  readonly statistics?: { readonly seconds: number; readonly cases: number; readonly rollupRows: number; readonly bytes: Readonly<Record<string, number>> };
}

const LATEST = path.join(os.tmpdir(), 'zt-seed-latest.json');

export async function saveManifest(m: SeedManifest): Promise<void> {
  await writeFile(path.join(m.folder, 'seed.json'), `${JSON.stringify(m, null, 2)}\n`, { mode: 0o600 });
  await writeFile(LATEST, `${JSON.stringify({ folder: m.folder })}\n`, { mode: 0o600 });
}

/** The manifest in `folder`, or the latest seeded one. */
export async function loadManifest(folder?: string): Promise<SeedManifest> {
  const dir = folder ?? (JSON.parse(await readFile(LATEST, 'utf8')) as { folder: string }).folder;
  return JSON.parse(await readFile(path.join(dir, 'seed.json'), 'utf8')) as SeedManifest;
}

export async function ringOf(m: SeedManifest, provider?: CryptoProvider): Promise<KeyRing> {
  const key = await readMasterKeyFile(m.keyFile);
  if (key === null) throw new Error(`the seed's key file ${m.keyFile} is gone`);
  return new KeyRing(key, provider);
}

export function ownerUrl(m: SeedManifest, ring: KeyRing): string {
  const u = new URL(m.adminUrl);
  u.username = m.owner;
  u.password = ring.dbRolePassword(m.owner);
  u.pathname = `/${m.database}`;
  return u.toString();
}

export function adminUrlOf(m: SeedManifest, database = m.database): string {
  const u = new URL(m.adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Case numbers per year in creation order (受理编号: prefix, year, per-year sequence). */
export function caseNumbers(times: Float64Array, prefix: string, width: number): { numbers: string[]; lastPerYear: Map<number, number> } {
  const numbers: string[] = [];
  const lastPerYear = new Map<number, number>();
  for (const t of times) {
    const year = new Date(t + 8 * 3_600_000).getUTCFullYear();
    const n = (lastPerYear.get(year) ?? 0) + 1;
    lastPerYear.set(year, n);
    numbers.push(`${prefix}${String(year)}-${String(n).padStart(width, '0')}`);
  }
  return { numbers, lastPerYear };
}

/** Drops a seeded database, its owner and application roles, and its key folder. */
export async function dropSeed(m: SeedManifest): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrlOf(m, 'postgres') });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(m.database)} WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS ${quoteIdent(`${m.owner}_app`)}`);
    await c.query(`DROP ROLE IF EXISTS ${quoteIdent(m.owner)}`);
  } finally {
    await c.end();
  }
  await rm(m.folder, { recursive: true, force: true });
  console.log(`dropped ${m.database}, its roles and ${m.folder}`);
}
