import type { KeyRing } from './keys.js';

// Stored format (bytea), fixed for the life of the product:
//   [0x01 format version][uint16 BE keyId][12-byte random nonce][16-byte GCM tag][ciphertext]
// AAD = UTF-8 of table \0 column \0 rowId \0 keyId (decimal); NUL is refused inside the parts so the join is unambiguous.
// A random 96-bit nonce is safe up to ~2^32 values per key, far beyond one deployment's rows per key version.

export interface FieldRef {
  table: string;
  column: string;
  rowId: string;
}

export class DecryptError extends Error {
  override readonly name = 'DecryptError';
}

const FORMAT_VERSION = 0x01;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + 2 + NONCE_BYTES + TAG_BYTES;

function fieldAad(ref: FieldRef, keyId: number): Buffer {
  for (const part of [ref.table, ref.column, ref.rowId]) {
    // A NUL inside a part would let two different refs produce the same associated data.
    if (part.includes('\u0000')) throw new RangeError('A field reference must not contain NUL characters');
  }
  return Buffer.from(`${ref.table}\u0000${ref.column}\u0000${ref.rowId}\u0000${keyId}`, 'utf8');
}

export class FieldCipher {
  readonly #ring: KeyRing;
  readonly #key: Buffer;

  constructor(ring: KeyRing) {
    this.#ring = ring;
    this.#key = ring.key('field');
  }

  encrypt(ref: FieldRef, plaintext: string | Buffer): Buffer {
    const keyId = this.#ring.keyId;
    const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    const nonce = this.#ring.provider.randomBytes(NONCE_BYTES);
    const { ciphertext, tag } = this.#ring.provider.aeadSeal(this.#key, nonce, data, fieldAad(ref, keyId));
    const header = Buffer.alloc(3);
    header.writeUInt8(FORMAT_VERSION, 0);
    header.writeUInt16BE(keyId, 1);
    return Buffer.concat([header, nonce, tag, ciphertext]);
  }

  decrypt(ref: FieldRef, sealed: Buffer): Buffer {
    if (sealed.length < HEADER_BYTES) throw new DecryptError('Encrypted field is too short');
    if (sealed.readUInt8(0) !== FORMAT_VERSION) throw new DecryptError('Encrypted field has an unknown format version');
    const keyId = sealed.readUInt16BE(1);
    if (keyId !== this.#ring.keyId) throw new DecryptError(`Encrypted field uses key id ${keyId}, which this key ring does not hold`);
    const nonce = sealed.subarray(3, 3 + NONCE_BYTES);
    const tag = sealed.subarray(3 + NONCE_BYTES, HEADER_BYTES);
    const ciphertext = sealed.subarray(HEADER_BYTES);
    const aad = fieldAad(ref, keyId);
    try {
      return this.#ring.provider.aeadOpen(this.#key, nonce, ciphertext, tag, aad);
    } catch {
      // The cause is deliberately dropped: tamper, wrong row and wrong key must look the same.
      throw new DecryptError('Encrypted field failed authentication');
    }
  }

  decryptText(ref: FieldRef, sealed: Buffer): string {
    return this.decrypt(ref, sealed).toString('utf8');
  }

  encryptJson(ref: FieldRef, value: unknown): Buffer {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) throw new TypeError('Value cannot be serialised as JSON');
    return this.encrypt(ref, json);
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the shape they stored with encryptJson.
  decryptJson<T>(ref: FieldRef, sealed: Buffer): T {
    return JSON.parse(this.decryptText(ref, sealed)) as T;
  }
}
