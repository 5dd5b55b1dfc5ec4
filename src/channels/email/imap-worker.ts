// The mailbox reader (channels.md §2.1): one IMAP connection that IDLEs (imapflow re-issues IDLE itself)
// and also polls on a timer as a safety net, reconnecting with backoff. A pass reads every UID above the
// committed cursor with BODY.PEEK[] (source: true sets no \Seen), collects the batch before acting (no
// IMAP command may run inside a fetch loop), commits each message, advances the cursor, and only then
// MOVEs the batch to the processed folder. A crash anywhere re-reads at most the uncommitted messages;
// the unique message key makes them create nothing twice. Messages left below the cursor by a crash
// between commit and MOVE are moved on the next pass. The processed folder is expunged after retention.
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { Logger } from 'pino';
import type { MailConfig } from '../../config-mail.js';
import type { Deps } from '../../commands/deps.js';
import { errorTag } from '../../jobs/errors.js';
import type { InboundMeta } from './inbound-record.js';
import type { ReceiveResult } from './receive.js';

export type ReceiveFn = (raw: Buffer, meta: InboundMeta) => Promise<ReceiveResult>;

export interface ImapWorkerOptions {
  readonly config: MailConfig;
  readonly deps: Deps;
  readonly logger: Logger;
  readonly receive: ReceiveFn;
  /** Messages fetched per round trip; each is held in memory until committed. */
  readonly batchSize?: number;
  /** How often a standby node asks whether the reading node has gone (default 15 s). */
  readonly standbyMs?: number;
  /** Tests stop the worker here, after a commit and before the cursor moves, to play a crash. */
  readonly afterCommit?: (uid: number) => Promise<void>;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** How often a standby node asks whether the reading node has gone. */
const STANDBY_MS = 15_000;
const EXPUNGE_EVERY_MS = 60 * 60_000;

export class ImapWorker {
  readonly #o: ImapWorkerOptions;
  #stopping = false;
  #running: Promise<void> | null = null;
  #client: ImapFlow | null = null;
  #wake: (() => void) | null = null;
  #pending = false;
  #lastExpunge = 0;
  /** Completed passes, for tests and /readyz-style checks. */
  passes = 0;

  constructor(o: ImapWorkerOptions) {
    if (o.config.imap === null) throw new Error('the IMAP worker needs ZHITONG_IMAP_URL');
    this.#o = o;
  }

  /** A method, not the field: stop() changes it while the loops await. */
  stopping(): boolean {
    return this.#stopping;
  }

  start(): void {
    if (this.#running !== null) return;
    this.#stopping = false;
    this.#running = this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#kick();
    await this.#client?.logout().catch(() => this.#client?.close());
    await this.#running;
    this.#running = null;
  }

  async #loop(): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      try {
        // Another node reads this mailbox: stand by, and take over when its session (and its lock) ends.
        if (!(await this.#asReader(() => this.#session()))) {
          await this.#sleep(this.#o.standbyMs ?? STANDBY_MS);
          continue;
        }
        failures = 0;
      } catch (err) {
        failures += 1;
        if (!this.stopping()) this.#o.logger.warn({ err: { type: errorTag(err) }, failures }, 'IMAP session ended; reconnecting');
      }
      // A wake-up left over from the closed session must not skip the backoff.
      this.#pending = false;
      if (!this.stopping()) await this.#sleep(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 10)));
    }
  }

