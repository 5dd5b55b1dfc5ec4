import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// Everything else in src/security goes through this interface so an SM4/SM3 provider can replace it (DESIGN §7.1).
export interface CryptoProvider {
  readonly id: 'aes256gcm-hmacsha256';
  hkdf(ikm: Buffer, salt: Buffer, info: string, length: number): Buffer;
  aeadSeal(key: Buffer, nonce: Buffer, plaintext: Buffer, aad: Buffer): { ciphertext: Buffer; tag: Buffer };
  /** Throws on any authentication failure. */
  aeadOpen(key: Buffer, nonce: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer;
  /** HMAC-SHA-256. */
  mac(key: Buffer, data: Buffer): Buffer;
  randomBytes(n: number): Buffer;
}

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function checkAeadInputs(key: Buffer, nonce: Buffer): void {
  // A wrong-size key or nonce is a programming error; node would otherwise throw a less clear message.
  if (key.length !== KEY_BYTES) throw new RangeError(`AEAD key must be ${KEY_BYTES} bytes, got ${key.length}`);
  if (nonce.length !== NONCE_BYTES) throw new RangeError(`AEAD nonce must be ${NONCE_BYTES} bytes, got ${nonce.length}`);
}

export const defaultProvider: CryptoProvider = {
  id: 'aes256gcm-hmacsha256',

  hkdf(ikm, salt, info, length) {
    return Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'utf8'), length));
  },

  aeadSeal(key, nonce, plaintext, aad) {
    checkAeadInputs(key, nonce);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, tag: cipher.getAuthTag() };
  },

  aeadOpen(key, nonce, ciphertext, tag, aad) {
    checkAeadInputs(key, nonce);
    // GCM accepts truncated tags unless told otherwise; a short tag would weaken authentication.
    if (tag.length !== TAG_BYTES) throw new RangeError(`AEAD tag must be ${TAG_BYTES} bytes, got ${tag.length}`);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  },

  mac(key, data) {
    return createHmac('sha256', key).update(data).digest();
  },

  randomBytes(n) {
    return randomBytes(n);
  },
};
