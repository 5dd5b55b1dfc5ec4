// A real Dovecot on 127.0.0.1 for the e-mail tests (issue 7), from the configuration kept in
// test/fixtures/dovecot, with a scratch maildir the `mail` user can write. Skipped with a clear message
// when Debian's dovecot-imapd is not installed (or we are not root, which Dovecot needs to switch to
// `mail`), unless ZHITONG_MAIL_TESTS=required, as in CI.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
/** Debian's `mail` user and group. */
const MAIL_ID = 8;

/** Why the tests cannot run here, or null. Throws when they are required. */
export function dovecotMissing(): string | null {
  let why: string | null = null;
  if (!existsSync(DOVECOT)) why = `${DOVECOT} is not installed (Debian: apt-get install dovecot-imapd)`;
  else if (process.getuid?.() !== 0) why = 'Dovecot must start as root to switch to the mail user';
  if (why !== null && process.env.ZHITONG_MAIL_TESTS === 'required') throw new Error(`e-mail tests are required but cannot run: ${why}`);
  if (why !== null) console.warn(`Skipping the e-mail tests: ${why}.`);
  return why;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Dovecot {
  /** The scratch folder: configuration, mail (maildirs with their indexes), state, run and log. */
  readonly dir: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A second connection that plays the outside world: appends mail, looks at folders. */
  client(): Promise<ImapFlow>;
  /** `arrived`: the message's internal date, for retention tests. */
  append(raw: string | Buffer, mailbox?: string, arrived?: Date): Promise<void>;
  count(mailbox: string): Promise<number>;
  /** `doveadm -c <conf> …`, e.g. ['force-resync', '-u', user, '*']; resolves with its exit code and output. */
  doveadm(args: readonly string[]): Promise<{ code: number | null; output: string }>;
  stop(): Promise<void>;
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zt-dovecot-'));
  // The mail user walks into the scratch folder to its maildir.
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'mail'));
  await chown(path.join(dir, 'mail'), MAIL_ID, MAIL_ID);
  const port = await freePort();
  const user = '12389';
  const password = 'dovecot-test-password';
  await writeFile(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const template = await readFile(new URL('../fixtures/dovecot/dovecot.conf', import.meta.url), 'utf8');
  const conf = path.join(dir, 'dovecot.conf');
  await writeFile(conf, template.replaceAll('@DIR@', dir).replaceAll('@PORT@', String(port)));
  // Dovecot daemonises; its children would hold a pipe open, so no output is captured.
  await new Promise<void>((resolve, reject) => {
    const p = spawn(DOVECOT, ['-c', conf], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${String(code)}; see ${dir}/dovecot.log`))));
  });
  const connect = async (): Promise<ImapFlow> => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
    await c.connect();
    return c;
  };
  // Ready when it answers.
  for (let i = 0; ; i += 1) {
    try {
      await (await connect()).logout();
      break;
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const withClient = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = await connect();
    try {
      const result: T = await fn(c);
      return result;
    } finally {
      await c.logout().catch(() => c.close());
    }
  };
  return {
    dir,
    port,
    user,
    password,
    client: connect,
    append: (raw, mailbox = 'INBOX', arrived) =>
      withClient(async (c) => {
        await c.append(mailbox, raw, [], arrived);
      }),
    count: (mailbox) =>
      withClient(async (c) => {
        const list = await c.list();
        if (!list.some((m) => m.path === mailbox)) return 0;
        const status = (await c.status(mailbox, { messages: true })) as unknown as { messages?: number };
        return status.messages ?? 0;
      }),
    doveadm: (args) =>
      new Promise((resolve) => {
        const p = spawn(DOVEADM, ['-c', conf, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        p.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
        p.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
        p.on('error', (err) => resolve({ code: null, output: err.message }));
        p.on('close', (code) => resolve({ code, output }));
      }),
    async stop() {
      await new Promise<void>((resolve) => {
        const p = spawn(DOVEADM, ['-c', conf, 'stop'], { stdio: 'ignore' });
        p.on('error', () => resolve());
        p.on('exit', () => resolve());
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
