import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './keys.js';

// Fewer than 128 bits would make a session or CSRF token guessable at scale.
const MIN_TOKEN_BYTES = 16;

export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES) throw new RangeError(`A random token needs at least ${MIN_TOKEN_BYTES} bytes`);
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(ring: KeyRing, purpose: 'session' | 'csrf' | 'idempotency' | 'rate-limit', token: string): Buffer {
  return ring.provider.mac(ring.key(purpose), Buffer.from(token, 'utf8'));
}

export function timingSafeEqualStr(a: string, b: string): boolean {
  // Hashing first gives equal-length inputs, so neither the length nor the first differing byte leaks through timing.
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}
