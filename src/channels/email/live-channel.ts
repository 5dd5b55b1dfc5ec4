// The e-mail channel following the settings in force (issue 7): when the sysadmin saves other mail
// settings, the reader and sender built from the old ones are closed and new ones take over, without a
// restart. The outbox handlers registered once pass each row to the current sender; with none, the row
// waits untried (DeliveryDeferred), as before a sender was configured.
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Deps } from '../../commands/deps.js';
import { DeliveryDeferred, type OutboxHandler } from '../../jobs/outbox-relay.js';
import type { LiveChannelSettings } from '../settings/live.js';
import { createEmailChannel, type EmailChannel, type EmailChannelOptions } from './channel.js';

export interface LiveEmailChannel {
  readonly acknowledgement: OutboxHandler;
  readonly notice: OutboxHandler;
  /** The channel now in force (tests look at its reader). */
  current(): EmailChannel;
  start(): void;
  close(): Promise<void>;
}

export function createLiveEmailChannel(config: Config, deps: Deps, logger: Logger, o: EmailChannelOptions, live: LiveChannelSettings): LiveEmailChannel {
  const build = (): EmailChannel => createEmailChannel({ ...config, mail: live.mail }, deps, logger, o);
  let key = JSON.stringify(live.mail);
  let current = build();
  let started = false;
  live.onChange(async () => {
    const next = JSON.stringify(live.mail);
    if (next === key) return;
    key = next;
    const old = current;
    // The old reader lets go of the mailbox (and its lock) before the new one connects.
    await old.close().catch(() => undefined);
    current = build();
    if (started) current.reader?.start();
    logger.info({ imap: live.mail.imap !== null, smtp: live.mail.smtp !== null }, 'e-mail settings changed; the channel was restarted');
  });
  const via =
    (pick: (c: EmailChannel) => OutboxHandler | null): OutboxHandler =>
    async (message, ctx) => {
      const handler = pick(current);
      if (handler === null) throw new DeliveryDeferred('no e-mail sender');
      await handler(message, ctx);
    };
  return {
    acknowledgement: via((c) => c.acknowledgement),
    notice: via((c) => c.notice),
    current: () => current,
    start() {
      started = true;
      current.reader?.start();
    },
    async close() {
      started = false;
      await current.close();
    },
  };
}
