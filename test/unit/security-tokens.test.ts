import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyRing } from '../../src/security/keys.js';
import { hashToken, randomToken, timingSafeEqualStr } from '../../src/security/tokens.js';

describe('tokens', () => {
  it('are base64url of the requested size and unique', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).not.toBe(randomToken());
    expect(() => randomToken(8)).toThrow(RangeError);
  });

  it('hash per purpose and per key', () => {
    const ring = new KeyRing({ keyId: 1, bytes: randomBytes(32) });
    const token = randomToken();
    expect(hashToken(ring, 'session', token).equals(hashToken(ring, 'session', token))).toBe(true);
    expect(hashToken(ring, 'session', token).equals(hashToken(ring, 'csrf', token))).toBe(false);
    const other = new KeyRing({ keyId: 1, bytes: randomBytes(32) });
    expect(hashToken(other, 'session', token).equals(hashToken(ring, 'session', token))).toBe(false);
  });

  it('compare strings of any length', () => {
    expect(timingSafeEqualStr('abc', 'abc')).toBe(true);
    expect(timingSafeEqualStr('abc', 'abd')).toBe(false);
    expect(timingSafeEqualStr('abc', 'abcd')).toBe(false);
    expect(timingSafeEqualStr('', '')).toBe(true);
  });
});
