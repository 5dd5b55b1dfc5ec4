// The long fault run (issue 9, outside CI): `npm run test:crash:long [-- --rounds N --clients C --minutes M]`.
// One real `zhitong serve` on its embedded PostgreSQL in a temp folder takes concurrent public reports
// from C clients (half with Idempotency-Key); each round SIGKILLs it at a random moment — Node alone, or
// Node and its postmaster (every third round, or at random with --random-kinds) — restarts it on the same
// folder and retries every unacknowledged keyed report with its key. At the end every 201 must be in the
// database once and trackable by its query code, and every key must have made exactly one case.
// Seeded: ZHITONG_CRASH_SEED=<n> replays the kill moments. Exit code 1 on any violation.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkSubmissions, embeddedClient } from '../test/crash/db-probe.js';
import { freePort, isAlive, killPostmaster, load, postmasterPid, retryUntilAcked, seededRandom, sigkill, startServerProcess, stopServer, tail, track, type ServerProcess, type ServerSpec, type Submission } from '../test/crash/harness.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '30' },
    clients: { type: 'string', default: '16' },
    minutes: { type: 'string', default: '0' },
    'min-ms': { type: 'string', default: '500' },
    'max-ms': { type: 'string', default: '4000' },
    'random-kinds': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const clients = Number(values.clients);
const deadline = Number(values.minutes) > 0 ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
const minMs = Number(values['min-ms']);
const maxMs = Number(values['max-ms']);
const seed = Number(process.env.ZHITONG_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);

async function main(): Promise<number> {
  console.log(`crash-long: seed ZHITONG_CRASH_SEED=${String(seed)}, up to ${String(rounds)} rounds${Number.isFinite(deadline) ? ` or ${values.minutes} min` : ''}, ${String(clients)} clients, kill after ${String(minMs)}–${String(maxMs)} ms`);
  const root = await mkdtemp(path.join(os.tmpdir(), 'zt-crash-long-'));
  await chmod(root, 0o711);
  await mkdir(path.join(root, 'key'));
  const spec: ServerSpec = { port: await freePort(), dataDir: path.join(root, 'data'), keyFile: path.join(root, 'key', 'master.key'), logFile: path.join(root, 'server.log') };
  const all: Submission[] = [];
  const restartMs: number[] = [];
  let server: ServerProcess | null = null;
  let pgKills = 0;
  const started = Date.now();
  try {
    server = await startServerProcess(spec);
    let round = 0;
    for (; round < rounds && Date.now() < deadline; round += 1) {
      const withPostgres = values['random-kinds'] ? random() < 0.4 : round % 3 === 2;
      const stop = new AbortController();
      const running = load(server.origin, { clients, keyedShare: 0.5, random, stop: stop.signal, tag: `r${String(round)}` });
      await sleep(minMs + Math.floor(random() * (maxMs - minMs)));
      await sigkill(server);
      server = null;
      if (withPostgres) {
        await killPostmaster(spec.dataDir);
        pgKills += 1;
      }
      stop.abort();
      const mine = await running;
      all.push(...mine);
      const t0 = Date.now();
      server = await startServerProcess(spec);
      restartMs.push(Date.now() - t0);
      const pending = mine.filter((s) => s.key !== null && s.ack === null);
      const origin = server.origin;
      await Promise.all(pending.map((s) => retryUntilAcked(origin, s)));
      const acked = mine.filter((s) => s.ack !== null).length;
      console.log(`round ${String(round + 1)} (${withPostgres ? 'node+pg' : 'node'}): ${String(mine.length)} submitted, ${String(acked)} acknowledged before the kill, ${String(pending.length)} keyed retried, restart ${String(restartMs.at(-1))} ms`);
    }
    const db = await embeddedClient(spec.dataDir);
    let problems: string[];
    try {
      const checked = await checkSubmissions(db, all);
      problems = checked.problems;
      console.log(`figures: ${JSON.stringify({ rounds: round, pgKills, ...checked.tally, minutes: Number(((Date.now() - started) / 60_000).toFixed(1)) })}`);
    } finally {
      await db.end();
    }
    const origin = server.origin;
    let trackFailures = 0;
    for (const s of all) {
      if (!s.ack) continue;
      const t = await track(origin, s.ack.caseNumber, s.ack.queryCode);
      if (t.status !== 200 || t.caseNumber !== s.ack.caseNumber) trackFailures += 1;
    }
    if (trackFailures > 0) problems.push(`${String(trackFailures)} acknowledged reports not found by their query code`);
    const sorted = [...restartMs].sort((a, b) => a - b);
    console.log(`restart to ready: median ${String(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${String(sorted.at(-1) ?? 0)} ms`);
    for (const p of problems.slice(0, 20)) console.error(`VIOLATION: ${p}`);
    console.log(problems.length === 0 ? 'crash-long: OK' : `crash-long: FAILED (${String(problems.length)} violations)`);
    return problems.length === 0 ? 0 : 1;
  } catch (err) {
    console.error(`crash-long: ${(err as Error).message}\n${tail(spec.logFile)}`);
    return 1;
  } finally {
    if (server) await stopServer(server);
    const pm = postmasterPid(spec.dataDir);
    if (pm !== null && isAlive(pm)) {
      process.kill(pm, 'SIGINT');
      for (let i = 0; i < 100 && isAlive(pm); i += 1) await sleep(100);
    }
    if (values.keep) console.log(`kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
