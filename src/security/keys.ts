import { chmod, mkdir, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { defaultProvider, type CryptoProvider } from './crypto-provider.js';

export interface MasterKey {
  readonly keyId: number;
  readonly bytes: Buffer;
}

export type KeyPurpose =
  | 'field'
  | 'file'
  | 'query-code'
  | 'blind-index'
  | 'search-token'
  | 'audit-chain'
  | 'csrf'
  | 'session'
  | 'message-id'
  | 'pow'
  | 'idempotency'
  | 'rate-limit'
  | 'db-role-password'
  | 'key-check';

export class KeyError extends Error {
  override readonly name = 'KeyError';
}

const MASTER_KEY_BYTES = 32;
// keyId travels as uint16 in the field and file formats.
const MAX_KEY_ID = 0xffff;
const FILE_PREFIX = 'zhitong-master-key:v1:';
const FILE_PATTERN = /^zhitong-master-key:v1:([1-9][0-9]{0,4}):([A-Za-z0-9_-]{43})\r?\n?$/;
// The key file is one short line; anything much longer is not ours and is not worth reading.
const MAX_FILE_BYTES = 256;
const HKDF_SALT = Buffer.from('zhitong/v1', 'utf8');
const KCV_INPUT = Buffer.from('zhitong key check', 'utf8');
const KCV_BYTES = 16;

function isValidKeyId(keyId: number): boolean {
  return Number.isInteger(keyId) && keyId >= 1 && keyId <= MAX_KEY_ID;
}

function formatMasterKeyFile(key: MasterKey): string {
  return `${FILE_PREFIX}${key.keyId}:${key.bytes.toString('base64url')}\n`;
}

function malformedError(path: string): KeyError {
  return new KeyError(
    `The master key file ${path} is malformed; it must hold one line "zhitong-master-key:v1:<keyId>:<base64url of 32 bytes>".`,
  );
}

function parseMasterKeyFile(path: string, text: string): MasterKey {
  const malformed = malformedError(path);
  const match = FILE_PATTERN.exec(text);
  if (!match) throw malformed;
  const keyId = Number(match[1]);
  const encoded = match[2] ?? '';
  const bytes = Buffer.from(encoded, 'base64url');
  // Only the canonical encoding is accepted, so one key has exactly one file form.
  if (!isValidKeyId(keyId) || bytes.length !== MASTER_KEY_BYTES || bytes.toString('base64url') !== encoded) throw malformed;
  return { keyId, bytes };
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

export async function readMasterKeyFile(path: string): Promise<MasterKey | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  try {
    // Stat the open handle rather than the path so the checks apply to the bytes we read.
    const stat = await handle.stat();
    if (!stat.isFile()) throw new KeyError(`The master key file ${path} is not a regular file.`);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new KeyError(`The master key file ${path} is open to group or others (mode ${mode}); run "chmod 600 ${path}".`);
    }
    if (stat.size > MAX_FILE_BYTES) throw malformedError(path);
    const text = await handle.readFile({ encoding: 'utf8' });
    return parseMasterKeyFile(path, text);
  } finally {
    await handle.close();
  }
}

export async function createMasterKeyFile(path: string): Promise<MasterKey> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key: MasterKey = { keyId: 1, bytes: defaultProvider.randomBytes(MASTER_KEY_BYTES) };
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) throw new KeyError(`The master key file ${path} already exists; Zhitong never overwrites a key file.`);
    throw error;
  }
  try {
    await handle.writeFile(formatMasterKeyFile(key), { encoding: 'utf8' });
    // The key must survive a crash right after the database starts depending on it.
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    // A half-written file would block every later attempt with a "malformed" error; nothing can depend on it yet.
    await unlink(path).catch(() => undefined);
    throw error;
  }
  // The umask can only narrow the mode, but an inherited ACL or odd umask should not leave it wider.
  if (process.platform !== 'win32') await chmod(path, 0o600);
  // Best effort: without it a crash could lose the new directory entry on some filesystems.
  await syncDirectory(dirname(path)).catch(() => undefined);
  return key;
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class KeyRing {
  readonly keyId: number;
  readonly provider: CryptoProvider;
  readonly #master: Buffer;
  readonly #cache = new Map<KeyPurpose, Buffer>();

  constructor(master: MasterKey, provider: CryptoProvider = defaultProvider) {
    if (!isValidKeyId(master.keyId)) throw new KeyError(`A master key id must be an integer from 1 to ${MAX_KEY_ID}; got ${master.keyId}.`);
    if (master.bytes.length !== MASTER_KEY_BYTES) throw new KeyError(`A master key must be ${MASTER_KEY_BYTES} bytes; got ${master.bytes.length}.`);
    this.keyId = master.keyId;
    this.provider = provider;
    this.#master = Buffer.from(master.bytes);
  }

  key(purpose: KeyPurpose): Buffer {
    let derived = this.#cache.get(purpose);
    if (!derived) {
      derived = this.provider.hkdf(this.#master, HKDF_SALT, `zhitong:${purpose}:${this.keyId}`, 32);
      this.#cache.set(purpose, derived);
    }
    // A copy, so a caller that scribbles on its key cannot corrupt everyone else's.
    return Buffer.from(derived);
  }

  keyCheckValue(): string {
    return this.provider.mac(this.key('key-check'), KCV_INPUT).subarray(0, KCV_BYTES).toString('hex');
  }

  dbRolePassword(roleName: string): string {
    return this.provider.mac(this.key('db-role-password'), Buffer.from(roleName, 'utf8')).toString('base64url');
  }
}

export function assertKeyMatches(ring: KeyRing, storedKcv: string, file: string): void {
  const actual = Buffer.from(ring.keyCheckValue(), 'utf8');
  const stored = Buffer.from(storedKcv.trim().toLowerCase(), 'utf8');
  if (actual.length !== stored.length || !timingSafeEqual(actual, stored)) {
    throw new KeyError(
      `The master key in ${file} does not match this database (key check failed); restore the right key file — Zhitong never creates a new key for a database that has data.`,
    );
  }
}
