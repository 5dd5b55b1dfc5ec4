// The embedded PostgreSQL supervisor, checked the way an operator or a local attacker would look at it.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binariesIn, binariesRunnableBy, locateBinaries } from '../../src/store/embedded/binaries.js';
import { prepareDataDir } from '../../src/store/embedded/layout.js';
import { resolveRunAs } from '../../src/store/embedded/run-as.js';
import { isAlive } from '../../src/store/embedded/stale.js';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/store/embedded/index.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const isRoot = process.getuid?.() === 0;
const runAs = resolveRunAs();
const serverUid = runAs?.uid ?? process.getuid?.();

const root = join(tmpdir(), `zt-embedded-${randomUUID().slice(0, 8)}`);
// Under root the postgres user must be able to pass through the test folder (mkdtemp would make it 0700).
mkdirSync(root, { mode: 0o755 });
chmodSync(root, 0o755);

// Set before any start: it must not reach PostgreSQL's environment.
const marker = `marker-${randomUUID()}`;
process.env.ZHITONG_TEST_SECRET = marker;

const logged: { level: string; msg: string }[] = [];
const logger = {
  info: (msg: string) => { logged.push({ level: 'info', msg }); },
  warn: (msg: string) => { logged.push({ level: 'warn', msg }); },
  error: (msg: string) => { logged.push({ level: 'error', msg }); },
};

const running = new Set<EmbeddedPostgres>();
async function start(dataDir: string): Promise<EmbeddedPostgres> {
  const db = await startEmbeddedPostgres({ dataDir, logger });
  running.add(db);
  return db;
}

async function query(db: EmbeddedPostgres, sql: string, password = db.superuser.password): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(db.clientConfig('postgres', 'postgres', password));
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function listeningTcpInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && cols[9]) inodes.add(cols[9]); // 0A = LISTEN
    }
  }
  return inodes;
}

function socketInodes(pid: number): string[] {
  return readdirSync(`/proc/${pid}/fd`)
    .map((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { return ''; } })
    .flatMap((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1] ?? []);
}

