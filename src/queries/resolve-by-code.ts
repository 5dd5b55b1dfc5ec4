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

export async function resolveCaseByCode(deps: Deps, caseNumber: unknown, queryCode: unknown, budgetPerMinute: number): Promise<string | null> {
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
  const candidate = deps.codes.hash(`${row?.id ?? NO_CASE}:${code}`);
  if (!row) {
    await spendWrongCodeBudget(deps, budgetPerMinute);
    return null;
  }
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
  await spendWrongCodeBudget(deps, budgetPerMinute);
  return null;
}
