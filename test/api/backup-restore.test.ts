// `zhitong backup` and `zhitong restore` (DESIGN §8, issue 9): one encrypted, signed snapshot; a restore
// into a new empty database that compares equal table by table and file by file and passes `audit verify`;
// refusals (a changed byte, a non-empty target, a wrong or missing key) that write nothing.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { runBackupCli, type CliIo } from '../../src/cli-backup.js';
import { submitReport } from '../../src/commands/submit-report.js';
import { loadConfig, type Config } from '../../src/config.js';
import { sealAndAnchor } from '../../src/jobs/audit.jobs.js';
import { BUILTIN_JOB_QUEUES } from '../../src/jobs/builtin.js';
import { loadKey } from '../../src/security/backup-crypto.js';
import type { Preamble } from '../../src/store/backup-format.js';
import { listTables } from '../../src/store/backup-snapshot.js';
import { advanceTransactionIds, xidBehind } from '../../src/store/backup-target.js';
import { verifyBackupFile, restoredTable } from '../../src/store/backup-restore.js';
import { quoteIdent } from '../../src/store/roles.js';
import { sealAndVerify } from '../helpers/audit.js';
import { assignedTo, closedDirectly, COMPLAINT } from '../helpers/case-steps.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { minimalPdf } from '../helpers/files.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const REPORTER = '欧阳备份人';
const PHONE = '13912389077';
const WORD = '琉璃瓦备份标记';
const FILE_MARKER = 'BACKUP-FILE-MARKER-5821';

let t: TestApp;
let work: string;
let keyFile: string;
let keys: string;
let backupFile: string;
let sourceCases: number;
let sourceFiles: number;

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (l) => out.push(l), error: (l) => err.push(l) };
}

function configFor(databaseUrl: string, dataDir: string, keyPath = keyFile): Config {
  return loadConfig({ HOST: '127.0.0.1', PORT: '3000', ZHITONG_DATA_DIR: dataDir, ZHITONG_KEY_FILE: keyPath, DATABASE_URL: databaseUrl, ZHITONG_LOG_LEVEL: 'silent', ZHITONG_REQUIRE_2FA: 'off', ZHITONG_POW: 'off' });
}

