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
        await deps.pool.query<{ id: string; query_code_hash: Buffer; locked_until: Date | null }>(
          `SELECT c.id, c.query_code_hash, g.locked_until FROM cases c JOIN query_code_guards g ON g.case_id = c.id WHERE c.case_number = $1`,
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
    await deps.pool.query('UPDATE query_code_guards SET failures = 0, locked_until = NULL WHERE case_id = $1 AND failures > 0', [row.id]);
    return row.id;
  }
  await deps.pool.query(
    `UPDATE query_code_guards SET failures = failures + 1,
       locked_until = CASE WHEN failures + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
     WHERE case_id = $1`,
    [row.id, CASE_LOCK_AFTER, new Date(now.getTime() + CASE_LOCK_MS)],
  );
  return null;
}
