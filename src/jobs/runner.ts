// The job runner: pg-boss 10 in the `pgboss` schema of our database, connected as the application
// role through the store's pool (migrate: false — the owner installs pg-boss and creates the
// queues). One pool, not a second one: its idle connections are what the sealer and the relay keep
// warm anyway, and every extra backend costs the embedded server memory (DESIGN §9).
//
// pg-boss keeps the queues and does maintenance (expiry, archive); the polling is ours. pg-boss's
// own workers (`work()`, and its cron, which runs on them) report a finished job without awaiting
// the statement, so a database error at that moment would be an unhandled rejection and end the
// process; here every fetch, completion and failure is awaited, and stop() knows when each loop is
// done. Schedules run on the database's clock; whatever a job decides by time — due outbox rows,
// backoff, pruning cut-offs, anchor timestamps — it asks the injected Clock in `deps`.
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Deps } from '../commands/deps.js';
import { PGBOSS_SCHEMA, PoolExecutor } from '../store/pgboss.js';
import { BUILTIN_JOBS } from './builtin.js';
import { errorTag, JobFailed } from './errors.js';
import { assertIdsOnly, type JobContext, type JobDefinition, type JobPayload } from './job.js';
import { CASEWORK_OUTBOX_HANDLERS } from './casework-outbox.js';
import { OutboxRelay, type OutboxHandler, type OutboxRelayOptions } from './outbox-relay.js';
import { HandlerTimeout, settleWithin, withinMs } from './within.js';

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
  /** How long stop() waits for running handlers before it gives their jobs back for a retry. */
  readonly stopTimeoutMs?: number;
  /** How often an idle loop asks for work; a job that runs every N seconds is asked for at most every N/10 (≤ 30). */
  readonly pollingIntervalSeconds?: number;
}

export class JobRunnerError extends Error {
  override readonly name = 'JobRunnerError';
}

/** The one key of a periodic job's stately queue: one run waiting, at most one running. */
const TICK = 'tick';
const RESEED_EVERY_MS = 60_000;

