// Notices to a reporter acknowledged by SMS (issue 6): the extension (with the new public deadline) and the
// reply, through their approved templates; other notices have no approved text and stay on the portal.
import { smsTemplateForNotice } from '../../domain/reporter-notices.js';
import type { OutboxHandler } from '../../jobs/outbox-relay.js';
import { SmsSendError } from './errors.js';
import { toE164 } from './phone.js';
import { alreadySent, assertUnderDailyCap, recordSent } from './send-log.js';
import type { SmsProvider } from './types.js';

export function smsNoticeHandler(provider: SmsProvider, options: { readonly dailyCap: number }): OutboxHandler {
  return async (message, { deps }) => {
    if (message.caseId === null) throw new SmsSendError('NO_CASE', false);
    const notice = (message.payload as { notice?: unknown }).notice;
    const template = smsTemplateForNotice(typeof notice === 'string' ? notice : '');
    if (template === null || (await alreadySent(deps, message.id))) return;
    const facts = (
      await deps.pool.query<{ case_number: string; public_due: string | null; reporter_id: string | null; phone_enc: Buffer | null }>(
        'SELECT c.case_number, c.public_due::text AS public_due, r.id::text AS reporter_id, r.phone_enc FROM cases c LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = $1',
        [message.caseId],
      )
    ).rows[0];
    if (facts?.reporter_id == null || facts.phone_enc === null) throw new SmsSendError('NO_PHONE', false);
    const params: Record<string, string> = { caseNumber: facts.case_number };
    if (template === 'reporter.extension') {
      if (facts.public_due === null) throw new SmsSendError('NO_DUE_DATE', false);
      params.dueDate = facts.public_due;
    }
    const to = toE164(deps.cipher.decryptText({ table: 'reporters', column: 'phone_enc', rowId: facts.reporter_id }, facts.phone_enc));
    if (to === null) throw new SmsSendError('NOT_A_MOBILE', false);
    const phoneKey = deps.blind.index('phone', to);
    await assertUnderDailyCap(deps.pool, deps, phoneKey, options.dailyCap);
    const sent = await provider.send({ to, template: { key: template, params }, idempotencyKey: `outbox-${message.id}` });
    await recordSent(deps, provider, { outboxId: message.id, caseId: message.caseId, phoneKey, template }, sent);
  };
}
