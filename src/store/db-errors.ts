// Which failures mean "the database cannot be reached right now" (DESIGN §8): the server answers them
// with 503 and recovers by itself, since the pools open fresh connections once PostgreSQL answers again.

/** Socket errors of a refused, reset or lost connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is gone, going or not yet accepting: class 08 and the shutdown states of 57P. */
const SQLSTATE = /^(08|57P0[1-3])/u;
/** node-postgres reports a dropped connection or a connect timeout with these messages and no code. */
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout)/u;

export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, cause, address } = err as { code?: unknown; message?: unknown; cause?: unknown; address?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  // The embedded server's Unix socket is gone (it stopped); any other missing file is not ours to excuse.
  if (code === 'ENOENT' && typeof address === 'string' && address.includes('.s.PGSQL.')) return true;
  if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
  // AggregateError of a connect to several addresses, or a wrapped cause.
  if (err instanceof AggregateError) return err.errors.some((e) => isDatabaseUnavailable(e));
  return cause !== undefined && cause !== err && isDatabaseUnavailable(cause);
}
