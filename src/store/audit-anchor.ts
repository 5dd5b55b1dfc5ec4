// Anchors of the audit chain head outside the database: a file beside the keys (DESIGN §6).
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface Anchor {
  readonly sealId: string;
  readonly head: string;
  readonly at: string;
}

/** A random id per installation, so databases sharing a key folder keep separate anchor files. */
export async function installationId(client: pg.ClientBase | pg.Pool): Promise<string> {
  await client.query(`INSERT INTO settings (key, value) VALUES ('installation_id', $1::jsonb) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(randomUUID())]);
  const r = await client.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'installation_id'`);
  const id = r.rows[0]?.value;
  if (typeof id !== 'string') throw new Error('installation id missing');
  return id;
}

export function anchorFile(keyFile: string, installation: string): string {
  return path.join(path.dirname(keyFile), `audit-anchor-${installation}.log`);
}

export async function appendAnchor(file: string, anchor: Anchor): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, `${anchor.sealId} ${anchor.head} ${anchor.at}\n`, { mode: 0o600 });
}

export async function readAnchors(file: string): Promise<Anchor[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [sealId = '', head = '', at = ''] = l.split(' ');
      return { sealId, head, at };
    });
}
