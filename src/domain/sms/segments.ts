// How many billed SMS a text costs (channels.md §4.5): GSM-7 texts fit 160 septets in one SMS and
// 153 per part when concatenated; anything else is UCS-2 with 70 UTF-16 units, 67 per part (the
// concatenation header takes 6 of the 140 octets). The 【signature】 counts, so count the full text.

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reached through the escape septet: two septets each. */
const GSM7_EXTENDED = '^{}\\[~]|€\f';

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SegmentCount {
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number;
  readonly segments: number;
}

export const SEGMENT_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const satisfies Record<SmsEncoding, { single: number; part: number }>;

function gsm7Septets(text: string): number | null {
  let septets = 0;
  for (const ch of text) {
    if (GSM7_BASIC.includes(ch)) septets += 1;
    else if (GSM7_EXTENDED.includes(ch)) septets += 2;
    else return null;
  }
  return septets;
}

export function countSegments(text: string): SegmentCount {
  const septets = gsm7Septets(text);
  const encoding: SmsEncoding = septets === null ? 'ucs2' : 'gsm7';
  const units = septets ?? text.length;
  const limit = SEGMENT_LIMITS[encoding];
  const segments = units <= limit.single ? 1 : Math.ceil(units / limit.part);
  return { encoding, units, segments };
}

/**
 * UCS-2 parts for a concatenated SMS: at most `perPart` UTF-16 units each, never splitting a
 * surrogate pair (a phone shows a broken character otherwise). One part when it fits in one SMS.
 */
export function splitUcs2(text: string, perPart: number = SEGMENT_LIMITS.ucs2.part, single: number = SEGMENT_LIMITS.ucs2.single): string[] {
  if (text.length <= single) return [text];
  const parts: string[] = [];
  let current = '';
  for (const ch of text) {
    if (current.length + ch.length > perPart) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  if (current !== '') parts.push(current);
  return parts;
}