/** A new database with nothing in it (not even the migrations), owned by the run's owner role. */
async function emptyDatabase(): Promise<{ url: string; dataDir: string; name: string }> {
  const admin = new pg.Client({ connectionString: inject('dbAdminUrl') });
  await admin.connect();
  const name = `${inject('dbRun')}_r${randomBytes(4).toString('hex')}`;
  const ownerUrl = new URL(inject('dbOwnerUrl'));
  await admin.query(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(decodeURIComponent(ownerUrl.username))}`);
  await admin.end();
  ownerUrl.pathname = `/${name}`;
  return { url: ownerUrl.toString(), dataDir: await mkdtemp(path.join(work, 'target-')), name };
}

async function withDb<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Every row of a table as text, sorted: what "compares equal" means here. */
async function tableText(c: pg.Client, schema: string, name: string, where = ''): Promise<string> {
  const r = await c.query<{ x: string | null }>(`SELECT string_agg(x, E'\\n' ORDER BY x) AS x FROM (SELECT t::text AS x FROM "${schema}"."${name}" t ${where}) s`);
  return r.rows[0]?.x ?? '';
}

async function restore(config: Config, identity = path.join(keys, 'backup-recipient.key'), verifyKey = path.join(keys, 'backup-signing.pub'), file = backupFile) {
  const o = io();
  const code = await runBackupCli('restore', ['--in', file, '--identity', identity, '--verify-key', verifyKey], config, o);
  return { code, out: o.out.join('\n'), err: o.err.join('\n') };
}

async function untouched(target: { url: string; dataDir: string }): Promise<void> {
  const tables = await withDb(target.url, async (c) => (await c.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`)).rowCount);
  expect(tables).toBe(0);
  expect(await readdir(target.dataDir)).toEqual([]);
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  work = await mkdtemp(path.join(os.tmpdir(), 'zt-backup-'));
  // A key folder of this file's own, so its anchor file never meets another test's.
  keyFile = path.join(work, 'keys', 'master.key');
  await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  await copyFile(inject('keyFile'), keyFile);
  keys = path.join(work, 'backup-keys');
  await mkdir(keys, { mode: 0o700 });
  const b = await Bureau.load(t);
  const files = [{ name: '现场说明.pdf', mediaType: 'application/pdf', bytes: minimalPdf([FILE_MARKER]) }];
  const first = (await submitReport(t.deps, { ...COMPLAINT, reporter: { name: REPORTER, phone: PHONE }, content: `${COMPLAINT.content}${WORD}` }, files, { channel: 'web' })).caseNumber;
  await assignedTo(b, first, 'pcs1a');
  await closedDirectly(b, (await submitReport(t.deps, COMPLAINT, files, { channel: 'web' })).caseNumber);
  await submitReport(t.deps, { ...COMPLAINT, content: `第三件，${WORD}` }, [], { channel: 'web' });
  await createTestRunner(t).runNow('outbox.relay');
  // A job waiting in pg-boss's partitioned table (a retry due tomorrow), as a running node leaves them.
  await t.store.pool.query(`INSERT INTO pgboss.job (name, data, start_after) VALUES ($1, '{}', now() + interval '1 day')`, [BUILTIN_JOB_QUEUES[0]?.name]);
  // Everything sealed (another file's open transaction can hold the horizon back), then anchored as the server does.
  expect((await sealAndVerify(t)).ok).toBe(true);
  await sealAndAnchor(t.deps, keyFile, pino({ level: 'silent' }), true);
  sourceCases = Number((await t.deps.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM cases')).rows[0]?.n);
  sourceFiles = (await readdir(path.join(t.dataDir, 'attachments'), { recursive: true })).filter((f) => /[0-9a-f-]{36}$/u.test(f)).length;
  const k = io();
  expect(await runBackupCli('backup', ['keygen', '--out', keys], undefined, k)).toBe(0);
  backupFile = path.join(work, 'zhitong.backup');
  const o = io();
  const started = Date.now();
  expect(await runBackupCli('backup', ['--out', backupFile, '--recipient', path.join(keys, 'backup-recipient.pub'), '--sign-key', path.join(keys, 'backup-signing.key')], configFor(t.config.databaseUrl ?? '', t.dataDir), o), o.err.join('\n')).toBe(0);
  console.info(`backup of ${String(sourceCases)} cases: ${String((await readFile(backupFile)).length)} bytes in ${String(Date.now() - started)} ms`);
});

afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

