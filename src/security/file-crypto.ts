import { Transform, type TransformCallback } from 'node:stream';
import type { CryptoProvider } from './crypto-provider.js';
import { DecryptError } from './field-crypto.js';
import type { KeyRing } from './keys.js';

// Stored format for attachments, fixed for the life of the product:
//   header = "ZTF1" (4 bytes) ‖ uint16 BE keyId ‖ 32-byte random per-file salt          (38 bytes)
//   body   = chunk 0 ‖ chunk 1 ‖ … ‖ chunk n-1, each = AES-256-GCM ciphertext ‖ 16-byte tag
// Every chunk but the last holds exactly 64 KiB of plaintext; the last holds 0..64 KiB and always exists,
// so a file of L bytes has max(1, ceil(L / 65536)) chunks and an empty file is a header plus one 16-byte tag.
// Per-file key = HKDF-SHA-256(ring.key('file'), salt, 'file:' + fileId, 32); the random salt makes it unique per
// encryption, so nonce = 8 zero bytes ‖ uint32 BE chunk index never repeats under one key.
// AAD = UTF-8 fileId ‖ 0x00 ‖ uint32 BE chunk index ‖ final flag byte (1 on the last chunk, else 0), so reordering,
// truncation at a chunk boundary, appending and moving the file to another fileId all fail authentication.

const MAGIC = Buffer.from('ZTF1', 'latin1');
const SALT_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 + SALT_BYTES;
const TAG_BYTES = 16;
export const FILE_CHUNK_BYTES = 64 * 1024;
const SEALED_CHUNK_BYTES = FILE_CHUNK_BYTES + TAG_BYTES;
const MAX_CHUNK_INDEX = 0xffffffff;

class ChunkCodec {
  readonly #provider: CryptoProvider;
  readonly #key: Buffer;
  readonly #fileId: Buffer;
  #index = 0;
  #finished = false;

  constructor(provider: CryptoProvider, fileKey: Buffer, fileId: string) {
    this.#provider = provider;
    this.#key = fileKey;
    this.#fileId = Buffer.from(fileId, 'utf8');
  }