  /**
   * Runs `session` holding the mailbox's reader lock: a PostgreSQL session lock on a connection kept for
   * the session, so it goes with the node if the node dies. False when another node holds it.
   */
  async #asReader(session: () => Promise<void>): Promise<boolean> {
    const imap = this.#o.config.imap;
    if (imap === null) throw new Error('unreachable');
    const key = `zhitong-imap:${imap.host}:${String(imap.port)}:${imap.user}:${imap.mailbox}`;
    const lock = await this.#o.deps.pool.connect();
    let broken = false;
    try {
      const got = (await lock.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [key])).rows[0]?.got === true;
      if (!got) return false;
      try {
        await session();
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => {
          broken = true;
        });
      }
      return true;
    } finally {
      // A connection whose unlock failed is closed, which ends the lock with it.
      lock.release(broken);
    }
  }

  #connect(): ImapFlow {
    const { imap, ca } = this.#o.config;
    if (imap === null) throw new Error('unreachable');
    return new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.implicitTls,
      // STARTTLS is required unless the operator chose plaintext on loopback (config-mail.ts).
      doSTARTTLS: imap.implicitTls ? undefined : imap.requireTls,
      auth: { user: imap.user, pass: imap.password },
      tls: { rejectUnauthorized: true, ...(ca === null ? {} : { ca }) },
      // Coremail and NetEase servers refuse SELECT without an IMAP ID (channels.md §2.1).
      clientInfo: { name: 'Zhitong', vendor: 'Zhitong' },
      logger: false,
      maxIdleTime: 25 * 60_000,
      connectionTimeout: 30_000,
      socketTimeout: 10 * 60_000,
    });
  }

  async #session(): Promise<void> {
    const client = this.#connect();
    this.#client = client;
    // An object, not a boolean: the close event changes it while the loop awaits.
    const state = { closed: false };
    client.on('error', (err: unknown) => this.#o.logger.warn({ err: { type: errorTag(err) } }, 'IMAP connection error'));
    client.on('close', () => {
      state.closed = true;
      this.#kick();
    });
    client.on('exists', () => this.#kick());
    try {
      await client.connect();
      await this.#ensureFolder(client);
      while (!this.stopping() && !state.closed) {
        await this.#pass(client);
        await this.#expungeIfDue(client);
        this.passes += 1;
        // Returns at once when stopping, closed or kicked by new mail meanwhile.
        await this.#sleep(this.#o.config.pollMs);
      }
    } finally {
      this.#client = null;
      if (!state.closed) await client.logout().catch(() => client.close());
    }
  }

  async #ensureFolder(client: ImapFlow): Promise<void> {
    const folder = this.#o.config.processedFolder;
    const list = await client.list();
    if (!list.some((m) => m.path === folder)) await client.mailboxCreate(folder);
  }

  async #cursor(mailbox: string, uidValidity: bigint): Promise<number> {
    const r = await this.#o.deps.pool.query<{ uid_validity: string; last_uid: string }>('SELECT uid_validity::text, last_uid::text FROM mail_cursors WHERE mailbox = $1', [mailbox]);
    const row = r.rows[0];
    if (row !== undefined && row.uid_validity === uidValidity.toString()) return Number(row.last_uid);
    // A new UIDVALIDITY voids every UID we knew: read all again; the message keys keep it to once.
    if (row !== undefined) this.#o.logger.warn({ mailbox }, 'UIDVALIDITY changed; the mailbox is read again');
    await this.#saveCursor(mailbox, uidValidity, 0);
    return 0;
  }

  async #saveCursor(mailbox: string, uidValidity: bigint, lastUid: number): Promise<void> {
    await this.#o.deps.pool.query(
      `INSERT INTO mail_cursors (mailbox, uid_validity, last_uid, updated_at) VALUES ($1, $2::bigint, $3, $4)
       ON CONFLICT (mailbox) DO UPDATE SET uid_validity = EXCLUDED.uid_validity, last_uid = EXCLUDED.last_uid, updated_at = EXCLUDED.updated_at`,
      [mailbox, uidValidity.toString(), lastUid, this.#o.deps.clock.now()],
    );
  }

  async #pass(client: ImapFlow): Promise<void> {
    const mailbox = this.#o.config.imap?.mailbox ?? 'INBOX';
    const folder = this.#o.config.processedFolder;
    const lock = await client.getMailboxLock(mailbox);
    try {
      // imapflow skips FETCH while its cached count is 0; NOOP brings the count up to date.
      await client.noop();
      const status = client.mailbox;
      if (status === false) throw new Error('no mailbox selected');
      let last = await this.#cursor(mailbox, status.uidValidity);
      const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      // Committed before a crash but never moved.
      const stranded = uids.filter((u) => u <= last);
      if (stranded.length > 0) await client.messageMove(stranded.join(','), folder, { uid: true });
      const fresh = uids.filter((u) => u > last);
      const size = this.#o.batchSize ?? 10;
      for (let i = 0; i < fresh.length && !this.stopping(); i += size) {
        const batch = fresh.slice(i, i + size);
        const fetched: FetchMessageObject[] = [];
        // Collect first: another command inside this loop would deadlock imapflow (channels.md §2.6).
        for await (const m of client.fetch(batch.join(','), { uid: true, source: true, internalDate: true }, { uid: true })) fetched.push(m);
        fetched.sort((a, b) => a.uid - b.uid);
        const done: number[] = [];
        for (const m of fetched) {
          // `N:*` can return the highest message even when it is below N (RFC 9051 §6.4.8).
          if (m.uid <= last || m.source === undefined) continue;
          const receivedAt = m.internalDate instanceof Date ? m.internalDate : this.#o.deps.clock.now();
          const outcome = await this.#o.receive(m.source, { mailbox, uid: m.uid, receivedAt });
          this.#o.logger.info({ uid: m.uid, outcome }, 'mail received');
          await this.#o.afterCommit?.(m.uid);
          await this.#saveCursor(mailbox, status.uidValidity, m.uid);
          last = m.uid;
          done.push(m.uid);
        }
        if (done.length > 0) await client.messageMove(done.join(','), folder, { uid: true });
      }
    } finally {
      lock.release();
    }
  }

  /** The processed copies go after the retention: the encrypted raw copy in Zhitong is the evidence. */
  async #expungeIfDue(client: ImapFlow): Promise<void> {
    const now = Date.now();
    if (now - this.#lastExpunge < EXPUNGE_EVERY_MS) return;
    this.#lastExpunge = now;
    const lock = await client.getMailboxLock(this.#o.config.processedFolder);
    try {
      // IMAP BEFORE compares dates only; a day's slack is harmless against a retention of days.
      const old = await client.search({ before: new Date(now - this.#o.config.retentionMs) }, { uid: true });
      if (old && old.length > 0) await client.messageDelete(old.join(','), { uid: true });
    } finally {
      lock.release();
    }
  }

  /** New mail, a closed connection or a stop: the sleeping loop wakes, or skips its next sleep. */
  #kick(): void {
    this.#pending = true;
    this.#wake?.();
  }

  #sleep(ms: number): Promise<void> {
    if (this.#pending || this.#stopping) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = null;
        this.#pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}
