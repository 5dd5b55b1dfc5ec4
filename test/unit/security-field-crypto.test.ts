import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError, FieldCipher, type FieldRef } from '../../src/security/field-crypto.js';
import { KeyRing } from '../../src/security/keys.js';

const ring = (keyId = 1): KeyRing => new KeyRing({ keyId, bytes: randomBytes(32) });
const ref: FieldRef = { table: 'reporter', column: 'phone', rowId: '42' };

describe('FieldCipher', () => {
  const cipher = new FieldCipher(ring());

  it('round-trips text, bytes, empty values and JSON', () => {
    expect(cipher.decryptText(ref, cipher.encrypt(ref, '举报人 13800138000'))).toBe('举报人 13800138000');
    expect(cipher.decrypt(ref, cipher.encrypt(ref, Buffer.from([0, 1, 255])))).toEqual(Buffer.from([0, 1, 255]));
    expect(cipher.decryptText(ref, cipher.encrypt(ref, ''))).toBe('');
    const value = { name: '张三', tags: [1, 2], nested: { ok: true } };
    expect(cipher.decryptJson<typeof value>(ref, cipher.encryptJson(ref, value))).toEqual(value);
  });

  it('gives different ciphertexts for the same value twice and never contains the plaintext', () => {
    const a = cipher.encrypt(ref, 'same secret value');
    const b = cipher.encrypt(ref, 'same secret value');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('same secret value'))).toBe(false);
  });

  it('lays out the header as version, key id, nonce, tag, ciphertext', () => {
    const sealed = new FieldCipher(ring(0x0102)).encrypt(ref, 'abc');
    expect(sealed[0]).toBe(0x01);
    expect(sealed.readUInt16BE(1)).toBe(0x0102);
    expect(sealed.length).toBe(1 + 2 + 12 + 16 + 3);
  });

  it('refuses a ciphertext moved to another row, column or table', () => {
    const sealed = cipher.encrypt(ref, 'secret');
    for (const moved of [{ ...ref, rowId: '43' }, { ...ref, column: 'email' }, { ...ref, table: 'subject' }]) {
      expect(() => cipher.decrypt(moved, sealed)).toThrow(DecryptError);
    }
  });

  it('refuses refs whose parts could be joined ambiguously', () => {
    expect(() => cipher.encrypt({ ...ref, rowId: '4\u00002' }, 'x')).toThrow(RangeError);
  });

  it('detects every flipped bit', () => {
    const sealed = cipher.encrypt(ref, 'secret');
    for (let bit = 0; bit < sealed.length * 8; bit += 1) {
      const copy = Buffer.from(sealed);
      copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
      expect(() => cipher.decrypt(ref, copy)).toThrow(DecryptError);
    }
  });

  it('refuses truncated input, an unknown version and an unknown key id', () => {
    const sealed = cipher.encrypt(ref, 'secret');
    expect(() => cipher.decrypt(ref, sealed.subarray(0, 20))).toThrow(DecryptError);
    expect(() => cipher.decrypt(ref, sealed.subarray(0, sealed.length - 1))).toThrow(DecryptError);
    const otherVersion = Buffer.from(sealed);
    otherVersion[0] = 0x02;
    expect(() => cipher.decrypt(ref, otherVersion)).toThrow(/format version/);
    expect(() => cipher.decrypt(ref, new FieldCipher(ring(2)).encrypt(ref, 'secret'))).toThrow(/key id 2/);
  });

  it('refuses a ciphertext made under another master key with the same key id', () => {
    const foreign = new FieldCipher(ring()).encrypt(ref, 'secret');
    expect(() => cipher.decrypt(ref, foreign)).toThrow(DecryptError);
  });

  it('refuses to encrypt a value JSON cannot represent', () => {
    expect(() => cipher.encryptJson(ref, undefined)).toThrow(TypeError);
  });
});