describe('backup keygen', () => {
  it('keeps private keys to their owner and never overwrites one', async () => {
    expect((await stat(path.join(keys, 'backup-recipient.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(keys, 'backup-signing.key'))).mode & 0o777).toBe(0o600);
    const o = io();
    expect(await runBackupCli('backup', ['keygen', '--out', keys], undefined, o)).toBe(1);
    expect(o.err.join('\n')).toMatch(/already exists; keygen never overwrites a key/u);
  });
});

describe('the backup file', () => {
  it('is readable by its owner only and never written over', async () => {
    expect((await stat(backupFile)).mode & 0o777).toBe(0o600);
    const o = io();
    expect(await runBackupCli('backup', ['--out', backupFile, '--recipient', path.join(keys, 'backup-recipient.pub'), '--sign-key', path.join(keys, 'backup-signing.key')], configFor(t.config.databaseUrl ?? '', t.dataDir), o)).toBe(1);
    expect(o.err.join('\n')).toMatch(/already exists; backup never overwrites a file\./u);
  });

  it('holds none of the seeded markers, not even table names, in clear', async () => {
    const bytes = await readFile(backupFile);
    for (const marker of [REPORTER, PHONE, WORD, FILE_MARKER, 'key_check', 'audit_seal', '__drizzle_migrations']) {
      expect(bytes.includes(Buffer.from(marker, 'utf8')), marker).toBe(false);
    }
  });

  it('is opened by the recipient key only, and its manifest counts every table and file', async () => {
    const v = await verifyBackupFile(backupFile, await loadKey(path.join(keys, 'backup-recipient.key'), 'identity'), await loadKey(path.join(keys, 'backup-signing.pub'), 'verify'));
    expect(v.manifest.tables.find((x) => x.name === 'cases')?.rows).toBe(sourceCases);
    // Both uploaded files and the derivative made for the assigned unit.
    expect(v.manifest.attachments.length).toBe(sourceFiles);
    expect(v.manifest.tables.map((x) => x.schema)).toEqual(expect.arrayContaining(['public', 'drizzle', 'pgboss']));
    // The relay's deliveries wait in pg-boss's partitioned job table: they are restored too.
    expect(v.manifest.tables.find((x) => x.schema === 'pgboss' && x.name === 'job')?.rows).toBeGreaterThan(0);
  });
});

describe('restore into a new empty database', () => {
  it('compares equal table by table and file by file, and audit verify passes', async () => {
    const target = await emptyDatabase();
    const started = Date.now();
    const r = await restore(configFor(target.url, target.dataDir));
    console.info(`restore (with the new database's migrations): ${String(Date.now() - started)} ms`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/audit verify: OK — [1-9]\d* seals, .* [1-9]\d* cases match their last audit record/u);
    const source = t.config.databaseUrl ?? '';
    const sealsAtBackup = Number((await t.deps.pool.query<{ n: string }>('SELECT coalesce(max(id), 0)::text AS n FROM audit_seal')).rows[0]?.n);
    const tables = await withDb(source, (c) => listTables(c));
    let compared = 0;
    for (const table of tables.filter(restoredTable)) {
      // The backup's own audit record (after the snapshot) and the restore's are the only additions.
      const where = table.name === 'audit' ? `WHERE action NOT IN ('backup.create', 'backup.restore')` : table.name === 'audit_seal' ? `WHERE id <= ${String(sealsAtBackup)}` : '';
      const [a, b] = [await withDb(source, (c) => tableText(c, table.schema, table.name, where)), await withDb(target.url, (c) => tableText(c, table.schema, table.name, where))];
      expect(b, `${table.schema}.${table.name}`).toBe(a);
      if (a !== '') compared += 1;
    }
    expect(compared).toBeGreaterThan(20);
    const keysOf = async (dir: string) => (await readdir(path.join(dir, 'attachments'), { recursive: true })).filter((f) => /[0-9a-f-]{36}$/u.test(f)).sort();
    const files = await keysOf(t.dataDir);
    expect(await keysOf(target.dataDir)).toEqual(files);
    expect(files.length).toBe(3);
    for (const f of files) expect((await readFile(path.join(target.dataDir, 'attachments', f))).equals(await readFile(path.join(t.dataDir, 'attachments', f)))).toBe(true);
    const restoredAudit = await withDb(target.url, async (c) => (await c.query<{ actor_ref: string }>(`SELECT actor_ref FROM audit WHERE action = 'backup.restore'`)).rows);
    expect(restoredAudit).toEqual([{ actor_ref: os.userInfo().username }]);
  });

  it('refuses a file with one changed byte, or cut short, and writes nothing', async () => {
    const bytes = await readFile(backupFile);
    for (const [label, changed] of [
      ['a byte inside a frame', Buffer.from(bytes.map((x, i) => (i === Math.floor(bytes.length / 2) ? x ^ 1 : x)))],
      ['a byte of the signature', Buffer.from(bytes.map((x, i) => (i === bytes.length - 3 ? x ^ 0x80 : x)))],
      ['the last frame cut off', bytes.subarray(0, bytes.length - 200)],
    ] as const) {
      const file = path.join(work, `tampered-${String(changed.length)}.backup`);
      await writeFile(file, changed);
      const target = await emptyDatabase();
      const r = await restore(configFor(target.url, target.dataDir), undefined, undefined, file);
      expect(r.code, label).toBe(1);
      expect(r.err, label).toMatch(/does not verify \(altered, truncated or not a Zhitong backup\); nothing was restored\./u);
      await untouched(target);
    }
  });

  it('refuses a database that already has data, in one sentence, changing nothing', async () => {
    const r = await restore(configFor(t.config.databaseUrl ?? '', await mkdtemp(path.join(work, 'nonempty-'))));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^restore: the target is not empty \(.*\); restore writes only into a new, empty database/u);
    expect(Number((await t.deps.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM cases')).rows[0]?.n)).toBe(sourceCases);
  });

  it('explains a wrong or missing key, and writes nothing', async () => {
    const other = path.join(work, 'other-keys');
    await mkdir(other);
    expect(await runBackupCli('backup', ['keygen', '--out', other], undefined, io())).toBe(0);
    const target = await emptyDatabase();
    const config = configFor(target.url, target.dataDir);
    const wrongIdentity = await restore(config, path.join(other, 'backup-recipient.key'));
    expect(wrongIdentity.code).toBe(1);
    expect(wrongIdentity.err).toMatch(/The identity key is not the one this backup was encrypted to \(the backup wants recipient [0-9a-f]{32}, the key given is [0-9a-f]{32}\)/u);
    const wrongSigner = await restore(config, undefined, path.join(other, 'backup-signing.pub'));
    expect(wrongSigner.err).toMatch(/The backup was signed by key [0-9a-f]{32}, not by the verification key given/u);
    const missing = await restore(config, path.join(other, 'no-such.key'));
    expect(missing.err).toMatch(/The backup recipient private key \(identity\) file .*no-such\.key does not exist\./u);
    const publicAsIdentity = await restore(config, path.join(keys, 'backup-recipient.pub'));
    expect(publicAsIdentity.err).toMatch(/is not a PEM X25519 private key/u);
    const noMaster = await restore(configFor(target.url, target.dataDir, path.join(work, 'elsewhere', 'master.key')));
    expect(noMaster.code).toBe(1);
    expect(noMaster.err).toMatch(/The master key file .* is missing; the backup's data is encrypted under the installation's master key \(key id 1, check value [0-9a-f]+\), which backups never contain/u);
    await untouched(target);
  });
});

describe('a server whose transaction counter is behind the backup', () => {
  it('is advanced past every transaction id the restored audit chain names', async () => {
    await withDb(t.config.databaseUrl ?? '', async (c) => {
      const now = BigInt((await c.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]?.x ?? '0');
      const preamble = { maxXid: (now + 1500n).toString() } as Preamble;
      const behind = await xidBehind(c, preamble);
      expect(behind).toBeGreaterThan(0n);
      await advanceTransactionIds(c, behind);
      expect(await xidBehind(c, preamble)).toBe(0n);
      expect(BigInt((await c.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]?.x ?? '0')).toBeGreaterThan(now + 1500n);
    });
  });
});

describe('the command line', () => {
  it('runs `zhitong backup` as a child process', async () => {
    const file = path.join(work, 'child.backup');
    const env = { PATH: process.env.PATH ?? '', HOME: work, HOST: '127.0.0.1', ZHITONG_DATA_DIR: t.dataDir, ZHITONG_KEY_FILE: keyFile, DATABASE_URL: t.config.databaseUrl ?? '', ZHITONG_LOG_LEVEL: 'silent', ZHITONG_REQUIRE_2FA: 'off', ZHITONG_POW: 'off' };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', '--out', file, '--recipient', path.join(keys, 'backup-recipient.pub'), '--sign-key', path.join(keys, 'backup-signing.key')], { env, cwd: path.resolve(import.meta.dirname, '../..') });
    expect(stdout).toMatch(/^backup: wrote .*child\.backup — \d+ tables, \d+ rows, 3 attachment files/u);
    const v = await verifyBackupFile(file, await loadKey(path.join(keys, 'backup-recipient.key'), 'identity'), await loadKey(path.join(keys, 'backup-signing.pub'), 'verify'));
    expect(v.manifest.tables.find((x) => x.name === 'cases')?.rows).toBe(sourceCases);
  });
});
