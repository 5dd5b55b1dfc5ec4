// Mail out through nodemailer (issue 7, channels.md §2.3): text/plain only, our signed Message-ID,
// In-Reply-To/References to the reporter's message. Automatic mail (the acknowledgement) carries
// `Auto-Submitted: auto-replied` and a null envelope sender, so no robot answers it and no bounce
// comes back; other mail has a VERP envelope sender whose bounce finds it. TLS is required (implicit or
// STARTTLS) unless the operator chose plaintext to a loopback server.
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { MailConfig, MailServer } from '../../config-mail.js';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** without angle brackets */
  readonly messageId: string;
  /** ids of the conversation, oldest first, without angle brackets; the last is the parent */
  readonly references: readonly string[];
  readonly automatic: boolean;
  /** the envelope sender of a mail that is not automatic */
  readonly verp: string | null;
}

/** A send refused for good (the server rejected the recipient, or a rule of ours): a dead letter at once. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(code);
  }
}

export interface MailSender {
  readonly from: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Where and how to reach the SMTP server: one place for the TLS rules, shared by sending and 测试连接. */
export function smtpConnection(smtp: MailServer, ca: string | null): SMTPTransport.Options {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.implicitTls,
    requireTLS: !smtp.implicitTls && smtp.requireTls,
    ignoreTLS: !smtp.requireTls,
    auth: { user: smtp.user, pass: smtp.password },
    tls: { rejectUnauthorized: true, ...(ca === null ? {} : { ca }) },
  };
}

export function createMailSender(c: MailConfig): MailSender | null {
  const smtp = c.smtp;
  if (smtp === null || c.from === null) return null;
  const from = c.from;
  const transport: Transporter = nodemailer.createTransport({
    ...smtpConnection(smtp, c.ca),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    from,
    async send(mail) {
      const parent = mail.references.at(-1);
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: `<${mail.messageId}>`,
          ...(parent === undefined ? {} : { inReplyTo: `<${parent}>`, references: mail.references.map((r) => `<${r}>`) }),
          headers: mail.automatic ? { 'Auto-Submitted': 'auto-replied' } : {},
          envelope: { from: mail.automatic ? '' : (mail.verp ?? from), to: [mail.to] },
          textEncoding: 'base64',
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (err) {
        // A permanent SMTP refusal (5xx) of the recipient will not change by sending again.
        const code = (err as { responseCode?: unknown }).responseCode;
        if (typeof code === 'number' && code >= 550 && code <= 554) throw new MailSendError(`SMTP_${String(code)}`, false);
        throw err;
      }
    },
    close() {
      transport.close();
    },
  };
}
