// Opaque cursors for the admin lists and notifications: base64url of the last row's sort key. They carry
// nothing secret; an unreadable one is a 422 at the edge (null here).

export function encodeKeyCursor(key: string): string {
  return Buffer.from(JSON.stringify(['k', key]), 'utf8').toString('base64url');
}

export function decodeKeyCursor(text: string): string | null {
  const v = parse(text);
  return Array.isArray(v) && v.length === 2 && v[0] === 'k' && typeof v[1] === 'string' ? v[1] : null;
}

/** Audit rows and notifications page by a bigint sequence or a (time, id) pair. */
export function encodeSeqCursor(seq: number): string {
  return Buffer.from(JSON.stringify(['s', seq]), 'utf8').toString('base64url');
}

export function decodeSeqCursor(text: string): number | null {
  const v = parse(text);
  return Array.isArray(v) && v.length === 2 && v[0] === 's' && Number.isSafeInteger(v[1]) && (v[1] as number) > 0 ? (v[1] as number) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/u;

export interface TimeCursor {
  readonly at: string;
  readonly id: string;
}

export function encodeTimeCursor(c: TimeCursor): string {
  return Buffer.from(JSON.stringify(['t', c.at, c.id]), 'utf8').toString('base64url');
}

export function decodeTimeCursor(text: string): TimeCursor | null {
  const v = parse(text);
  if (!Array.isArray(v) || v.length !== 3 || v[0] !== 't') return null;
  const [, at, id] = v as unknown[];
  return typeof at === 'string' && typeof id === 'string' && MICRO_ISO.test(at) && UUID.test(id) ? { at, id } : null;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
