import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertKeyMatches,
  createMasterKeyFile,
  KeyError,
  KeyRing,
  readMasterKeyFile,
  type KeyPurpose,
} from '../../src/security/keys.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhitong-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeKeyFile(name: string, content: string, mode = 0o600): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content, { mode });
  await chmod(path, mode);
  return path;
}

const validLine = (keyId = 1): string => `zhitong-master-key:v1:${keyId}:${randomBytes(32).toString('base64url')}\n`;

describe('master key file', () => {
  it('reads back exactly what createMasterKeyFile wrote, in the documented format, mode 0600 in a 0700 folder', async () => {
    const path = join(dir, 'nested', 'deeper', 'master.key');
    const created = await createMasterKeyFile(path);
    const read = await readMasterKeyFile(path);
    expect(read?.keyId).toBe(1);
    expect(read?.bytes.equals(created.bytes)).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(`zhitong-master-key:v1:1:${created.bytes.toString('base64url')}\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nested', 'deeper'))).mode & 0o777).toBe(0o700);
  });

  it('refuses to overwrite an existing key file', async () => {
    const path = join(dir, 'once.key');
    const first = await createMasterKeyFile(path);
    await expect(createMasterKeyFile(path)).rejects.toThrow(KeyError);
    expect((await readMasterKeyFile(path))?.bytes.equals(first.bytes)).toBe(true);
  });

  it('returns null for a missing file', async () => {
    expect(await readMasterKeyFile(join(dir, 'absent.key'))).toBeNull();
  });

  it('accepts a file without a trailing newline and a higher key id', async () => {
    const path = await writeKeyFile('v7.key', validLine(7).trimEnd());
    expect((await readMasterKeyFile(path))?.keyId).toBe(7);
  });

  const malformed: Record<string, string> = {
    empty: '',
    'wrong prefix': validLine().replace('zhitong-master-key', 'other-key'),
    'wrong version': validLine().replace(':v1:', ':v2:'),
    'key id 0': validLine(0),
    'key id beyond uint16': validLine(70000),
    'short key': `zhitong-master-key:v1:1:${randomBytes(16).toString('base64url')}\n`,
    'padded base64': `zhitong-master-key:v1:1:${randomBytes(32).toString('base64')}\n`,
    'two lines': validLine() + validLine(),
  };
  for (const [name, content] of Object.entries(malformed)) {
    it(`gives a KeyError naming the file for a malformed file (${name})`, async () => {
      const path = await writeKeyFile(`bad-${name.replace(/\s/g, '-')}.key`, content);
      await expect(readMasterKeyFile(path)).rejects.toThrow(KeyError);
      await expect(readMasterKeyFile(path)).rejects.toThrow(path);
    });
  }

  it.skipIf(process.platform === 'win32')('gives a KeyError naming the file and chmod 600 for a 0644 file', async () => {
    const path = await writeKeyFile('open.key', validLine(), 0o644);
    await expect(readMasterKeyFile(path)).rejects.toThrow(KeyError);
    await expect(readMasterKeyFile(path)).rejects.toThrow(new RegExp(`${path}.*chmod 600`));
  });
});

describe('KeyRing', () => {
  const master = { keyId: 1, bytes: randomBytes(32) };
  const ring = new KeyRing(master);

  it('derives a different 32-byte key for every purpose, stable across rings', () => {
    const purposes: KeyPurpose[] = ['field', 'file', 'query-code', 'blind-index', 'search-token', 'audit-chain', 'csrf', 'session', 'message-id', 'pow', 'idempotency', 'rate-limit', 'db-role-password', 'key-check'];
    const keys = purposes.map((p) => ring.key(p).toString('hex'));
    expect(new Set(keys).size).toBe(purposes.length);
    expect(ring.key('field')).toHaveLength(32);
    expect(new KeyRing(master).key('field').equals(ring.key('field'))).toBe(true);
  });

  it('derives different purpose keys for another key id with the same bytes', () => {
    expect(new KeyRing({ keyId: 2, bytes: master.bytes }).key('field').equals(ring.key('field'))).toBe(false);
  });

  it('hands out copies, so a caller cannot corrupt a cached key', () => {
    ring.key('session').fill(0);
    expect(ring.key('session').equals(Buffer.alloc(32))).toBe(false);
  });

  it('has a key check value that is stable for the key and different for another', () => {
    expect(ring.keyCheckValue()).toMatch(/^[0-9a-f]{32}$/);
    expect(new KeyRing(master).keyCheckValue()).toBe(ring.keyCheckValue());
    expect(new KeyRing({ keyId: 1, bytes: randomBytes(32) }).keyCheckValue()).not.toBe(ring.keyCheckValue());
  });

  it('derives deterministic, per-role database passwords', () => {
    expect(new KeyRing(master).dbRolePassword('zhitong_app')).toBe(ring.dbRolePassword('zhitong_app'));
    expect(ring.dbRolePassword('zhitong_app')).not.toBe(ring.dbRolePassword('zhitong_owner'));
    expect(ring.dbRolePassword('zhitong_app')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a master key of the wrong size or key id', () => {
    expect(() => new KeyRing({ keyId: 1, bytes: randomBytes(16) })).toThrow(KeyError);
    expect(() => new KeyRing({ keyId: 0, bytes: randomBytes(32) })).toThrow(KeyError);
  });

  it('assertKeyMatches passes for the right key and stops with one clear sentence for another', () => {
    expect(() => { assertKeyMatches(ring, ring.keyCheckValue(), '/etc/zhitong/master.key'); }).not.toThrow();
    const other = new KeyRing({ keyId: 1, bytes: randomBytes(32) });
    expect(() => { assertKeyMatches(other, ring.keyCheckValue(), '/etc/zhitong/master.key'); }).toThrow(
      new KeyError(
        'The master key in /etc/zhitong/master.key does not match this database (key check failed); restore the right key file — Zhitong never creates a new key for a database that has data.',
      ),
    );
  });
});
