// The backup file's envelope (DESIGN §8): encrypted to an offline X25519 recipient key and signed with
// Ed25519, both with node:crypto only. The master key plays no part, so the server's key alone cannot
// open a backup and a stolen backup without the offline key is noise.
//
// Layout: header | frames | signature
//   header    "ZTBK" | version 1 | ephemeral X25519 public (32) | salt (32) | recipient fp (16) | signer fp (16)
//   frame     flag (0 = more, 1 = last) | length u32 BE | AES-256-GCM ciphertext | tag (16)
//   signature Ed25519 over "zhitong-backup-signature-v1\0" ‖ SHA-512(header ‖ frames)
// Each frame's nonce is its index (the key is new for every file); its associated data binds the header
// and the last-frame flag, so frames cannot be reordered, dropped, truncated or moved between files.
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type Hash, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';

const MAGIC = Buffer.from('ZTBK', 'ascii');
const VERSION = 1;
const HEADER_BYTES = 4 + 1 + 32 + 32 + 16 + 16;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
/** Plaintext per frame: large enough to amortise the framing, small enough to stream. */
export const FRAME_PLAINTEXT = 64 * 1024;
const SIGN_CONTEXT = Buffer.from('zhitong-backup-signature-v1\0', 'ascii');
const KDF_INFO = Buffer.from('zhitong-backup-v1', 'ascii');

/** One sentence for the operator: a wrong, missing or unsuitable key, or a file that does not verify. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

function rawPublic(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new BackupError('the key has no public part');
  return Buffer.from(jwk.x, 'base64url');
}

/** A short, printable name of a public key, so an error can say which key a file wants. */
export function fingerprint(publicKey: KeyObject): Buffer {
  return createHash('sha256').update(rawPublic(publicKey)).digest().subarray(0, 16);
}

async function readKeyFile(file: string, what: string): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BackupError(code === 'ENOENT' ? `The ${what} file ${file} does not exist.` : `The ${what} file ${file} cannot be read (${code ?? 'error'}).`);
  }
  try {
    const text = await handle.readFile('utf8');
    if (text.length > 4096) throw new BackupError(`The ${what} file ${file} is not a key file.`);
    return text;
  } finally {
    await handle.close();
  }
}

function parseKey(text: string, file: string, what: string, kind: 'private' | 'public', type: 'x25519' | 'ed25519'): KeyObject {
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(text) : createPublicKey(text);
  } catch {
    throw new BackupError(`The ${what} file ${file} is not a PEM ${type === 'x25519' ? 'X25519' : 'Ed25519'} ${kind} key (make one with \`zhitong backup keygen\`).`);
  }
  if (key.asymmetricKeyType !== type || key.type !== kind) {
    throw new BackupError(`The ${what} file ${file} holds a ${key.asymmetricKeyType ?? 'different'} ${key.type} key, not the ${type === 'x25519' ? 'X25519' : 'Ed25519'} ${kind} key it should (made by \`zhitong backup keygen\`).`);
  }
  return key;
}

export async function loadKey(file: string, role: 'recipient' | 'identity' | 'sign' | 'verify'): Promise<KeyObject> {
  const spec = {
    recipient: { what: 'backup recipient public key', kind: 'public', type: 'x25519' },
    identity: { what: 'backup recipient private key (identity)', kind: 'private', type: 'x25519' },
    sign: { what: 'backup signing key', kind: 'private', type: 'ed25519' },
    verify: { what: 'backup signature verification key', kind: 'public', type: 'ed25519' },
  } as const;
  const s = spec[role];
  return parseKey(await readKeyFile(file, s.what), file, s.what, s.kind, s.type);
}

export const KEY_FILE_NAMES = {
  recipientPrivate: 'backup-recipient.key',
  recipientPublic: 'backup-recipient.pub',
  signingPrivate: 'backup-signing.key',
  signingPublic: 'backup-signing.pub',
} as const;

