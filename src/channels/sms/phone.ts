// Phone numbers at the provider edge. Mainland mobiles arrive as 11 digits, with 86 or +86, or
// split into nationcode and mobile; everything inside the platform is E.164.
import { SmsSendError } from './errors.js';
import type { E164 } from './types.js';

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/u;

/** Null when the input is not a plausible number (the caller drops the message as malformed). */
export function toE164(raw: string, nationCode = '86'): E164 | null {
  const digits = raw.replace(/[\s()-]/gu, '');
  if (/^\+[1-9]\d{7,14}$/u.test(digits)) return digits as E164;
  if (/^00[1-9]\d{7,14}$/u.test(digits)) return `+${digits.slice(2)}` as E164;
  if (nationCode === '86') {
    // Mainland SMS come from mobiles; a short code or landline is not a reporter we can answer.
    if (MAINLAND_MOBILE.test(digits)) return `+86${digits}` as E164;
    return /^861[3-9]\d{9}$/u.test(digits) ? (`+${digits}` as E164) : null;
  }
  if (/^[1-9]\d{0,3}$/u.test(nationCode) && /^\d{4,14}$/u.test(digits)) {
    const full = `+${nationCode}${digits}`;
    return /^\+[1-9]\d{7,14}$/u.test(full) ? (full as E164) : null;
  }
  return null;
}

/** Aliyun takes mainland numbers without a prefix and others as country code and number, no `+`. */
export function aliyunNumber(n: E164): string {
  return n.startsWith('+86') ? n.slice(3) : n.slice(1);
}

/** SMPP destination_addr with TON international: the digits without `+`. */
export function smppNumber(n: E164): string {
  return n.slice(1);
}

export function assertReplyTag(tag: string | undefined): void {
  // Digits appended to a sender number whose total the carriers cap at 20 digits.
  if (tag !== undefined && !/^\d{1,6}$/u.test(tag)) throw new SmsSendError('REPLY_TAG_INVALID', false);
}

export function assertIdempotencyKey(key: string): void {
  // 1–64 of [A-Za-z0-9_.:-]: what Aliyun's OutId and Tencent's SessionContext both take.
  if (!/^[A-Za-z0-9_.:-]{1,64}$/u.test(key)) throw new SmsSendError('IDEMPOTENCY_KEY_INVALID', false);
}
