// The job runner: pg-boss 10 in the `pgboss` schema of our database, connected as the application
// role through the store's pool (migrate: false — the owner installs pg-boss and creates the
// queues). One pool, not a second one: its idle connections are what the sealer and the relay keep
// warm anyway, and every extra backend costs the embedded server memory (DESIGN §9).
// Schedules run on the database's clock (pg-boss); whatever a job decides by time — due outbox
// rows, backoff, pruning cut-offs, anchor timestamps — it asks the injected Clock in `deps`.
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Deps } from '../commands/deps.js';
import { PGBOSS_SCHEMA, PoolExecutor } from '../store/pgboss.js';
import { BUILTIN_JOBS } from './builtin.js';
import { errorTag, JobFailed } from './errors.js';
import { assertIdsOnly, type JobContext, type JobDefinition, type JobPayload } from './job.js';
import { OutboxRelay, type OutboxHandler, type OutboxRelayOptions } from './outbox-relay.js';

export interface JobRunnerOptions {
  /** The application role's pool (`store.pool`), for pg-boss's own statements. */
  readonly pool: pg.Pool;
  readonly deps: Deps;
  readonly logger: Logger;
  /** Audit anchors are written beside it. */
  readonly keyFile: string;
  /** Defaults to the built-in jobs; each needs its queue, created by the owner (`openStore`). */
  readonly jobs?: readonly JobDefinition[];
  readonly outbox?: Partial<OutboxRelayOptions>;
  /** How long stop() waits for running handlers before it gives up on them. */
  readonly stopTimeoutMs?: number;
  /** How often an idle worker asks for work (at least 0.5); a job that runs every N seconds is asked for at most every N/10 (≤ 30). */
  readonly pollingIntervalSeconds?: number;
}

export class JobRunnerError extends Error {
  override readonly name = 'JobRunnerError';
}

/** The one key of a periodic job's stately queue: one run waiting, at most one running. */
const TICK = 'tick';

