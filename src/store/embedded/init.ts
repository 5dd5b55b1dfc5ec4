import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmbeddedPostgresError, errorCode, type EmbeddedLogger } from './errors.js';
import type { Binaries } from './binaries.js';
import { writePrivateFile, type Layout } from './layout.js';
import { ServerLog } from './logs.js';
import { childEnv, chownTo, identity, type Locale, type RunAs } from './run-as.js';

// Socket-only access; no host lines, so even a later listen_addresses change opens no TCP door.
const PG_HBA = `# Written by Zhitong: Unix socket only, SCRAM only.
local all all scram-sha-256
`;

// Small idle footprint (Node + PostgreSQL must stay under 250 MB RSS) and terse logs for the redactor.
const SETTINGS = `
# Zhitong embedded settings. listen_addresses, unix_socket_directories, unix_socket_permissions
# and password_encryption are also passed on the command line at every start, which overrides ALTER SYSTEM.
listen_addresses = ''
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
log_destination = 'stderr'
logging_collector = off
log_min_messages = warning
log_min_error_statement = panic
log_error_verbosity = terse
log_line_prefix = ''
log_checkpoints = off
shared_buffers = 32MB
max_connections = 100
fsync = on
`;

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return true;
    throw err;
  }
}

function runInitdb(bins: Binaries, runAs: RunAs | undefined, layout: Layout, pwfile: string, locale: Locale): Promise<{ ok: boolean; log: ServerLog }> {
  const log = new ServerLog(undefined);
  const child = spawn(
    bins.initdb,
    ['-D', layout.pgdata, '--data-checksums', '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', `--locale=${locale}`],
    { ...identity(runAs), env: childEnv(bins.libDir, locale), cwd: layout.dataDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  log.attach(child.stdout);
  log.attach(child.stderr);
  return new Promise((resolve) => {
    child.once('error', () => { resolve({ ok: false, log }); });
    child.once('close', (code) => { resolve({ ok: code === 0, log }); });
  });
}

/** Creates the cluster once and returns the new superuser password. */
export async function initCluster(bins: Binaries, runAs: RunAs | undefined, layout: Layout, logger: EmbeddedLogger): Promise<string> {
  if (!(await isEmptyOrMissing(layout.pgdata))) {
    throw new EmbeddedPostgresError(`The folder ${layout.pgdata} holds files but no PostgreSQL cluster (PG_VERSION is missing), probably from an interrupted first start, so move it away and start again.`);
  }
  const started = performance.now();
  const password = randomBytes(32).toString('base64url');
  // Written before initdb: a crash in between leaves a secret without a cluster, never a cluster without its secret.
  await writePrivateFile(layout.secretFile, password, runAs);
  const pwfile = join(layout.dataDir, `.pg-pwfile-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(pwfile, `${password}\n`, { mode: 0o600, flag: 'wx' });
    await chownTo(runAs, pwfile);
    let result = await runInitdb(bins, runAs, layout, pwfile, 'C.UTF-8');
    if (!result.ok && /locale/i.test(result.log.lastLines())) {
      logger.warn('initdb refused locale C.UTF-8; using C');
      await rm(layout.pgdata, { recursive: true, force: true });
      result = await runInitdb(bins, runAs, layout, pwfile, 'C');
    }
    if (!result.ok) {
      throw new EmbeddedPostgresError(`initdb failed to create the PostgreSQL cluster in ${layout.pgdata}; its last output: ${result.log.lastLines()}`);
    }
  } finally {
    await rm(pwfile, { force: true });
  }
  // In-place writes keep the postgres user's ownership and initdb's 0600 modes.
  await writeFile(join(layout.pgdata, 'pg_hba.conf'), PG_HBA);
  await appendFile(join(layout.pgdata, 'postgresql.conf'), SETTINGS);
  logger.info(`initialised a PostgreSQL ${bins.version} cluster in ${layout.pgdata} in ${Math.round(performance.now() - started)} ms`);
  return password;
}
