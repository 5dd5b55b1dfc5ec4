import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { binariesRunnableBy, locateBinaries } from './binaries.js';
import { EmbeddedPostgresError, type EmbeddedLogger } from './errors.js';
import { initCluster } from './init.js';
import { layoutOf, PORT, prepareDataDir, prepareSocketDir, readSecret } from './layout.js';
import { startServer } from './process.js';
import { chownTo, resolveRunAs } from './run-as.js';
import { stopStaleServer } from './stale.js';

export { EmbeddedPostgresError, type EmbeddedLogger };

export interface EmbeddedPostgres {
  readonly socketDir: string;
  readonly port: number;
  readonly pid: number;
  readonly superuser: { user: 'postgres'; password: string };
  /** node-postgres config for a database as a user over the Unix socket. */
  clientConfig(database: string, user: string, password: string): pg.ClientConfig;
  /** fast shutdown (SIGINT), wait for exit (≤ 30 s, then SIGQUIT); idempotent */
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL of `dataDir` (PGDATA = `<dataDir>/pg`), initialising it on first use.
 * No exit hook is registered: the app's graceful shutdown calls stop(), and a SIGKILLed run is
 * cleaned up by the next start through postmaster.pid.
 */
export interface StartOptions {
  readonly dataDir: string;
  readonly logger: EmbeddedLogger;
  /** CLI commands share the server of a running Zhitong instead of refusing; stop() then leaves it running. */
  readonly attachToRunning?: boolean;
}

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedPostgres> {
  const { logger } = opts;
  const located = locateBinaries();
  const runAs = resolveRunAs();
  const dataDir = await prepareDataDir(opts.dataDir, runAs);
  const bins = await binariesRunnableBy(located, runAs, dataDir, logger);
  const layout = layoutOf(dataDir);
  const running = await stopStaleServer(layout.pgdata, bins.postgres, logger, opts.attachToRunning === true);
  if (running !== undefined) {
    const socketDir = await prepareSocketDir(dataDir, runAs);
    const password = await readSecret(layout.secretFile, logger);
    return {
      socketDir,
      port: PORT,
      pid: running,
      superuser: { user: 'postgres', password },
      clientConfig: (database, user, userPassword) => ({ host: socketDir, port: PORT, database, user, password: userPassword }),
      stop: () => Promise.resolve(),
    };
  }
  let password: string;
  if (existsSync(join(layout.pgdata, 'PG_VERSION'))) {
    // A data folder first used without root must become the postgres user's when we now run as root.
    await chownTo(runAs, layout.pgdata);
    password = await readSecret(layout.secretFile, logger);
    await chownTo(runAs, layout.secretFile);
  } else {
    password = await initCluster(bins, runAs, layout, logger);
  }
  const socketDir = await prepareSocketDir(dataDir, runAs);
  const server = await startServer({ bins, runAs, layout, socketDir, password, logger });
  return {
    socketDir,
    port: PORT,
    pid: server.pid,
    superuser: { user: 'postgres', password },
    clientConfig: (database, user, userPassword) => ({ host: socketDir, port: PORT, database, user, password: userPassword }),
    stop: async () => {
      await server.stop();
      // Empty once PostgreSQL is down; the next start makes it afresh.
      await rmdir(socketDir).catch(() => undefined);
    },
  };
}
