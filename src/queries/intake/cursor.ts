// Opaque list cursors: base64url of (receivedAt to the microsecond, id), the last row of a page.

export interface ItemCursor {
  readonly receivedAt: string;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/u;

export function encodeCursor(c: ItemCursor): string {
  return Buffer.from(JSON.stringify([c.receivedAt, c.id]), 'utf8').toString('base64url');
}

/** null for anything this module did not make. */
export function decodeCursor(s: string): ItemCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2) return null;
    const [at, id] = v as unknown[];
    return typeof at === 'string' && typeof id === 'string' && MICRO_ISO.test(at) && UUID.test(id) ? { receivedAt: at, id } : null;
  } catch {
    return null;
  }
}
