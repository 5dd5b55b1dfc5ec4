// The sysadmin's dead letters (DESIGN §5, §7.3): outbox rows the relay gave up on, as metadata only —
// id, kind, the case number (never of a sealed case), attempts, the error class and the times. The
// payload and anything it names (recipient, notice text) never leave this query.
import type { Deps } from '../../commands/deps.js';
import { encodeSeqCursor } from '../cursors.js';

export interface DeadLetterItem {
  readonly id: number;
  readonly kind: string;
  readonly caseNumber: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deadAt: string;
}

interface Row {
  id: string;
  kind: string;
  case_number: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  dead_at: Date;
}

/** Error classes are short identifiers (CONTRIBUTING: a class name and a code); anything else is not shown. */
const ERROR_CLASS = /^[A-Za-z0-9_.:-]{1,80}$/u;

/** Newest first; `before` is the id of the last row of the previous page. */
export async function listDeadLetters(deps: Deps, o: { readonly limit: number; readonly before?: number | undefined }): Promise<{ items: DeadLetterItem[]; nextCursor: string | null }> {
  const r = await deps.pool.query<Row>(
    `SELECT o.id::text, o.kind, CASE WHEN c.sealed THEN NULL ELSE c.case_number END AS case_number, o.attempts, o.last_error, o.created_at, o.dead_at
     FROM outbox o LEFT JOIN cases c ON c.id = o.case_id
     WHERE o.dead_at IS NOT NULL AND o.delivered_at IS NULL AND ($1::bigint IS NULL OR o.id < $1)
     ORDER BY o.id DESC LIMIT $2`,
    [o.before ?? null, o.limit + 1],
  );
  const rows = r.rows.slice(0, o.limit);
  const items = rows.map((x) => ({
    id: Number(x.id),
    kind: x.kind,
    caseNumber: x.case_number,
    attempts: x.attempts,
    lastError: x.last_error !== null && ERROR_CLASS.test(x.last_error) ? x.last_error : x.last_error === null ? null : 'Error',
    createdAt: x.created_at.toISOString(),
    deadAt: x.dead_at.toISOString(),
  }));
  const last = items.at(-1);
  return { items, nextCursor: r.rows.length > o.limit && last !== undefined ? encodeSeqCursor(last.id) : null };
}
