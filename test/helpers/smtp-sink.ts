// An in-process SMTP server (npm smtp-server) that keeps what arrives: the envelope as the client gave
// it and the raw message, for the e-mail tests (issue 7).
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  /** MAIL FROM as given: '' for a null sender */
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
}

export interface SmtpSink {
  readonly port: number;
  readonly received: Received[];
  /** The next message to arrive for this address, waited for. */
  next(to: string, after?: number, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        simpleParser(raw)
          .then((parsed) => {
            received.push({ mailFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
            cb();
          })
          .catch((err: unknown) => cb(err as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    async next(to, after = 0, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.slice(after).find((r) => r.rcptTo.includes(to));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail for ${to} arrived`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
