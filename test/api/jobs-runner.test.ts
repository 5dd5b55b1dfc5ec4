// The job runner on pg-boss: graceful stop, failures that leave no content behind, payloads of ids
// only, queues that only the owner creates, and nothing of a report in pg-boss's tables.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { BUILTIN_JOB_QUEUES, BUILTIN_JOBS } from '../../src/jobs/builtin.js';
import { defineJob, JobPayloadError } from '../../src/jobs/job.js';
import type { JobRunner, JobRunnerOptions } from '../../src/jobs/runner.js';
import { openStore } from '../../src/store/open.js';
import { PGBOSS_SCHEMA } from '../../src/store/pgboss.js';
import { capturingLogger, createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

function gate(): { open: () => void; opened: Promise<void> } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
}

const marker = `李四-${randomUUID()}`;
let held = gate();
let entered = gate();
let finished = false;

const slowJob = defineJob<{ ref: string }>('test.slow', async () => {
  entered.open();
  await held.opened;
  finished = true;
}, { retryLimit: 1 });

const explodingJob = defineJob('test.explode', () => Promise.reject(new Error(`cannot send to ${marker} at 13812345678`)), { retryLimit: 0 });

const unqueuedJob = defineJob('test.unqueued', () => Promise.resolve());

let t: TestApp;
const runners: JobRunner[] = [];
beforeEach(async () => {
  t = await createTestApp({}, { jobQueues: [slowJob.queue, explodingJob.queue] });
  held = gate();
  entered = gate();
  finished = false;
});
afterEach(async () => {
  held.open();
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await t.close();
});

function runner(o: Partial<JobRunnerOptions> = {}): JobRunner {
  const r = createTestRunner(t, { jobs: [...BUILTIN_JOBS, slowJob, explodingJob], ...o });
  runners.push(r);
  return r;
}

async function jobRow(id: string): Promise<{ state: string; output: unknown; data: unknown } | undefined> {
  const r = await t.deps.pool.query<{ state: string; output: unknown; data: unknown }>('SELECT state::text, output, data FROM pgboss.job WHERE id = $1', [id]);
  return r.rows[0];
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i += 1) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(100);
  }
  throw new Error(`${what} did not happen`);
}

/** True while the promise is still pending after the event loop has had time to settle it. */
async function stillPending(p: Promise<unknown>): Promise<boolean> {
  const settled = await Promise.race([p.then(() => true, () => true), sleep(300).then(() => false)]);
  return !settled;
}

describe('graceful stop', () => {
  it('waits for a handler that pg-boss is running, and the job completes', async () => {
    const r = runner();
    await r.start();
    const id = await r.send(slowJob, { ref: randomUUID() });
    expect(id).toEqual(expect.any(String));
    await entered.opened;
    const stopping = r.stop();
    expect(await stillPending(stopping)).toBe(true);
    expect(finished).toBe(false);
    held.open();
    await stopping;
    expect(finished).toBe(true);
    expect((await jobRow(id!))?.state).toBe('completed');
  });

  it('gives a job whose handler outlives the stop timeout back, to be retried elsewhere', async () => {
    const log = capturingLogger();
    const r = runner({ stopTimeoutMs: 1_000, logger: log.logger });
    await r.start();
    const id = await r.send(slowJob, { ref: randomUUID() });
    await entered.opened;
    await r.stop();
    expect(finished).toBe(false);
    expect(await jobRow(id!)).toMatchObject({ state: 'retry', output: { name: 'JobFailed', message: 'RunnerStopped' } });
    expect(log.lines()).toContainEqual(expect.objectContaining({ msg: 'job runner stopped with handlers still running', running: 1 }));
    // The handler finishing late changes nothing: its job was given back.
    held.open();
    await until('the late handler', () => Promise.resolve(finished ? true : undefined));
    expect((await jobRow(id!))?.state).toBe('retry');
  });

  it('waits for an outbox handler run by runNow, and hands the rest of the batch back untried', async () => {
    const r = runner({ outbox: { batchSize: 5 } });
    const delivered: number[] = [];
    r.registerOutboxHandler('test.slow', async (m) => {
      entered.open();
      await held.opened;
      delivered.push(m.id);
    });
    const now = t.clock.now();
    const ids = (await t.deps.pool.query<{ id: string }>(`INSERT INTO outbox (kind, created_at, available_at) SELECT 'test.slow', $1, $1 FROM generate_series(1, 3) RETURNING id::text`, [now])).rows.map((x) => Number(x.id)).sort((a, b) => a - b);
    const run = r.runNow('outbox.relay');
    await entered.opened;
    const stopping = r.stop();
    expect(await stillPending(stopping)).toBe(true);
    held.open();
    await Promise.all([run, stopping]);
    expect(delivered).toEqual([ids[0]]);
    const after = await t.deps.pool.query<{ attempts: number; delivered: boolean }>('SELECT attempts, delivered_at IS NOT NULL AS delivered FROM outbox WHERE id = ANY($1) ORDER BY id', [ids]);
    expect(after.rows).toEqual([{ attempts: 1, delivered: true }, { attempts: 0, delivered: false }, { attempts: 0, delivered: false }]);
    await expect(r.runNow('outbox.relay')).rejects.toThrow(/stopping/);
  });
});

