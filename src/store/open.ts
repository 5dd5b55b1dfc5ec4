// Opens Zhitong's database: the embedded server under our supervisor, or an external one.
// Either way: key check, roles, migrations, pg-boss's schema, grants, then pools for the application role.
import pg from 'pg';
import type { KeyRing } from '../security/keys.js';
import { startEmbeddedPostgres, type EmbeddedLogger, type EmbeddedPostgres } from './embedded/index.js';
import { recordKeyCheck, resolveKeyRing } from './key-check.js';
import { runMigrations } from './migrate.js';
import { preparePgBoss, type JobQueueSpec } from './pgboss.js';
import { assertPlainRole, ensureCaseNumberSequences, ensureLoginRole, grantApplicationRole, quoteIdent } from './roles.js';

// Deadlines are calendar dates in the bureau's zone (DESIGN §4): a DATE must stay 'YYYY-MM-DD', never
// become a Date at the process's local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface Store {
  readonly pool: pg.Pool;
  /** For counters (rate limits, spent challenges, wrong codes): commits need not wait for the disk. */
  readonly guardPool: pg.Pool;
  readonly ring: KeyRing;
  readonly keyCreated: boolean;
  readonly embedded: EmbeddedPostgres | null;
  readonly appRole: string;
  /** The owner's connection settings: for the CLI's backup and restore, which read and write every table. */
  readonly ownerConfig: pg.ClientConfig;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  readonly dataDir: string;
  readonly keyFile: string;
  readonly databaseUrl: string | null;
  readonly logger: EmbeddedLogger;
  readonly poolMax?: number;
  readonly timezone?: string;
  /** Share the embedded server of a running Zhitong (CLI commands) instead of refusing. */
  readonly attachToRunning?: boolean;
  /** The job queues the owner creates in pg-boss's schema (the application role cannot). */
  readonly jobQueues?: readonly JobQueueSpec[];
}

const EMBEDDED_DB = 'zhitong';
const EMBEDDED_OWNER = 'zhitong_owner';

/** The application role cannot create sequences, so the owner makes them years ahead at every start. */
function caseNumberYears(timezone: string): number[] {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(new Date()));
  return [0, 1, 2, 3, 4, 5].map((k) => year + k);
}

