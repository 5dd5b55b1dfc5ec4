// A Zhitong app on a fresh copy of the migrated template database, with a fake clock.
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { pino, type Logger } from 'pino';
import { buildDeps, type Clock, type Deps } from '../../src/commands/deps.js';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { allowedOriginsOf } from '../../src/http/context.js';
import type { RouteEntry } from '../../src/http/policy.js';
import { staffRouteRegistrars } from '../../src/http/routes/staff/index.js';
import { BUILTIN_JOB_QUEUES } from '../../src/jobs/builtin.js';
import { openStore, type Store } from '../../src/store/open.js';
import type { JobQueueSpec } from '../../src/store/pgboss.js';
import { quoteIdent } from '../../src/store/roles.js';

export class FakeClock implements Clock {
  constructor(private current = new Date('2026-03-02T02:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly routes: readonly RouteEntry[];
  readonly deps: Deps;
  readonly store: Store;
  readonly config: Config;
  readonly clock: FakeClock;
  readonly dataDir: string;
  /** A superuser connection to this file's database, for tests that play the attacker. */
  readonly adminUrl: string;
  close(): Promise<void>;
}

export const ORIGIN = 'http://127.0.0.1:3000';

export interface TestAppOptions {
  /** Queues of test-only jobs, created by the owner beside the built-in ones. */
  readonly jobQueues?: readonly JobQueueSpec[];
  /** The HTTP logger (silent by default); the marker sweep passes one that writes to a buffer. */
  readonly logger?: Logger;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const admin = new pg.Client({ connectionString: inject('dbAdminUrl') });
  await admin.connect();
  const db = `${inject('dbRun')}_${randomBytes(4).toString('hex')}`;
  const ownerUrl = new URL(inject('dbOwnerUrl'));
  await admin.query(`CREATE DATABASE ${quoteIdent(db)} TEMPLATE ${quoteIdent(inject('dbTemplate'))} OWNER ${quoteIdent(decodeURIComponent(ownerUrl.username))}`);
  await admin.end();
  ownerUrl.pathname = `/${db}`;
  const adminUrl = new URL(inject('dbAdminUrl'));
  adminUrl.pathname = `/${db}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zt-app-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '3000',
    ZHITONG_DATA_DIR: dataDir,
    ZHITONG_KEY_FILE: inject('keyFile'),
    DATABASE_URL: ownerUrl.toString(),
    ZHITONG_ARGON2: 'low',
    ZHITONG_POW: 'off',
    ZHITONG_POW_MAX_NUMBER: '50',
    ZHITONG_RATE_LIMIT_SUBMIT: '1000',
    ZHITONG_RATE_LIMIT_TRACK: '1000',
    ZHITONG_LOG_LEVEL: 'silent',
    // A two-file stand-in for the Vite build, so routes answer the same with or without `npm run build`.
    ZHITONG_CONSOLE_DIR: fileURLToPath(new URL('../fixtures/console', import.meta.url)),
    ZHITONG_PORTAL_DIR: fileURLToPath(new URL('../fixtures/portal', import.meta.url)),
    ...env,
  });
  const logger = options.logger ?? pino({ level: 'silent' });
  const store = await openStore({ dataDir, keyFile: config.keyFile, databaseUrl: config.databaseUrl, logger: { info: () => undefined, warn: () => undefined, error: () => undefined }, poolMax: 5, jobQueues: [...BUILTIN_JOB_QUEUES, ...(options.jobQueues ?? [])] });
  const clock = new FakeClock();
  const deps = buildDeps({ pool: store.pool, guardPool: store.guardPool, ring: store.ring, dataDir, clock, caseNumber: config.caseNumber, timezone: config.timezone, argon2: 'low' });
  const { app, routes } = await buildApp({ ctx: { config, deps, allowedOrigins: allowedOriginsOf(config) }, logger, readiness: { ready: () => true, database: 'external' }, routes: staffRouteRegistrars(config) });
  await app.ready();
  return {
    app,
    routes,
    deps,
    store,
    config,
    clock,
    dataDir,
    adminUrl: adminUrl.toString(),
    async close() {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
