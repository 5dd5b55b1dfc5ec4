// The one resolver for every endpoint that takes a 受理编号 and 查询码 (DESIGN §7.4).
// Every failure looks the same to the caller; repeated wrong codes lock the case for a while,
// and wrong codes across all cases count against a global budget that raises the proof-of-work.
import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../commands/deps.js';
import { isQueryCodeShape } from '../security/query-code.js';
import { hashToken } from '../security/tokens.js';
import { insertAudit } from '../store/audit-rows.js';
import { hitRateLimit, hitsInWindow } from '../store/guards.js';

export const CASE_LOCK_AFTER = 5;
export const CASE_LOCK_MS = 30 * 60 * 1000;
const CASE_NUMBER_SHAPE = /^[A-Z]{0,6}\d{4}-\d{4,12}$/u;
const NO_CASE = '00000000-0000-0000-0000-000000000000';

function globalBucket(deps: Deps): Buffer {
  return hashToken(deps.ring, 'rate-limit', 'wrong-code\u0000global');
}

/** Counts one wrong code against the global budget; the first one over it is audited as an alert. */
async function spendWrongCodeBudget(deps: Deps, budgetPerMinute: number): Promise<void> {
  const { hits } = await hitRateLimit(deps.guardPool, globalBucket(deps), budgetPerMinute, deps.clock.now());
  if (hits === budgetPerMinute + 1) {
    await insertAudit(deps.pool, { actorKind: 'system', action: 'security.wrong_code_budget_exceeded', target: `${String(hits)}/min` });
  }
}

/** True while wrong codes this minute exceed the budget: challenges get harder. */
export async function wrongCodeBudgetExceeded(deps: Deps, budgetPerMinute: number): Promise<boolean> {
  return (await hitsInWindow(deps.guardPool, globalBucket(deps), deps.clock.now())) > budgetPerMinute;
}

/**
 * Every attempt counts before the code is compared, in one statement, whatever the number:
 * parallel guesses serialise on the case's counter row, and a lock that has run out starts afresh.
 * An attempt is compared only while the count (this one included) is within the limit.
 */
const ATTEMPT_SQL = `
WITH c AS (SELECT id, query_code_hash FROM cases WHERE case_number = $1),
g AS (
  INSERT INTO query_code_guards (case_id, failures, locked_until)
  SELECT id, 1, NULL FROM c
  ON CONFLICT (case_id) DO UPDATE SET
    failures = CASE WHEN query_code_guards.locked_until <= $2 THEN 1 ELSE query_code_guards.failures + 1 END,
    locked_until = CASE
      WHEN query_code_guards.locked_until <= $2 THEN NULL
      WHEN query_code_guards.failures + 1 >= $3 THEN coalesce(query_code_guards.locked_until, $4)
      ELSE query_code_guards.locked_until END
  RETURNING failures
)
SELECT c.id, c.query_code_hash, g.failures FROM (SELECT 1) one LEFT JOIN c ON true LEFT JOIN g ON true`;

export async function resolveCaseByCode(deps: Deps, caseNumber: unknown, queryCode: unknown, budgetPerMinute: number): Promise<string | null> {
  const number = typeof caseNumber === 'string' ? caseNumber.trim().toUpperCase() : '';
  const now = deps.clock.now();
  const r = await deps.guardPool.query<{ id: string | null; query_code_hash: Buffer | null; failures: number | null }>(ATTEMPT_SQL, [
    CASE_NUMBER_SHAPE.test(number) ? number : '',
    now,
    CASE_LOCK_AFTER,
    new Date(now.getTime() + CASE_LOCK_MS),
  ]);
  const row = r.rows[0];
  // The hash is computed on every path, so timing does not tell a number that exists.
  const code = isQueryCodeShape(queryCode) ? queryCode : '0000000000';
  const candidate = deps.codes.hash(`${row?.id ?? NO_CASE}:${code}`);
  const allowed = row?.id != null && row.query_code_hash !== null && (row.failures ?? 0) <= CASE_LOCK_AFTER;
  if (allowed && isQueryCodeShape(queryCode) && row.query_code_hash !== null && timingSafeEqual(candidate, row.query_code_hash)) {
    await deps.guardPool.query('DELETE FROM query_code_guards WHERE case_id = $1', [row.id]);
    return row.id;
  }
  // No such case, a wrong code and a locked case cost the same and count the same.
  await spendWrongCodeBudget(deps, budgetPerMinute);
  return null;
}
