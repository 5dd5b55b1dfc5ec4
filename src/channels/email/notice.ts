// Notices to a reporter by e-mail (issue 7): the extension, the reply and the other steps the case
// actions announce (`reporter.notice`), for cases whose acknowledgement went by e-mail. They follow a
// person's decision, so they are not automatic: no Auto-Submitted, and a VERP envelope sender, so a
// bounce marks the mail failed. Other cases' notices wait for their own channel's sender.
import { uuidv7 } from '../../commands/ids.js';
import { renderNotice } from '../../domain/email/render.js';
import type { Mac } from '../../domain/email/signed-ids.js';
import { DeliveryDeferred, type OutboxHandler } from '../../jobs/outbox-relay.js';
import { acknowledgedBy } from '../acknowledged-by.js';
import { alreadySent, bureauName, conversationOf, idsFor, recordSent, reporterAddress } from './outbound.js';
import { MailSendError, type MailSender } from './smtp.js';

export interface MailNoticeOptions {
  readonly mac: Mac;
  readonly trackUrl: string;
}

export function emailNoticeHandler(sender: MailSender, o: MailNoticeOptions): OutboxHandler {
  return async (message, { deps }) => {
    if (message.caseId === null) throw new MailSendError('NO_CASE', false);
    const delivery = await acknowledgedBy(deps, message.caseId);
    if (delivery !== 'email') throw new DeliveryDeferred(`no sender for ${String(delivery)}`);
    if (await alreadySent(deps.pool, message.id)) return;
    const facts = await reporterAddress(deps, message.caseId);
    if (facts?.address == null) throw new MailSendError('NO_ADDRESS', false);
    const notice = (message.payload as { notice?: unknown }).notice;
    const now = deps.clock.now();
    const id = uuidv7(now.getTime());
    const ids = idsFor(o.mac, id, sender.from);
    await sender.send({
      to: facts.address,
      ...renderNotice(await bureauName(deps), facts.caseNumber, typeof notice === 'string' ? notice : '', o.trackUrl),
      messageId: ids.messageId,
      references: await conversationOf(deps, message.caseId, o.mac, sender.from),
      automatic: false,
      verp: ids.verp,
    });
    await recordSent(deps, { id, outboxId: message.id, caseId: message.caseId, kind: 'reporter.notice', toKey: deps.blind.index('email', facts.address), automatic: false, at: now });
  };
}
