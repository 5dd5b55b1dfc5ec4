// The short fault suite (issue 9, DESIGN §8): a real `zhitong serve` on its embedded PostgreSQL takes
// concurrent public reports and is SIGKILLed at a random moment — once Node alone, once Node and its
// PostgreSQL — then restarted on the same folder. Every report that got a 201 is there exactly once
// (by case number and by tracking with its query code), and clients that retry with the same
// Idempotency-Key end with one case per key. Then a worker killed mid-delivery leaves its outbox rows
// to be sent again. Seeded: ZHITONG_CRASH_SEED=<n> replays a round's kill moments.
//
// Dead letters after the attempt limit are proved in test/api/jobs-outbox.test.ts ("retries a
// failing row with exponential backoff and dead-letters it after N attempts") on a fake clock; the
// real backoff (30 s doubling, 10 attempts) is hours long and not repeated here.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSubmissions, embeddedClient, queueSmsAcknowledgements } from './db-probe.js';
import { freePort, isAlive, killPostmaster, load, newSubmission, postmasterPid, retryUntilAcked, seededRandom, sigkill, startServerProcess, stopServer, submitOnce, track, type ServerProcess, type ServerSpec, type Submission } from './harness.js';

const seed = Number(process.env.ZHITONG_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`crash suite seed: ZHITONG_CRASH_SEED=${String(seed)}`);
const random = seededRandom(seed);

let root: string;
let spec: ServerSpec;
let server: ServerProcess | null = null;
const all: Submission[] = [];
const sink = smsSink();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zt-crash-'));
  // Under root PostgreSQL runs as the postgres user, which must pass through this folder.
  await chmod(root, 0o711);
  await mkdir(path.join(root, 'key'));
  await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
  // SMS goes to a loopback stand-in for Aliyun's API (web reports send none; the worker test queues some).
  const sms = {
    ZHITONG_SMS_PROVIDER: 'aliyun',
    ZHITONG_ALIYUN_SMS_ENDPOINT: `http://127.0.0.1:${String(sink.port())}`,
    ZHITONG_ALIYUN_SMS_ACCESS_KEY_ID: 'crash-test',
    ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET: 'crash-test-secret',
    ZHITONG_SMS_TEMPLATE_IDS: '{"reporter.acknowledgement":"SMS_100001"}',
    ZHITONG_SMS_DAILY_CAP: '1000',
  };
  spec = { port: await freePort(), dataDir: path.join(root, 'data'), keyFile: path.join(root, 'key', 'master.key'), logFile: path.join(root, 'server.log'), env: sms };
  server = await startServerProcess(spec);
});

afterAll(async () => {
  if (server) await stopServer(server);
  sink.server.closeAllConnections();
  sink.server.close();
  const pm = postmasterPid(spec.dataDir);
  if (pm !== null && isAlive(pm)) {
    process.kill(pm, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pm); i += 1) await sleep(100);
  }
  await rm(root, { recursive: true, force: true });
});

/** Load for a random 0.4–1.2 s, kill, restart on the same folder, retry every keyed report not yet acknowledged. */
async function crashRound(tag: string, withPostgres: boolean): Promise<{ submitted: number; acked: number; retried: number }> {
  if (!server) throw new Error('no server');
  const stop = new AbortController();
  const running = load(server.origin, { clients: 6, keyedShare: 0.5, random, stop: stop.signal, tag });
  await sleep(400 + Math.floor(random() * 800));
  await sigkill(server);
  server = null;
  if (withPostgres) await killPostmaster(spec.dataDir);
  stop.abort();
  const mine = await running;
  all.push(...mine);
  server = await startServerProcess(spec);
  const pending = mine.filter((s) => s.key !== null && s.ack === null);
  const origin = server.origin;
  const acked = mine.filter((s) => s.ack !== null).length;
  await Promise.all(pending.map((s) => retryUntilAcked(origin, s)));
  // A client that lost its answer in the kill asks again with its key: the same case, not a second one.
  const again = mine.filter((s) => s.key !== null && s.ack !== null && !pending.includes(s)).slice(0, 3);
  for (const s of again) {
    const first = s.ack;
    expect(await submitOnce(origin, s)).toBe(201);
    expect(s.ack).toEqual(first);
  }
  return { submitted: mine.length, acked, retried: pending.length };
}

