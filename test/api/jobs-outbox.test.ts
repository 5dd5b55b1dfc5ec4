// The outbox relay (DESIGN §5): one call per row, retries with backoff, dead letters that keep no
// content, two relays that never share a row, kinds without a sender left waiting.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/jobs/outbox-relay.js';
import type { JobRunner, JobRunnerOptions } from '../../src/jobs/runner.js';
import { capturingLogger, createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
const runners: JobRunner[] = [];
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await t.close();
});

function runner(o: Partial<JobRunnerOptions> = {}): JobRunner {
  const r = createTestRunner(t, o);
  runners.push(r);
  return r;
}

async function enqueue(kind: string, count: number, payload: object = {}): Promise<number[]> {
  const now = t.clock.now();
  const r = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO outbox (kind, payload, created_at, available_at) SELECT $1, $2::jsonb, $3, $3 FROM generate_series(1, $4) RETURNING id::text`,
    [kind, JSON.stringify(payload), now, count],
  );
  return r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
}

interface OutboxState { id: number; attempts: number; available_at: Date; delivered_at: Date | null; dead_at: Date | null; last_error: string | null }

async function rows(ids: readonly number[]): Promise<OutboxState[]> {
  const r = await t.deps.pool.query<OutboxState & { id: string }>('SELECT id::text, attempts, available_at, delivered_at, dead_at, last_error FROM outbox WHERE id = ANY($1) ORDER BY id', [ids]);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

function gate(): { open: () => void; opened: Promise<void> } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
}

describe('delivery', () => {
  it('gives a registered handler exactly one call per row and marks each delivered', async () => {
    const r = runner();
    const seen: OutboxMessage[] = [];
    r.registerOutboxHandler('test.ok', (m) => {
      seen.push(m);
      return Promise.resolve();
    });
    const caseless = await enqueue('test.ok', 23, { ref: 'x' });
    const deliveredAt = t.clock.now();
    for (let i = 0; i < 3; i += 1) await r.runNow('outbox.relay');
    t.clock.advance(24 * 60 * 60_000);
    await r.runNow('outbox.relay');

    expect(seen.map((m) => m.id).sort((a, b) => a - b)).toEqual(caseless);
    expect(seen[0]).toMatchObject({ kind: 'test.ok', caseId: null, payload: { ref: 'x' }, attempt: 1 });
    for (const row of await rows(caseless)) {
      expect(row).toMatchObject({ attempts: 1, delivered_at: deliveredAt, dead_at: null, last_error: null });
    }
  });

  it('claims no new batch once a pass has run past its budget, so the pass ends within its job’s expiry', async () => {
    const r = runner({ outbox: { batchSize: 2, maxBatches: 5, passBudgetMs: 60_000 } });
    const seen: number[] = [];
    // Each send takes 25 s of the bureau's clock: the second batch starts 50 s into the pass, the third would at 100 s.
    r.registerOutboxHandler('test.slow', (m) => {
      seen.push(m.id);
      t.clock.advance(25_000);
      return Promise.resolve();
    });
    const ids = await enqueue('test.slow', 10);
    await r.runNow('outbox.relay');
    expect(seen).toHaveLength(4);
    // The rest were never claimed: no attempt counted, no lease to wait out.
    const left = (await rows(ids)).filter((x) => x.delivered_at === null);
    expect(left.map((x) => x.attempts)).toEqual([0, 0, 0, 0, 0, 0]);
    await r.runNow('outbox.relay');
    await r.runNow('outbox.relay');
    expect(seen).toHaveLength(10);
  });

  it('retries a failing row with exponential backoff and dead-letters it after N attempts, keeping only the error class and code', async () => {
    const log = capturingLogger();
    const r = runner({ logger: log.logger, outbox: { maxAttempts: 3, baseDelayMs: 30_000, maxDelayMs: 60 * 60_000 } });
    const marker = `张三13812345678-${randomUUID()}`;
    class SmtpError extends Error {
      override readonly name = 'SmtpError';
      readonly code = 'EENVELOPE';
    }
    let calls = 0;
    r.registerOutboxHandler('test.fail', () => {
      calls += 1;
      return Promise.reject(new SmtpError(`550 mailbox of ${marker} unavailable`));
    });
    const [id] = await enqueue('test.fail', 1);

    const first = t.clock.now();
    await r.runNow('outbox.relay');
    expect(calls).toBe(1);
    expect((await rows([id!]))[0]).toMatchObject({ attempts: 1, available_at: new Date(first.getTime() + 30_000), delivered_at: null, dead_at: null, last_error: 'SmtpError:EENVELOPE' });

    // Not due again before its backoff has passed.
    await r.runNow('outbox.relay');
    t.clock.advance(29_999);
    await r.runNow('outbox.relay');
    expect(calls).toBe(1);

    t.clock.advance(1);
    const second = t.clock.now();
    await r.runNow('outbox.relay');
    expect(calls).toBe(2);
    expect((await rows([id!]))[0]).toMatchObject({ attempts: 2, available_at: new Date(second.getTime() + 60_000), dead_at: null });

    t.clock.advance(60_000);
    const third = t.clock.now();
    await r.runNow('outbox.relay');
    expect(calls).toBe(3);
    expect((await rows([id!]))[0]).toMatchObject({ attempts: 3, delivered_at: null, dead_at: third, last_error: 'SmtpError:EENVELOPE' });

    t.clock.advance(7 * 24 * 60 * 60_000);
    await r.runNow('outbox.relay');
    expect(calls).toBe(3);

    const stored = await t.deps.pool.query<{ row: string }>('SELECT row_to_json(o)::text AS row FROM outbox o WHERE id = $1', [id]);
    expect(stored.rows[0]!.row).not.toContain('550');
    expect(stored.rows[0]!.row).not.toContain(marker);
    expect(log.text()).not.toContain(marker);
    expect(log.lines().filter((l) => l.msg === 'outbox delivery failed; retrying later')).toHaveLength(2);
    expect(log.lines().filter((l) => l.msg === 'outbox row dead-lettered')).toEqual([expect.objectContaining({ outboxId: id, kind: 'test.fail', attempt: 3, err: { type: 'SmtpError:EENVELOPE' } })]);
  });

  it('dead-letters a row whose last attempt never reported back once its lease has run out', async () => {
    const r = runner({ outbox: { maxAttempts: 2 } });
    let calls = 0;
    r.registerOutboxHandler('test.lost', () => {
      calls += 1;
      return Promise.resolve();
    });
    const [id] = await enqueue('test.lost', 1);
    // As a relay that claimed the second and last attempt and then died leaves it.
    await t.deps.pool.query('UPDATE outbox SET attempts = 2, available_at = $2 WHERE id = $1', [id, new Date(t.clock.now().getTime() - 1)]);
    await r.runNow('outbox.relay');
    expect(calls).toBe(0);
    expect((await rows([id!]))[0]).toMatchObject({ attempts: 2, delivered_at: null, dead_at: t.clock.now(), last_error: 'LeaseExpired' });
  });

  it('leaves rows of a kind without a handler pending and logs that kind once', async () => {
    const log = capturingLogger();
    const r = runner({ logger: log.logger });
    r.registerOutboxHandler('test.ok', () => Promise.resolve());
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/reports',
      headers: { origin: ORIGIN },
      payload: { type: 'complaint', content: '派出所窗口办事等候时间太长。', anonymity: 'anonymous', subjects: [] },
    });
    expect(res.statusCode).toBe(201);
    const orphans = await enqueue('test.orphan', 2);
    for (let i = 0; i < 3; i += 1) await r.runNow('outbox.relay');

    const pending = await t.deps.pool.query<{ kind: string; attempts: number; delivered: boolean }>(
      `SELECT kind, attempts, delivered_at IS NOT NULL OR dead_at IS NOT NULL AS delivered FROM outbox WHERE kind IN ('case.registered', 'test.orphan') ORDER BY id`,
    );
    expect(pending.rows).toEqual([
      { kind: 'case.registered', attempts: 0, delivered: false },
      ...orphans.map(() => ({ kind: 'test.orphan', attempts: 0, delivered: false })),
    ]);
    const waiting = log.lines().filter((l) => l.msg === 'outbox rows wait: no handler is registered for their kind');
    expect(waiting.map((l) => l.kind)).toEqual(['case.registered', 'test.orphan']);
  });
});

describe('two relays at once', () => {
  it('skips a row another transaction holds instead of waiting for it or taking it', async () => {
    const r = runner();
    const seen: number[] = [];
    r.registerOutboxHandler('test.locked', (m) => {
      seen.push(m.id);
      return Promise.resolve();
    });
    const ids = await enqueue('test.locked', 3);
    const holder = await t.deps.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM outbox WHERE id = $1 FOR UPDATE', [ids[1]]);
      await r.runNow('outbox.relay');
      expect(seen).toEqual([ids[0], ids[2]]);
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    await r.runNow('outbox.relay');
    expect(seen).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('never hands a claimed row to a second relay while the first is still sending it', async () => {
    const a = runner({ outbox: { batchSize: 3 } });
    const b = runner({ outbox: { batchSize: 3 } });
    const byA: number[] = [];
    const byB: number[] = [];
    const held = gate();
    const entered = gate();
    a.registerOutboxHandler('test.split', async (m) => {
      entered.open();
      await held.opened;
      byA.push(m.id);
    });
    b.registerOutboxHandler('test.split', (m) => {
      byB.push(m.id);
      return Promise.resolve();
    });
    const ids = await enqueue('test.split', 6);
    const first = a.runNow('outbox.relay');
    await entered.opened;
    await b.runNow('outbox.relay');
    held.open();
    await first;
    expect(byA).toEqual(ids.slice(0, 3));
    expect(byB).toEqual(ids.slice(3));
    expect((await rows(ids)).every((x) => x.delivered_at !== null && x.attempts === 1)).toBe(true);
  });

  it('delivers each of many rows exactly once when four runs overlap', async () => {
    const counts = new Map<number, number>();
    const handler = async (m: OutboxMessage): Promise<void> => {
      counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
      await sleep(1);
    };
    const relays = [runner({ outbox: { batchSize: 4, maxBatches: 100 } }), runner({ outbox: { batchSize: 4, maxBatches: 100 } })];
    for (const r of relays) r.registerOutboxHandler('test.race', handler);
    const ids = await enqueue('test.race', 60);
    await Promise.all([...relays, ...relays].map((r) => r.runNow('outbox.relay')));
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual(ids);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await rows(ids)).every((x) => x.delivered_at !== null)).toBe(true);
  });
});

describe('on its schedule', () => {
  it('delivers a row written after the runner started, without being asked', async () => {
    const r = runner();
    const seen: number[] = [];
    r.registerOutboxHandler('test.scheduled', (m) => {
      seen.push(m.id);
      return Promise.resolve();
    });
    await r.start();
    const [id] = await enqueue('test.scheduled', 1);
    for (let i = 0; i < 600 && seen.length === 0; i += 1) await sleep(100);
    expect(seen).toEqual([id]);
    await r.stop();
    expect((await rows([id!]))[0]!.delivered_at).not.toBeNull();
  });
});
