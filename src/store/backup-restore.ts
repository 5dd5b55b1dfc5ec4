// `zhitong restore`'s two passes over a backup file. The first decrypts and checks everything (every
// frame, the signature, every table's and file's count and SHA-256 against the manifest) and writes
// nothing. The second reads the file again inside one transaction and commits only after the file
// verified once more, so a file changed between the passes changes nothing either.
import { createHash, randomBytes, type Hash, type KeyObject } from 'node:crypto';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { BackupError, openBackup } from '../security/backup-crypto.js';
import { attachmentStartSchema, manifestSchema, parseJson, preambleSchema, qualified, quoteColumn, readRecords, sequencesSchema, tableStartSchema, type BackupRecord, type Manifest, type Preamble, type SequenceState, type TableStart } from './backup-format.js';
import { COPY_SETTINGS, listTables } from './backup-snapshot.js';
import { copyIn, type CopyInWriter } from './pg-copy.js';
import { quoteIdent } from './roles.js';

/** pg-boss's own bookkeeping: made by the same release at start, kept as the target has it. */
const KEPT_AS_IS = new Set(['pgboss.version', 'pgboss.queue']);

export function restoredTable(t: { schema: string; name: string }): boolean {
  return !KEPT_AS_IS.has(`${t.schema}.${t.name}`);
}

/** What one pass sees of the content, to compare with the manifest. */
interface Tally {
  tables: Manifest['tables'];
  attachments: Manifest['attachments'];
}

/** Callbacks of the second pass; the first pass only tallies. */
interface Sink {
  tableStart?(t: TableStart): Promise<void>;
  tableData?(chunk: Buffer): Promise<void>;
  tableEnd?(): Promise<number | null>;
  sequences?(s: SequenceState[]): Promise<void>;
  attachmentStart?(key: string): Promise<void>;
  attachmentData?(chunk: Buffer): Promise<void>;
  attachmentEnd?(): Promise<void>;
}

export interface Verified {
  readonly preamble: Preamble;
  readonly manifest: Manifest;
  readonly digest: Buffer;
}

const MALFORMED = 'The backup file verifies but its content is not in the expected order; nothing was restored.';

function newlines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n += 1;
  return n;
}

function sameTally(a: Tally, m: Manifest): boolean {
  return JSON.stringify(a.tables) === JSON.stringify(m.tables) && JSON.stringify(a.attachments) === JSON.stringify(m.attachments);
}