export class JobRunner {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly relay: OutboxRelay;
  private readonly executor: PoolExecutor;
  private readonly halt = new AbortController();
  private readonly ctx: JobContext;
  private readonly inflight = new Set<Promise<void>>();
  private readonly workers = new Map<string, string>();
  private boss: PgBoss | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly o: JobRunnerOptions) {
    for (const job of o.jobs ?? BUILTIN_JOBS) {
      if (this.jobs.has(job.name)) throw new JobRunnerError(`job ${job.name} is defined twice`);
      this.jobs.set(job.name, job);
    }
    this.relay = new OutboxRelay(o.outbox);
    this.executor = new PoolExecutor(o.pool);
    this.ctx = { deps: o.deps, logger: o.logger, keyFile: o.keyFile, stopping: this.halt.signal, outbox: this.relay };
  }

  /** The sender for one outbox kind (SMS, e-mail, WeChat …); rows of kinds without one wait. */
  registerOutboxHandler(kind: string, handler: OutboxHandler): void {
    this.relay.register(kind, handler);
  }

  /** Connects pg-boss, starts a worker per job and the schedules of the periodic ones. */
  async start(): Promise<void> {
    if (this.boss || this.halt.signal.aborted) throw new JobRunnerError('the job runner starts once');
    const boss = new PgBoss({
      db: this.executor,
      schema: PGBOSS_SCHEMA,
      migrate: false,
      // Finished runs leave the job table after an hour and the archive after a week; failed ones stay a week.
      archiveCompletedAfterSeconds: 60 * 60,
      archiveFailedAfterSeconds: 7 * 24 * 60 * 60,
      deleteAfterDays: 7,
    });
    boss.on('error', (err) => {
      this.o.logger.error({ err: { type: errorTag(err) } }, 'job runner error');
    });
    this.boss = boss;
    try {
      await boss.start().catch((err: unknown) => {
        throw new JobRunnerError(`pg-boss's schema is missing or at another version (${errorTag(err)}); it is installed by the owner role when Zhitong opens its database (zhitong migrate).`);
      });
      const queues = new Set((await boss.getQueues()).map((q) => q.name));
      for (const name of this.jobs.keys()) {
        if (!queues.has(name)) throw new JobRunnerError(`the job queue ${name} does not exist; queues are created by the owner role when Zhitong opens its database.`);
      }
      const base = this.o.pollingIntervalSeconds ?? 2;
      for (const job of this.jobs.values()) {
        const polling = { batchSize: 1, pollingIntervalSeconds: job.schedule ? Math.min(30, Math.max(base, job.schedule.everySeconds / 10)) : base };
        this.workers.set(job.name, await boss.work(job.name, polling, (batch) => this.onJobs(job, batch)));
        if (job.schedule) {
          await boss.schedule(job.name, job.schedule.backstopCron, {}, { singletonKey: TICK, tz: 'UTC' });
          await this.sendTick(job, job.schedule.firstAfterSeconds);
        }
      }
    } catch (err) {
      await boss.stop({ graceful: false, close: false }).catch(() => undefined);
      this.boss = null;
      throw err;
    }
  }

  /** Runs a job here and now, outside its schedule (tests, and operators' one-off commands). */
  async runNow<P extends JobPayload>(job: JobDefinition<P> | string, payload?: P): Promise<void> {
    const def = this.jobs.get(typeof job === 'string' ? job : job.name);
    if (!def) throw new JobRunnerError(`no job ${typeof job === 'string' ? job : job.name} in this runner`);
    if (this.halt.signal.aborted) throw new JobRunnerError('the job runner is stopping');
    await this.execute(def, payload ?? {});
  }

  /** Queues a run for any node; the payload must be ids only. Null when a duplicate was dropped. */
  async send<P extends JobPayload>(job: JobDefinition<P>, payload: P, options: { readonly startAfterSeconds?: number } = {}): Promise<string | null> {
    const boss = this.boss;
    if (!boss || this.halt.signal.aborted) throw new JobRunnerError('the job runner is not running');
    if (!this.jobs.has(job.name)) throw new JobRunnerError(`no job ${job.name} in this runner`);
    const id = await boss.send(job.name, assertIdsOnly(payload), { startAfter: options.startAfterSeconds ?? 0 });
    const worker = this.workers.get(job.name);
    if (worker && !options.startAfterSeconds) boss.notifyWorker(worker);
    return id;
  }

  /**
   * Graceful: no new runs; the running ones finish (up to the stop timeout, after which pg-boss
   * marks them failed so another node retries them); then every statement of pg-boss has returned,
   * so the pools may close. Final sealing and anchoring are the process's, after this.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.halt.abort();
    const timeout = this.o.stopTimeoutMs ?? 8_000;
    const deadline = Date.now() + timeout;
    if (this.boss) {
      await this.boss.stop({ graceful: true, wait: true, close: false, timeout }).catch((err: unknown) => {
        this.o.logger.error({ err: { type: errorTag(err) } }, 'job runner stop failed');
      });
    }
    // A worker caught between fetching a job and running it still runs it, then reports back:
    // both show up here within a turn of the event loop, so quiet must hold across two looks.
    let quiet = 0;
    while (quiet < 2) {
      if (Date.now() > deadline) {
        this.o.logger.warn({ running: this.inflight.size }, 'job runner stopped with handlers still running');
        return;
      }
      await sleep(20);
      quiet = this.inflight.size === 0 && this.executor.active === 0 ? quiet + 1 : 0;
    }
  }

  private async onJobs(job: JobDefinition, batch: readonly PgBoss.Job<unknown>[]): Promise<void> {
    for (const one of batch) {
      // The next run is queued before this one works, so a crash mid-run cannot break the chain.
      if (job.schedule) await this.sendTick(job, job.schedule.everySeconds);
      if (this.halt.signal.aborted) throw new JobFailed('RunnerStopping');
      try {
        await this.execute(job, one.data);
      } catch (err) {
        throw new JobFailed(errorTag(err));
      }
    }
  }

  private async sendTick(job: JobDefinition, afterSeconds: number): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    // Dropped (null) when a run is already waiting: that is the deduplication.
    await boss.send(job.name, {}, { singletonKey: TICK, startAfter: afterSeconds }).catch((err: unknown) => {
      this.o.logger.error({ job: job.name, err: { type: errorTag(err) } }, 'could not queue the next run');
    });
  }

  private async execute(job: JobDefinition, data: unknown): Promise<void> {
    const run = (async () => job.run(assertIdsOnly(data), this.ctx))();
    this.inflight.add(run);
    try {
      await run;
    } catch (err) {
      this.o.logger.error({ job: job.name, err: { type: errorTag(err) } }, 'job failed');
      throw err;
    } finally {
      this.inflight.delete(run);
    }
  }
}