describe('what a job leaves behind', () => {
  it('records a failed run in pg-boss with the error class only, and logs no message', async () => {
    const log = capturingLogger();
    const r = runner({ logger: log.logger });
    await r.start();
    const id = await r.send(explodingJob, {});
    const failed = await until('the failure', async () => {
      const row = await jobRow(id!);
      return row?.state === 'failed' ? row : undefined;
    });
    expect(failed.output).toMatchObject({ name: 'JobFailed', message: 'Error' });
    expect(JSON.stringify(failed.output)).not.toContain(marker);
    expect(JSON.stringify(failed.output)).not.toContain('13812345678');
    expect(log.lines()).toContainEqual(expect.objectContaining({ msg: 'job failed', job: 'test.explode', err: { type: 'Error' } }));
    expect(log.text()).not.toContain(marker);
  });

  it('refuses payloads that are not ids', async () => {
    const r = runner();
    await r.start();
    for (const ref of ['张三', '13812345678', 'Complaint text', `a ${randomUUID()}`]) {
      await expect(r.send(slowJob, { ref })).rejects.toBeInstanceOf(JobPayloadError);
      await expect(r.runNow(slowJob, { ref })).rejects.toBeInstanceOf(JobPayloadError);
    }
    await expect(r.send(slowJob, { ref: 13812345678 } as unknown as { ref: string })).rejects.toBeInstanceOf(JobPayloadError);
    expect(finished).toBe(false);
  });

  it('keeps nothing of a report in pg-boss’s tables', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/reports',
      headers: { origin: ORIGIN },
      payload: { type: 'accusation', content: `民警${marker}收受好处费。`, anonymity: 'real_name', reporter: { name: '王五', phone: '13912345678' }, subjects: [{ name: '赵六', policeNumber: '012345' }] },
    });
    expect(res.statusCode).toBe(201);
    const { queryCode } = res.json<{ queryCode: string }>();
    const r = runner();
    r.registerOutboxHandler('case.registered', () => Promise.resolve());
    await r.start();
    await until('the acknowledgement row', async () => {
      const row = await t.deps.pool.query(`SELECT 1 FROM outbox WHERE kind = 'case.registered' AND delivered_at IS NOT NULL`);
      return row.rowCount === 1 ? true : undefined;
    });
    await r.stop();
    const dump = await t.deps.pool.query<{ row: string }>(
      `SELECT row_to_json(x)::text AS row FROM pgboss.job x UNION ALL SELECT row_to_json(x)::text FROM pgboss.archive x
       UNION ALL SELECT row_to_json(x)::text FROM pgboss.schedule x UNION ALL SELECT row_to_json(x)::text FROM pgboss.queue x`,
    );
    const text = dump.rows.map((x) => x.row).join('\n');
    expect(text).toContain('outbox.relay');
    for (const secret of [marker, '王五', '13912345678', '赵六', '012345', queryCode]) expect(text).not.toContain(secret);
  });
});

describe('start', () => {
  it('refuses pg-boss’s schema at another version, and the owner’s next open migrates it', async () => {
    const owner = new URL(inject('dbOwnerUrl'));
    owner.pathname = new URL(t.adminUrl).pathname;
    const c = new pg.Client({ connectionString: owner.toString() });
    await c.connect();
    try {
      // pg-boss's own way back one version: the schema as an older Zhitong left it.
      await c.query(PgBoss.getRollbackPlans(PGBOSS_SCHEMA));
      expect((await c.query<{ version: number }>('SELECT version FROM pgboss.version')).rows).toEqual([{ version: 23 }]);
      await expect(runner().start()).rejects.toThrow(/pg-boss's schema is missing or at another version/);
      const reopened = await openStore({ dataDir: t.dataDir, keyFile: t.config.keyFile, databaseUrl: t.config.databaseUrl, logger: { info: () => undefined, warn: () => undefined, error: () => undefined }, jobQueues: [...BUILTIN_JOB_QUEUES, slowJob.queue, explodingJob.queue] });
      await reopened.close();
      expect((await c.query<{ version: number }>('SELECT version FROM pgboss.version')).rows).toEqual([{ version: 24 }]);
    } finally {
      await c.end();
    }
    const r = runner();
    await r.start();
    await r.runNow('audit.seal');
  });

  it('refuses a job whose queue the owner has not created, naming it', async () => {
    const r = runner({ jobs: [...BUILTIN_JOBS, unqueuedJob] });
    await expect(r.start()).rejects.toThrow(/the job queue test\.unqueued does not exist/);
  });
});
