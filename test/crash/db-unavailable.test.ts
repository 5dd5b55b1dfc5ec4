// The database goes away under a running server (issue 9, DESIGN §8): a real `zhitong serve` reaches
// this run's PostgreSQL (external, or the embedded test server's socket) through a TCP proxy the test
// cuts. Requests then get a 503 problem in the caller's language, /readyz says it is the database,
// the process stays up, and once the proxy passes traffic again the server answers as before — no restart.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { quoteIdent } from '../../src/store/roles.js';
import { freePort, newSubmission, startServerProcess, stopServer, submitOnce, type ServerProcess } from './harness.js';
import { startTcpProxy, targetOf, throughProxy, type TcpProxy } from './tcp-proxy.js';

let root: string;
let proxy: TcpProxy;
let server: ServerProcess;
let db: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zt-dbdown-'));
  await chmod(root, 0o711);
  db = `${inject('dbRun')}_${randomBytes(4).toString('hex')}`;
  const owner = new URL(inject('dbOwnerUrl'));
  const admin = new pg.Client({ connectionString: inject('dbAdminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${quoteIdent(db)} TEMPLATE ${quoteIdent(inject('dbTemplate'))} OWNER ${quoteIdent(decodeURIComponent(owner.username))}`);
  await admin.end();
  owner.pathname = `/${db}`;
  proxy = await startTcpProxy(targetOf(owner.toString()));
  const spec = { port: await freePort(), dataDir: path.join(root, 'data'), keyFile: inject('keyFile'), databaseUrl: throughProxy(owner.toString(), proxy.port), logFile: path.join(root, 'server.log') };
  server = await startServerProcess(spec);
});

afterAll(async () => {
  await proxy.resume();
  await stopServer(server);
  await proxy.close();
  await rm(root, { recursive: true, force: true });
});

interface Problem { status: number; code: string; title: string; detail: string }

async function post(pathname: string, body: object, lang?: string): Promise<{ status: number; type: string; retryAfter: string | null; body: Problem }> {
  const headers: Record<string, string> = { origin: server.origin, 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) };
  const res = await fetch(`${server.origin}${pathname}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Problem };
}

async function readyz(): Promise<{ status: number; body: { status: string; reason?: string; database?: { reachable: boolean } } }> {
  const res = await fetch(`${server.origin}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string; database?: { reachable: boolean } } };
}

describe('PostgreSQL out of reach', () => {
  it('answers 503 with a clear message, says why in /readyz, and recovers by itself', async () => {
    const before = newSubmission(false, 'before');
    expect(await submitOnce(server.origin, before)).toBe(201);
    const ack = before.ack;
    if (!ack) throw new Error('no acknowledgement');

    await proxy.cut();
    const zh = await post('/api/v1/public/reports', newSubmission(false, 'down').body);
    expect(zh.status).toBe(503);
    expect(zh.type).toMatch(/^application\/problem\+json/u);
    expect(zh.retryAfter).toBe('5');
    expect(zh.body).toMatchObject({ status: 503, code: 'database_unavailable', title: '服务暂时不可用' });
    expect(zh.body.detail).toContain('数据库');
    expect(zh.body.detail).toContain('未被保存');
    const en = await post('/api/v1/public/track', { caseNumber: ack.caseNumber, queryCode: ack.queryCode }, 'en');
    expect(en.status).toBe(503);
    expect(en.body).toMatchObject({ code: 'database_unavailable', title: 'Service temporarily unavailable' });
    expect(en.body.detail).toContain('database');

    const down = await readyz();
    expect(down).toMatchObject({ status: 503, body: { status: 'not_ready', reason: 'database_unreachable', database: { reachable: false } } });
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);

    await proxy.resume();
    let ready = await readyz();
    for (let i = 0; i < 100 && ready.status !== 200; i += 1) {
      await sleep(200);
      ready = await readyz();
    }
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', database: { reachable: true } } });
    expect(ready.body.reason).toBeUndefined();
    const after = newSubmission(false, 'after');
    expect(await submitOnce(server.origin, after)).toBe(201);
    const tracked = await post('/api/v1/public/track', { caseNumber: ack.caseNumber, queryCode: ack.queryCode });
    expect(tracked.status).toBe(200);
    // The same process throughout: recovered, not restarted.
    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();
  });
});
