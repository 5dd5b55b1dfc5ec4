// The acknowledgement by text message (issue 6, DESIGN §7.4): a real-name reporter whose code is not shown
// to a clerk gets the case number and the query code on their phone. The number and the code are decrypted
// here, at send time, and go only to the provider; the sent row keeps the number's blind index, never the
// number or the text. After the relay marks the row delivered it erases the readable copy of the code.
// A reissued code (补发查询码, `reporter.query_code`) goes the same way with its own template.
import { DeliveryDeferred, type OutboxHandler } from '../../jobs/outbox-relay.js';
import { SmsSendError } from './errors.js';
import { toE164 } from './phone.js';
import { assertUnderDailyCap, recordSent } from './send-log.js';
import type { SmsProvider } from './types.js';

interface AckFacts {
  readonly case_number: string;
  readonly query_code_enc: Buffer | null;
  readonly reporter_id: string | null;
  readonly phone_enc: Buffer | null;
}

/** Messages to one number in the bureau's day before it is refused (DESIGN §7.4 quotas; issue 6). */
export interface SmsAckOptions {
  readonly dailyCap: number;
}

export function smsAcknowledgementHandler(provider: SmsProvider, options: SmsAckOptions): OutboxHandler {
  return async (message, ctx) => {
    // byDelivery hands this sender SMS rows only; a stray row is one of another channel's.
    if ((message.payload as { delivery?: unknown }).delivery !== 'sms') throw new DeliveryDeferred('not an SMS acknowledgement');
    const { deps } = ctx;
    if (message.caseId === null) throw new SmsSendError('NO_CASE', false);
    const facts = (
      await deps.pool.query<AckFacts>(
        `SELECT c.case_number, c.query_code_enc, r.id::text AS reporter_id, r.phone_enc
           FROM cases c LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = $1`,
        [message.caseId],
      )
    ).rows[0];
    // Already erased: an earlier attempt was delivered and this one only lost its answer.
    if (facts?.query_code_enc === null || facts === undefined) return;
    // Permanent: no number to send to (a dead letter the centre sees, never retried).
    if (facts.reporter_id === null || facts.phone_enc === null) throw new SmsSendError('NO_PHONE', false);
    const phone = deps.cipher.decryptText({ table: 'reporters', column: 'phone_enc', rowId: facts.reporter_id }, facts.phone_enc);
    const to = toE164(phone);
    if (to === null) throw new SmsSendError('NOT_A_MOBILE', false);
    const phoneKey = deps.blind.index('phone', to);
    await assertUnderDailyCap(deps.pool, deps, phoneKey, options.dailyCap);
    // Idempotent with the provider where it supports it (Aliyun out_id): the outbox row's id.
    const queryCode = deps.cipher.decryptText({ table: 'cases', column: 'query_code_enc', rowId: message.caseId }, facts.query_code_enc);
    const template = message.kind === 'reporter.query_code' ? 'reporter.query_code' : 'reporter.acknowledgement';
    const sent = await provider.send({
      to,
      template: { key: template, params: { caseNumber: facts.case_number, queryCode } },
      idempotencyKey: `outbox-${message.id}`,
    });
    await recordSent(deps, provider, { outboxId: message.id, caseId: message.caseId, phoneKey, template }, sent);
  };
}
