// Start-up and graceful shutdown of one Zhitong process (DESIGN §6): it serves HTTP, runs the jobs,
// or both (the default). Either way shutdown ends with one more seal and anchor of the audit chain.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildDeps, type Clock, type Deps } from './commands/deps.js';
import { assertSwitchesAllowed, type Config } from './config.js';
import { buildApp } from './http/app.js';
import { allowedOriginsOf, type HttpContext } from './http/context.js';
import { staffRouteRegistrars } from './http/routes/staff/index.js';
import { sealAndAnchor } from './jobs/audit.jobs.js';
import { BUILTIN_JOB_QUEUES } from './jobs/builtin.js';
import { registerChannelSenders } from './channels/senders.js';
import { LiveChannelSettings } from './channels/settings/live.js';
import { JobRunner } from './jobs/runner.js';
import { installationId } from './store/audit-anchor.js';
import { insertAudit } from './store/audit-rows.js';
import { openStore, type Store } from './store/open.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly deps: Deps;
  readonly url: string;
  /** Null when this process serves HTTP only (ZHITONG_JOBS=off). */
  readonly runner: JobRunner | null;
  stop(): Promise<void>;
}

export interface RunningWorker {
  readonly store: Store;
  readonly deps: Deps;
  readonly runner: JobRunner;
  stop(): Promise<void>;
}

/** The store and dependencies; CLI commands attach to the embedded server of a running Zhitong. */
export async function openRuntime(config: Config, logger: Logger, clock?: Clock, attachToRunning = false): Promise<{ store: Store; deps: Deps }> {
  assertSwitchesAllowed(config);
  const store = await openStore({
    dataDir: config.dataDir,
    keyFile: config.keyFile,
    databaseUrl: config.databaseUrl,
    logger: { info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
    timezone: config.timezone,
    poolMax: config.dbPoolMax,
    attachToRunning,
    jobQueues: BUILTIN_JOB_QUEUES,
  });
  if (store.keyCreated) logger.warn(`created a new master key at ${config.keyFile}; back it up separately from the data (docs/operations.md)`);
  const deps = buildDeps({ pool: store.pool, guardPool: store.guardPool, ring: store.ring, dataDir: config.dataDir, caseNumber: config.caseNumber, timezone: config.timezone, argon2: config.argon2, ...(clock ? { clock } : {}) });
  return { store, deps };
}

/** The job runner with the channel senders it relays to, started and stopped together. */
interface Jobs {
  readonly runner: JobRunner;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function newRunner(config: Config, store: Store, deps: Deps, logger: Logger): Jobs {
  // The runner gets most of the grace period; the rest is for the final seal and closing the database.
  const stopTimeoutMs = Math.max(1_000, Math.floor(config.shutdownGraceMs * 0.7));
  const runner = new JobRunner({ pool: store.pool, deps, logger, keyFile: config.keyFile, stopTimeoutMs });
  const senders = registerChannelSenders(config, deps, runner, logger);
  return {
    runner,
    async start() {
      await senders.start();
      await runner.start();
    },
    async stop() {
      await runner.stop();
      await senders.close();
    },
  };
}

/** The environment's test-and-demo switches and those of the stored channel settings (DESIGN §7.4). */
async function switchesInForce(config: Config, deps: Deps, logger: Logger): Promise<string[]> {
  const live = new LiveChannelSettings(config, deps, logger);
  try {
    await live.reload();
    return live.weakenedSwitches();
  } finally {
    await live.stop();
  }
}

/** Anchored at every shutdown, even when the sealer had already sealed everything. */
async function finalSeal(config: Config, deps: Deps, logger: Logger): Promise<void> {
  await sealAndAnchor(deps, config.keyFile, logger, true).catch((err: unknown) => {
    logger.error({ err: { type: (err as Error).name } }, 'final audit seal failed');
  });
}

export async function startServer(config: Config, logger: Logger, clock?: Clock): Promise<RunningServer> {
  const { store, deps } = await openRuntime(config, logger, clock);
  // A start that fails after the database is open (the port is taken …) must not leave the embedded PostgreSQL running.
  let built: FastifyInstance | undefined;
  let runner: Jobs | null = null;
  try {
    const weak = await switchesInForce(config, deps, logger);
    if (weak.length > 0) {
      await insertAudit(store.pool, { actorKind: 'system', action: 'config.weakened_switches', target: weak.join(',') });
      logger.warn({ switches: weak }, 'test-and-demo switches are on');
    }
    let ready = false;
    const ctx: HttpContext = { config, deps, allowedOrigins: allowedOriginsOf(config) };
    const { app } = await buildApp({ ctx, logger, readiness: { ready: () => ready, database: store.embedded ? 'embedded' : 'external' }, routes: staffRouteRegistrars(config) });
    built = app;
    await installationId(store.pool);
    if (config.jobs) {
      runner = newRunner(config, store, deps, logger);
      await runner.start();
    }
    const url = await app.listen({ port: config.port, host: config.host });
    ready = true;
    const jobs = runner;
    let stopping: Promise<void> | null = null;
    return {
      app,
      store,
      deps,
      url,
      runner: jobs?.runner ?? null,
      stop() {
        stopping ??= (async () => {
          ready = false;
          await Promise.all([app.close(), jobs?.stop()]);
          await finalSeal(config, deps, logger);
          await store.close();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await runner?.stop().catch(() => undefined);
    await built?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}

/** `zhitong work`: the jobs without HTTP. */
export async function startWorker(config: Config, logger: Logger, clock?: Clock): Promise<RunningWorker> {
  const { store, deps } = await openRuntime(config, logger, clock);
  const runner = newRunner(config, store, deps, logger);
  try {
    await installationId(store.pool);
    await runner.start();
  } catch (err) {
    await runner.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
  let stopping: Promise<void> | null = null;
  return {
    store,
    deps,
    runner: runner.runner,
    stop() {
      stopping ??= (async () => {
        await runner.stop();
        await finalSeal(config, deps, logger);
        await store.close();
      })();
      return stopping;
    },
  };
}
