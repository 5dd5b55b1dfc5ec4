// Zhitong as an operator runs it: `zhitong serve` in real processes on the embedded PostgreSQL,
// killed and restarted, refusing bad start-ups with one sentence (DESIGN §6 Storage, §7.1, §7.4, §8, §9).
// Timings and memory are logged for the notes, never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/store/embedded/index.js';
import { isAlive } from '../../src/store/embedded/stale.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const isRoot = process.getuid?.() === 0;
const WAIT_MS = 120_000;

// Under root PostgreSQL runs as the postgres user, which must be able to pass through this folder.
const root = mkdtempSync(join(tmpdir(), 'zt-proc-'));
chmodSync(root, 0o711);

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Proc {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly startedAt: number;
  readonly exit: Promise<Exit>;
  exited(): Exit | undefined;
  stdout(): string;
  stderr(): string;
}

const procs: Proc[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr && typeof addr === 'object') resolve(addr.port);
        else reject(new Error('no port'));
      });
    });
  });
}

interface Install {
  readonly dataDir: string;
  readonly keyFile: string;
}

function newInstall(name: string): Install {
  const dir = join(root, name);
  mkdirSync(dir, { mode: 0o711 });
  chmodSync(dir, 0o711);
  return { dataDir: join(dir, 'data'), keyFile: join(dir, 'keys', 'master.key') };
}

function envFor(inst: Install, port: number, extra: Record<string, string> = {}): Record<string, string> {
  // An explicit environment: nothing of the test runner's leaks into the server.
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    ZHITONG_DATA_DIR: inst.dataDir,
    ZHITONG_KEY_FILE: inst.keyFile,
    ZHITONG_POW: 'off',
    ZHITONG_ARGON2: 'low',
    ZHITONG_LOG_LEVEL: 'warn',
    ...extra,
  };
}

function zhitong(args: readonly string[], env: Record<string, string>): Proc {
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr.setEncoding('utf8').on('data', (c: string) => { err += c; });
  let done: Exit | undefined;
  const exit = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      done = { code, signal };
      resolve(done);
    });
  });
  if (child.pid === undefined) throw new Error('spawn failed');
  const p: Proc = { child, pid: child.pid, startedAt, exit, exited: () => done, stdout: () => out, stderr: () => err };
  procs.push(p);
  return p;
}

async function runToEnd(args: readonly string[], env: Record<string, string>): Promise<Exit & { stdout: string; stderr: string }> {
  const p = zhitong(args, env);
  const exit = await Promise.race([p.exit, sleep(WAIT_MS).then(() => null)]);
  if (!exit) {
    p.child.kill('SIGKILL');
    throw new Error(`zhitong ${args.join(' ')} did not finish within ${WAIT_MS} ms; stderr: ${p.stderr()}`);
  }
  return { ...exit, stdout: p.stdout(), stderr: p.stderr() };
}

/** Polls /readyz until 200; returns the milliseconds from spawn to ready. */
async function waitReady(p: Proc, port: number): Promise<number> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const gone = p.exited();
    if (gone) throw new Error(`zhitong exited (${String(gone.code)}/${String(gone.signal)}) before ready; stderr: ${p.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return Math.round(performance.now() - p.startedAt);
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`zhitong was not ready within ${WAIT_MS} ms; stderr: ${p.stderr()}`);
    await sleep(50);
  }
}

async function serve(inst: Install, extra: Record<string, string> = {}): Promise<{ p: Proc; port: number; readyMs: number }> {
  const port = await freePort();
  const p = zhitong(['serve'], envFor(inst, port, extra));
  const readyMs = await waitReady(p, port);
  return { p, port, readyMs };
}

function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

/** Postmasters whose command line names the data folder (zombies have none). */
function postmastersOf(dataDir: string): number[] {
  return allPids().filter((pid) => {
    const cmd = cmdline(pid);
    return cmd.includes(`${dataDir}/pg`) && /\bpostgres\b/.test(cmd) && procStat(pid)?.state !== 'Z';
  });
}

/** The postmasters of the folder and their children (io workers, checkpointer, backends …). */
function postgresProcessesOf(dataDir: string): number[] {
  const masters = new Set(postmastersOf(dataDir));
  const children = allPids().filter((pid) => {
    const st = procStat(pid);
    return st !== undefined && st.state !== 'Z' && masters.has(st.ppid);
  });
  return [...masters, ...children];
}

function statusKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
    return Number(m?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${String(pid)}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function memoryFigures(nodePid: number, dataDir: string): string {
  const pg = postgresProcessesOf(dataDir);
  const mb = (kb: number) => (kb / 1024).toFixed(1);
  const nodeRss = statusKb(nodePid, 'VmRSS');
  const pgRss = pg.reduce((s, pid) => s + statusKb(pid, 'VmRSS'), 0);
  const nodePss = pssKb(nodePid);
  const pgPss = pg.reduce((s, pid) => s + pssKb(pid), 0);
  return `RSS node ${mb(nodeRss)} MB + postgres ${mb(pgRss)} MB (${String(pg.length)} processes) = ${mb(nodeRss + pgRss)} MB; PSS node ${mb(nodePss)} MB + postgres ${mb(pgPss)} MB = ${mb(nodePss + pgPss)} MB`;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** The lines of the installation's anchor file beside the key (one installation per key folder here). */
function anchorLines(inst: Install): string[] {
  const files = readdirSync(dirname(inst.keyFile)).filter((f) => f.startsWith('audit-anchor-'));
  expect(files.length).toBeLessThanOrEqual(1);
  if (files.length === 0) return [];
  return readFileSync(join(dirname(inst.keyFile), files[0]!), 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function publicHeaders(port: number): Record<string, string> {
  return { origin: `http://127.0.0.1:${String(port)}`, 'content-type': 'application/json' };
}