describe('SIGKILL under concurrent submissions', () => {
  it('keeps every acknowledged report once, and one case per key, through a kill of Node', async () => {
    const r = await crashRound('node', false);
    console.log(`round node: ${String(r.submitted)} submitted, ${String(r.acked)} acknowledged before the kill, ${String(r.retried)} keyed retried`);
    expect(r.submitted).toBeGreaterThan(0);
  });

  it('and through a kill of Node and its PostgreSQL together, restarted on the same folder', async () => {
    const r = await crashRound('node+pg', true);
    console.log(`round node+pg: ${String(r.submitted)} submitted, ${String(r.acked)} acknowledged before the kill, ${String(r.retried)} keyed retried`);
    expect(r.submitted).toBeGreaterThan(0);
  });

  it('finds every acknowledged report exactly once, by case number and by its query code', async () => {
    if (!server) throw new Error('no server');
    const db = await embeddedClient(spec.dataDir);
    try {
      const { problems, tally } = await checkSubmissions(db, all);
      console.log(`after the kills: ${JSON.stringify(tally)}`);
      expect(problems).toEqual([]);
      expect(tally.acked).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
    const origin = server.origin;
    const tracked = await Promise.all(all.flatMap((s) => (s.ack ? [track(origin, s.ack.caseNumber, s.ack.queryCode).then((t) => ({ want: s.ack?.caseNumber, got: t }))] : [])));
    expect(tracked.filter((t) => t.got.status !== 200 || t.got.caseNumber !== t.want)).toEqual([]);
  });
});

/** Aliyun's SMS API as the relay sees it: hangs every request while `hang`, else answers OK; counts sends per OutId. */
function smsSink(): { server: Server; hang: boolean; hung: ServerResponse[]; sent: Map<string, number>; port: () => number } {
  const state = {
    hang: false,
    hung: [] as ServerResponse[],
    sent: new Map<string, number>(),
    server: createServer((req: IncomingMessage, res: ServerResponse) => {
      if (state.hang) {
        state.hung.push(res);
        return;
      }
      const outId = new URL(req.url ?? '/', 'http://sink').searchParams.get('OutId') ?? '';
      state.sent.set(outId, (state.sent.get(outId) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: 'OK', BizId: `biz-${outId}`, RequestId: 'r' }));
    }),
    port: () => {
      const a = state.server.address();
      return typeof a === 'object' && a !== null ? a.port : 0;
    },
  };
  return state;
}

interface OutboxRow { id: string; attempts: number; delivered: boolean; dead: boolean; leased: boolean }

async function ackRows(db: pg.Client): Promise<OutboxRow[]> {
  const r = await db.query<OutboxRow>("SELECT id::text, attempts, delivered_at IS NOT NULL AS delivered, dead_at IS NOT NULL AS dead, available_at > now() AS leased FROM outbox WHERE kind = 'reporter.acknowledgement' ORDER BY id");
  return r.rows;
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

describe('a worker killed mid-job', () => {
  it('leaves the rows it was sending to be sent again, and the relay goes on after the restart', async () => {
    if (!server) throw new Error('no server');
    sink.hang = true;
    // Fifteen reports await an SMS acknowledgement (as phone intakes would); the first send hangs.
    const origin = server.origin;
    await Promise.all(Array.from({ length: 15 }, (_, i) => submitOnce(origin, newSubmission(false, `sms-${String(i)}`))));
    expect(await queueSmsAcknowledgements(spec.dataDir, spec.keyFile, 15)).toBe(15);
    await until('a send in flight', () => Promise.resolve(sink.hung.length > 0 ? true : null));
    await sigkill(server);
    const killedAt = new Date();
    server = null;
    for (const res of sink.hung) res.destroy();
    // Restarted (attaching to the folder while no server runs would start PostgreSQL under this test).
    sink.hang = false;
    server = await startServerProcess(spec);
    const db = await embeddedClient(spec.dataDir);
    try {
      // Claimed by the dead worker under its lease, attempt counted, neither delivered nor dead.
      const claimed = (await ackRows(db)).filter((r) => r.leased && !r.delivered && r.attempts === 1);
      expect(claimed.length).toBeGreaterThan(0);
      expect(claimed.every((r) => !r.dead)).toBe(true);
      // The dead run stays `active` in pg-boss's stately queue and blocks the next run until it expires
      // (expireInSeconds: 3 minutes for the relay); expire it now as pg-boss's supervisor would then.
      const dead = await db.query("UPDATE pgboss.job SET state = 'failed', completed_on = now() WHERE name = 'outbox.relay' AND state = 'active' AND started_on < $1", [killedAt]);
      console.log(`killed mid-send: ${String(claimed.length)} rows held under the dead worker's lease; ${String(dead.rowCount)} relay run left active by it`);
      expect(dead.rowCount).toBe(1);
      // The restarted relay sends what nobody held...
      await until('the unleased acknowledgements sent', async () => ((await ackRows(db)).filter((r) => !r.delivered && !r.leased).length === 0 ? true : null));
      // ...and, once the dead worker's lease has run out (moved to now rather than waiting two minutes), the held rows too.
      await db.query('UPDATE outbox SET available_at = now() WHERE id = ANY($1::bigint[])', [claimed.map((r) => r.id)]);
      const after = await until('the held rows sent again', async () => {
        const rows = (await ackRows(db)).filter((r) => claimed.some((c) => c.id === r.id));
        return rows.every((r) => r.delivered) ? rows : null;
      });
      expect(after.every((r) => r.attempts === 2 && !r.dead)).toBe(true);
      const rows = await ackRows(db);
      expect(rows.filter((r) => r.dead)).toEqual([]);
      const sentOnce = [...sink.sent.values()].filter((n) => n === 1).length;
      console.log(`after restart: ${String(rows.length)} acknowledgements, all delivered; sink saw ${String(sink.sent.size)} ids (${String(sentOnce)} once)`);
      expect(rows.every((r) => r.delivered)).toBe(true);
      const jobs = await db.query<{ state: string; n: string }>("SELECT state, count(*)::text AS n FROM pgboss.job WHERE name = 'outbox.relay' GROUP BY state ORDER BY state");
      console.log(`pg-boss outbox.relay runs by state: ${JSON.stringify(jobs.rows)}`);
    } finally {
      await db.end();
    }
  });
});
