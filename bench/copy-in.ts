// COPY … FROM STDIN through node-postgres without a new dependency: pg 8 accepts any object with a
// `submit(connection)` method as a query (the way pg-copy-streams plugs in), and its Connection can
// send CopyData / CopyDone / CopyFail. This is the smallest such object: the whole payload is built
// in memory (a seeding chunk is a few MB), sent in 256 KB frames, and the promise settles at
// ReadyForQuery with the number of rows PostgreSQL reports (or at the error).
import type pg from 'pg';

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

const FRAME = 256 * 1024;

class CopyIn {
  #rows = 0;
  readonly done: Promise<number>;
  #resolve!: (n: number) => void;
  #reject!: (e: Error) => void;

  constructor(
    readonly text: string,
    readonly payload: Buffer,
  ) {
    this.done = new Promise<number>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (let at = 0; at < this.payload.length; at += FRAME) connection.sendCopyFromChunk(this.payload.subarray(at, at + FRAME));
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.#rows = Number(/(\d+)$/u.exec(msg.text ?? '')?.[1] ?? 0);
  }

  // On an error the client drops this query at once; the ReadyForQuery that follows is nobody's.
  handleError(err: Error): void {
    this.#reject(err);
  }

  handleReadyForQuery(): void {
    this.#resolve(this.#rows);
  }

  // A COPY FROM never sends rows back; these keep the client's dispatch happy.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `COPY table (columns) FROM STDIN` with the payload in PostgreSQL's text format; resolves to the row count. */
export async function copyIn(client: pg.ClientBase, table: string, columns: readonly string[], payload: Buffer): Promise<number> {
  if (payload.length === 0) return 0;
  const copy = new CopyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, payload);
  (client as unknown as { query(q: CopyIn): CopyIn }).query(copy);
  return copy.done;
}

// The text format: one line per row, tab-separated, \N for NULL, backslash escapes.
export type CopyValue = string | number | boolean | Buffer | Date | null | readonly string[];

function escapeText(s: string): string {
  return s.replace(/[\\\t\n\r]/gu, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function field(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  // Arrays of uuids or plain codes: no quoting needed for those.
  return escapeText(`{${v.join(',')}}`);
}

/** Rows for one table, accumulated as COPY text. */
export class CopyBuffer {
  readonly #parts: string[] = [];
  rows = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(values: readonly CopyValue[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: ${String(values.length)} values for ${String(this.columns.length)} columns`);
    this.#parts.push(`${values.map(field).join('\t')}\n`);
    this.rows++;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.#parts.join(''), 'utf8');
  }
}
