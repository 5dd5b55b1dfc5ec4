// Encrypted attachment files under the data folder; names are random ids, never the user's.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export class AttachmentStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'attachments');
  }

  private pathOf(storageKey: string): string {
    if (!/^[0-9]{4}\/[0-9a-f-]{36}$/u.test(storageKey)) throw new Error('bad storage key');
    return path.join(this.root, storageKey);
  }

  /** Written and synced before the case commits, so an acknowledged report never lacks its files. */
  async put(year: number, attachmentId: string, sealed: Buffer): Promise<string> {
    const key = `${String(year)}/${attachmentId}`;
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.tmp`;
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
    // The rename is durable only once the folder itself is synced.
    const dir = await open(path.dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return key;
  }

  async get(storageKey: string): Promise<Buffer> {
    return readFile(this.pathOf(storageKey));
  }

  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }
}