async function withClient<T>(config: pg.ClientConfig, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function prepareSchema(owner: pg.ClientConfig, ring: KeyRing, appRole: string, opts: OpenStoreOptions): Promise<void> {
  await withClient(owner, async (c) => {
    await runMigrations(c);
    await recordKeyCheck(c, ring);
    await grantApplicationRole(c, appRole);
    await ensureCaseNumberSequences(c, caseNumberYears(opts.timezone ?? 'Asia/Shanghai'), appRole);
    await preparePgBoss(c, appRole, opts.jobQueues ?? []);
  });
}

async function openEmbedded(opts: OpenStoreOptions): Promise<Omit<Store, 'close' | 'pool' | 'guardPool'> & { appConfig: pg.ClientConfig }> {
  const server = await startEmbeddedPostgres({ dataDir: opts.dataDir, logger: opts.logger, attachToRunning: opts.attachToRunning === true });
  try {
    const su = server.superuser;
    await withClient(server.clientConfig('postgres', su.user, su.password), async (c) => {
      const db = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DB]);
      if (db.rowCount === 0) await c.query(`CREATE DATABASE ${quoteIdent(EMBEDDED_DB)} ENCODING 'UTF8'`);
    });
    const appRole = `${EMBEDDED_OWNER.replace(/_owner$/u, '')}_app`;
    const { ring, created } = await withClient(server.clientConfig(EMBEDDED_DB, su.user, su.password), async (c) => {
      const resolved = await resolveKeyRing(c, opts.keyFile);
      await ensureLoginRole(c, EMBEDDED_OWNER, resolved.ring.dbRolePassword(EMBEDDED_OWNER));
      await ensureLoginRole(c, appRole, resolved.ring.dbRolePassword(appRole));
      await assertPlainRole(c, appRole, EMBEDDED_OWNER);
      await c.query(`ALTER DATABASE ${quoteIdent(EMBEDDED_DB)} OWNER TO ${quoteIdent(EMBEDDED_OWNER)}`);
      await c.query(`GRANT CONNECT ON DATABASE ${quoteIdent(EMBEDDED_DB)} TO ${quoteIdent(appRole)}`);
      return resolved;
    });
    const ownerConfig = server.clientConfig(EMBEDDED_DB, EMBEDDED_OWNER, ring.dbRolePassword(EMBEDDED_OWNER));
    await prepareSchema(ownerConfig, ring, appRole, opts);
    return { ring, keyCreated: created, embedded: server, appRole, ownerConfig, appConfig: server.clientConfig(EMBEDDED_DB, appRole, ring.dbRolePassword(appRole)) };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

async function openExternal(url: string, opts: OpenStoreOptions): Promise<Omit<Store, 'close' | 'pool' | 'guardPool'> & { appConfig: pg.ClientConfig }> {
  const parsed = new URL(url);
  const owner = decodeURIComponent(parsed.username) || 'postgres';
  const appRole = `${owner.toLowerCase().replace(/[^a-z0-9_]/gu, '_')}_app`;
  const ownerConfig: pg.ClientConfig = { connectionString: url };
  const { ring, created } = await withClient(ownerConfig, async (c) => {
    const resolved = await resolveKeyRing(c, opts.keyFile);
    await ensureLoginRole(c, appRole, resolved.ring.dbRolePassword(appRole));
    await assertPlainRole(c, appRole, owner);
    const dbName = decodeURIComponent(parsed.pathname.slice(1)) || owner;
    await c.query(`GRANT CONNECT ON DATABASE ${quoteIdent(dbName)} TO ${quoteIdent(appRole)}`);
    return resolved;
  });
  await prepareSchema(ownerConfig, ring, appRole, opts);
  const appUrl = new URL(url);
  appUrl.username = appRole;
  appUrl.password = ring.dbRolePassword(appRole);
  return { ring, keyCreated: created, embedded: null, appRole, ownerConfig, appConfig: { connectionString: appUrl.toString() } };
}

/**
 * Session settings of the application's connections. JIT compilation is off: the queues' plans cross its
 * cost threshold at a million cases and then spend ~45 ms compiling a query that runs in ~10 ms
 * (docs/performance.md); nothing Zhitong asks is long enough to win that back.
 */
export const APP_SESSION_OPTIONS = '-c jit=off';

/** A connection PostgreSQL does not answer within this fails (a 503 to the client) instead of hanging the request. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The one way the server, the CLI and the tests reach the database. */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const opened = opts.databaseUrl ? await openExternal(opts.databaseUrl, opts) : await openEmbedded(opts);
  const pool = new pg.Pool({ ...opened.appConfig, max: opts.poolMax ?? 20, application_name: 'zhitong', options: APP_SESSION_OPTIONS, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  // Losing the last second of counters in a crash is harmless; serialising every request of one
  // client behind a durable commit of its counter row is not.
  const guardPool = new pg.Pool({ ...opened.appConfig, max: 5, application_name: 'zhitong-guards', options: `${APP_SESSION_OPTIONS} -c synchronous_commit=off`, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  for (const p of [pool, guardPool]) {
    p.on('error', (err) => {
      opts.logger.warn(`database pool: ${err.message}`);
    });
  }
  return {
    pool,
    guardPool,
    ring: opened.ring,
    keyCreated: opened.keyCreated,
    embedded: opened.embedded,
    appRole: opened.appRole,
    ownerConfig: opened.ownerConfig,
    async close() {
      await pool.end();
      await guardPool.end();
      await opened.embedded?.stop();
    },
  };
}
