// 受理编号: prefix, year, a per-year sequence padded to the width and growing past it.
import type pg from 'pg';

// Building an Intl formatter costs about a millisecond; one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, f);
  }
  return f;
}

/** The calendar date in the bureau's zone, as YYYY-MM-DD. */
export function dateIn(timezone: string, at: Date): string {
  return formatterFor(timezone).format(at);
}

export function yearIn(timezone: string, at: Date): number {
  return Number(dateIn(timezone, at).slice(0, 4));
}

export function formatCaseNumber(prefix: string, year: number, n: bigint | number, width: number): string {
  return `${prefix}${String(year)}-${String(n).padStart(width, '0')}`;
}

export async function nextCaseNumber(db: pg.Pool | pg.ClientBase, o: { prefix: string; width: number; timezone: string }, at: Date): Promise<string> {
  const year = yearIn(o.timezone, at);
  const r = await db.query<{ n: string }>(`SELECT nextval($1::regclass)::text AS n`, [`case_number_${String(year)}`]);
  return formatCaseNumber(o.prefix, year, BigInt(r.rows[0]?.n ?? '0'), o.width);
}