/** `zhitong backup keygen`: never overwrites a key (flag `wx`); private keys 0600. */
export async function generateBackupKeys(dir: string): Promise<string[]> {
  const recipient = generateKeyPairSync('x25519');
  const signing = generateKeyPairSync('ed25519');
  const files: [string, string, number][] = [
    [KEY_FILE_NAMES.recipientPrivate, recipient.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600],
    [KEY_FILE_NAMES.recipientPublic, recipient.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644],
    [KEY_FILE_NAMES.signingPrivate, signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600],
    [KEY_FILE_NAMES.signingPublic, signing.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644],
  ];
  const written: string[] = [];
  for (const [name, pem, mode] of files) {
    const file = `${dir}/${name}`;
    const handle = await open(file, 'wx', mode).catch((err: unknown) => {
      throw new BackupError((err as NodeJS.ErrnoException).code === 'EEXIST' ? `${file} already exists; keygen never overwrites a key.` : `Cannot create ${file}: ${(err as Error).message}`);
    });
    try {
      await handle.writeFile(pem);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    written.push(file);
  }
  return written;
}

function frameKey(shared: Buffer, salt: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, salt, Buffer.concat([KDF_INFO, ephemeral, recipient]), 32));
}

function nonceOf(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function aadOf(headerHash: Buffer, last: boolean): Buffer {
  return Buffer.concat([headerHash, Buffer.from([last ? 1 : 0])]);
}

/** Streams plaintext into `out` (written as `out.partial`, renamed when signed); never holds more than a frame. */
export class BackupWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private written = 0;

  private constructor(private readonly handle: FileHandle, private readonly out: string, private readonly key: Buffer, private readonly headerHash: Buffer, private readonly digest: Hash, private readonly signKey: KeyObject) {}

  static async create(out: string, recipient: KeyObject, signKey: KeyObject): Promise<BackupWriter> {
    const eph = generateKeyPairSync('x25519');
    const salt = randomBytes(32);
    const ephRaw = rawPublic(eph.publicKey);
    const recipientRaw = rawPublic(recipient);
    const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
    const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), ephRaw, salt, fingerprint(recipient), fingerprint(createPublicKey(signKey))]);
    // Never over an earlier backup; a `.partial` left by a crash is refused too, so nobody mistakes it for a backup.
    for (const f of [out, `${out}.partial`]) {
      if (existsSync(f)) throw new BackupError(`${f} already exists; backup never overwrites a file.`);
    }
    const handle = await open(`${out}.partial`, 'wx', 0o600);
    const w = new BackupWriter(handle, out, frameKey(shared, salt, ephRaw, recipientRaw), createHash('sha256').update(header).digest(), createHash('sha512'), signKey);
    await w.emit(header);
    return w;
  }

  private async emit(bytes: Buffer): Promise<void> {
    this.digest.update(bytes);
    await this.handle.write(bytes);
    this.written += bytes.length;
  }

  private async frame(plain: Buffer, last: boolean): Promise<void> {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonceOf(this.index));
    cipher.setAAD(aadOf(this.headerHash, last));
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const head = Buffer.alloc(5);
    head.writeUInt8(last ? 1 : 0, 0);
    head.writeUInt32BE(body.length - TAG_BYTES, 1);
    await this.emit(Buffer.concat([head, body]));
    this.index += 1;
  }

  async write(plain: Buffer): Promise<void> {
    this.pending.push(plain);
    this.pendingBytes += plain.length;
    while (this.pendingBytes >= FRAME_PLAINTEXT) {
      const all = Buffer.concat(this.pending);
      await this.frame(all.subarray(0, FRAME_PLAINTEXT), false);
      const rest = all.subarray(FRAME_PLAINTEXT);
      this.pending = [rest];
      this.pendingBytes = rest.length;
    }
  }

  /** The last frame, the signature, a sync and the rename: only a complete file carries the final name. */
  async finish(): Promise<number> {
    await this.frame(Buffer.concat(this.pending), true);
    this.pending = [];
    const signature = sign(null, Buffer.concat([SIGN_CONTEXT, this.digest.digest()]), this.signKey);
    await this.handle.write(signature);
    this.written += signature.length;
    await this.handle.sync();
    await this.handle.close();
    await rename(`${this.out}.partial`, this.out);
    return this.written;
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(`${this.out}.partial`).catch(() => undefined);
  }
}