async function submit(port: number, content: string): Promise<{ caseNumber: string; queryCode: string }> {
  const res = await fetch(`http://127.0.0.1:${String(port)}/api/v1/public/reports`, {
    method: 'POST',
    headers: publicHeaders(port),
    body: JSON.stringify({ type: 'complaint', content, anonymity: 'anonymous', subjects: [] }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { caseNumber: string; queryCode: string };
}

async function track(port: number, caseNumber: string, queryCode: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${String(port)}/api/v1/public/track`, { method: 'POST', headers: publicHeaders(port), body: JSON.stringify({ caseNumber, queryCode }) });
}

function serial(caseNumber: string): number {
  return Number(caseNumber.split('-')[1]);
}

function oneLine(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '');
}

afterAll(async () => {
  for (const p of procs) if (!p.exited()) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exit));
  // A SIGKILLed server leaves its PostgreSQL behind; stop every one under our folder, by pid.
  const leftovers = allPids().filter((pid) => cmdline(pid).includes(root) && /\bpostgres\b/.test(cmdline(pid)) && procStat(pid)?.state !== 'Z');
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
  for (const pid of leftovers) await waitGone(pid, 30_000);
  rmSync(root, { recursive: true, force: true });
}, WAIT_MS);

// Reads /proc; runs once, in the embedded project (the external project would only repeat it).
describe.skipIf(process.platform !== 'linux' || inject('dbTarget') !== 'embedded')('zhitong serve on the embedded PostgreSQL', () => {
  const main = newInstall('main');
  const marker = `暗号${randomUUID().slice(0, 8)}`;
  const content = (n: number) => `我在派出所户籍窗口办理身份证等了三个小时无人受理，${marker}，第${String(n)}份。`;
  const codes: string[] = [];
  let first: { caseNumber: string; queryCode: string };
  let running: { p: Proc; port: number } | undefined;

  it('starts cold on an empty data folder and tells loopback which switches are weakened', async () => {
    const { p, port, readyMs } = await serve(main);
    running = { p, port };
    await sleep(1_000);
    console.log(`[figures] cold start (empty folder: initdb, migrations, new key) to ready: ${String(readyMs)} ms; idle after 1 s: ${memoryFigures(p.pid, main.dataDir)}`);
    expect(existsSync(main.keyFile)).toBe(true);

    const ready = await fetch(`http://127.0.0.1:${String(port)}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; weakenedSwitches: string[]; database: { kind: string } };
    expect(body.status).toBe('ready');
    expect(body.database.kind).toBe('embedded');
    expect(body.weakenedSwitches).toContain('ZHITONG_POW=off');

    first = await submit(port, content(1));
    codes.push(first.queryCode);
    expect(first.caseNumber).toMatch(/^SL\d{4}-\d{6}$/);
  }, WAIT_MS);

  it('loses no acknowledged report when Node is killed with SIGKILL, and finds its orphaned PostgreSQL', async () => {
    if (!running) throw new Error('the cold start did not run');
    const [postmaster] = postmastersOf(main.dataDir);
    expect(postmaster).toBeDefined();
    running.p.child.kill('SIGKILL');
    expect((await running.p.exit).signal).toBe('SIGKILL');
    // Node is gone; its PostgreSQL is not.
    expect(isAlive(postmaster!)).toBe(true);

    // Debug logging on this run, so the log check below has request lines to look at.
    const again = await serve(main, { ZHITONG_LOG_LEVEL: 'debug' });
    running = { p: again.p, port: again.port };
    console.log(`[figures] restart after SIGKILL (stale PostgreSQL stopped first) to ready: ${String(again.readyMs)} ms`);
    expect(isAlive(postmaster!)).toBe(false);
    expect(postmastersOf(main.dataDir)).toHaveLength(1);
    expect(again.p.stdout()).toMatch(/left running by an earlier Zhitong process/);

    const tracked = await track(again.port, first.caseNumber, first.queryCode);
    expect(tracked.status).toBe(200);
    expect(((await tracked.json()) as { caseNumber: string }).caseNumber).toBe(first.caseNumber);

    const second = await submit(again.port, content(2));
    codes.push(second.queryCode);
    expect(serial(second.caseNumber)).toBe(serial(first.caseNumber) + 1);
    for (const n of [3, 4]) codes.push((await submit(again.port, content(n))).queryCode);
    const wrong = await track(again.port, second.caseNumber, first.queryCode);
    expect(wrong.status).toBe(404);
  }, WAIT_MS);

  it('shuts down on SIGTERM with exit code 0, stops its PostgreSQL and anchors the audit head', async () => {
    if (!running) throw new Error('the restart did not run');
    const [postmaster] = postmastersOf(main.dataDir);
    running.p.child.kill('SIGTERM');
    const exit = await running.p.exit;
    running = undefined;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(postmaster !== undefined && isAlive(postmaster)).toBe(false);
    expect(postgresProcessesOf(main.dataDir)).toEqual([]);
    expect(anchorLines(main).length).toBeGreaterThanOrEqual(1);
  }, WAIT_MS);

  it('starts again on the existing data folder, and anchors the head at shutdown even when idle', async () => {
    const before = anchorLines(main);
    const { p, readyMs } = await serve(main);
    // Longer than the 5 s sealing period: by shutdown there is nothing new to seal, only a head to anchor.
    await sleep(7_000);
    console.log(`[figures] start on an existing folder after a clean shutdown to ready: ${String(readyMs)} ms; idle after 7 s: ${memoryFigures(p.pid, main.dataDir)}`);
    p.child.kill('SIGTERM');
    expect((await p.exit).code).toBe(0);
    const after = anchorLines(main);
    expect(after.length).toBe(before.length + 1);
    expect(after[after.length - 1]).toMatch(/^\d+ [0-9a-f]{64} \d{4}-\d\d-\d\dT/);
  }, WAIT_MS);

  it('`zhitong audit verify` passes on the installation', async () => {
    const started = performance.now();
    const r = await runToEnd(['audit', 'verify'], envFor(main, await freePort()));
    console.log(`[figures] audit verify (own PostgreSQL start and stop) took ${String(Math.round(performance.now() - started))} ms: ${r.stdout.trim()}`);
    expect(r.stderr).not.toMatch(/FAILED/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/OK/);
    expect(r.stdout).toMatch(/\b4 cases match/);
    // The last anchor written at shutdown is the head of the last seal.
    const seals = /(\d+) seals/.exec(r.stdout)?.[1];
    expect(anchorLines(main).at(-1)?.split(' ')[0]).toBe(seals);
    expect(postgresProcessesOf(main.dataDir)).toEqual([]);
  }, WAIT_MS);

  it('refuses to start when the master key file is missing, in one sentence, and creates no key', async () => {
    const missing = join(root, 'elsewhere', 'master.key');
    const r = await runToEnd(['serve'], envFor({ ...main, keyFile: missing }, await freePort()));
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    const lines = oneLine(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/master key/);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(dirname(missing))).toBe(false);
    expect(postgresProcessesOf(main.dataDir)).toEqual([]);
  }, WAIT_MS);

  it('refuses to start with a key that belongs to another database', async () => {
    const other = join(root, 'other-key', 'master.key');
    mkdirSync(dirname(other), { mode: 0o700 });
    writeFileSync(other, `zhitong-master-key:v1:1:${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    const before = readFileSync(other, 'utf8');
    const r = await runToEnd(['serve'], envFor({ ...main, keyFile: other }, await freePort()));
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    const lines = oneLine(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/does not match/);
    expect(readFileSync(other, 'utf8')).toBe(before);
    expect(postgresProcessesOf(main.dataDir)).toEqual([]);
  }, WAIT_MS);

  it('refuses test switches on a non-loopback address without ZHITONG_DEMO', async () => {
    const inst = newInstall('public-host');
    const r = await runToEnd(['serve'], envFor(inst, await freePort(), { HOST: '0.0.0.0' }));
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    const lines = oneLine(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('ZHITONG_POW=off');
    // Refused before anything was created.
    expect(existsSync(inst.dataDir)).toBe(false);
    expect(existsSync(inst.keyFile)).toBe(false);
  }, WAIT_MS);

  it.skipIf(!isRoot)('refuses, under root, a data folder the postgres user cannot reach', async () => {
    const dir = join(root, 'private');
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o700);
    const inst = { dataDir: join(dir, 'data'), keyFile: join(root, 'private-keys', 'master.key') };
    const r = await runToEnd(['serve'], envFor(inst, await freePort()));
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    const lines = oneLine(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/not reachable/);
    expect(existsSync(inst.dataDir)).toBe(false);
    expect(existsSync(inst.keyFile)).toBe(false);
  }, WAIT_MS);

  it('stops its PostgreSQL when start-up fails after the database was opened (port taken)', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => { resolve((blocker.address() as { port: number }).port); });
    });
    try {
      const r = await runToEnd(['serve'], envFor(main, port));
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBeNull();
      expect(r.stderr).toMatch(/EADDRINUSE/);
    } finally {
      await new Promise<void>((resolve) => { blocker.close(() => { resolve(); }); });
    }
    expect(postgresProcessesOf(main.dataDir)).toEqual([]);
  }, WAIT_MS);

  it('`zhitong audit verify` fails and names the case when a case row was changed behind its back', async () => {
    const db = await startEmbeddedPostgres({ dataDir: main.dataDir, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    try {
      const c = new pg.Client(db.clientConfig('zhitong', db.superuser.user, db.superuser.password));
      await c.connect();
      try {
        const r = await c.query(`UPDATE cases SET state = 'closed' WHERE case_number = $1`, [first.caseNumber]);
        expect(r.rowCount).toBe(1);
      } finally {
        await c.end();
      }
    } finally {
      await db.stop();
    }
    const r = await runToEnd(['audit', 'verify'], envFor(main, await freePort()));
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/OK/);
    expect(r.stderr).toContain(`audit verify: FAILED — case ${first.caseNumber} was changed outside Zhitong`);
    expect(postgresProcessesOf(main.dataDir)).toEqual([]);
  }, WAIT_MS);

  it('`zhitong work` runs the jobs without HTTP and anchors the head when it stops', async () => {
    const before = anchorLines(main);
    const port = await freePort();
    const p = zhitong(['work'], envFor(main, port, { ZHITONG_LOG_LEVEL: 'info' }));
    const deadline = Date.now() + WAIT_MS;
    while (!p.stdout().includes('Zhitong is running jobs')) {
      const gone = p.exited();
      if (gone) throw new Error(`zhitong work exited (${String(gone.code)}/${String(gone.signal)}); stderr: ${p.stderr()}`);
      if (Date.now() > deadline) throw new Error(`zhitong work did not start; stderr: ${p.stderr()}`);
      await sleep(50);
    }
    // No HTTP listener, not even the health routes.
    await expect(fetch(`http://127.0.0.1:${String(port)}/healthz`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    p.child.kill('SIGTERM');
    expect(await p.exit).toEqual({ code: 0, signal: null });
    expect(p.stderr()).toBe('');
    expect(anchorLines(main).length).toBe(before.length + 1);
    expect(postgresProcessesOf(main.dataDir)).toEqual([]);
  }, WAIT_MS);

  it('never logs a query code or report content', () => {
    expect(codes.length).toBeGreaterThanOrEqual(4);
    const all = procs.map((p) => `${p.stdout()}\n${p.stderr()}`).join('\n');
    // The debug run logged its requests, so there was something to leak into.
    expect(all).toMatch(/"msg":"request"/);
    expect(all).toMatch(/\/api\/v1\/public\/track/);
    for (const code of codes) expect(all).not.toContain(code);
    expect(all).not.toContain(marker);
    expect(all).not.toContain('户籍窗口');
  });
});
