// Proof-of-work for public writes (DESIGN §7.4): ALTCHA challenges signed with a purpose key,
// each accepted once and expiring within 10 minutes.
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { defaultProvider } from './crypto-provider.js';
import type { KeyRing } from './keys.js';

export const POW_TTL_MS = 10 * 60 * 1000;

export async function issueChallenge(ring: KeyRing, maxNumber: number, now: Date): Promise<Challenge> {
  return createChallenge({
    hmacKey: ring.key('pow').toString('hex'),
    maxnumber: maxNumber,
    algorithm: 'SHA-256',
    expires: new Date(now.getTime() + POW_TTL_MS),
  });
}

export interface VerifiedPow {
  /** keyed hash of the challenge, the key of its single use */
  readonly spentKey: Buffer;
  readonly expiresAt: Date;
}

/** Checks the header's solution; null for anything missing, malformed, wrong or expired. */
export async function verifyPowHeader(ring: KeyRing, header: string | undefined, now: Date): Promise<VerifiedPow | null> {
  if (!header || header.length > 2048) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.algorithm !== 'string' || typeof p.challenge !== 'string' || typeof p.number !== 'number' || typeof p.salt !== 'string' || typeof p.signature !== 'string') return null;
  // The expiry travels signed inside the salt as `?expires=<unix seconds>`.
  const expires = Number(new URLSearchParams(p.salt.split('?')[1] ?? '').get('expires') ?? NaN) * 1000;
  if (!Number.isFinite(expires) || expires <= now.getTime() || expires > now.getTime() + POW_TTL_MS + 60_000) return null;
  const ok = await verifySolution({ algorithm: 'SHA-256', challenge: p.challenge, number: p.number, salt: p.salt, signature: p.signature }, ring.key('pow').toString('hex'), false);
  if (!ok) return null;
  return { spentKey: defaultProvider.mac(ring.key('pow'), Buffer.from(`spent\u0000${p.challenge}`)), expiresAt: new Date(expires) };
}
