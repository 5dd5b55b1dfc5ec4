// Audit sealing, anchoring and guard pruning as jobs (DESIGN §6): no timers in the server, the
// chain still verifies, shutdown still seals and anchors once more.
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobRunner } from '../../src/jobs/runner.js';
import { startServer } from '../../src/server.js';
import { anchorFile, installationId, readAnchors, type Anchor } from '../../src/store/audit-anchor.js';
import { sealAudit } from '../../src/store/audit-seal.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { anchorKeyFile, createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let r: JobRunner;
beforeEach(async () => {
  t = await createTestApp();
  r = createTestRunner(t);
});
afterEach(async () => {
  await r.stop();
  await t.close();
});

async function submit(n: number): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/reports',
    headers: { origin: ORIGIN },
    payload: { type: 'complaint', content: `窗口办事等候时间太长，第${String(n)}份反映。`, anonymity: 'anonymous', subjects: [] },
  });
  expect(res.statusCode).toBe(201);
}

async function unsealed(): Promise<number> {
  const q = await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE xid >= coalesce((SELECT to_xid FROM audit_seal ORDER BY id DESC LIMIT 1), '0'::xid8)`);
  return q.rows[0]!.n;
}

async function lastSeal(): Promise<{ id: string; head: string }> {
  const q = await t.deps.pool.query<{ id: string; head: Buffer }>('SELECT id::text, head FROM audit_seal ORDER BY id DESC LIMIT 1');
  return { id: q.rows[0]!.id, head: q.rows[0]!.head.toString('hex') };
}

async function anchors(keyFile = anchorKeyFile(t)): Promise<Anchor[]> {
  return readAnchors(anchorFile(keyFile, await installationId(t.deps.pool)));
}

/** Another test file's open transaction on the same server can hold the horizon back for a moment. */
async function untilSealed(step: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    await step();
    if ((await unsealed()) === 0) return;
    await sleep(50);
  }
  throw new Error('audit rows stayed unsealed');
}

describe('the seal job', () => {
  it('seals every committed record, anchors the first seal at once, and the trail verifies', async () => {
    await submit(1);
    await submit(2);
    await untilSealed(() => r.runNow('audit.seal'));
    const first = await anchors();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ at: t.clock.now().toISOString() });
    await submit(3);
    await untilSealed(() => r.runNow('audit.seal'));
    // An anchor exists now: further seals wait for the anchor job.
    expect(await anchors()).toHaveLength(1);
    const report = await verifyAudit(t.deps.pool, t.deps.ring, await anchors());
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, sealedRows: 3, unsealedRows: 0, casesChecked: 3 });
  });

  it('runs on its own once the runner has started', async () => {
    await submit(1);
    await r.start();
    await untilSealed(() => Promise.resolve());
    await r.stop();
    expect((await verifyAudit(t.deps.pool, t.deps.ring, await anchors())).ok).toBe(true);
  });
});

describe('the anchor job', () => {
  it('anchors the head each time it runs, even when nothing new was sealed', async () => {
    await submit(1);
    await untilSealed(() => r.runNow('audit.seal'));
    t.clock.advance(15 * 60_000);
    await r.runNow('audit.anchor');
    t.clock.advance(15 * 60_000);
    await r.runNow('audit.anchor');
    const head = await lastSeal();
    const lines = await anchors();
    expect(lines).toHaveLength(3);
    expect(lines.slice(1)).toEqual([
      { sealId: head.id, head: head.head, at: '2026-03-02T02:15:00.000Z' },
      { sealId: head.id, head: head.head, at: '2026-03-02T02:30:00.000Z' },
    ]);
  });
});

describe('the guard pruning job', () => {
  it('removes windows and challenges the clock says are over, and keeps the current ones', async () => {
    const now = t.clock.now();
    const old = new Date(now.getTime() - 60 * 60_000);
    await t.deps.pool.query(`INSERT INTO rate_limits (bucket, window_start, hits) VALUES ('\\x01', $1, 1), ('\\x02', $2, 1)`, [old, now]);
    await t.deps.pool.query(`INSERT INTO pow_spent (challenge_hash, expires_at) VALUES ('\\x01', $1), ('\\x02', $2)`, [old, new Date(now.getTime() + 60_000)]);
    await t.deps.pool.query(`INSERT INTO wechat_push_replay (replay_key, seen_at) VALUES ('\\x01', $1), ('\\x02', $2)`, [new Date(now.getTime() - 2 * 60 * 60_000), now]);
    await t.deps.pool.query("INSERT INTO cti_events (webhook_id, type, received_at) VALUES ('msg_old', 'call.new', $1), ('msg_new', 'call.new', $2)", [new Date(now.getTime() - 2 * 86_400_000), now]);
    await r.runNow('guards.prune');
    const channels = await t.deps.pool.query<{ n: string }>(`SELECT (SELECT string_agg(encode(replay_key, 'hex'), ',') FROM wechat_push_replay) || '/' || (SELECT string_agg(webhook_id, ',') FROM cti_events) AS n`);
    expect(channels.rows[0]!.n).toBe('02/msg_new');
    const left = await t.deps.pool.query<{ n: string }>(`SELECT (SELECT string_agg(encode(bucket, 'hex'), ',') FROM rate_limits) || '/' || (SELECT string_agg(encode(challenge_hash, 'hex'), ',') FROM pow_spent) AS n`);
    expect(left.rows[0]!.n).toBe('02/02');
  });
});

describe('a server', () => {
  it('runs the jobs by default, and anchors once more when it stops', async () => {
    const server = await startServer({ ...t.config, port: 0 }, pino({ level: 'silent' }), t.clock);
    try {
      expect(server.runner).not.toBeNull();
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/public/reports',
        headers: { origin: ORIGIN },
        payload: { type: 'suggestion', content: '建议延长户籍窗口周末办公时间。', anonymity: 'anonymous', subjects: [] },
      });
      expect(res.statusCode).toBe(201);
      await untilSealed(() => Promise.resolve());
    } finally {
      await server.stop();
    }
    const lines = await anchors(t.config.keyFile);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toMatchObject({ sealId: (await lastSeal()).id, head: (await lastSeal()).head });
    expect((await verifyAudit(t.deps.pool, t.deps.ring, lines)).ok).toBe(true);
  });

  it('with ZHITONG_JOBS=off runs no jobs, and still anchors the head when it stops', async () => {
    const server = await startServer({ ...t.config, port: 0, jobs: false }, pino({ level: 'silent' }), t.clock);
    expect(server.runner).toBeNull();
    await submit(1);
    // Sealed here without anchoring, so the stop's anchor is the only one, whatever the horizon then.
    await untilSealed(async () => {
      await sealAudit(t.deps.pool, t.deps.ring);
    });
    expect(await anchors(t.config.keyFile)).toEqual([]);
    await server.stop();
    const head = await lastSeal();
    expect(await anchors(t.config.keyFile)).toEqual([{ sealId: head.id, head: head.head, at: t.clock.now().toISOString() }]);
  });
});
