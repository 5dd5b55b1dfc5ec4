// WeChat's message crypto (WXBizMsgCrypt, channels.md §1.3): SHA-1 over the sorted parameters, and
// AES-256-CBC with the key's first 16 bytes as IV over random(16) ‖ len(4, BE) ‖ msg ‖ appid, padded
// PKCS#7 to 32-byte blocks. Node's own padding stops at 16, so padding is ours in both directions.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

/** hex(sha1(sorted parts joined)), the URL signature (token, timestamp, nonce) and msg_signature (plus Encrypt). */
export function wechatSignature(...parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant time for any well-formed hex; a malformed one is simply no match. */
export function signatureMatches(given: string, ...parts: readonly string[]): boolean {
  if (!/^[0-9a-fA-F]{40}$/u.test(given)) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), Buffer.from(wechatSignature(...parts), 'hex'));
}

/** The 43-character EncodingAESKey as the 32-byte AES key. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (!/^[A-Za-z0-9]{43}$/u.test(encodingAesKey) || key.length !== 32) throw new Error('EncodingAESKey must be 43 base64 characters');
  return key;
}

export function encryptMessage(key: Buffer, message: string, appId: string, random: Buffer = randomBytes(16)): string {
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const plain = Buffer.concat([random, length, msg, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/u;

/** The message, or null when the text is not ours: bad base64, bad padding, a length past the end, another AppID. */
export function decryptMessage(key: Buffer, encrypted: string, appId: string): string | null {
  if (!BASE64.test(encrypted) || encrypted.length % 4 !== 0) return null;
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length === 0 || bytes.length % 16 !== 0) return null;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
  } catch {
    return null;
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || pad > plain.length) return null;
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) return null;
  const length = body.readUInt32BE(16);
  if (20 + length > body.length) return null;
  const tail = body.subarray(20 + length);
  const expected = Buffer.from(appId, 'utf8');
  if (tail.length !== expected.length || !timingSafeEqual(tail, expected)) return null;
  const message = body.subarray(20, 20 + length);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(message);
  } catch {
    return null;
  }
}
