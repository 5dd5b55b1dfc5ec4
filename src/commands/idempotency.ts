// Idempotency keys (DESIGN §7.4): scoped to the route (and actor), bound to the request's keyed
// hash, the stored answer encrypted under a key derived from (secret, key, request hash), 24 hours.
import type pg from 'pg';
import { defaultProvider } from '../security/crypto-provider.js';
import type { KeyRing } from '../security/keys.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredIdempotency {
  readonly scope: string;
  readonly keyHash: Buffer;
  readonly requestHash: Buffer;
  readonly responseEnc: Buffer;
  readonly expiresAt: Date;
}

export type IdempotencyLookup = { kind: 'miss' } | { kind: 'mismatch' } | { kind: 'replay'; status: number; body: unknown };

function keyHash(ring: KeyRing, key: string): Buffer {
  return defaultProvider.mac(ring.key('idempotency'), Buffer.from(`key\u0000${key}`));
}

function responseKey(ring: KeyRing, key: string, requestHash: Buffer): Buffer {
  return defaultProvider.mac(ring.key('idempotency'), Buffer.concat([Buffer.from(`response\u0000${key}\u0000`), requestHash]));
}

/** A keyed hash of the request's meaning: its fields and each file's keyed digest, never raw multipart bytes. */
export function requestHash(ring: KeyRing, canonical: unknown): Buffer {
  return defaultProvider.mac(ring.key('idempotency'), Buffer.from(`request\u0000${JSON.stringify(canonical)}`));
}

export function sealResponse(ring: KeyRing, scope: string, key: string, reqHash: Buffer, body: unknown, now: Date): StoredIdempotency {
  const nonce = defaultProvider.randomBytes(12);
  const sealed = defaultProvider.aeadSeal(responseKey(ring, key, reqHash), nonce, Buffer.from(JSON.stringify(body)), Buffer.from(scope));
  return {
    scope,
    keyHash: keyHash(ring, key),
    requestHash: reqHash,
    responseEnc: Buffer.concat([nonce, sealed.tag, sealed.ciphertext]),
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
  };
}

export async function lookupIdempotency(db: pg.Pool, ring: KeyRing, scope: string, key: string, reqHash: Buffer, now: Date): Promise<IdempotencyLookup> {
  const kh = keyHash(ring, key);
  const r = await db.query<{ request_hash: Buffer; status_code: number; response_enc: Buffer; expires_at: Date }>(
    'SELECT request_hash, status_code, response_enc, expires_at FROM idempotency_keys WHERE scope = $1 AND key_hash = $2',
    [scope, kh],
  );
  const row = r.rows[0];
  if (!row) return { kind: 'miss' };
  if (row.expires_at <= now) {
    await db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key_hash = $2 AND expires_at <= $3', [scope, kh, now]);
    return { kind: 'miss' };
  }
  if (!row.request_hash.equals(reqHash)) return { kind: 'mismatch' };
  const enc = row.response_enc;
  const plain = defaultProvider.aeadOpen(responseKey(ring, key, reqHash), enc.subarray(0, 12), enc.subarray(28), enc.subarray(12, 28), Buffer.from(scope));
  return { kind: 'replay', status: row.status_code, body: JSON.parse(plain.toString('utf8')) as unknown };
}

export function isIdempotencyConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505' && (err as { constraint?: string }).constraint === 'idempotency_keys_pkey';
}
