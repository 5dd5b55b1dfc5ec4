// Start-up and graceful shutdown of one Zhitong process: store, app, background duties.
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildDeps, type Clock, type Deps } from './commands/deps.js';
import { assertSwitchesAllowed, weakenedSwitches, type Config } from './config.js';
import { buildApp } from './http/app.js';
import { allowedOriginsOf, type HttpContext } from './http/context.js';
import { staffRouteRegistrars } from './http/routes/staff/index.js';
import { anchorFile, appendAnchor, installationId } from './store/audit-anchor.js';
import { insertAudit } from './store/audit-rows.js';
import { sealAudit } from './store/audit-seal.js';
import { pruneGuards } from './store/guards.js';
import { openStore, type Store } from './store/open.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly deps: Deps;
  readonly url: string;
  stop(): Promise<void>;
}

const SEAL_EVERY_MS = 5_000;
const ANCHOR_EVERY_MS = 15 * 60_000;
const PRUNE_EVERY_MS = 60_000;

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
  });
  if (store.keyCreated) logger.warn(`created a new master key at ${config.keyFile}; back it up separately from the data (docs/operations.md)`);
  const deps = buildDeps({ pool: store.pool, guardPool: store.guardPool, ring: store.ring, dataDir: config.dataDir, caseNumber: config.caseNumber, timezone: config.timezone, argon2: config.argon2, ...(clock ? { clock } : {}) });
  return { store, deps };
}

/**
 * Seals what is sealable and anchors the head outside the database: when asked (every 15 minutes,
 * at shutdown — even if the periodic sealer already sealed everything) and whenever no anchor
 * exists yet, so a seal never goes long without one.
 */
export async function sealAndAnchor(store: Store, keyFile: string, logger: Logger, anchor: boolean): Promise<void> {
  const sealed = await sealAudit(store.pool, store.ring);
  if (!sealed.headSealId) return;
  const file = anchorFile(keyFile, await installationId(store.pool));
  if (!anchor && existsSync(file)) return;
  const at = new Date().toISOString();
  await appendAnchor(file, { sealId: sealed.headSealId, head: sealed.head.toString('hex'), at });
  logger.info({ sealId: sealed.headSealId, head: sealed.head.toString('hex') }, 'audit anchor');
}

export async function startServer(config: Config, logger: Logger, clock?: Clock): Promise<RunningServer> {
  const { store, deps } = await openRuntime(config, logger, clock);
  // A start that fails after the database is open (the port is taken …) must not leave the embedded PostgreSQL running.
  const timers: NodeJS.Timeout[] = [];
  let built: FastifyInstance | undefined;
  try {
    const weak = weakenedSwitches(config);
    if (weak.length > 0) {
      await insertAudit(store.pool, { actorKind: 'system', action: 'config.weakened_switches', target: weak.join(',') });
      logger.warn({ switches: weak }, 'test-and-demo switches are on');
    }
    let ready = false;
    const ctx: HttpContext = { config, deps, allowedOrigins: allowedOriginsOf(config) };
    const { app } = await buildApp({ ctx, logger, readiness: { ready: () => ready, database: store.embedded ? 'embedded' : 'external' }, routes: staffRouteRegistrars(config) });
    built = app;
    await installationId(store.pool);
    const safely = (what: string, fn: () => Promise<void>) => () => {
      fn().catch((err: unknown) => logger.error({ err: { type: (err as Error).name } }, `${what} failed`));
    };
    timers.push(setInterval(safely('audit sealing', () => sealAndAnchor(store, config.keyFile, logger, false)), SEAL_EVERY_MS));
    timers.push(setInterval(safely('audit anchoring', () => sealAndAnchor(store, config.keyFile, logger, true)), ANCHOR_EVERY_MS));
    timers.push(setInterval(safely('guard pruning', () => pruneGuards(store.pool, deps.clock.now())), PRUNE_EVERY_MS));
    for (const t of timers) t.unref();
    const url = await app.listen({ port: config.port, host: config.host });
    ready = true;
    let stopping: Promise<void> | null = null;
    return {
      app,
      store,
      deps,
      url,
      stop() {
        stopping ??= (async () => {
          ready = false;
          for (const t of timers) clearInterval(t);
          await app.close();
          await sealAndAnchor(store, config.keyFile, logger, true).catch((err: unknown) => {
            logger.error({ err: { type: (err as Error).name } }, 'final audit seal failed');
          });
          await store.close();
        })();
        return stopping;
      },
    };
  } catch (err) {
    for (const t of timers) clearInterval(t);
    await built?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
