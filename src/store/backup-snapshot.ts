// `zhitong backup`'s reading side: one REPEATABLE READ, READ ONLY transaction, so every table, every
// sequence and the list of attachment files come from the same instant (DESIGN §8).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { readAnchors } from './audit-anchor.js';
import { BACKUP_FORMAT, encodeRecord, jsonRecord, qualified, quoteColumn, type Manifest, type Preamble, type SequenceState } from './backup-format.js';
import { copyOut } from './pg-copy.js';

/**
 * Zhitong's schemas: its tables, drizzle's migration state, and pg-boss's queue. pg-boss lives in the
 * application's database, is installed and owned by the owner role and holds pending work (job rows
 * carry ids only, DESIGN §7.1), so it is the application's and is backed up with it.
 */
export const BACKUP_SCHEMAS = ['public', 'drizzle', 'pgboss'] as const;

/** Session settings that make COPY's text format round-trip exactly between servers. */
export const COPY_SETTINGS = ["SET LOCAL TimeZone = 'UTC'", "SET LOCAL DateStyle = 'ISO, YMD'", "SET LOCAL IntervalStyle = 'postgres'", 'SET LOCAL extra_float_digits = 3', "SET LOCAL client_encoding = 'UTF8'"];

export interface TableInfo {
  readonly schema: string;
  readonly name: string;
  readonly partitioned: boolean;
  readonly columns: string[];
}

/** Tables of our schemas, parents before the tables that reference them (a restore inserts in this order). */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const tables = await client.query<{ oid: number; schema: string; name: string; kind: string; columns: string[] }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
            array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY n.nspname, c.relname`,
    [[...BACKUP_SCHEMAS]],
  );
  const deps = await client.query<{ child: number; parent: number }>(
    `SELECT conrelid::int AS child, confrelid::int AS parent FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid`,
  );
  const parentsOf = new Map<number, number[]>();
  for (const d of deps.rows) parentsOf.set(d.child, [...(parentsOf.get(d.child) ?? []), d.parent]);
  const byOid = new Map(tables.rows.map((t) => [t.oid, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number) => {
    const s = state.get(oid);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error('foreign keys form a cycle; the backup cannot order its tables');
    state.set(oid, 'visiting');
    for (const p of parentsOf.get(oid) ?? []) if (byOid.has(p)) visit(p);
    state.set(oid, 'done');
    const t = byOid.get(oid);
    if (t) ordered.push({ schema: t.schema, name: t.name, partitioned: t.kind === 'p', columns: t.columns });
  };
  for (const t of tables.rows) visit(t.oid);
  return ordered;
}

export async function listSequences(client: pg.ClientBase): Promise<SequenceState[]> {
  const seqs = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind = 'S' ORDER BY 1, 2`,
    [[...BACKUP_SCHEMAS]],
  );
  const out: SequenceState[] = [];
  for (const s of seqs.rows) {
    const v = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${qualified(s.schema, s.name)}`);
    const row = v.rows[0];
    if (row) out.push({ schema: s.schema, name: s.name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return out;
}

/** Applied migrations, in order, from drizzle's own table. */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const r = await client.query<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id');
  return r.rows.map((x) => x.hash);
}

/** The attachment files the snapshot's rows name (every `storage_key` column of our tables). */
async function storageKeys(client: pg.ClientBase): Promise<string[]> {
  const cols = await client.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'storage_key' ORDER BY 1, 2`,
  );
  const keys = new Set<string>();
  for (const c of cols.rows) {
    const r = await client.query<{ k: string }>(`SELECT DISTINCT storage_key AS k FROM ${qualified(c.schema, c.name)} WHERE storage_key IS NOT NULL`);
    for (const row of r.rows) keys.add(row.k);
  }
  return [...keys].sort();
}

export interface SnapshotInput {
  readonly client: pg.ClientBase;
  readonly dataDir: string;
  readonly anchorFileOf: (installation: string) => string;
  readonly zhitongVersion: string;
  readonly sink: (bytes: Buffer) => Promise<void>;
}

/** Writes every record of one consistent snapshot into `sink`; returns the manifest it ended with. */
export async function writeSnapshot(input: SnapshotInput): Promise<Manifest> {
  const { client, sink } = input;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    for (const s of COPY_SETTINGS) await client.query(s);
    const key = await client.query<{ key_id: number; kcv: string }>('SELECT key_id, kcv FROM key_check ORDER BY key_id DESC LIMIT 1');
    const keyRow = key.rows[0];
    if (!keyRow) throw new Error('the database has no key check value; nothing to back up');
    const inst = await client.query<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'installation_id'`);
    const installationId = typeof inst.rows[0]?.value === 'string' ? inst.rows[0].value : null;
    const anchors = installationId === null ? [] : await readAnchors(input.anchorFileOf(installationId));
    const sealIds = new Set((await client.query<{ id: string }>('SELECT id::text FROM audit_seal')).rows.map((r) => r.id));
    const server = await client.query<{ v: string }>('SHOW server_version');
    const xid = await client.query<{ x: string }>(`SELECT GREATEST((SELECT max(xid)::text::numeric FROM audit), (SELECT max(to_xid)::text::numeric FROM audit_seal), 0)::text AS x`);
    const preamble: Preamble = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      zhitongVersion: input.zhitongVersion,
      server: server.rows[0]?.v ?? 'unknown',
      migrations: await appliedMigrations(client),
      keyId: keyRow.key_id,
      kcv: keyRow.kcv,
      installationId,
      maxXid: xid.rows[0]?.x ?? '0',
      anchors: anchors.filter((a) => sealIds.has(a.sealId)).map((a) => `${a.sealId} ${a.head} ${a.at}`),
    };
    await sink(jsonRecord('H', preamble));
    const manifest: Manifest = { tables: [], attachments: [], sequences: 0 };
    for (const t of await listTables(client)) {
      await sink(jsonRecord('T', { schema: t.schema, name: t.name, columns: t.columns }));
      const hash = createHash('sha256');
      const op = copyOut(client, `COPY (SELECT ${t.columns.map(quoteColumn).join(', ')} FROM ${qualified(t.schema, t.name)}) TO STDOUT`);
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of op) {
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= 64 * 1024) {
          await sink(encodeRecord('D', Buffer.concat(pending)));
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) await sink(encodeRecord('D', Buffer.concat(pending)));
      await sink(encodeRecord('E', Buffer.alloc(0)));
      manifest.tables.push({ schema: t.schema, name: t.name, rows: op.rows, sha256: hash.digest('hex') });
    }
    const sequences = await listSequences(client);
    await sink(jsonRecord('Q', sequences));
    manifest.sequences = sequences.length;
    for (const k of await storageKeys(client)) {
      await sink(jsonRecord('A', { key: k }));
      const hash = createHash('sha256');
      let bytes = 0;
      const stream = createReadStream(path.join(input.dataDir, 'attachments', k), { highWaterMark: 64 * 1024 });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          hash.update(chunk);
          bytes += chunk.length;
          await sink(encodeRecord('B', chunk));
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`attachment file ${k} is named by the database but missing from ${path.join(input.dataDir, 'attachments')}`, { cause: err });
        throw err;
      }
      await sink(encodeRecord('F', Buffer.alloc(0)));
      manifest.attachments.push({ key: k, bytes, sha256: hash.digest('hex') });
    }
    await sink(jsonRecord('M', manifest));
    await client.query('COMMIT');
    return manifest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
