import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import type { Binaries } from './binaries.js';
import { EmbeddedPostgresError, errorCode, type EmbeddedLogger } from './errors.js';
import { PORT, type Layout } from './layout.js';
import { ServerLog } from './logs.js';
import { childEnv, identity, type RunAs } from './run-as.js';

const READY_WITHIN_MS = 30_000;
const RETRY_MS = 50;
const FAST_SHUTDOWN_MS = 30_000;
const QUIT_MS = 10_000;

export interface Server {
  readonly pid: number;
  readonly stop: () => Promise<void>;
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

function describe(exit: Exit): string {
  if (exit.error) return `could not be started (${exit.error.message})`;
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
}

async function within<T>(promise: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => { resolve(false); }, ms); });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Readiness by connecting, never by reading log text: the log may change wording or be redacted.
async function tryConnect(config: pg.ClientConfig): Promise<'ready' | 'retry' | 'refused'> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ready';
  } catch (err) {
    // A wrong password will not improve by waiting.
    return ['28P01', '28000'].includes(errorCode(err) ?? '') ? 'refused' : 'retry';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts `postgres -D` directly (no pg_ctl) so we own its pid, pipes and exit. */
export async function startServer(args: {
  bins: Binaries;
  runAs: RunAs | undefined;
  layout: Layout;
  socketDir: string;
  password: string;
  logger: EmbeddedLogger;
}): Promise<Server> {
  const { bins, runAs, layout, socketDir, password, logger } = args;
  const log = new ServerLog(logger);
  log.quiet = /the database system is (starting up|not yet accepting connections)/;
  // Command-line settings beat postgresql.conf and ALTER SYSTEM, so the socket-only posture cannot drift.
  const child: ChildProcess = spawn(
    bins.postgres,
    ['-D', layout.pgdata, '-c', 'listen_addresses=', '-c', `unix_socket_directories=${socketDir}`, '-c', 'unix_socket_permissions=0700', '-c', 'password_encryption=scram-sha-256'],
    { ...identity(runAs), env: childEnv(bins.libDir, 'C.UTF-8'), cwd: layout.dataDir, stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  if (child.stdout) log.attach(child.stdout);
  if (child.stderr) log.attach(child.stderr);
  let exited: Exit | undefined;
  const exit = new Promise<Exit>((resolve) => {
    child.once('error', (error) => { exited ??= { code: null, signal: null, error }; resolve(exited); });
    child.once('exit', (code, signal) => { exited ??= { code, signal }; resolve(exited); });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exited) return;
      child.kill('SIGINT');
      if (await within(exit, FAST_SHUTDOWN_MS)) return;
      logger.warn(`PostgreSQL (pid ${String(child.pid)}) did not finish a fast shutdown within 30 s; sending SIGQUIT`);
      child.kill('SIGQUIT');
      if (await within(exit, QUIT_MS)) return;
      child.kill('SIGKILL');
      await exit;
    })();
    return stopping;
  };

  const config = { host: socketDir, port: PORT, database: 'postgres', user: 'postgres', password };
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (exited) {
      throw new EmbeddedPostgresError(`PostgreSQL ${describe(exited)} before accepting connections; its last log lines: ${log.lastLines()}`);
    }
    const outcome = await tryConnect(config);
    if (outcome === 'ready') break;
    if (outcome === 'refused') {
      await stop();
      throw new EmbeddedPostgresError(`PostgreSQL refused the superuser password from ${layout.secretFile}, so restore the file that belongs to this cluster.`);
    }
    if (Date.now() >= deadline) {
      await stop();
      throw new EmbeddedPostgresError(`PostgreSQL did not accept connections within 30 s; its last log lines: ${log.lastLines()}`);
    }
    await within(exit, RETRY_MS);
  }

  log.quiet = undefined;
  const pid = child.pid;
  if (pid === undefined) throw new EmbeddedPostgresError('PostgreSQL started without a process id, which should not happen.');
  void exit.then((how) => {
    if (!stopping) logger.error(`PostgreSQL (pid ${pid}) ${describe(how)} unexpectedly; the database is unavailable until Zhitong restarts`);
  });
  return { pid, stop };
}
