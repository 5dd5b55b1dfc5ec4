// Keyed digests for the audit trail: of a case row after a change, and of each audit row in the chain.
import type { KeyRing } from './keys.js';
import { defaultProvider } from './crypto-provider.js';

export function caseDigest(ring: KeyRing, canonicalCase: Buffer): Buffer {
  return defaultProvider.mac(ring.key('audit-chain'), Buffer.concat([Buffer.from('case-digest\u0000'), canonicalCase]));
}

/** The next chain head: HMAC(key, previous head ‖ canonical row). */
export function chainStep(ring: KeyRing, prevHead: Buffer, canonicalRow: Buffer): Buffer {
  return defaultProvider.mac(ring.key('audit-chain'), Buffer.concat([Buffer.from('audit-row\u0000'), prevHead, canonicalRow]));
}

export const GENESIS_HEAD = Buffer.alloc(32);

/** A short keyed tag of one audit row, kept in its seal to point at the first altered record. */
export function rowTag(ring: KeyRing, canonicalRow: Buffer): Buffer {
  return defaultProvider.mac(ring.key('audit-chain'), Buffer.concat([Buffer.from('audit-tag\u0000'), canonicalRow])).subarray(0, 8);
}
