// The one resolver for every endpoint that takes a 受理编号 and 查询码 (DESIGN §7.4).
// Every failure looks the same to the caller; repeated wrong codes lock the case for a while.
import type { Deps } from '../commands/deps.js';
import { isQueryCodeShape } from '../security/query-code.js';
import { timingSafeEqual } from 'node:crypto';

export const CASE_LOCK_AFTER = 5;
export const CASE_LOCK_MS = 30 * 60 * 1000;
const CASE_NUMBER_SHAPE = /^[A-Z]{0,6}\d{4}-\d{4,12}$/u;

export async function resolveCaseByCode(deps: Deps, caseNumber: unknown, queryCode: unknown): Promise<string | null> {
  const number = typeof caseNumber === 'string' ? caseNumber.trim().toUpperCase() : '';
  const row = CASE_NUMBER_SHAPE.test(number)
    ? (
        await deps.pool.query<{ id: string; query_code_hash: Buffer; failures: number | null; locked_until: Date | null }>(
          `SELECT c.id, c.query_code_hash, g.failures, g.locked_until FROM cases c LEFT JOIN query_code_guards g ON g.case_id = c.id WHERE c.case_number = $1`,
          [number],
        )
      ).rows[0]
    : undefined;
  // The hash is computed whatever happened above, so timing does not tell a number that exists.
  const code = isQueryCodeShape(queryCode) ? queryCode : '0000000000';
  const candidate = deps.codes.hash(`${row?.id ?? '00000000-0000-0000-0000-000000000000'}:${code}`);
  if (!row) return null;
  const now = deps.clock.now();
  if (row.locked_until && row.locked_until > now) return null;
  if (isQueryCodeShape(queryCode) && timingSafeEqual(candidate, row.query_code_hash)) {
    if (row.failures !== null) await deps.guardPool.query('DELETE FROM query_code_guards WHERE case_id = $1', [row.id]);
    return row.id;
  }
  await deps.guardPool.query(
    // The counter row exists only while a case has recent wrong codes: submissions never write it.
    `INSERT INTO query_code_guards (case_id, failures) VALUES ($1, 1)
     ON CONFLICT (case_id) DO UPDATE SET failures = query_code_guards.failures + 1,
       locked_until = CASE WHEN query_code_guards.failures + 1 >= $2 THEN $3::timestamptz ELSE query_code_guards.locked_until END`,
    [row.id, CASE_LOCK_AFTER, new Date(now.getTime() + CASE_LOCK_MS)],
  );
  return null;
}
