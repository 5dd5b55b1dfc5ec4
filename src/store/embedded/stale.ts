import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresError, errorCode, type EmbeddedLogger } from './errors.js';

const POLL_MS = 50;

function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses; the fields after the last ')' do not.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (errorCode(err) !== 'EPERM') return false;
  }
  // A zombie still answers kill(0) until its new parent reaps it, which some container inits never do.
  return procStat(pid)?.state !== 'Z';
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    // Already gone is what we wanted.
    if (errorCode(err) !== 'ESRCH') throw err;
  }
}

export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  } catch {
    // Without /proc (macOS), ps gives the same words, split on spaces.
    const ps = spawnSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    return ps.status === 0 ? ps.stdout.trim().split(/\s+/) : undefined;
  }
}

function isOurPostmaster(argv: readonly string[], postgresBin: string, pgdata: string): boolean {
  const program = argv[0] ?? '';
  if (program !== postgresBin && basename(program) !== 'postgres') return false;
  const dirs = new Set([pgdata]);
  try {
    dirs.add(realpathSync(pgdata));
  } catch {
    // pgdata vanished; the literal path is all we can compare.
  }
  return argv.some((arg, i) => arg === '-D' && dirs.has(argv[i + 1] ?? ''));
}

// A postmaster whose parent is still a live Node process belongs to a running Zhitong, never to a dead one.
function liveNodeParent(pid: number): number | undefined {
  const ppid = procStat(pid)?.ppid;
  if (ppid === undefined || !Number.isInteger(ppid) || ppid <= 1 || !isAlive(ppid)) return undefined;
  if (ppid === process.pid) return ppid;
  try {
    if (readlinkSync(`/proc/${ppid}/exe`) === process.execPath) return ppid;
  } catch {
    // Not readable: fall back to the command name.
  }
  try {
    if (readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() === 'node') return ppid;
  } catch {
    // The parent just exited.
  }
  return undefined;
}

/**
 * After a SIGKILL of Node its PostgreSQL keeps running: find it through postmaster.pid and stop it if it is ours.
 * A server still run by a live Zhitong process is left alone: its pid is returned when the caller may attach.
 */
export async function stopStaleServer(pgdata: string, postgresBin: string, logger: EmbeddedLogger, attach = false): Promise<number | undefined> {
  const pidFile = join(pgdata, 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  const pid = Number(text.split('\n')[0]);
  // A dead or garbled pid file is PostgreSQL's to clean up, and it does.
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const argv = commandLine(pid);
  if (!argv) return undefined;
  if (!isOurPostmaster(argv, postgresBin, pgdata)) {
    throw new EmbeddedPostgresError(`The PostgreSQL data folder ${pgdata} is locked by process ${pid}, which is not an embedded PostgreSQL server of this folder, so stop that process or remove ${pidFile} if it is stale.`);
  }
  const parent = liveNodeParent(pid);
  if (parent !== undefined) {
    if (attach) return pid;
    throw new EmbeddedPostgresError(`The PostgreSQL server of ${pgdata} (pid ${pid}) is already run by the live process ${parent}, so stop that process first instead of starting a second one on the same data folder.`);
  }
  logger.warn(`stopping PostgreSQL (pid ${pid}) left running by an earlier Zhitong process that did not shut down`);
  signal(pid, 'SIGINT');
  if (await waitForExit(pid, 30_000)) return undefined;
  logger.warn(`PostgreSQL (pid ${pid}) did not finish a fast shutdown within 30 s; sending SIGQUIT`);
  signal(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 10_000))) {
    throw new EmbeddedPostgresError(`The PostgreSQL server left running on ${pgdata} (pid ${pid}) did not stop, so stop it by hand and start again.`);
  }
  return undefined;
}
