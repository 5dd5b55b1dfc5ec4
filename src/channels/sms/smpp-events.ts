// An SMSC's deliver_sm as one of our events: a delivery receipt (esm_class 0x04), named by the id
// submit_sm_resp gave when we still remember it, or an inbound message with the extension it was
// sent to. Parts of a long inbound message wait in the reassembler until the last one arrives.
import type { Pdu } from 'smpp';
import { toE164 } from './phone.js';
import { concatInfo, decodeMessage, isReceipt, messageStateName, parseReceiptText, type Reassembler, receiptIdCandidates, receiptStatus } from './smpp-pdu.js';
import type { SmsEvent } from './types.js';

export interface DeliverContext {
  /** Our SP number; what follows it in destination_addr is the reply tag. */
  readonly sourceAddr: string;
  /** Every form of a submitted id (see receiptIdCandidates) → the id as submit_sm_resp gave it. */
  readonly submitted: ReadonlyMap<string, string>;
  readonly reassembler: Reassembler;
  readonly now: Date;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function deliverEvent(pdu: Pdu, ctx: DeliverContext): SmsEvent | null {
  const decoded = decodeMessage(pdu.short_message, pdu.data_coding) ?? decodeMessage(pdu.message_payload, pdu.data_coding);
  const at = ctx.now;
  if (isReceipt(pdu.esm_class)) {
    const fields = parseReceiptText(decoded?.text ?? '');
    const reported = str(pdu.receipted_message_id) || fields?.id;
    const stat = messageStateName(pdu.message_state) ?? fields?.stat;
    if (reported === undefined || stat === undefined) return null;
    const ours = receiptIdCandidates(reported).map((c) => ctx.submitted.get(c)).find((x) => x !== undefined);
    const code = fields?.err && fields.err !== '000' ? `${stat}:${fields.err}` : stat;
    return { type: 'delivery', report: { providerMessageId: ours ?? reported, status: receiptStatus(stat), code, at, idempotencyKey: null } };
  }
  const from = toE164(str(pdu.source_addr));
  if (from === null || decoded === null) return null;
  const dest = str(pdu.destination_addr);
  const replyTag = dest.startsWith(ctx.sourceAddr) && dest.length > ctx.sourceAddr.length ? dest.slice(ctx.sourceAddr.length) : null;
  const concat = concatInfo(decoded.udh);
  const text = concat ? ctx.reassembler.add(`${from}:${concat.ref}`, concat, decoded.text, at.getTime()) : decoded.text;
  if (text === null) return null;
  return { type: 'inbound', sms: { from, text, at, replyTag, externalId: null } };
}
