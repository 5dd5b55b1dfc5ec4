// 受理编号: prefix, year, a per-year sequence padded to the width and growing past it.
import type pg from 'pg';

export function yearIn(timezone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(at));
}

export function formatCaseNumber(prefix: string, year: number, n: bigint | number, width: number): string {
  return `${prefix}${String(year)}-${String(n).padStart(width, '0')}`;
}

export async function nextCaseNumber(db: pg.Pool | pg.ClientBase, o: { prefix: string; width: number; timezone: string }, at: Date): Promise<string> {
  const year = yearIn(o.timezone, at);
  const r = await db.query<{ n: string }>(`SELECT nextval($1::regclass)::text AS n`, [`case_number_${String(year)}`]);
  return formatCaseNumber(o.prefix, year, BigInt(r.rows[0]?.n ?? '0'), o.width);
}
