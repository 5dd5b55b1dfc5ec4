// COPY … TO STDOUT and COPY … FROM STDIN over node-postgres without pg-copy-streams (not a dependency):
// pg hands a submitted object the protocol messages of its query (the `Submittable` interface the
// copy-streams package itself uses), so a few handlers are enough. Backpressure: the socket is paused
// while the consumer lags, so a large table never sits in memory.
import type pg from 'pg';

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  readonly stream: NodeJS.ReadableStream & NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

const HIGH_WATER = 1024 * 1024;

/** Rows of `COPY … TO STDOUT` as chunks of the text format; the count comes from the command tag. */
class CopyOut implements AsyncIterable<Buffer> {
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private done = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private connection: Connection | null = null;
  rows = 0;

  constructor(private readonly text: string) {}

  submit(connection: Connection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    // A copy: the protocol parser's chunk is a view of its receive buffer, which it reuses.
    this.queue.push(Buffer.from(msg.chunk));
    this.queued += msg.chunk.length;
    if (this.queued > HIGH_WATER) this.connection?.stream.pause();
    this.notify();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/(\d+)$/u.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    this.done = true;
    this.notify();
  }

  handleError(err: Error): void {
    this.failure = err;
    this.done = true;
    this.connection?.stream.resume();
    this.notify();
  }

  // The protocol sends none of these for COPY; pg calls them only on a confused server.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('not a COPY FROM');
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        this.queued -= chunk.length;
        if (this.queued <= HIGH_WATER / 2) this.connection?.stream.resume();
        yield chunk;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.done) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}

/** Streams `COPY (query) TO STDOUT`; the client must not be used for anything else meanwhile. */
export function copyOut(client: pg.ClientBase, sql: string): CopyOut {
  const op = new CopyOut(sql);
  // pg accepts any object with `submit` (its Submittable); the typings know only their own shape.
  (client as unknown as { query(s: object): void }).query(op);
  return op;
}

export interface CopyInWriter {
  write(chunk: Buffer): Promise<void>;
  /** Ends the COPY; resolves with the number of rows the server stored. */
  end(): Promise<number>;
}

/** Starts `COPY … FROM STDIN`; resolves once the server is ready for data. */
export function copyIn(client: pg.ClientBase, sql: string): Promise<CopyInWriter> {
  return new Promise<CopyInWriter>((ready, refuse) => {
    let rows = 0;
    let failure: Error | null = null;
    let started = false;
    let settle: { resolve: (n: number) => void; reject: (e: Error) => void } | null = null;
    let finished: { rows: number } | null = null;
    const op = {
      submit(connection: Connection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: Connection) {
        started = true;
        ready({
          async write(chunk: Buffer) {
            if (failure) throw failure;
            connection.sendCopyFromChunk(chunk);
            if (connection.stream.writableNeedDrain === true) {
              await new Promise<void>((r) => connection.stream.once('drain', () => r()));
            }
          },
          end() {
            if (failure) return Promise.reject(failure);
            connection.endCopyFrom();
            if (finished) return Promise.resolve(finished.rows);
            return new Promise<number>((resolve, reject) => {
              settle = { resolve, reject };
            });
          },
        });
      },
      handleCommandComplete(msg: { text?: string }) {
        rows = Number(/(\d+)$/u.exec(msg.text ?? '')?.[1] ?? 0);
      },
      handleReadyForQuery() {
        finished = { rows };
        settle?.resolve(rows);
      },
      handleError(err: Error) {
        // After an error the server drops whatever is still sent; the next write or end reports it.
        failure = err;
        if (!started) refuse(err);
        settle?.reject(err);
      },
      handleCopyData() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    };
    (client as unknown as { query(s: object): void }).query(op);
  });
}
