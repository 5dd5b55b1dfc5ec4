// Pure SMPP 3.4 pieces (channels.md §4.3): splitting a text into submit_sm bodies, reading
// delivery receipts and inbound deliver_sm, and matching receipt ids that SMSCs write in another
// base than their submit_sm_resp.
import { splitUcs2 } from '../../domain/sms/segments.js';
import type { DeliveryStatus } from './types.js';

export const UCS2 = 0x08;
const GBK = 0x0f;
export const ESM_UDHI = 0x40;
const ESM_TYPE_MASK = 0x3c;
const ESM_MC_RECEIPT = 0x04;

export const ESME_RMSGQFUL = 0x14;
export const ESME_RTHROTTLED = 0x58;
/** Worth another try later: queue full, throttled, system error, submit failed, temporary app error. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([ESME_RMSGQFUL, ESME_RTHROTTLED, 0x08, 0x45, 0x64]);

export function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

export interface SubmitBody {
  readonly esm_class: number;
  readonly short_message: Buffer;
  readonly message_payload?: Buffer;
}

/**
 * The submit_sm bodies for one text, always UCS-2 (our texts carry a Chinese signature). Long
 * texts go either as UDH parts of 67 characters (every SMSC) or whole in message_payload (fewer
 * round trips, not every SMSC takes it). `ref` ties UDH parts together on the phone.
 */
export function submitBodies(text: string, mode: 'udh' | 'payload', ref: number): SubmitBody[] {
  const parts = splitUcs2(text);
  if (parts.length === 1) return [{ esm_class: 0, short_message: ucs2(text) }];
  if (mode === 'payload') return [{ esm_class: 0, short_message: Buffer.alloc(0), message_payload: ucs2(text) }];
  return parts.map((part, i) => ({
    esm_class: ESM_UDHI,
    short_message: Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref & 0xff, parts.length, i + 1]), ucs2(part)]),
  }));
}

export function isReceipt(esmClass: unknown): boolean {
  return typeof esmClass === 'number' && (esmClass & ESM_TYPE_MASK) === ESM_MC_RECEIPT;
}

/** The lib decodes short_message into `{ message, udh? }`; GBK (0x0F) it leaves as bytes. */
export interface DecodedMessage {
  readonly text: string;
  readonly udh: readonly Buffer[];
}

export function decodeMessage(value: unknown, dataCoding: unknown): DecodedMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { message?: unknown; udh?: unknown };
  const udh = Array.isArray(v.udh) ? v.udh.filter((u): u is Buffer => Buffer.isBuffer(u)) : [];
  if (typeof v.message === 'string') return { text: v.message, udh };
  if (!Buffer.isBuffer(v.message)) return null;
  const coding = typeof dataCoding === 'number' ? dataCoding & 0x0f : 0;
  const text = coding === GBK ? new TextDecoder('gbk').decode(v.message) : coding === UCS2 ? Buffer.from(v.message.subarray(0, v.message.length & ~1)).swap16().toString('utf16le') : v.message.toString('latin1');
  return { text, udh };
}

export interface ReceiptFields {
  readonly id: string;
  readonly stat: string;
  readonly err: string | null;
}

/** `id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:000 text:…` (SMPP 3.4 appendix B). */
export function parseReceiptText(text: string): ReceiptFields | null {
  const id = /(?:^|\s)id:(\S{1,65})/iu.exec(text)?.[1];
  const stat = /(?:^|\s)stat:([A-Za-z_]{1,16})/iu.exec(text)?.[1];
  if (id === undefined || stat === undefined) return null;
  return { id, stat: stat.toUpperCase(), err: /(?:^|\s)err:([A-Za-z0-9]{1,8})/iu.exec(text)?.[1] ?? null };
}

/** message_state TLV values of SMPP 3.4 §5.3.2.35. */
const MESSAGE_STATES: Readonly<Record<number, string>> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

export function messageStateName(state: unknown): string | null {
  return typeof state === 'number' ? (MESSAGE_STATES[state] ?? null) : null;
}

export function receiptStatus(stat: string): DeliveryStatus {
  if (stat === 'DELIVRD' || stat === 'DELIVERED') return 'delivered';
  if (['EXPIRED', 'DELETED', 'UNDELIV', 'REJECTD', 'REJECTED', 'FAILED'].includes(stat)) return 'failed';
  return 'unknown';
}

/**
 * Forms a message id may take in a receipt: as given, lower-case without leading zeros, and the
 * same number in the other base (SMSCs answer submit_sm in hex and report in decimal, or back).
 */
export function receiptIdCandidates(id: string): string[] {
  const plain = id.trim().toLowerCase().replace(/^0+(?=.)/u, '');
  const out = new Set([plain]);
  if (/^\d{1,30}$/u.test(plain)) out.add(BigInt(plain).toString(16));
  if (/^[0-9a-f]{1,24}$/u.test(plain)) out.add(BigInt(`0x${plain}`).toString(10));
  return [...out];
}

/** Concatenation info of a UDH (8-bit or 16-bit reference), or null for a single message. */
export function concatInfo(udh: readonly Buffer[]): { ref: number; total: number; seq: number } | null {
  for (const ie of udh) {
    if (ie[0] === 0x00 && ie.length >= 5) return { ref: ie[2] ?? 0, total: ie[3] ?? 0, seq: ie[4] ?? 0 };
    if (ie[0] === 0x08 && ie.length >= 6) return { ref: ((ie[2] ?? 0) << 8) | (ie[3] ?? 0), total: ie[4] ?? 0, seq: ie[5] ?? 0 };
  }
  return null;
}

/** Parts of inbound long messages until the last arrives; a part set older than `ttlMs` is dropped. */
export class Reassembler {
  private readonly pending = new Map<string, { parts: Map<number, string>; total: number; since: number }>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  /** The whole text once every part is in, else null. */
  add(key: string, info: { total: number; seq: number }, text: string, now: number): string | null {
    for (const [k, p] of this.pending) if (now - p.since > this.ttlMs) this.pending.delete(k);
    if (info.total < 2 || info.seq < 1 || info.seq > info.total) return text;
    const id = `${key}:${info.total}`;
    const entry = this.pending.get(id) ?? { parts: new Map<number, string>(), total: info.total, since: now };
    entry.parts.set(info.seq, text);
    this.pending.set(id, entry);
    if (entry.parts.size < entry.total) return null;
    this.pending.delete(id);
    return [...entry.parts.entries()].sort(([a], [b]) => a - b).map(([, t]) => t).join('');
  }

  get size(): number {
    return this.pending.size;
  }
}
