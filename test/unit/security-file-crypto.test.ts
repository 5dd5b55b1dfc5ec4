import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultProvider, type CryptoProvider } from '../../src/security/crypto-provider.js';
import { DecryptError } from '../../src/security/field-crypto.js';
import { FileCipher, FILE_CHUNK_BYTES } from '../../src/security/file-crypto.js';
import { KeyRing } from '../../src/security/keys.js';

const HEADER = 38;
const SEALED_CHUNK = FILE_CHUNK_BYTES + 16;
const master = { keyId: 1, bytes: randomBytes(32) };
const cipher = new FileCipher(new KeyRing(master));

// Replays fixed "random" bytes so buffer and stream encryption can be compared byte for byte.
function seededProvider(seed: Buffer): CryptoProvider {
  return { ...defaultProvider, randomBytes: (n) => Buffer.alloc(n, seed) };
}

async function pipeThrough(stream: Transform, data: Buffer, pieceSize: number): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += pieceSize) pieces.push(data.subarray(i, i + pieceSize));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(stream)) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

const sizes = { empty: 0, one: 1, exactChunk: FILE_CHUNK_BYTES, threeAndAHalf: Math.floor(3.5 * FILE_CHUNK_BYTES) };

describe('FileCipher', () => {
  for (const [name, size] of Object.entries(sizes)) {
    it(`round-trips ${name} (${size} bytes) through buffers and streams in every combination`, async () => {
      const plain = randomBytes(size);
      const fromBuffer = cipher.encryptBuffer('file-1', plain);
      const fromStream = await pipeThrough(cipher.createEncryptStream('file-1'), plain, 10_000);
      expect(fromBuffer.length).toBe(HEADER + Math.max(1, Math.ceil(size / FILE_CHUNK_BYTES)) * 16 + size);
      expect(fromStream.length).toBe(fromBuffer.length);
      // Buffer.equals: vitest's deep equality walks a large Buffer byte by byte.
      expect(cipher.decryptBuffer('file-1', fromBuffer).equals(plain)).toBe(true);
      expect(cipher.decryptBuffer('file-1', fromStream).equals(plain)).toBe(true);
      expect((await pipeThrough(cipher.createDecryptStream('file-1'), fromBuffer, 7_777)).equals(plain)).toBe(true);
      expect((await pipeThrough(cipher.createDecryptStream('file-1'), fromStream, SEALED_CHUNK)).equals(plain)).toBe(true);
    });
  }

  it('produces identical bytes from buffer and stream given the same salt', async () => {
    const seeded = new FileCipher(new KeyRing(master, seededProvider(Buffer.from([7]))));
    const plain = randomBytes(sizes.threeAndAHalf);
    const a = seeded.encryptBuffer('file-1', plain);
    const b = await pipeThrough(seeded.createEncryptStream('file-1'), plain, 1_000);
    expect(b.equals(a)).toBe(true);
  });

  it('writes the documented header and a fresh salt each time', () => {
    const a = cipher.encryptBuffer('file-1', Buffer.from('x'));
    const b = cipher.encryptBuffer('file-1', Buffer.from('x'));
    expect(a.subarray(0, 4).toString('latin1')).toBe('ZTF1');
    expect(a.readUInt16BE(4)).toBe(1);
    expect(a.subarray(6, HEADER).equals(b.subarray(6, HEADER))).toBe(false);
  });

  const plain = randomBytes(sizes.threeAndAHalf);
  const sealed = cipher.encryptBuffer('file-1', plain);
  const chunkAt = (i: number): Buffer => sealed.subarray(HEADER + i * SEALED_CHUNK, HEADER + (i + 1) * SEALED_CHUNK);

  const attacks: Record<string, () => Buffer> = {
    'dropping the last chunk': () => sealed.subarray(0, HEADER + 3 * SEALED_CHUNK),
    'cutting into the last chunk': () => sealed.subarray(0, sealed.length - 1),
    'keeping only the header': () => sealed.subarray(0, HEADER),
    'cutting into the header': () => sealed.subarray(0, 20),
    'swapping two chunks': () => Buffer.concat([sealed.subarray(0, HEADER), chunkAt(1), chunkAt(0), sealed.subarray(HEADER + 2 * SEALED_CHUNK)]),
    'appending a chunk': () => Buffer.concat([sealed, chunkAt(0)]),
    'flipping a ciphertext bit': () => { const c = Buffer.from(sealed); c[HEADER + 100] = c[HEADER + 100]! ^ 1; return c; },
    'flipping a salt bit': () => { const c = Buffer.from(sealed); c[10] = c[10]! ^ 0x80; return c; },
    'changing the magic': () => { const c = Buffer.from(sealed); c[3] = 0x32; return c; },
    'changing the key id': () => { const c = Buffer.from(sealed); c.writeUInt16BE(2, 4); return c; },
  };

  for (const [name, tamper] of Object.entries(attacks)) {
    it(`fails on ${name}, as a buffer and as a stream`, async () => {
      const bad = tamper();
      expect(() => cipher.decryptBuffer('file-1', bad)).toThrow(DecryptError);
      await expect(pipeThrough(cipher.createDecryptStream('file-1'), bad, 5_000)).rejects.toThrow(DecryptError);
    });
  }

  it('fails when the file is presented under another fileId or master key', async () => {
    expect(() => cipher.decryptBuffer('file-2', sealed)).toThrow(DecryptError);
    await expect(pipeThrough(cipher.createDecryptStream('file-2'), sealed, 5_000)).rejects.toThrow(DecryptError);
    const other = new FileCipher(new KeyRing({ keyId: 1, bytes: randomBytes(32) }));
    expect(() => other.decryptBuffer('file-1', sealed)).toThrow(DecryptError);
  });

  it('fails on an empty stream', async () => {
    await expect(pipeThrough(cipher.createDecryptStream('file-1'), Buffer.alloc(0), 1)).rejects.toThrow(DecryptError);
  });
});