/** One pass over the file: structure, hashes and counts; `sink` (second pass) writes as it goes. */
async function walk(file: string, identity: KeyObject, verifyKey: KeyObject, sink: Sink): Promise<Verified> {
  const frames = openBackup(file, identity, verifyKey);
  // Set by the generator below once the signature verified (a holder: the closure assigns it).
  const end: { digest: Buffer | null } = { digest: null };
  const chunks = (async function* () {
    for (;;) {
      const step = await frames.next();
      if (step.done === true) {
        end.digest = step.value;
        return;
      }
      yield step.value;
    }
  })();
  const tally: Tally = { tables: [], attachments: [] };
  let preamble: Preamble | null = null;
  let manifest: Manifest | null = null;
  let table: { start: TableStart; hash: Hash; rows: number } | null = null;
  let attachment: { key: string; hash: Hash; bytes: number } | null = null;
  let phase: 'start' | 'tables' | 'files' | 'end' = 'start';
  const expect = (ok: boolean) => {
    if (!ok) throw new BackupError(MALFORMED);
  };
  const records: AsyncGenerator<BackupRecord> = readRecords(chunks);
  try {
    for await (const r of records) {
      switch (r.type) {
        case 'H':
          expect(phase === 'start');
          preamble = parseJson(preambleSchema, r.payload);
          phase = 'tables';
          break;
        case 'T':
          expect(phase === 'tables' && table === null);
          table = { start: parseJson(tableStartSchema, r.payload), hash: createHash('sha256'), rows: 0 };
          await sink.tableStart?.(table.start);
          break;
        case 'D':
          expect(table !== null);
          if (table === null) break;
          table.hash.update(r.payload);
          table.rows += newlines(r.payload);
          await sink.tableData?.(r.payload);
          break;
        case 'E': {
          expect(table !== null);
          if (table === null) break;
          const stored = (await sink.tableEnd?.()) ?? null;
          expect(stored === null || stored === table.rows);
          tally.tables.push({ schema: table.start.schema, name: table.start.name, rows: table.rows, sha256: table.hash.digest('hex') });
          table = null;
          break;
        }
        case 'Q':
          expect(phase === 'tables' && table === null);
          await sink.sequences?.(parseJson(sequencesSchema, r.payload));
          phase = 'files';
          break;
        case 'A': {
          expect(phase === 'files' && attachment === null);
          const key = parseJson(attachmentStartSchema, r.payload).key;
          attachment = { key, hash: createHash('sha256'), bytes: 0 };
          await sink.attachmentStart?.(key);
          break;
        }
        case 'B':
          expect(attachment !== null);
          if (attachment === null) break;
          attachment.hash.update(r.payload);
          attachment.bytes += r.payload.length;
          await sink.attachmentData?.(r.payload);
          break;
        case 'F':
          expect(attachment !== null);
          if (attachment === null) break;
          await sink.attachmentEnd?.();
          tally.attachments.push({ key: attachment.key, bytes: attachment.bytes, sha256: attachment.hash.digest('hex') });
          attachment = null;
          break;
        case 'M':
          expect(phase === 'files' && attachment === null);
          manifest = parseJson(manifestSchema, r.payload);
          phase = 'end';
          break;
      }
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    // Content that decrypted and parsed but does not fit the format: still a refusal in one sentence.
    if (err instanceof Error && /malformed|ZodError|JSON/u.test(`${err.name} ${err.message}`)) throw new BackupError(MALFORMED);
    throw err;
  }
  // The generator has returned only after the signature verified.
  if (end.digest === null || preamble === null || manifest === null || phase !== 'end') throw new BackupError(MALFORMED);
  if (!sameTally(tally, manifest)) throw new BackupError('The backup file is signed, but its content does not match its own manifest; nothing was restored.');
  return { preamble, manifest, digest: end.digest };
}

/** First pass: nothing is written. */
export function verifyBackupFile(file: string, identity: KeyObject, verifyKey: KeyObject): Promise<Verified> {
  return walk(file, identity, verifyKey, {});
}

export interface ApplyInput {
  readonly owner: pg.ClientBase;
  readonly appRole: string;
  readonly dataDir: string;
  readonly file: string;
  readonly identity: KeyObject;
  readonly verifyKey: KeyObject;
  readonly verified: Verified;
}

/** Second pass, in one transaction: tables, sequences, then the attachment files, moved in place after COMMIT. */
export async function applyBackup(input: ApplyInput): Promise<{ rows: number; files: number }> {
  const { owner } = input;
  const root = path.join(input.dataDir, 'attachments');
  const temps: { tmp: string; final: string }[] = [];
  let copy: CopyInWriter | null = null;
  let file: { handle: FileHandle } | null = null;
  let rows = 0;
  await owner.query('BEGIN');
  try {
    for (const s of COPY_SETTINGS) await owner.query(s);
    const targetTables = await listTables(owner);
    const names = new Set(targetTables.map((t) => `${t.schema}.${t.name}`));
    for (const t of input.verified.manifest.tables) {
      if (!names.has(`${t.schema}.${t.name}`)) throw new BackupError(`The backup has a table ${t.schema}.${t.name} this database lacks; restore with the Zhitong release that made the backup.`);
    }
    // Triggers (append-only guards, statistics marks, reference versions) would refuse or add rows: the
    // backup already holds their effect. Foreign keys stay checked; the tables come parents first.
    for (const t of [...targetTables].reverse()) {
      if (!restoredTable(t)) continue;
      if (!t.partitioned) await owner.query(`ALTER TABLE ${qualified(t.schema, t.name)} DISABLE TRIGGER USER`);
      await owner.query(`DELETE FROM ${qualified(t.schema, t.name)}`);
    }
    let skipping = false;
    const v = await walk(input.file, input.identity, input.verifyKey, {
      async tableStart(t) {
        skipping = !restoredTable(t);
        if (!skipping) copy = await copyIn(owner, `COPY ${qualified(t.schema, t.name)} (${t.columns.map(quoteColumn).join(', ')}) FROM STDIN`);
      },
      async tableData(chunk) {
        if (!skipping && copy) await copy.write(chunk);
      },
      async tableEnd() {
        if (skipping || !copy) return null;
        const n = await copy.end();
        copy = null;
        rows += n;
        return n;
      },
      async sequences(list) {
        for (const s of list) {
          const exists = await owner.query('SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = $3', [s.schema, s.name, 'S']);
          if (exists.rowCount === 0) {
            // Case-number sequences are made years ahead at start; an older year's may be missing here.
            if (s.schema !== 'public' || !/^case_number_[0-9]{4}$/u.test(s.name)) throw new BackupError(`The backup has a sequence ${s.schema}.${s.name} this database lacks; restore with the Zhitong release that made the backup.`);
            await owner.query(`CREATE SEQUENCE ${quoteIdent(s.name)} AS bigint START 1`);
            await owner.query(`GRANT USAGE ON SEQUENCE ${quoteIdent(s.name)} TO ${quoteIdent(input.appRole)}`);
          }
          // setval outlives a rollback, but it sets absolute values: a failed restore run again sets them again.
          await owner.query('SELECT setval($1::regclass, $2::bigint, $3)', [qualified(s.schema, s.name), s.lastValue, s.isCalled]);
        }
      },
      async attachmentStart(key) {
        const final = path.join(root, key);
        await mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
        const tmp = `${final}.restore-${randomBytes(4).toString('hex')}`;
        temps.push({ tmp, final });
        file = { handle: await open(tmp, 'wx', 0o600) };
      },
      async attachmentData(chunk) {
        if (file) await file.handle.write(chunk);
      },
      async attachmentEnd() {
        if (!file) return;
        await file.handle.sync();
        await file.handle.close();
        file = null;
      },
    });
    if (!v.digest.equals(input.verified.digest)) throw new BackupError('The backup file changed between verification and restore; nothing was restored.');
    for (const t of targetTables) {
      if (restoredTable(t) && !t.partitioned) await owner.query(`ALTER TABLE ${qualified(t.schema, t.name)} ENABLE TRIGGER USER`);
    }
    await owner.query('COMMIT');
  } catch (err) {
    await owner.query('ROLLBACK').catch(() => undefined);
    const open = file as { handle: FileHandle } | null;
    await open?.handle.close().catch(() => undefined);
    for (const t of temps) await unlink(t.tmp).catch(() => undefined);
    throw err;
  }
  for (const t of temps) await rename(t.tmp, t.final);
  for (const dir of new Set(temps.map((t) => path.dirname(t.final)))) {
    const h = await open(dir, 'r');
    await h.sync().finally(() => h.close());
  }
  return { rows, files: temps.length };
}
