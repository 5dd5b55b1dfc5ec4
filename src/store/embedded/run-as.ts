import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chown } from 'node:fs/promises';
import { EmbeddedPostgresError } from './errors.js';

/** The system user PostgreSQL runs as when Zhitong itself runs as root. */
export interface RunAs {
  readonly user: 'postgres';
  readonly uid: number;
  readonly gid: number;
}

export type Locale = 'C.UTF-8' | 'C';

// PostgreSQL refuses to run as root, so under root (as in CI) it runs as the postgres system user.
export function resolveRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let entry = readPasswd('postgres');
  if (!entry) {
    createSystemUser();
    entry = readPasswd('postgres');
  }
  if (!entry) {
    throw new EmbeddedPostgresError('PostgreSQL refuses to run as root and the "postgres" system user was not found in /etc/passwd even after creating it; create that user and start again.');
  }
  return { user: 'postgres', ...entry };
}

function readPasswd(name: string): { uid: number; gid: number } | undefined {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] !== name || fields.length < 4) continue;
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
  }
  return undefined;
}

function createSystemUser(): void {
  const result = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0) {
    const reason = (result.stderr || result.error?.message || `exit status ${String(result.status)}`).trim().split('\n')[0] ?? '';
    throw new EmbeddedPostgresError(`PostgreSQL refuses to run as root and the "postgres" system user it must run as could not be created (useradd: ${reason}); create that user and start again.`);
  }
}

/** uid/gid spawn options; libuv also drops root's supplementary groups when they are set. */
export function identity(runAs: RunAs | undefined): { uid?: number; gid?: number } {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

// Asking the kernel as that user covers every ancestor's mode bits, ACLs and mount options at once.
export function userCan(runAs: RunAs | undefined, script: string, paths: readonly string[]): boolean {
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...paths], {
    ...identity(runAs),
    env: { PATH: '/usr/bin:/bin' },
    cwd: '/',
    stdio: 'ignore',
    timeout: 10_000,
  });
  return result.status === 0;
}

export async function chownTo(runAs: RunAs | undefined, path: string): Promise<void> {
  if (runAs) await chown(path, runAs.uid, runAs.gid);
}

// Never process.env: no ZHITONG_* secret (or anything else of ours) may reach PostgreSQL.
export function childEnv(libDir: string, locale: Locale): Record<string, string> {
  return { PATH: '/usr/bin:/bin', LANG: locale, LC_ALL: locale, TZ: 'UTC', LD_LIBRARY_PATH: libDir };
}
