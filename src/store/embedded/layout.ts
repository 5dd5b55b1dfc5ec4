import { createHash, randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { EmbeddedPostgresError, errorCode, type EmbeddedLogger } from './errors.js';
import { chownTo, userCan, type RunAs } from './run-as.js';

export const PORT = 5432;

export interface Layout {
  readonly dataDir: string;
  readonly pgdata: string;
  readonly secretFile: string;
}

// The secret sits beside PGDATA, not inside it, so a copy of PGDATA (or pg_basebackup) never carries it.
export function layoutOf(dataDir: string): Layout {
  return { dataDir, pgdata: join(dataDir, 'pg'), secretFile: join(dataDir, 'pg-superuser.secret') };
}

function unreachable(dir: string): EmbeddedPostgresError {
  return new EmbeddedPostgresError(`The data folder ${dir} is not reachable by the "postgres" system user that PostgreSQL must run as under root; set ZHITONG_DATA_DIR to a folder it can reach, such as /var/lib/zhitong.`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}

/** Creates the data folder (0700) and returns its real path, checking first that PostgreSQL's user can use it. */
export async function prepareDataDir(given: string, runAs: RunAs | undefined): Promise<string> {
  const dir = resolve(given);
  if (!(await exists(dir))) {
    const parent = dirname(dir);
    await mkdir(parent, { recursive: true });
    // Checked before creating, so a refused folder under /root is not left behind.
    if (runAs && !userCan(runAs, 'test -x "$1"', [parent])) throw unreachable(dir);
    await mkdir(dir, { mode: 0o700 });
    await chmod(dir, 0o700);
  } else if (!(await stat(dir)).isDirectory()) {
    throw new EmbeddedPostgresError(`The data folder ${dir} is not a folder, so point ZHITONG_DATA_DIR at a folder.`);
  }
  await chownTo(runAs, dir);
  if (runAs && !userCan(runAs, 'test -x "$1" && test -w "$1"', [dir])) throw unreachable(dir);
  return realpath(dir);
}

/** A short private folder for the socket: socket paths are limited to 107 bytes and the data path may be long. */
export async function prepareSocketDir(realDataDir: string, runAs: RunAs | undefined): Promise<string> {
  const hash = createHash('sha256').update(realDataDir).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `zt-pg-${hash}`);
  // unix_socket_directories is a list GUC, so commas, quotes and spaces would split or break it.
  if (!/^[A-Za-z0-9/._-]+$/.test(dir) || Buffer.byteLength(join(dir, `.s.PGSQL.${PORT}.lock`)) > 107) {
    throw new EmbeddedPostgresError(`The socket folder path ${dir} is too long or has unusual characters, so set TMPDIR to a short plain path such as /tmp.`);
  }
  const owner = runAs?.uid ?? process.getuid?.();
  try {
    await mkdir(dir, { mode: 0o700 });
    await chmod(dir, 0o700);
    await chownTo(runAs, dir);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
  }
  // lstat, so a symlink planted by another local user is refused rather than followed.
  const st = await lstat(dir);
  if (!st.isDirectory() || (owner !== undefined && st.uid !== owner) || (st.mode & 0o777) !== 0o700) {
    throw new EmbeddedPostgresError(`The socket folder ${dir} already exists but is not a private 0700 folder owned by the user PostgreSQL runs as, so remove it and start again.`);
  }
  return dir;
}

/** Writes the file whole or not at all, 0600 from the first byte. */
export async function writePrivateFile(path: string, content: string, runAs: RunAs | undefined): Promise<void> {
  const staging = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await writeFile(staging, content, { mode: 0o600, flag: 'wx' });
    await chownTo(runAs, staging);
    await rename(staging, path);
  } finally {
    await rm(staging, { force: true });
  }
}

export async function readSecret(file: string, logger: EmbeddedLogger): Promise<string> {
  let st;
  try {
    st = await lstat(file);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
    throw new EmbeddedPostgresError(`The PostgreSQL superuser password file ${file} is missing although the cluster exists, so restore it from backup.`);
  }
  if (!st.isFile()) {
    throw new EmbeddedPostgresError(`The PostgreSQL superuser password file ${file} is not a regular file, so restore it from backup.`);
  }
  if ((st.mode & 0o077) !== 0) {
    logger.warn(`${file} was readable by other users; its mode is now 0600`);
    await chmod(file, 0o600);
  }
  const password = (await readFile(file, 'utf8')).trim();
  if (!password) throw new EmbeddedPostgresError(`The PostgreSQL superuser password file ${file} is empty, so restore it from backup.`);
  return password;
}
