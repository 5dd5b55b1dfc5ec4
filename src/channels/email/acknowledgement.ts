// The acknowledgement by e-mail (issue 7): a reporter whose mail a clerk registered gets the case number
// and the query code at the address the mail came from (stored on the case; never a Reply-To). It is
// automatic mail: Auto-Submitted and a null envelope sender, In-Reply-To their mail, and at most one per
// address per period (RFC 3834 §2) — a second case's acknowledgement waits for the period, never lost.
// A reissued code (补发查询码, `reporter.query_code`) goes the same way, at once: a clerk gave it out.
import { uuidv7 } from '../../commands/ids.js';
import { renderAcknowledgement, renderReissuedCode } from '../../domain/email/render.js';
import type { Mac } from '../../domain/email/signed-ids.js';
import { DeliveryDeferred, type OutboxHandler } from '../../jobs/outbox-relay.js';
import { alreadySent, bureauName, conversationOf, idsFor, recordSent, reporterAddress } from './outbound.js';
import { MailSendError, type MailSender } from './smtp.js';

export interface MailAckOptions {
  readonly mac: Mac;
  readonly ackPeriodMs: number;
  /** the public tracking page, without any code */
  readonly trackUrl: string;
}

const KIND = 'reporter.acknowledgement';
const REISSUE_KIND = 'reporter.query_code';

export function emailAcknowledgementHandler(sender: MailSender, o: MailAckOptions): OutboxHandler {
  return async (message, { deps }) => {
    if (message.caseId === null) throw new MailSendError('NO_CASE', false);
    const facts = await reporterAddress(deps, message.caseId);
    // Already erased: an earlier attempt was delivered and this one only lost its answer.
    if (facts === null || facts.queryCodeEnc === null || (await alreadySent(deps.pool, message.id))) return;
    if (facts.address === null) throw new MailSendError('NO_ADDRESS', false);
    const toKey = deps.blind.index('email', facts.address);
    const now = deps.clock.now();
    const reissue = message.kind === REISSUE_KIND;
    if (!reissue) {
      const recent = await deps.pool.query('SELECT 1 FROM mail_outbound WHERE to_key = $1 AND kind = $2 AND sent_at > $3 LIMIT 1', [toKey, KIND, new Date(now.getTime() - o.ackPeriodMs)]);
      if (recent.rowCount !== 0) throw new DeliveryDeferred('one acknowledgement per address per period');
    }
    const queryCode = deps.cipher.decryptText({ table: 'cases', column: 'query_code_enc', rowId: message.caseId }, facts.queryCodeEnc);
    const id = uuidv7(now.getTime());
    const ids = idsFor(o.mac, id, sender.from);
    const mailFacts = { bureau: await bureauName(deps), caseNumber: facts.caseNumber, queryCode, trackUrl: o.trackUrl };
    const mail = reissue ? renderReissuedCode(mailFacts) : renderAcknowledgement(mailFacts);
    await sender.send({
      to: facts.address,
      ...mail,
      messageId: ids.messageId,
      references: await conversationOf(deps, message.caseId, o.mac, sender.from),
      automatic: true,
      verp: null,
    });
    await recordSent(deps, { id, outboxId: message.id, caseId: message.caseId, kind: reissue ? REISSUE_KIND : KIND, toKey, automatic: true, at: now });
  };
}
