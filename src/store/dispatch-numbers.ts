// The 交办单's document number (示例公督交〔2026〕12号): one per dispatch level, counted per year without gaps,
// assigned by the first print and kept (the application role may not update or delete these rows).
import type pg from 'pg';

export interface DispatchNumber {
  readonly number: string;
  readonly year: number;
  readonly seq: number;
}

/** Key of the advisory lock that orders first prints within a year (the year is the lock's second half). */
const NUMBERING_LOCK = 12389;

/**
 * The level's number, assigning the year's next one if it has none. First prints of one year queue on a
 * transaction lock, so two of them never draw the same number and a rolled-back print leaves no gap.
 */
export async function dispatchNumberFor(
  tx: pg.ClientBase,
  level: { readonly id: string; readonly year: number },
  issue: { readonly format: (year: number, seq: number) => string; readonly by: string; readonly at: Date },
): Promise<DispatchNumber> {
  const known = async (): Promise<DispatchNumber | null> => {
    const r = await tx.query<DispatchNumber>('SELECT number, year, seq FROM dispatch_documents WHERE dispatch_level_id = $1', [level.id]);
    return r.rows[0] ?? null;
  };
  const before = await known();
  if (before !== null) return before;
  await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [NUMBERING_LOCK, level.year]);
  // Another first print of this level may have committed while this one waited.
  const after = await known();
  if (after !== null) return after;
  const next = await tx.query<{ seq: number }>('SELECT COALESCE(max(seq), 0) + 1 AS seq FROM dispatch_documents WHERE year = $1', [level.year]);
  const seq = next.rows[0]?.seq ?? 1;
  const number = issue.format(level.year, seq);
  await tx.query('INSERT INTO dispatch_documents (dispatch_level_id, year, seq, number, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5::timestamptz, $6)', [level.id, level.year, seq, number, issue.at, issue.by]);
  return { number, year: level.year, seq };
}
