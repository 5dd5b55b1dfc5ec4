// The marker sweep's search (issue 9): every place a marker could have been written in clear — every row of
// every schema of a database, files under folders, captured log text — is read back and searched for each
// marker's UTF-8 bytes and their hex form (bytea as PostgreSQL prints it). A finding names where it was.
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** label → the marker's text, e.g. `{ phone: '13912345678' }`. */
export type Markers = Readonly<Record<string, string>>;

export interface Finding {
  readonly marker: string;
  readonly where: string;
}

/**
 * The spellings searched: as written, lower- and upper-cased (search and index code normalise case), each
 * as UTF-8 text and as hex (bytea as PostgreSQL prints it, or hex-encoded storage).
 */
function formsOf(value: string): { texts: string[]; hexes: string[]; bytes: Buffer[] } {
  const texts = [...new Set([value, value.toLowerCase(), value.toUpperCase()])];
  const bytes = texts.map((x) => Buffer.from(x, 'utf8'));
  return { texts, hexes: bytes.map((b) => b.toString('hex')), bytes };
}

/** Markers found in a piece of text (a column's value, a log): in clear or hex-encoded. */
export function searchText(where: string, text: string, markers: Markers): Finding[] {
  const lower = text.toLowerCase();
  return Object.entries(markers)
    .filter(([, m]) => {
      const f = formsOf(m);
      return f.texts.some((x) => text.includes(x)) || f.hexes.some((h) => lower.includes(h));
    })
    .map(([marker]) => ({ marker, where }));
}

/**
 * More spellings, for stores outside Zhitong: `utf16le` as Chromium keeps localStorage values, session
 * restore's page state and other String16s; `base64` as mail carries bodies, attachments and RFC 2047
 * words (searched with line breaks removed, so a wrapped line does not hide a marker).
 */
export interface ExtraForms {
  readonly utf16le?: boolean;
  readonly base64?: boolean;
}

/**
 * The stretch of a base64 text that encodes only the marker's bytes, for each of the three alignments it
 * can start at (the first and last groups mix in the bytes around it, so they are left out).
 */
export function base64Cores(bytes: Buffer): Buffer[] {
  return [0, 1, 2].map((k) => {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const whole = Math.floor((k + bytes.length) / 3) * 4;
    return Buffer.from(encoded.slice(k === 0 ? 0 : 4, whole), 'latin1');
  });
}

export function searchBytes(where: string, bytes: Buffer, markers: Markers, extra: ExtraForms = {}): Finding[] {
  const unwrapped = extra.base64 === true ? Buffer.from(bytes.toString('latin1').replace(/[\r\n]/gu, ''), 'latin1') : bytes;
  return Object.entries(markers)
    .filter(([, m]) => {
      const f = formsOf(m);
      if (f.bytes.some((b) => bytes.includes(b)) || f.hexes.some((h) => bytes.includes(Buffer.from(h, 'latin1')))) return true;
      if (extra.utf16le === true && f.texts.some((x) => bytes.includes(Buffer.from(x, 'utf16le')))) return true;
      return extra.base64 === true && f.bytes.some((b) => base64Cores(b).some((core) => core.length > 0 && unwrapped.includes(core)));
    })
    .map(([marker]) => ({ marker, where }));
}

const HEX_BYTEA = /^\\x(?:[0-9a-f]{2})*$/u;

function searchValue(where: string, value: unknown, markers: Markers): Finding[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') {
    // to_jsonb prints bytea as '\x…'; its raw bytes are searched too (the hex search covers them already,
    // the decoded search is the one a reader of the column would do).
    const raw = HEX_BYTEA.test(value) ? searchBytes(where, Buffer.from(value.slice(2), 'hex'), markers) : [];
    return [...searchText(where, value, markers), ...raw];
  }
  return searchText(where, JSON.stringify(value), markers);
}

/**
 * Every ordinary table and materialised view of every schema but PostgreSQL's own, row by row and
 * column by column (pg-boss's schema included). Needs a role that may read them all (the superuser).
 */
export async function sweepDatabase(url: string, markers: Markers): Promise<{ findings: Finding[]; tables: number; rows: number; schemas: string[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, k.relname AS name FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
        WHERE k.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' ORDER BY 1, 2`,
    );
    const findings = new Map<string, Finding>();
    let rows = 0;
    for (const t of tables.rows) {
      const ident = `${pg.escapeIdentifier(t.schema)}.${pg.escapeIdentifier(t.name)}`;
      const r = await c.query<{ r: Record<string, unknown> }>(`SELECT to_jsonb(x) AS r FROM ${ident} x`);
      rows += r.rows.length;
      for (const row of r.rows) {
        for (const [column, value] of Object.entries(row.r)) {
          for (const f of searchValue(`${t.schema}.${t.name}.${column}`, value, markers)) findings.set(`${f.marker} ${f.where}`, f);
        }
      }
    }
    return { findings: [...findings.values()], tables: tables.rows.length, rows, schemas: [...new Set(tables.rows.map((x) => x.schema))] };
  } finally {
    await c.end();
  }
}

/** Beyond this a file is searched in its first MAX_FILE bytes only (no file of a test run comes near it). */
const MAX_FILE = 64 * 1024 * 1024;

/** Every regular file under `root` (symbolic links not followed), read whole; vanished files are skipped. */
export async function sweepFiles(root: string, markers: Markers, skip: (dir: string, names: string[]) => boolean = () => false, extra: ExtraForms = {}): Promise<{ findings: Finding[]; files: number }> {
  const findings: Finding[] = [];
  let files = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    if (skip(dir, entries.map((e) => e.name))) return;
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const bytes = await readWhole(p);
        if (bytes === null) continue;
        files += 1;
        findings.push(...searchBytes(p, bytes, markers, extra));
      }
    }
  };
  const s = await stat(root).catch(() => null);
  if (s?.isDirectory() === true) await walk(root);
  else if (s?.isFile() === true) {
    const bytes = await readWhole(root);
    if (bytes !== null) {
      files += 1;
      findings.push(...searchBytes(root, bytes, markers, extra));
    }
  }
  return { findings, files };
}

async function readWhole(file: string): Promise<Buffer | null> {
  try {
    const h = await open(file, 'r');
    try {
      const { size } = await h.stat();
      const buf = Buffer.alloc(Math.min(size, MAX_FILE));
      const { bytesRead } = await h.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch {
    return null;
  }
}

/** What was appended to a file (PostgreSQL's server log) since `from` bytes; null when it cannot be read. */
export async function tailOf(file: string, from: number): Promise<Buffer | null> {
  try {
    const h = await open(file, 'r');
    try {
      const { size } = await h.stat();
      const start = size >= from ? from : 0;
      const buf = Buffer.alloc(Math.min(size - start, MAX_FILE));
      const { bytesRead } = await h.read(buf, 0, buf.length, start);
      return buf.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch {
    return null;
  }
}

export async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}
