// `npm run bench:intake`: POST /api/v1/public/reports (proof-of-work off) on the external PostgreSQL
// beside a bare Fastify route doing one INSERT, measured in the same run (DESIGN §9); plus the cold
// start and idle memory of the embedded server. Writes bench/results/intake.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createMasterKeyFile, KeyRing } from '../src/security/keys.js';
import { ensureLoginRole, quoteIdent } from '../src/store/roles.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const ROOT = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The built server when there is one (as `npm start` runs it), else the TypeScript through tsx. */
function startNode(args: string[], env: Record<string, string>): ChildProcess {
  const built = args[0] === 'src/cli.ts' && existsSync(path.join(ROOT, 'dist', 'src', 'cli.js'));
  const argv = built ? ['dist/src/cli.js', ...args.slice(1)] : ['--import', 'tsx', ...args];
  return spawn(process.execPath, argv, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

async function waitReady(url: string, timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not ready: ${url}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

const body = JSON.stringify({ type: 'complaint', content: '窗口工作人员推诿拖延，'.repeat(34).slice(0, 340), anonymity: 'anonymous' });

async function load(url: string, port: number): Promise<autocannon.Result> {
  const opts = { url, method: 'POST' as const, connections: CONNECTIONS, headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${String(port)}` }, body };
  await autocannon({ ...opts, duration: 3 });
  return autocannon({ ...opts, duration: SECONDS });
}

function summary(r: autocannon.Result) {
  return { requestsPerSecond: r.requests.average, latencyMs: { p50: r.latency.p50, p99: r.latency.p99 }, non2xx: r.non2xx, errors: r.errors, total: r.requests.total };
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
}

/** Proportional set size: shared buffers counted once across PostgreSQL's processes. */
async function pssOf(pid: number): Promise<number> {
  const rollup = await readFile(`/proc/${String(pid)}/smaps_rollup`, 'utf8').catch(() => '');
  return Number(/^Pss:\s+(\d+)/mu.exec(rollup)?.[1] ?? 0) / 1024;
}

async function parentOf(pid: string): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? 0);
}

/** The postmaster of the data folder and its children (backends, checkpointer, walwriter …). */
async function postgresPidsFor(dataDir: string): Promise<number[]> {
  const entries = (await readdir('/proc')).filter((e) => /^\d+$/u.test(e));
  let postmaster = 0;
  for (const entry of entries) {
    const cmd = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes('postgres') && cmd.includes(dataDir)) postmaster = Number(entry);
  }
  if (postmaster === 0) return [];
  const pids = [postmaster];
  for (const entry of entries) if ((await parentOf(entry)) === postmaster) pids.push(Number(entry));
  return pids;
}

async function embeddedFigures(tmp: string) {
  const dataDir = path.join(tmp, 'embedded-data');
  const env = { ZHITONG_DATA_DIR: dataDir, ZHITONG_KEY_FILE: path.join(tmp, 'embedded-keys', 'master.key'), ZHITONG_LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  const port = await freePort();
  const first = startNode(['src/cli.ts', 'serve'], { ...env, PORT: String(port) });
  const firstStartMs = await waitReady(`http://127.0.0.1:${String(port)}/readyz`);
  await stop(first);
  const second = startNode(['src/cli.ts', 'serve'], { ...env, PORT: String(port) });
  const coldStartMs = await waitReady(`http://127.0.0.1:${String(port)}/readyz`);
  await new Promise((r) => setTimeout(r, 3000));
  const nodeRss = second.pid ? await rssOf(second.pid) : 0;
  const nodePss = second.pid ? await pssOf(second.pid) : 0;
  let pgRss = 0;
  let pgPss = 0;
  const pgPids = await postgresPidsFor(dataDir);
  for (const pid of pgPids) {
    pgRss += await rssOf(pid).catch(() => 0);
    pgPss += await pssOf(pid);
  }
  await stop(second);
  return {
    firstStartMs: Math.round(firstStartMs),
    coldStartMs: Math.round(coldStartMs),
    idleRssMb: { node: Math.round(nodeRss), postgres: Math.round(pgRss), total: Math.round(nodeRss + pgRss) },
    idlePssMb: { node: Math.round(nodePss), postgres: Math.round(pgPss), total: Math.round(nodePss + pgPss) },
    postgresProcesses: pgPids.length,
    note: 'time from spawning `zhitong serve` (built, as npm start runs it) to /readyz 200; RSS sums count PostgreSQL shared buffers once per process, PSS shares them out',
  };
}

/** `--embedded-only`: just the cold start and idle memory, written into the last intake.json's `embedded`. */
async function embeddedOnly(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zt-bench-'));
  await chmod(tmp, 0o711);
  try {
    const file = path.join(ROOT, 'bench', 'results', 'intake.json');
    const previous = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const embedded = { ...(await embeddedFigures(tmp)), at: new Date().toISOString() };
    await writeFile(file, `${JSON.stringify({ ...previous, embedded }, null, 2)}\n`);
    console.log(JSON.stringify(embedded, null, 2));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--embedded-only')) return embeddedOnly();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zt-bench-'));
  await chmod(tmp, 0o711);
  const keyFile = path.join(tmp, 'keys', 'master.key');
  const ring = new KeyRing(await createMasterKeyFile(keyFile));
  const run = `zt_bench_${randomBytes(3).toString('hex')}`;
  const owner = `${run}_owner`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const children: ChildProcess[] = [];
  try {
    await ensureLoginRole(admin, owner, ring.dbRolePassword(owner));
    await admin.query(`ALTER ROLE ${quoteIdent(owner)} CREATEROLE`);
    await admin.query(`CREATE DATABASE ${quoteIdent(run)} OWNER ${quoteIdent(owner)}`);
    const ownerUrl = new URL(ADMIN_URL);
    ownerUrl.username = owner;
    ownerUrl.password = ring.dbRolePassword(owner);
    ownerUrl.pathname = `/${run}`;
    const zPort = await freePort();
    const bPort = await freePort();
    const common = { DATABASE_URL: ownerUrl.toString(), ZHITONG_DB_POOL_MAX: '20', HOST: '127.0.0.1' };
    const zhitong = startNode(['src/cli.ts', 'serve'], { ...common, PORT: String(zPort), ZHITONG_DATA_DIR: path.join(tmp, 'data'), ZHITONG_KEY_FILE: keyFile, ZHITONG_POW: 'off', ZHITONG_RATE_LIMIT_SUBMIT: '100000000', ZHITONG_LOG_LEVEL: 'warn' });
    const bare = startNode(['bench/bare-insert-server.ts'], { ...common, PORT: String(bPort) });
    children.push(zhitong, bare);
    await waitReady(`http://127.0.0.1:${String(zPort)}/readyz`);
    await new Promise<void>((resolve) => bare.once('message', () => resolve()));
    const bareResult = summary(await load(`http://127.0.0.1:${String(bPort)}/bare`, bPort));
    const intakeResult = summary(await load(`http://127.0.0.1:${String(zPort)}/api/v1/public/reports`, zPort));
    await Promise.all(children.map(stop));
    const embedded = await embeddedFigures(tmp);
    const result = {
      benchmark: 'intake',
      at: new Date().toISOString(),
      node: process.version,
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
      database: 'external PostgreSQL (BENCH_DATABASE_URL), durable commits',
      connections: CONNECTIONS,
      seconds: SECONDS,
      bodyBytes: Buffer.byteLength(body),
      bareInsert: bareResult,
      publicReport: intakeResult,
      ratio: Number((intakeResult.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3)),
      budget: 0.4,
      embedded,
    };
    await writeFile(path.join(ROOT, 'bench', 'results', 'intake.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await Promise.all(children.map(stop));
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(run)} WITH (FORCE)`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(`${owner}_app`)}`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(owner)}`).catch(() => undefined);
    await admin.end();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