  #next(final: boolean): { nonce: Buffer; aad: Buffer } {
    // Nothing may follow the final chunk, and the counter must never wrap into a reused nonce.
    if (this.#finished) throw new DecryptError('Encrypted file has data after its final chunk');
    if (this.#index > MAX_CHUNK_INDEX) throw new RangeError('Encrypted file has too many chunks');
    const nonce = Buffer.alloc(12);
    nonce.writeUInt32BE(this.#index, 8);
    const tail = Buffer.alloc(6);
    tail.writeUInt32BE(this.#index, 1);
    tail.writeUInt8(final ? 1 : 0, 5);
    this.#index += 1;
    this.#finished = final;
    return { nonce, aad: Buffer.concat([this.#fileId, tail]) };
  }

  seal(plain: Buffer, final: boolean): Buffer {
    const { nonce, aad } = this.#next(final);
    const { ciphertext, tag } = this.#provider.aeadSeal(this.#key, nonce, plain, aad);
    return Buffer.concat([ciphertext, tag]);
  }

  open(sealed: Buffer, final: boolean): Buffer {
    if (sealed.length < TAG_BYTES) throw new DecryptError('Encrypted file is truncated');
    const { nonce, aad } = this.#next(final);
    const cut = sealed.length - TAG_BYTES;
    try {
      return this.#provider.aeadOpen(this.#key, nonce, sealed.subarray(0, cut), sealed.subarray(cut), aad);
    } catch {
      throw new DecryptError('Encrypted file failed authentication (altered, truncated, reordered or another file)');
    }
  }
}

// Collects stream input and hands out fixed-size blocks while strictly more than one block is buffered,
// because the last block must be held back until we know it is the last.
class BlockBuffer {
  #parts: Buffer[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(chunk: Buffer): void {
    this.#parts.push(chunk);
    this.#length += chunk.length;
  }

  takeAll(): Buffer {
    const all = Buffer.concat(this.#parts, this.#length);
    this.#parts = [];
    this.#length = 0;
    return all;
  }

  drainBlocks(size: number, onBlock: (block: Buffer) => void): void {
    if (this.#length <= size) return;
    const all = this.takeAll();
    let offset = 0;
    while (all.length - offset > size) {
      onBlock(all.subarray(offset, offset + size));
      offset += size;
    }
    this.push(all.subarray(offset));
  }
}

function asBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('File streams carry bytes only');
}

function assertFileId(fileId: string): void {
  // A NUL would blur where the fileId ends in the associated data; an empty id binds to nothing.
  if (fileId.length === 0 || fileId.includes('\u0000')) throw new RangeError('A fileId must be non-empty and contain no NUL');
}

export class FileCipher {
  readonly #ring: KeyRing;
  readonly #fileKey: Buffer;

  constructor(ring: KeyRing) {
    this.#ring = ring;
    this.#fileKey = ring.key('file');
  }

  #codec(fileId: string, salt: Buffer): ChunkCodec {
    const key = this.#ring.provider.hkdf(this.#fileKey, salt, `file:${fileId}`, 32);
    return new ChunkCodec(this.#ring.provider, key, fileId);
  }

  #newHeader(fileId: string): { header: Buffer; codec: ChunkCodec } {
    assertFileId(fileId);
    const salt = this.#ring.provider.randomBytes(SALT_BYTES);
    const keyId = Buffer.alloc(2);
    keyId.writeUInt16BE(this.#ring.keyId, 0);
    return { header: Buffer.concat([MAGIC, keyId, salt]), codec: this.#codec(fileId, salt) };
  }

  #readHeader(fileId: string, header: Buffer): ChunkCodec {
    assertFileId(fileId);
    if (header.length < HEADER_BYTES) throw new DecryptError('Encrypted file is truncated');
    if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new DecryptError('Not a Zhitong encrypted file (bad magic)');
    const keyId = header.readUInt16BE(MAGIC.length);
    if (keyId !== this.#ring.keyId) throw new DecryptError(`Encrypted file uses key id ${keyId}, which this key ring does not hold`);
    return this.#codec(fileId, header.subarray(MAGIC.length + 2, HEADER_BYTES));
  }

  encryptBuffer(fileId: string, plain: Buffer): Buffer {
    const { header, codec } = this.#newHeader(fileId);
    const out = [header];
    let offset = 0;
    while (plain.length - offset > FILE_CHUNK_BYTES) {
      out.push(codec.seal(plain.subarray(offset, offset + FILE_CHUNK_BYTES), false));
      offset += FILE_CHUNK_BYTES;
    }
    out.push(codec.seal(plain.subarray(offset), true));
    return Buffer.concat(out);
  }

  decryptBuffer(fileId: string, sealed: Buffer): Buffer {
    const codec = this.#readHeader(fileId, sealed);
    const out: Buffer[] = [];
    let offset = HEADER_BYTES;
    while (sealed.length - offset > SEALED_CHUNK_BYTES) {
      out.push(codec.open(sealed.subarray(offset, offset + SEALED_CHUNK_BYTES), false));
      offset += SEALED_CHUNK_BYTES;
    }
    out.push(codec.open(sealed.subarray(offset), true));
    return Buffer.concat(out);
  }

  createEncryptStream(fileId: string): Transform {
    const { header, codec } = this.#newHeader(fileId);
    const pending = new BlockBuffer();
    let headerSent = false;
    const emit = (stream: Transform, data: Buffer): void => {
      if (!headerSent) {
        stream.push(header);
        headerSent = true;
      }
      stream.push(data);
    };
    return new Transform({
      transform(this: Transform, chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
        try {
          pending.push(asBuffer(chunk));
          pending.drainBlocks(FILE_CHUNK_BYTES, (block) => { emit(this, codec.seal(block, false)); });
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
      flush(this: Transform, callback: TransformCallback): void {
        try {
          emit(this, codec.seal(pending.takeAll(), true));
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
    });
  }

  // Plaintext of a verified chunk is released before the end is seen; a consumer must treat a stream error
  // (truncation shows up only at the end) as failure of the whole file and discard what it received.
  createDecryptStream(fileId: string): Transform {
    assertFileId(fileId);
    const pending = new BlockBuffer();
    let codec: ChunkCodec | null = null;
    const readHeader = (header: Buffer): ChunkCodec => this.#readHeader(fileId, header);
    return new Transform({
      transform(this: Transform, chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
        try {
          pending.push(asBuffer(chunk));
          if (codec === null) {
            if (pending.length < HEADER_BYTES) {
              callback();
              return;
            }
            const all = pending.takeAll();
            codec = readHeader(all.subarray(0, HEADER_BYTES));
            pending.push(all.subarray(HEADER_BYTES));
          }
          const active = codec;
          pending.drainBlocks(SEALED_CHUNK_BYTES, (block) => { this.push(active.open(block, false)); });
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
      flush(this: Transform, callback: TransformCallback): void {
        try {
          if (codec === null) throw new DecryptError('Encrypted file is truncated');
          this.push(codec.open(pending.takeAll(), true));
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
    });
  }
}
