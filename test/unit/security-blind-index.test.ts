import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlindIndexer, normalizeForIndex } from '../../src/security/blind-index.js';
import { KeyRing } from '../../src/security/keys.js';

const ring = (): KeyRing => new KeyRing({ keyId: 1, bytes: randomBytes(32) });

describe('normalizeForIndex', () => {
  it('reduces phones to digits and drops the mainland country code', () => {
    expect(normalizeForIndex('phone', '+86 138 0013 8000')).toBe('13800138000');
    expect(normalizeForIndex('phone', '86-138-0013-8000')).toBe('13800138000');
    expect(normalizeForIndex('phone', '0086 13800138000')).toBe('13800138000');
    expect(normalizeForIndex('phone', '１３８００１３８０００')).toBe('13800138000');
    expect(normalizeForIndex('phone', '(010) 8888-6666')).toBe('01088886666');
    // 86 followed by something that is not a mobile number is a landline and keeps its digits.
    expect(normalizeForIndex('phone', '8602088886666')).toBe('8602088886666');
  });

  it('trims and lowercases e-mail, uppercases police numbers without spaces, trims OpenIDs', () => {
    expect(normalizeForIndex('email', '  Zhang.San@Example.CN ')).toBe('zhang.san@example.cn');
    expect(normalizeForIndex('police-number', ' ab 12 345 ')).toBe('AB12345');
    expect(normalizeForIndex('openid', ' oAbC-123_xYz ')).toBe('oAbC-123_xYz');
  });
});

describe('BlindIndexer', () => {
  const r = ring();
  const indexer = new BlindIndexer(r);

  it('gives the same 32-byte index for equivalent inputs', () => {
    expect(indexer.index('phone', '+86 138 0013 8000')).toHaveLength(32);
    expect(indexer.index('phone', '+86 138 0013 8000').equals(indexer.index('phone', '13800138000'))).toBe(true);
    expect(indexer.index('email', 'A@B.CN').equals(indexer.index('email', 'a@b.cn'))).toBe(true);
  });

  it('separates kinds and keys', () => {
    expect(indexer.index('openid', 'abc123').equals(indexer.index('police-number', 'abc123'))).toBe(false);
    expect(new BlindIndexer(ring()).index('phone', '13800138000').equals(indexer.index('phone', '13800138000'))).toBe(false);
    expect(new BlindIndexer(r).index('phone', '13800138000').equals(indexer.index('phone', '13800138000'))).toBe(true);
  });

  it('takes bytes for attachments only and refuses values that normalise to nothing', () => {
    const bytes = randomBytes(100);
    expect(indexer.index('attachment', bytes).equals(indexer.index('attachment', Buffer.from(bytes)))).toBe(true);
    expect(() => indexer.index('phone', Buffer.from('13800138000'))).toThrow(TypeError);
    expect(() => indexer.index('phone', 'no digits')).toThrow(RangeError);
  });
});
