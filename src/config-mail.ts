// The e-mail part of the configuration (issue 7), beside config.ts, which alone reads process.env and
// hands the parsed values here. Mail travels over TLS (implicit or STARTTLS, certificates checked); a
// plaintext `imap://` or `smtp://` is accepted only for a loopback host, and then counts as a
// test-and-demo switch (DESIGN §7.4). The Message-ID and VERP signatures use the key ring's
// `message-id` purpose key, so there is no separate secret to configure.
import { z } from 'zod';

/** Secrets of this part: each may come from `NAME_FILE` and leaves process.env once read. */
export const MAIL_SECRET_NAMES = ['ZHITONG_IMAP_PASSWORD', 'ZHITONG_SMTP_PASSWORD'] as const;

export const mailEnvShape = {
  /** imaps://user@host:993/INBOX (imap:// upgrades with STARTTLS, or stays plaintext on loopback only) */
  ZHITONG_IMAP_URL: z.string().max(1000).optional(),
  ZHITONG_IMAP_PASSWORD: z.string().min(1).max(1000).optional(),
  /** A PEM file of the CA that signed the mail servers' certificates (a bureau's own CA). */
  ZHITONG_IMAP_CA_FILE: z.string().min(1).optional(),
  /** smtps://user@host:465 or smtp://user@host:587 (STARTTLS required, plaintext on loopback only) */
  ZHITONG_SMTP_URL: z.string().max(1000).optional(),
  ZHITONG_SMTP_PASSWORD: z.string().min(1).max(1000).optional(),
  ZHITONG_MAIL_FROM: z.email().max(254).optional(),
  /** The authserv-id of the bureau's own mail server's Authentication-Results header; unset: never trusted. */
  ZHITONG_MAIL_AUTHSERV_ID: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/u).optional(),
  // eslint-disable-next-line no-control-regex -- control characters and IMAP wildcards are refused in a folder name
  ZHITONG_MAIL_PROCESSED_FOLDER: z.string().min(1).max(200).regex(/^[^\u0000-\u001f*%]+$/u).default('Processed'),
  ZHITONG_MAIL_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  ZHITONG_MAIL_POLL_SECONDS: z.coerce.number().min(0.2).max(3600).default(60),
  /** Hours after an acknowledgement to an address before the next one goes to it (RFC 3834 §2). */
  ZHITONG_MAIL_ACK_PERIOD_HOURS: z.coerce.number().int().min(0).max(24 * 30).default(24),
  /** Messages from one sender in an hour before the rest are grouped as a flood. */
  ZHITONG_MAIL_FLOOD_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
};

type MailEnv = z.output<z.ZodObject<typeof mailEnvShape>>;

export interface MailServer {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (imaps, smtps). */
  readonly implicitTls: boolean;
  /** false only for a plaintext connection to a loopback host. */
  readonly requireTls: boolean;
  readonly user: string;
  readonly password: string;
}

export interface MailConfig {
  readonly imap: (MailServer & { readonly mailbox: string }) | null;
  readonly smtp: MailServer | null;
  /** PEM text of an extra CA, for both servers. */
  readonly ca: string | null;
  readonly from: string | null;
  readonly authservId: string | null;
  readonly processedFolder: string;
  readonly retentionMs: number;
  readonly pollMs: number;
  readonly ackPeriodMs: number;
  readonly floodPerHour: number;
}

export class MailConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/u;

function server(raw: string, name: string, password: string | undefined, kind: 'imap' | 'smtp'): MailServer & { readonly path: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MailConfigError(`${name} is not a URL.`);
  }
  const secure = `${kind}s:`;
  if (url.protocol !== secure && url.protocol !== `${kind}:`) throw new MailConfigError(`${name} must start with ${kind}s:// or ${kind}://.`);
  // A password in the URL would end up in logs and process listings; it has its own setting.
  if (url.password !== '') throw new MailConfigError(`${name} must not carry a password; use ${name.replace('_URL', '_PASSWORD')}.`);
  const user = decodeURIComponent(url.username);
  if (user === '') throw new MailConfigError(`${name} must name the user, as ${kind}s://user@host.`);
  if (password === undefined) throw new MailConfigError(`${name.replace('_URL', '_PASSWORD')} is required with ${name}.`);
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  const implicitTls = url.protocol === secure;
  const defaultPort = kind === 'imap' ? (implicitTls ? 993 : 143) : implicitTls ? 465 : 587;
  return {
    host,
    port: url.port === '' ? defaultPort : Number(url.port),
    implicitTls,
    requireTls: implicitTls || !LOOPBACK.test(host),
    user,
    password,
    path: decodeURIComponent(url.pathname.replace(/^\//u, '')),
  };
}

export function mailConfigFrom(e: MailEnv, readCa: (file: string) => string): MailConfig {
  const imapUrl = e.ZHITONG_IMAP_URL;
  const imap = imapUrl === undefined ? null : server(imapUrl, 'ZHITONG_IMAP_URL', e.ZHITONG_IMAP_PASSWORD, 'imap');
  const smtp = e.ZHITONG_SMTP_URL === undefined ? null : server(e.ZHITONG_SMTP_URL, 'ZHITONG_SMTP_URL', e.ZHITONG_SMTP_PASSWORD, 'smtp');
  const from = e.ZHITONG_MAIL_FROM ?? null;
  // Replies and acknowledgements need our own address for the Message-ID domain and loop checks.
  if ((imap !== null || smtp !== null) && from === null) throw new MailConfigError('ZHITONG_MAIL_FROM is required with ZHITONG_IMAP_URL or ZHITONG_SMTP_URL.');
  const mailbox = imap === null ? '' : imap.path === '' ? 'INBOX' : imap.path;
  if (imap !== null && mailbox === e.ZHITONG_MAIL_PROCESSED_FOLDER) throw new MailConfigError('ZHITONG_MAIL_PROCESSED_FOLDER must differ from the mailbox read.');
  let ca: string | null = null;
  if (e.ZHITONG_IMAP_CA_FILE !== undefined) {
    ca = readCa(e.ZHITONG_IMAP_CA_FILE);
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new MailConfigError('ZHITONG_IMAP_CA_FILE must be a PEM certificate file.');
  }
  return {
    imap: imap === null ? null : { host: imap.host, port: imap.port, implicitTls: imap.implicitTls, requireTls: imap.requireTls, user: imap.user, password: imap.password, mailbox },
    smtp: smtp === null ? null : { host: smtp.host, port: smtp.port, implicitTls: smtp.implicitTls, requireTls: smtp.requireTls, user: smtp.user, password: smtp.password },
    ca,
    from,
    authservId: e.ZHITONG_MAIL_AUTHSERV_ID?.toLowerCase() ?? null,
    processedFolder: e.ZHITONG_MAIL_PROCESSED_FOLDER,
    retentionMs: e.ZHITONG_MAIL_RETENTION_DAYS * 86_400_000,
    pollMs: Math.round(e.ZHITONG_MAIL_POLL_SECONDS * 1000),
    ackPeriodMs: e.ZHITONG_MAIL_ACK_PERIOD_HOURS * 3_600_000,
    floodPerHour: e.ZHITONG_MAIL_FLOOD_PER_HOUR,
  };
}

/** Plaintext mail to a loopback server: a test-and-demo switch. */
export function mailWeakenedSwitches(c: MailConfig): string[] {
  const weak: string[] = [];
  if (c.imap && !c.imap.requireTls) weak.push('ZHITONG_IMAP_URL=plaintext');
  if (c.smtp && !c.smtp.requireTls) weak.push('ZHITONG_SMTP_URL=plaintext');
  return weak;
}