export class JobRunner {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly relay: OutboxRelay;
  private readonly executor: PoolExecutor;
  private readonly halt = new AbortController();
  private readonly ctx: JobContext;
  /** Every handler running here, from a loop or runNow. */
  private readonly inflight = new Set<Promise<void>>();
  /** Fetched jobs not yet reported back, by id: what stop() gives back when time runs out. */
  private readonly fetched = new Map<string, string>();
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Map<string, AbortController>();
  private boss: PgBoss | null = null;
  private reseed: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly o: JobRunnerOptions) {
    for (const job of o.jobs ?? BUILTIN_JOBS) {
      if (this.jobs.has(job.name)) throw new JobRunnerError(`job ${job.name} is defined twice`);
      this.jobs.set(job.name, job);
    }
    this.relay = new OutboxRelay(o.outbox);
    for (const [kind, handler] of Object.entries(CASEWORK_OUTBOX_HANDLERS)) this.relay.register(kind, handler);
    this.executor = new PoolExecutor(o.pool);
    this.ctx = { deps: o.deps, logger: o.logger, keyFile: o.keyFile, stopping: this.halt.signal, outbox: this.relay };
  }

  /** The sender for one outbox kind (SMS, e-mail, WeChat …); rows of kinds without one wait. */
  registerOutboxHandler(kind: string, handler: OutboxHandler): void {
    this.relay.register(kind, handler);
  }

  /** Connects pg-boss, queues the first run of each periodic job and starts a loop per job. */
  async start(): Promise<void> {
    if (this.boss || this.halt.signal.aborted) throw new JobRunnerError('the job runner starts once');
    const boss = new PgBoss({
      db: this.executor,
      schema: PGBOSS_SCHEMA,
      migrate: false,
      schedule: false,
      // Finished runs leave the job table after an hour and the archive after a week; failed ones stay a week.
      archiveCompletedAfterSeconds: 60 * 60,
      archiveFailedAfterSeconds: 7 * 24 * 60 * 60,
      deleteAfterDays: 7,
    });
    boss.on('error', (err) => {
      this.o.logger.error({ err: { type: errorTag(err) } }, 'job runner error');
    });
    try {
      await boss.start().catch((err: unknown) => {
        throw new JobRunnerError(`pg-boss's schema is missing or at another version (${errorTag(err)}); it is installed by the owner role when Zhitong opens its database (zhitong migrate).`);
      });
      const queues = new Set((await boss.getQueues()).map((q) => q.name));
      for (const name of this.jobs.keys()) {
        if (!queues.has(name)) throw new JobRunnerError(`the job queue ${name} does not exist; queues are created by the owner role when Zhitong opens its database.`);
      }
      this.boss = boss;
      for (const job of this.jobs.values()) if (job.schedule) await this.sendTick(job, job.schedule.firstAfterSeconds);
    } catch (err) {
      this.boss = null;
      await boss.stop({ graceful: false, close: false }).catch(() => undefined);
      throw err;
    }
    const base = this.o.pollingIntervalSeconds ?? 2;
    for (const job of this.jobs.values()) {
      const seconds = job.schedule ? Math.min(30, Math.max(base, job.schedule.everySeconds / 10)) : base;
      this.loops.push(this.loop(boss, job, seconds * 1000));
    }
    this.reseed = setInterval(() => {
      for (const job of this.jobs.values()) if (job.schedule) void this.sendTick(job, job.schedule.everySeconds);
    }, RESEED_EVERY_MS);
    this.reseed.unref();
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
    if (!options.startAfterSeconds) this.wakers.get(job.name)?.abort();
    return id;
  }

  /**
   * Graceful: no new runs; running handlers finish within the stop timeout, and the jobs of those
   * that do not are failed so another node retries them; then pg-boss's maintenance stops and its
   * last statement returns, so the pools may close. The final seal and anchor are the process's.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.halt.abort();
    if (this.reseed) clearInterval(this.reseed);
    const timeout = this.o.stopTimeoutMs ?? 8_000;
    const deadline = Date.now() + timeout;
    if (!(await settleWithin([...this.loops, ...this.inflight], timeout))) {
      this.o.logger.warn({ running: this.inflight.size }, 'job runner stopped with handlers still running');
    }
    const boss = this.boss;
    if (!boss) return;
    for (const [id, name] of this.fetched) {
      await boss.fail(name, id, new JobFailed('RunnerStopped')).catch((err: unknown) => {
        this.o.logger.error({ job: name, err: { type: errorTag(err) } }, 'could not give a running job back');
      });
    }
    this.fetched.clear();
    await boss.stop({ graceful: false, close: false }).catch((err: unknown) => {
      this.o.logger.error({ err: { type: errorTag(err) } }, 'job runner stop failed');
    });
    // A maintenance statement already under way still finishes before the pool closes.
    while (this.executor.active > 0 && Date.now() < deadline + 5_000) await sleep(10);
  }

  private async loop(boss: PgBoss, job: JobDefinition, idleMs: number): Promise<void> {
    while (!this.halt.signal.aborted) {
      let found = false;
      try {
        // pg-boss answers an error of its fetch (a lost connection …) with no jobs: the loop naps.
        const [one] = await boss.fetch<unknown>(job.name, { batchSize: 1 });
        if (one) {
          found = true;
          await this.runFetched(boss, job, one);
        }
      } catch (err) {
        this.o.logger.error({ job: job.name, err: { type: errorTag(err) } }, 'job loop error');
      }
      if (!found) await this.nap(job.name, idleMs);
    }
  }

  /** Sleeps until the next poll, a local send of this job, or stop. */
  private async nap(name: string, ms: number): Promise<void> {
    const waker = new AbortController();
    this.wakers.set(name, waker);
    await sleep(ms, undefined, { signal: AbortSignal.any([this.halt.signal, waker.signal]) }).catch(() => undefined);
  }

  private async runFetched(boss: PgBoss, job: JobDefinition, one: PgBoss.Job<unknown>): Promise<void> {
    this.fetched.set(one.id, job.name);
    // The next run is queued before this one works, so a crash mid-run cannot break the chain.
    if (job.schedule) await this.sendTick(job, job.schedule.everySeconds);
    let failure: string | null = null;
    try {
      await withinMs(this.execute(job, one.data), job.queue.expireInSeconds * 1000);
    } catch (err) {
      failure = errorTag(err);
      if (err instanceof HandlerTimeout) this.o.logger.error({ job: job.name }, 'job ran past its expiry; it goes on unobserved');
    }
    // Given back by stop() already when it ran out of time.
    if (!this.fetched.delete(one.id)) return;
    if (failure === null) await boss.complete(job.name, one.id);
    else await boss.fail(job.name, one.id, new JobFailed(failure));
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
