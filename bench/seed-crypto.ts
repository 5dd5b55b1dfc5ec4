// Speed-ups for generating a million cases that change nothing in what is stored: random bytes drawn
// from a pooled CSPRNG buffer instead of one system call per nonce or id, and the keyed token of each
// word remembered (the HMAC of a word never changes under one key). Encryption, blind indexes and
// tokens are still computed by Zhitong's own classes with the installation's key.
import { randomFillSync } from 'node:crypto';
import { defaultProvider, type CryptoProvider } from '../src/security/crypto-provider.js';
import { SearchTokenizer } from '../src/security/search-tokens.js';

const POOL_BYTES = 64 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let at = POOL_BYTES;

function take(n: number): Buffer {
  if (at + n > POOL_BYTES) {
    randomFillSync(pool);
    at = 0;
  }
  const out = Buffer.allocUnsafe(n);
  pool.copy(out, 0, at, at + n);
  at += n;
  return out;
}

export const pooledProvider: CryptoProvider = { ...defaultProvider, randomBytes: take };

/** Same layout as src/commands/ids.ts (RFC 9562 v7), from the pool. */
export function uuidv7(now: number): string {
  const b = take(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class MemoTokenizer extends SearchTokenizer {
  readonly #memo = new Map<string, string>();

  override token(word: string): string {
    let t = this.#memo.get(word);
    if (t === undefined) {
      t = super.token(word);
      if (this.#memo.size < 200_000) this.#memo.set(word, t);
    }
    return t;
  }
}
