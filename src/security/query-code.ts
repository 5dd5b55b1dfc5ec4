import { randomInt } from 'node:crypto';
import type { KeyRing } from './keys.js';

// Stored format: 32-byte HMAC-SHA-256(ring.key('query-code'), UTF-8 of the 10 digits); the code itself is never stored.

const CODE_SPACE = 10_000_000_000;
const CODE_SHAPE = /^[0-9]{10}$/;

export function generateQueryCode(): string {
  // randomInt is uniform (no modulo bias) and 10^10 is within its 2^48 range.
  return randomInt(0, CODE_SPACE).toString().padStart(10, '0');
}

export function isQueryCodeShape(s: unknown): s is string {
  return typeof s === 'string' && CODE_SHAPE.test(s);
}

export class QueryCodeHasher {
  readonly #ring: KeyRing;
  readonly #key: Buffer;

  constructor(ring: KeyRing) {
    this.#ring = ring;
    this.#key = ring.key('query-code');
  }

  hash(code: string): Buffer {
    return this.#ring.provider.mac(this.#key, Buffer.from(code, 'utf8'));
  }
}
