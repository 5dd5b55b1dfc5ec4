// What a carrier pushes back (issue 6): delivery reports update the sent message's row; a text from a
// phone answers a follow-up question, or becomes an inbox item (channel `sms`) exactly once, so a clerk
// registers it or marks it invalid.
// Nothing a person texted is acknowledged to the carrier before it is stored (the SMPP provider answers
// the SMSC only after this resolves).
import { ingestIntakeMessage } from '../../commands/intake/ingest-message.js';
import type { Deps } from '../../commands/deps.js';
import { recordSmsFollowUp } from '../../commands/record-sms-follow-up.js';
import { parseFollowupReply } from '../../domain/sms/followup-reply.js';
import { hashToken } from '../../security/tokens.js';
import { receiptIdCandidates } from './smpp-pdu.js';
import type { DeliveryReport, InboundSms, SmsEvent } from './types.js';

/** The report's message is found by any of its ids (SMPP ids come back in decimal or hex); a failed part fails the message. */
export async function recordDeliveryReport(deps: Deps, provider: string, report: DeliveryReport): Promise<boolean> {
  const ids = [...new Set([report.providerMessageId, ...receiptIdCandidates(report.providerMessageId)])];
  const r = await deps.pool.query(
    `UPDATE sms_messages SET
       status = CASE WHEN status = 'failed' OR $2 = 'failed' THEN 'failed' WHEN $2 = 'delivered' THEN 'delivered' ELSE status END,
       status_code = $3, status_at = $4
     WHERE provider = $1 AND provider_message_ids && $5::text[]`,
    [provider, report.status, report.code.slice(0, 40), report.at, ids],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Redeliveries of one text come within minutes (the carrier got no answer); the same words again later are a new text. */
const REDELIVERY_WINDOW_MS = 10 * 60_000;

/**
 * A text that carries no id of its own (SMPP, Tencent replies) is keyed by who sent what in which
 * ten-minute window, under a secret key, since the key is stored in clear. The arrival time is ours, so a
 * redelivery differs from the first only by seconds; the same words sent twice in one window count once.
 */
export function inboundExternalId(deps: Deps, sms: InboundSms): string {
  if (sms.externalId !== null) return sms.externalId;
  const window = Math.floor(sms.at.getTime() / REDELIVERY_WINDOW_MS);
  return hashToken(deps.ring, 'idempotency', `sms-inbound\u0000${sms.from}\u0000${String(window)}\u0000${sms.text}`).toString('hex');
}

/**
 * An answer to a follow-up question is recorded on its case (src/commands/record-sms-follow-up.ts); every
 * other text, and an answer no open question fits, becomes an inbox item as before.
 */
export async function ingestInboundSms(deps: Deps, sms: InboundSms): Promise<void> {
  const externalId = inboundExternalId(deps, sms);
  const rating = parseFollowupReply(sms.text);
  // The window is measured on our clock, which stamped the question; a carrier's time may be skewed.
  if (rating !== null) {
    const outcome = await recordSmsFollowUp(deps, { phoneKey: deps.blind.index('phone', sms.from), replyTag: sms.replyTag, at: deps.clock.now(), rating, inboundKey: externalId });
    if (outcome !== 'unmatched') return;
  }
  await ingestIntakeMessage(deps, {
    channel: 'sms',
    externalId,
    receivedAt: sms.at,
    contact: sms.from,
    text: sms.text,
    ...(sms.replyTag === null ? {} : { details: { replyTag: sms.replyTag } }),
    attachments: [],
  });
}

/**
 * An SMSC may send a receipt before the relay has logged the message its submit_sm_resp named (the log
 * is written once the send returns): such a receipt is tried again a few times in the background rather
 * than dropped, so the message does not stay "sent" for ever.
 */
export const EARLY_RECEIPT_RETRIES_MS: readonly number[] = [250, 1_000, 3_000, 10_000, 30_000];

function retryEarlyReceipt(deps: Deps, provider: string, report: DeliveryReport, waits: readonly number[]): void {
  const [wait, ...rest] = waits;
  if (wait === undefined) return;
  const timer = setTimeout(() => {
    recordDeliveryReport(deps, provider, report).then(
      (matched) => { if (!matched) retryEarlyReceipt(deps, provider, report, rest); },
      () => retryEarlyReceipt(deps, provider, report, rest),
    );
  }, wait);
  // A receipt is worth a retry, not worth keeping a stopping process alive for.
  timer.unref();
}

export async function handleSmsEvent(deps: Deps, provider: string, event: SmsEvent, retries: readonly number[] = EARLY_RECEIPT_RETRIES_MS): Promise<void> {
  if (event.type === 'delivery') {
    if (!(await recordDeliveryReport(deps, provider, event.report))) retryEarlyReceipt(deps, provider, event.report, retries);
  } else await ingestInboundSms(deps, event.sms);
}
