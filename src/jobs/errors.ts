// What a failure may leave behind in logs, pg-boss's tables and outbox.last_error: its class and
// code, never its message (a gateway's message can echo a recipient, a name or the text sent).

const CLASS_NAME = /^[A-Z][A-Za-z0-9]{0,47}$/u;
/** SQLSTATE, errno names, SMTP and HTTP statuses: upper-case codes or up to five digits. */
const CODE = /^(?:[A-Z0-9_]*[A-Z_][A-Z0-9_]*|\d{1,5})$/u;

function field(err: object, key: 'name' | 'code'): unknown {
  return (err as Partial<Record<typeof key, unknown>>)[key];
}

/** `Class` or `Class:CODE`, from names and codes of a known shape only. */
export function errorTag(err: unknown): string {
  if (typeof err !== 'object' || err === null) return 'NonError';
  const rawName = field(err, 'name');
  const name = typeof rawName === 'string' && CLASS_NAME.test(rawName) ? rawName : 'Error';
  const rawCode = field(err, 'code');
  const code = typeof rawCode === 'number' && Number.isInteger(rawCode) ? String(rawCode) : rawCode;
  return typeof code === 'string' && code.length <= 32 && CODE.test(code) ? `${name}:${code}` : name;
}

/** What pg-boss records for a failed run: the tag as message and no stack. */
export class JobFailed extends Error {
  override readonly name = 'JobFailed';

  constructor(tag: string) {
    super(tag);
    this.stack = `JobFailed: ${tag}`;
  }
}
