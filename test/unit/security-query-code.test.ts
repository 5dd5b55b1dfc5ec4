import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyRing } from '../../src/security/keys.js';
import { generateQueryCode, isQueryCodeShape, QueryCodeHasher } from '../../src/security/query-code.js';

const ring = (): KeyRing => new KeyRing({ keyId: 1, bytes: randomBytes(32) });

describe('query codes', () => {
  it('are exactly 10 digits and practically never repeat', () => {
    const codes = Array.from({ length: 2000 }, generateQueryCode);
    for (const code of codes) expect(code).toMatch(/^\d{10}$/);
    expect(new Set(codes).size).toBeGreaterThanOrEqual(1990);
  });

  it('use every leading digit, zero included', () => {
    const leading = new Set(Array.from({ length: 2000 }, () => generateQueryCode()[0]));
    expect(leading.size).toBe(10);
  });

  it('recognise only the exact shape', () => {
    expect(isQueryCodeShape('0123456789')).toBe(true);
    for (const bad of ['123456789', '12345678901', '012345678a', ' 0123456789', '0123456789\n', '０１２３４５６７８９', 123456789, null, undefined]) {
      expect(isQueryCodeShape(bad)).toBe(false);
    }
  });

  it('hash stably under one key and differently under another', () => {
    const r = ring();
    const hasher = new QueryCodeHasher(r);
    expect(hasher.hash('0123456789')).toHaveLength(32);
    expect(new QueryCodeHasher(r).hash('0123456789').equals(hasher.hash('0123456789'))).toBe(true);
    expect(hasher.hash('0123456789').equals(hasher.hash('0123456788'))).toBe(false);
    expect(new QueryCodeHasher(ring()).hash('0123456789').equals(hasher.hash('0123456789'))).toBe(false);
  });
});
