// The e-mail tests' rig (issue 7): a real Dovecot, an SMTP sink, and an app whose e-mail channel reads
// the one and sends to the other; plus a writer of raw RFC 5322 messages.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { registerChannelSenders, type ChannelSenders } from '../../src/channels/senders.js';
import type { EmailChannelOptions } from '../../src/channels/email/channel.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { startDovecot, type Dovecot } from './dovecot.js';
import { createTestRunner } from './job-runner.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { createTestApp, type TestApp } from './test-app.js';

export const BUREAU_ADDRESS = '12389@gaj.example.gov.cn';
export const AUTHSERV_ID = 'mx.gaj.example.gov.cn';

export interface MailRig {
  readonly t: TestApp;
  readonly dovecot: Dovecot;
  readonly sink: SmtpSink;
  runner: JobRunner;
  senders: ChannelSenders;
  /** Appends a message and waits until the reader has moved it out of the inbox. */
  deliver(raw: string | Buffer): Promise<void>;
  /** A new channel on the same app (after a simulated crash). */
  restart(o?: EmailChannelOptions): Promise<void>;
  itemsFrom(address: string): Promise<{ id: string; claims_case_number: string | null; thread_key: string | null; status: string }[]>;
  inboundOutcomes(): Promise<{ outcome: string; reason: string | null }[]>;
  close(): Promise<void>;
}

export async function startMailRig(o: EmailChannelOptions = {}, env: Record<string, string> = {}): Promise<MailRig> {
  const dovecot = await startDovecot();
  const sink = await startSmtpSink();
  const t = await createTestApp({
    ZHITONG_REQUIRE_2FA: 'off',
    ZHITONG_IMAP_URL: `imap://${dovecot.user}@127.0.0.1:${String(dovecot.port)}/INBOX`,
    ZHITONG_IMAP_PASSWORD: dovecot.password,
    ZHITONG_SMTP_URL: `smtp://zhitong@127.0.0.1:${String(sink.port)}`,
    ZHITONG_SMTP_PASSWORD: 'smtp-test-password',
    ZHITONG_MAIL_FROM: BUREAU_ADDRESS,
    ZHITONG_MAIL_AUTHSERV_ID: AUTHSERV_ID,
    ZHITONG_MAIL_POLL_SECONDS: '0.5',
    ...env,
  });
  const runner = createTestRunner(t);
  const logger = pino({ level: 'silent' });
  const rig: MailRig = {
    t,
    dovecot,
    sink,
    runner,
    senders: registerChannelSenders(t.config, t.deps, runner, logger, null, o),
    async deliver(raw) {
      await dovecot.append(raw);
      await until(() => dovecot.count('INBOX'), (n) => n === 0);
    },
    async restart(again = {}) {
      await rig.senders.close();
      // A fresh runner: the old one holds the first channel's outbox handlers.
      rig.runner = createTestRunner(t);
      rig.senders = registerChannelSenders(t.config, t.deps, rig.runner, logger, null, again);
      await rig.senders.start();
    },
    async itemsFrom(address) {
      const key = t.deps.blind.index('email', address);
      return (await t.deps.pool.query<{ id: string; claims_case_number: string | null; thread_key: string | null; status: string }>(
        "SELECT id, claims_case_number, thread_key, status FROM intake_items WHERE channel = 'email' AND contact_bidx = $1 ORDER BY created_at, id",
        [key],
      )).rows;
    },
    async inboundOutcomes() {
      return (await t.deps.pool.query<{ outcome: string; reason: string | null }>('SELECT outcome, reason FROM mail_inbound ORDER BY created_at, id')).rows;
    },
    async close() {
      await rig.senders.close();
      await t.close();
      await sink.close();
      await dovecot.stop();
    },
  };
  await rig.senders.start();
  return rig;
}

export interface MailParts {
  readonly from: string;
  readonly to?: string;
  readonly subject?: string;
  readonly text?: string;
  readonly messageId?: string | null;
  readonly headers?: readonly string[];
  /** a whole body with its own Content-Type lines; replaces text */
  readonly mime?: { readonly contentType: string; readonly body: string };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** An RFC 5322 message with a UTF-8 subject (RFC 2047) and a base64 UTF-8 body, CRLF throughout. */
export function rawMail(p: MailParts): string {
  const lines = [
    ...(p.headers ?? []),
    `From: ${p.from}`,
    `To: ${p.to ?? BUREAU_ADDRESS}`,
    `Subject: =?UTF-8?B?${b64(p.subject ?? '反映问题')}?=`,
    'Date: Mon, 2 Mar 2026 10:00:00 +0800',
    ...(p.messageId === null ? [] : [`Message-ID: <${p.messageId ?? `${randomUUID()}@mail.example.cn`}>`]),
    'MIME-Version: 1.0',
  ];
  if (p.mime) lines.push(`Content-Type: ${p.mime.contentType}`, '', p.mime.body);
  else lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(p.text ?? '我要反映派出所办事拖延的问题。'));
  return `${lines.join('\r\n')}\r\n`;
}

export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