afterAll(async () => {
  for (const db of running) await db.stop();
  delete process.env.ZHITONG_TEST_SECRET;
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('a fresh data folder', () => {
  const dataDir = join(root, 'main');
  let db: EmbeddedPostgres;

  beforeAll(async () => {
    const t = performance.now();
    db = await start(dataDir);
    console.log(`embedded PostgreSQL: first start with initdb ${Math.round(performance.now() - t)} ms`);
  }, 60_000);

  it('answers SELECT 1 over the Unix socket with the superuser password', async () => {
    expect(await query(db, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(db.clientConfig('app', 'zt_app', 'pw')).toEqual({ host: db.socketDir, port: 5432, database: 'app', user: 'zt_app', password: 'pw' });
    expect(db.superuser.user).toBe('postgres');
    expect(db.port).toBe(5432);
  });

  it('has no TCP listener and no host lines in pg_hba', async () => {
    expect(await query(db, 'SHOW listen_addresses')).toEqual([{ listen_addresses: '' }]);
    expect(await query(db, 'SELECT DISTINCT type FROM pg_hba_file_rules')).toEqual([{ type: 'local' }]);
    if (process.platform === 'linux') {
      const listening = listeningTcpInodes();
      expect(socketInodes(db.pid).filter((inode) => listening.has(inode))).toEqual([]);
    }
  });

  it('accepts SCRAM only and refuses a wrong password', async () => {
    expect(await query(db, 'SELECT DISTINCT auth_method FROM pg_hba_file_rules')).toEqual([{ auth_method: 'scram-sha-256' }]);
    expect(await query(db, 'SHOW password_encryption')).toEqual([{ password_encryption: 'scram-sha-256' }]);
    expect(await query(db, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = 'postgres'")).toEqual([{ scram: true }]);
    await expect(query(db, 'SELECT 1', 'wrong-password')).rejects.toMatchObject({ code: '28P01' });
  });

  it('initialises with data checksums and a small memory footprint', async () => {
    expect(await query(db, 'SHOW data_checksums')).toEqual([{ data_checksums: 'on' }]);
    expect(await query(db, 'SHOW shared_buffers')).toEqual([{ shared_buffers: '32MB' }]);
    expect(await query(db, 'SHOW fsync')).toEqual([{ fsync: 'on' }]);
  });

  it('keeps the secret 0600 beside PGDATA and the socket in a private 0700 folder', () => {
    const pgdata = join(dataDir, 'pg');
    const secret = join(dataDir, 'pg-superuser.secret');
    expect(mode(secret)).toBe(0o600);
    const inside = relative(pgdata, secret);
    expect(inside.startsWith('..') || isAbsolute(inside)).toBe(true);
    expect(readFileSync(secret, 'utf8')).toBe(db.superuser.password);
    expect(Buffer.from(db.superuser.password, 'base64url')).toHaveLength(32);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(pgdata)).toBe(0o700);
    expect(mode(db.socketDir)).toBe(0o700);
    expect(statSync(db.socketDir).uid).toBe(serverUid);
    expect(lstatSync(join(db.socketDir, '.s.PGSQL.5432')).isSocket()).toBe(true);
    expect(Buffer.byteLength(join(db.socketDir, '.s.PGSQL.5432'))).toBeLessThanOrEqual(107);
    // No temporary password file is left behind.
    expect(readdirSync(dataDir).sort()).toEqual(['pg', 'pg-superuser.secret']);
  });

  it.skipIf(process.platform !== 'linux')('passes no Zhitong secret to PostgreSQL and runs it as the right user', () => {
    const environ = readFileSync(`/proc/${db.pid}/environ`, 'utf8');
    expect(environ).not.toContain(marker);
    expect(environ).not.toContain('ZHITONG_');
    const names = environ.split('\0').filter(Boolean).map((kv) => kv.slice(0, kv.indexOf('=')));
    expect(names.every((n) => ['PATH', 'LANG', 'LC_ALL', 'TZ', 'PGDATA', 'LD_LIBRARY_PATH'].includes(n))).toBe(true);
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${db.pid}/status`, 'utf8'))?.[1];
    expect(Number(uid)).toBe(serverUid);
  });

  it('never logs the superuser password', () => {
    expect(logged.some((l) => l.msg.includes(db.superuser.password) || /password/i.test(l.msg))).toBe(false);
  });

  it('refuses a second server on a folder whose server is still running', async () => {
    await expect(startEmbeddedPostgres({ dataDir, logger })).rejects.toThrow(/is already run by the live process/);
    expect(isAlive(db.pid)).toBe(true);
  });

  it('restarts on the same folder after stop() without a new initdb', async () => {
    const secret = readFileSync(join(dataDir, 'pg-superuser.secret'), 'utf8');
    const oldPid = db.pid;
    await db.stop();
    await db.stop(); // idempotent
    running.delete(db);
    expect(isAlive(oldPid)).toBe(false);
    const before = logged.length;
    const t = performance.now();
    db = await start(dataDir);
    console.log(`embedded PostgreSQL: later start ${Math.round(performance.now() - t)} ms`);
    expect(readFileSync(join(dataDir, 'pg-superuser.secret'), 'utf8')).toBe(secret);
    expect(logged.slice(before).some((l) => l.msg.includes('initialised'))).toBe(false);
    expect(await query(db, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('after a SIGKILL of the Node process', () => {
  it('finds the orphaned server through postmaster.pid, stops it and starts again', async () => {
    const dataDir = join(root, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'test/fixtures/embedded-child.ts'), dataDir], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
    const orphanPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(Number(out.trim()));
      });
      void exited.then(() => { reject(new Error(`child exited before starting: ${stderr}`)); });
    });
    child.kill('SIGKILL');
    await exited;
    expect(isAlive(orphanPid)).toBe(true);

    const t = performance.now();
    const db = await start(dataDir);
    console.log(`embedded PostgreSQL: start after SIGKILL (stopping the orphan) ${Math.round(performance.now() - t)} ms`);
    expect(db.pid).not.toBe(orphanPid);
    expect(isAlive(orphanPid)).toBe(false);
    expect(await query(db, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(logged.some((l) => l.level === 'warn' && l.msg.includes(`pid ${orphanPid}`))).toBe(true);
  }, 60_000);
});

// PostgreSQL refuses to run as root, so only a root run (as in CI and here) has a postgres user to check.
describe('under root', () => {
  it.skipIf(!isRoot)('refuses a data folder the postgres user cannot reach, in one sentence', async () => {
    const hidden = join(root, 'private');
    mkdirSync(hidden, { mode: 0o700 });
    chmodSync(hidden, 0o700);
    const dataDir = join(hidden, 'data');
    await expect(startEmbeddedPostgres({ dataDir, logger })).rejects.toThrow(
      new EmbeddedPostgresError(`The data folder ${dataDir} is not reachable by the "postgres" system user that PostgreSQL must run as under root; set ZHITONG_DATA_DIR to a folder it can reach, such as /var/lib/zhitong.`),
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it.skipIf(!isRoot)('runs a copy of the binaries when the postgres user cannot reach node_modules', async () => {
    const hidden = join(root, 'private-modules');
    mkdirSync(hidden, { mode: 0o700 });
    chmodSync(hidden, 0o700);
    const real = locateBinaries();
    cpSync(real.nativeDir, join(hidden, 'native'), { recursive: true, verbatimSymlinks: true });
    const unreachable = binariesIn(join(hidden, 'native'), 'test-version');
    const dataDir = await prepareDataDir(join(root, 'copied'), runAs);

    const bins = await binariesRunnableBy(unreachable, runAs, dataDir, logger);
    expect(bins.nativeDir).toBe(join(dataDir, 'pg-bin', 'test-version'));
    expect(lstatSync(join(bins.libDir, 'libpq.so')).isSymbolicLink()).toBe(true);
    expect(mode(bins.postgres)).toBe(mode(real.postgres));
    const version = spawnSync(bins.postgres, ['--version'], { uid: runAs!.uid, gid: runAs!.gid, env: { LD_LIBRARY_PATH: bins.libDir }, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^postgres \(PostgreSQL\) 18\./);
    // A second call reuses the copy.
    expect((await binariesRunnableBy(unreachable, runAs, dataDir, logger)).nativeDir).toBe(bins.nativeDir);
  }, 60_000);
});
