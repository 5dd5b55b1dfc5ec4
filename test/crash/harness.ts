// Real `zhitong serve` processes for the fault suite (issue 9) and the scripts beside it: spawn, wait
// until ready, SIGKILL (Node, and the embedded PostgreSQL's postmaster), and a public client that fires
// reports and remembers which ones were acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { REPORT } from '../helpers/report-body.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A small seeded generator (mulberry32), so a failing round can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { freePort } from '../helpers/free-port.js';

export interface ServerSpec {
  readonly port: number;
  readonly dataDir: string;
  readonly keyFile: string;
  /** Absent: the embedded PostgreSQL in `dataDir/pg`. */
  readonly databaseUrl?: string;
  readonly logFile: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly origin: string;
  /** Resolves when the process has exited (after a kill or a stop). */
  readonly exited: Promise<void>;
}

/** The settings every test server shares: loopback, no proof-of-work, cheap hashing, generous rate limits. */
export function serverEnv(spec: ServerSpec): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    HOST: '127.0.0.1',
    PORT: String(spec.port),
    ZHITONG_DATA_DIR: spec.dataDir,
    ZHITONG_KEY_FILE: spec.keyFile,
    ZHITONG_POW: 'off',
    ZHITONG_ARGON2: 'low',
    ZHITONG_RATE_LIMIT_SUBMIT: '100000',
    ZHITONG_RATE_LIMIT_TRACK: '100000',
    ZHITONG_WRONG_CODE_BUDGET: '100000',
    ZHITONG_LOG_LEVEL: 'warn',
    ZHITONG_SHUTDOWN_GRACE_MS: '3000',
    ZHITONG_CONSOLE_DIR: `${REPO}test/fixtures/console`,
    ZHITONG_PORTAL_DIR: `${REPO}test/fixtures/portal`,
    ...(spec.databaseUrl === undefined ? {} : { DATABASE_URL: spec.databaseUrl }),
    ...spec.env,
  };
}

/** `zhitong serve` through tsx (no build needed), its output appended to `logFile`. */
export function spawnServer(spec: ServerSpec, command: 'serve' | 'work' = 'serve'): ServerProcess {
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', command], { cwd: REPO, env: serverEnv(spec), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error('the server process did not start');
  return { child, pid: child.pid, origin: `http://127.0.0.1:${String(spec.port)}`, exited };
}

/** Polls /readyz until 200; fails with the log's tail if the process exits or time runs out. */
export async function waitReady(p: ServerProcess, spec: ServerSpec, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  const state = { gone: false };
  void p.exited.then(() => { state.gone = true; });
  while (Date.now() < until) {
    if (state.gone) throw new Error(`server exited before ready:\n${tail(spec.logFile)}`);
    const ok = await fetch(`${p.origin}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await sleep(150);
  }
  throw new Error(`server not ready in ${String(ms)} ms:\n${tail(spec.logFile)}`);
}

export async function startServerProcess(spec: ServerSpec): Promise<ServerProcess> {
  const p = spawnServer(spec);
  await waitReady(p, spec);
  return p;
}

export function tail(file: string, chars = 4000): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-chars) : '(no log)';
}

export async function sigkill(p: ServerProcess): Promise<void> {
  p.child.kill('SIGKILL');
  await p.exited;
}

/** SIGTERM and wait: the graceful stop. */
export async function stopServer(p: ServerProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exited;
}

/** The embedded PostgreSQL's postmaster, from `postmaster.pid` in `dataDir/pg`. */
export function postmasterPid(dataDir: string): number | null {
  const file = `${dataDir}/pg/postmaster.pid`;
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL of the postmaster alone, as a crash of the machine's PostgreSQL would be. */
export async function killPostmaster(dataDir: string): Promise<number> {
  const pid = postmasterPid(dataDir);
  if (pid === null) throw new Error('no postmaster.pid');
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && isAlive(pid); i += 1) await sleep(50);
  return pid;
}

export interface Submission {
  readonly key: string | null;
  readonly body: object;
  /** The acknowledged answer; null while none has arrived. */
  ack: { caseNumber: string; queryCode: string } | null;
  /** Status codes and errors seen, for the report of a failing round. */
  readonly seen: string[];
}

/** One POST of a report; a dropped connection or a non-201 leaves `ack` null. */
export async function submitOnce(origin: string, s: Submission, signal?: AbortSignal): Promise<number | null> {
  const headers: Record<string, string> = { origin, 'content-type': 'application/json' };
  if (s.key !== null) headers['idempotency-key'] = s.key;
  try {
    const res = await fetch(`${origin}/api/v1/public/reports`, { method: 'POST', headers, body: JSON.stringify(s.body), ...(signal ? { signal } : {}) });
    const text = await res.text();
    s.seen.push(String(res.status));
    if (res.status === 201) {
      const body = JSON.parse(text) as { caseNumber: string; queryCode: string };
      s.ack = { caseNumber: body.caseNumber, queryCode: body.queryCode };
    }
    return res.status;
  } catch (err) {
    s.seen.push((err as Error).name);
    return null;
  }
}

export function newSubmission(keyed: boolean, tag: string): Submission {
  // Keyed and unkeyed reports name different police branches (a column kept in clear), so the
  // database can be counted per kind; the content carries a tag only the tracking view shows.
  return { key: keyed ? randomUUID() : null, body: { ...REPORT, reportedPoliceBranch: keyed ? 'traffic' : 'household', content: `${REPORT.content}（${tag}）` }, ack: null, seen: [] };
}

/** Clients that submit in a loop until `stop` is aborted; every submission they made is returned. */
export function load(origin: string, o: { clients: number; keyedShare: number; random: () => number; stop: AbortSignal; tag: string }): Promise<Submission[]> {
  const all: Submission[] = [];
  const client = async (c: number): Promise<void> => {
    for (let i = 0; !o.stop.aborted; i += 1) {
      const s = newSubmission(o.random() < o.keyedShare, `${o.tag}-${String(c)}-${String(i)}`);
      all.push(s);
      const status = await submitOnce(origin, s);
      if (status === null) return; // the server is gone; the round's retries take over
    }
  };
  return Promise.all(Array.from({ length: o.clients }, (_, c) => client(c))).then(() => all);
}

/** Retries a keyed submission with the same key and body until it is acknowledged (or time runs out). */
export async function retryUntilAcked(origin: string, s: Submission, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  const acked = (): boolean => s.ack !== null;
  while (!acked() && Date.now() < until) {
    const status = await submitOnce(origin, s);
    if (!acked()) await sleep(status === null ? 200 : 100);
  }
}

export async function track(origin: string, caseNumber: string, queryCode: string): Promise<{ status: number; caseNumber?: string; content?: string }> {
  const res = await fetch(`${origin}/api/v1/public/track`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ caseNumber, queryCode }) });
  const body = (await res.json()) as { caseNumber?: string; content?: string };
  return { status: res.status, ...(body.caseNumber === undefined ? {} : { caseNumber: body.caseNumber }), ...(body.content === undefined ? {} : { content: body.content }) };
}
