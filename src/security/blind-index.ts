import type { KeyRing } from './keys.js';

// Stored format: 32-byte HMAC-SHA-256(ring.key('blind-index'), UTF-8 kind ‖ 0x00 ‖ normalized value).
// Normalization is part of the stored format: changing it orphans every existing index.

export type BlindIndexKind = 'phone' | 'email' | 'openid' | 'police-number' | 'attachment';

const MAINLAND_MOBILE = /^1[3-9][0-9]{9}$/;

function normalizePhone(value: string): string {
  // NFKC first so full-width digits typed with a Chinese input method count as digits.
  const digits = value.normalize('NFKC').replace(/[^0-9]/g, '');
  if (digits.length === 13 && digits.startsWith('86') && MAINLAND_MOBILE.test(digits.slice(2))) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086') && MAINLAND_MOBILE.test(digits.slice(4))) return digits.slice(4);
  return digits;
}

export function normalizeForIndex(kind: BlindIndexKind, value: string): string {
  switch (kind) {
    case 'phone':
      return normalizePhone(value);
    case 'email':
      return value.normalize('NFKC').trim().toLowerCase();
    case 'police-number':
      return value.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '');
    case 'openid':
      return value.trim();
    case 'attachment':
      return value;
  }
}

export class BlindIndexer {
  readonly #ring: KeyRing;
  readonly #key: Buffer;

  constructor(ring: KeyRing) {
    this.#ring = ring;
    this.#key = ring.key('blind-index');
  }

  index(kind: BlindIndexKind, value: string | Buffer): Buffer {
    let body: Buffer;
    if (typeof value === 'string') {
      const normalized = normalizeForIndex(kind, value);
      // Every unusable input would otherwise share one index value and match each other.
      if (normalized.length === 0) throw new RangeError(`Nothing left to index for ${kind} after normalization`);
      body = Buffer.from(normalized, 'utf8');
    } else {
      // Raw bytes skip normalization, so only attachment fingerprints may arrive as bytes.
      if (kind !== 'attachment') throw new TypeError(`A ${kind} blind index takes a string`);
      body = value;
    }
    const data = Buffer.concat([Buffer.from(kind, 'utf8'), Buffer.from([0]), body]);
    return this.#ring.provider.mac(this.#key, data);
  }
}
