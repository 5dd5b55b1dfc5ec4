export interface EmbeddedLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

// Operators read these at start-up, so the message is one sentence that says what to do.
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}
