// Which failures the server answers with 503 database_unavailable (and which stay a 500).
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/store/db-errors.js';

function err(message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), extra);
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused, reset or lost connection and a server shutting down', () => {
    expect(isDatabaseUnavailable(err('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(err('read ECONNRESET', { code: 'ECONNRESET' }))).toBe(true);
    expect(isDatabaseUnavailable(err('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(err('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(err('terminating connection due to administrator command', { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(err('the database system is starting up', { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(err('connection failure', { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([err('x', { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnavailable(err('connect ENOENT /tmp/zt-pg-1/.s.PGSQL.5432', { code: 'ENOENT', address: '/tmp/zt-pg-1/.s.PGSQL.5432' }))).toBe(true);
  });

  it('leaves every other failure a 500', () => {
    expect(isDatabaseUnavailable(err('duplicate key', { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(err('permission denied for table audit', { code: '42501' }))).toBe(false);
    expect(isDatabaseUnavailable(err('canceling statement due to statement timeout', { code: '57014' }))).toBe(false);
    expect(isDatabaseUnavailable(err("ENOENT: no such file or directory, open '/data/a.bin'", { code: 'ENOENT', path: '/data/a.bin' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
