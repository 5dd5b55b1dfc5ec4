// The e-mail channel on a node (issue 7): the senders registered with the outbox relay, and the mailbox
// reader started and stopped with the job runner.
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Deps } from '../../commands/deps.js';
import type { OutboxHandler } from '../../jobs/outbox-relay.js';
import { emailAcknowledgementHandler } from './acknowledgement.js';
import { ImapWorker, type ImapWorkerOptions } from './imap-worker.js';
import { messageIdMac } from './keys.js';
import { emailNoticeHandler } from './notice.js';
import { receiveMail } from './receive.js';
import { createMailSender, type MailSender } from './smtp.js';

export interface EmailChannel {
  /** null: no SMTP configured, acknowledgements by e-mail wait */
  readonly acknowledgement: OutboxHandler | null;
  readonly notice: OutboxHandler | null;
  readonly reader: ImapWorker | null;
  close(): Promise<void>;
}

export interface EmailChannelOptions {
  readonly sender?: MailSender | null;
  readonly afterCommit?: ImapWorkerOptions['afterCommit'];
}

export function createEmailChannel(config: Config, deps: Deps, logger: Logger, o: EmailChannelOptions = {}): EmailChannel {
  const mail = config.mail;
  const mac = messageIdMac(deps.ring);
  const sender = o.sender === undefined ? createMailSender(mail) : o.sender;
  const trackUrl = new URL('/track', config.publicUrl).href;
  const from = mail.from;
  const reader =
    mail.imap === null || from === null
      ? null
      : new ImapWorker({
          config: mail,
          deps,
          logger,
          afterCommit: o.afterCommit,
          receive: (raw, meta) =>
            receiveMail({ deps, mac, from, authservId: mail.authservId, floodPerHour: mail.floodPerHour, fileOptions: config.uploads }, raw, meta),
        });
  return {
    acknowledgement: sender === null ? null : emailAcknowledgementHandler(sender, { mac, ackPeriodMs: mail.ackPeriodMs, trackUrl }),
    notice: sender === null ? null : emailNoticeHandler(sender, { mac, trackUrl }),
    reader,
    async close() {
      await reader?.stop();
      sender?.close();
    },
  };
}