async function readExactly(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

const TAMPERED = 'The backup file does not verify (altered, truncated or not a Zhitong backup); nothing was restored.';

/**
 * Decrypts a backup frame by frame, failing on the first frame whose tag does not verify; the
 * signature over the whole file is checked after the last frame, so a consumer must reach the end
 * before it trusts (or commits) anything it read.
 */
export async function* openBackup(file: string, identity: KeyObject, verifyKey: KeyObject): AsyncGenerator<Buffer, Buffer> {
  const handle = await open(file, 'r').catch((err: unknown) => {
    throw new BackupError(`The backup file ${file} cannot be opened (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  });
  try {
    const size = (await handle.stat()).size;
    const header = await readExactly(handle, HEADER_BYTES, 0);
    if (header.length < HEADER_BYTES || !header.subarray(0, 4).equals(MAGIC)) throw new BackupError(`${file} is not a Zhitong backup file.`);
    if (header[4] !== VERSION) throw new BackupError(`${file} is a backup of format ${String(header[4])}; this Zhitong reads format ${String(VERSION)}.`);
    const ephRaw = header.subarray(5, 37);
    const salt = header.subarray(37, 69);
    const recipientFp = header.subarray(69, 85);
    const signerFp = header.subarray(85, 101);
    const recipient = createPublicKey(identity);
    if (!fingerprint(recipient).equals(recipientFp)) {
      throw new BackupError(`The identity key is not the one this backup was encrypted to (the backup wants recipient ${recipientFp.toString('hex')}, the key given is ${fingerprint(recipient).toString('hex')}); use the offline backup-recipient.key made with \`zhitong backup keygen\`.`);
    }
    if (!fingerprint(verifyKey).equals(signerFp)) {
      throw new BackupError(`The backup was signed by key ${signerFp.toString('hex')}, not by the verification key given (${fingerprint(verifyKey).toString('hex')}); refusing it.`);
    }
    const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephRaw.toString('base64url') }, format: 'jwk' });
    const key = frameKey(diffieHellman({ privateKey: identity, publicKey: ephemeral }), salt, ephRaw, rawPublic(recipient));
    const headerHash = createHash('sha256').update(header).digest();
    const digest = createHash('sha512').update(header);
    let position = HEADER_BYTES;
    for (let index = 0; ; index += 1) {
      const head = await readExactly(handle, 5, position);
      if (head.length < 5) throw new BackupError(TAMPERED);
      const last = head[0] === 1;
      const length = head.readUInt32BE(1);
      if ((head[0] ?? 2) > 1 || length > FRAME_PLAINTEXT) throw new BackupError(TAMPERED);
      const body = await readExactly(handle, length + TAG_BYTES, position + 5);
      if (body.length < length + TAG_BYTES) throw new BackupError(TAMPERED);
      digest.update(head).update(body);
      position += 5 + body.length;
      const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(index));
      decipher.setAAD(aadOf(headerHash, last));
      decipher.setAuthTag(body.subarray(length));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(body.subarray(0, length)), decipher.final()]);
      } catch {
        throw new BackupError(TAMPERED);
      }
      yield plain;
      if (last) break;
    }
    if (size !== position + SIGNATURE_BYTES) throw new BackupError(TAMPERED);
    const signature = await readExactly(handle, SIGNATURE_BYTES, position);
    const signed = digest.digest();
    if (!verify(null, Buffer.concat([SIGN_CONTEXT, signed]), verifyKey, signature)) throw new BackupError(TAMPERED);
    return signed;
  } finally {
    await handle.close();
  }
}
