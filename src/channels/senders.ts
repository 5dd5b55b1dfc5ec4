// The channel senders a node runs beside its jobs (issues 6–8): each registers the outbox kinds it delivers
// and lives as long as the job runner. SMS and e-mail exist; WeChat acknowledgements wait. One handler per
// kind can be registered, so the acknowledgement goes through a dispatcher by its delivery.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { JobRunner } from '../jobs/runner.js';
import { errorTag } from '../jobs/errors.js';
import type { Deps } from '../commands/deps.js';
import type { OutboxHandler } from '../jobs/outbox-relay.js';
import type { CodeDelivery } from '../domain/channels.js';
import { byDelivery } from './by-delivery.js';
import { createEmailChannel, type EmailChannelOptions } from './email/channel.js';
import { smsAcknowledgementHandler } from './sms/acknowledgement.js';
import { handleSmsEvent } from './sms/inbound.js';
import { createSmsProvider } from './sms/provider.js';
import type { SmsProvider } from './sms/types.js';

export interface ChannelSenders {
  start(): Promise<void>;
  close(): Promise<void>;
}

export function registerChannelSenders(
  config: Config,
  deps: Deps,
  runner: JobRunner,
  logger: Logger,
  sms: SmsProvider | null = createSmsProvider(config.sms),
  mail: EmailChannelOptions = {},
): ChannelSenders {
  const email = createEmailChannel(config, deps, logger, mail);
  const acknowledgements: Partial<Record<CodeDelivery, OutboxHandler>> = {};
  if (sms !== null) {
    acknowledgements.sms = smsAcknowledgementHandler(sms, { dailyCap: config.sms.dailyCap });
    // Session providers (SMPP) push reports and replies; a rejection makes the SMSC send it again.
    sms.subscribe((event) => handleSmsEvent(deps, sms.name, event));
  }
  if (email.acknowledgement !== null) acknowledgements.email = email.acknowledgement;
  if (Object.keys(acknowledgements).length > 0) runner.registerOutboxHandler('reporter.acknowledgement', byDelivery(acknowledgements));
  if (email.notice !== null) runner.registerOutboxHandler('reporter.notice', email.notice);
  return {
    async start() {
      // An SMSC that is down at start-up must not keep the bureau's server down: sends fail and are retried.
      await sms?.start().catch((err: unknown) => logger.error({ provider: sms.name, err: { type: errorTag(err) } }, 'SMS provider did not start; sends will be retried'));
      // The mailbox reader connects in the background and reconnects with backoff on its own.
      email.reader?.start();
    },
    async close() {
      await sms?.close().catch(() => undefined);
      await email.close().catch(() => undefined);
    },
  };
}
