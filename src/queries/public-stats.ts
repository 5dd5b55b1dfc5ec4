// The public statistics (issue 5, DESIGN §10 `stats`): per completed month of a year and per case type, how
// many items were received and answered (replied, or closed without a reply), with the share answered on time
// and the share of ratings that were satisfied. No unit dimension, nothing of any one case; sealed cases are
// left out as they are everywhere outside the sealed group. The counts are withheld by complementary
// suppression (domain/suppression.ts); the on-time and rating counts are never published, only shares whose
// both parts are 0 or above the small-count limit (publishableRate): a published "rated 7, satisfied 6" would
// name the one dissatisfied reporter. Only completed months are shown, so that two days' figures cannot be
// compared to see one new accusation, or a case that disappeared because it was sealed.
//
// Read live, not from the roll-ups: their closing, on-time and rating metrics carry no case type
// (queries/stats/contributions.ts), and adding one would multiply the roll-up rows for a screen read a few
// times a minute behind a cache. Each part is one range scan over a year.
import { dateIn } from '../commands/case-number.js';
import type { Deps } from '../commands/deps.js';
import { CASE_TYPES, type CaseType } from '../domain/data/taxonomy.js';
import type { Bilingual } from '../domain/i18n-text.js';
import { publishableRate, SMALL_COUNT_MAX, suppressTable, withTotals } from '../domain/suppression.js';

const COUNTED = ['received', 'closed', 'repliedOnTime', 'rated', 'satisfied'] as const;
type Counted = (typeof COUNTED)[number];
/** The counts that are published (suppressed where small); the others only feed the rates. */
export const PUBLIC_COUNTS = ['received', 'closed'] as const;
export type PublicCount = (typeof PUBLIC_COUNTS)[number];

export interface PublishedCount {
  /** null exactly when suppressed */
  readonly value: number | null;
  readonly suppressed: boolean;
}

export type Figures = { readonly [K in PublicCount]: PublishedCount } & {
  /** answered on time / answered, when publishable */
  readonly onTimeRate: number | null;
  /** satisfied or basically satisfied / rated, when publishable */
  readonly satisfactionRate: number | null;
};

export interface PublicStats {
  readonly year: number;
  /** the last day of the last completed month the figures run to */
  readonly asOf: string;
  readonly smallCountMax: number;
  readonly types: readonly { readonly code: CaseType; readonly label: Bilingual }[];
  readonly rows: readonly { readonly month: string; readonly cells: readonly Figures[]; readonly total: Figures }[];
  readonly total: { readonly cells: readonly Figures[]; readonly total: Figures };
}

const TYPES: readonly CaseType[] = CASE_TYPES.map((t) => t.code);

/**
 * $1, $2: the year's first and the next year's first local midnight; $3: the zone. A case counts as answered
 * in the month of its reply (or its closing when it had none), on time when that day is not after its public
 * deadline or it had none (praise, information only: nothing to be late for).
 */
const SQL = `
WITH b AS (SELECT ($1::timestamp AT TIME ZONE $3::text) AS lo, ($2::timestamp AT TIME ZONE $3::text) AS hi)
SELECT 'received' AS metric, to_char(c.created_at AT TIME ZONE $3::text, 'YYYY-MM') AS month, c.type, count(*)::int AS n
  FROM cases c, b WHERE c.created_at >= b.lo AND c.created_at < b.hi AND NOT c.sealed GROUP BY 2, 3
UNION ALL
SELECT m.metric, to_char(x.at AT TIME ZONE $3::text, 'YYYY-MM'), c.type, count(*)::int
  FROM cases c CROSS JOIN LATERAL (SELECT COALESCE(c.replied_at, c.closed_at) AS at) x, b
  CROSS JOIN LATERAL (VALUES ('closed', true), ('repliedOnTime', c.public_due IS NULL OR (x.at AT TIME ZONE $3::text)::date <= c.public_due)) AS m(metric, counts)
  WHERE x.at >= b.lo AND x.at < b.hi AND NOT c.sealed AND m.counts GROUP BY 1, 2, 3
UNION ALL
SELECT m.metric, to_char(r.recorded_at AT TIME ZONE $3::text, 'YYYY-MM'), c.type, count(*)::int
  FROM follow_up_records r JOIN cases c ON c.id = r.case_id AND NOT c.sealed, b
  CROSS JOIN LATERAL (VALUES ('rated', r.outcome IN ('satisfied', 'basically_satisfied', 'dissatisfied')), ('satisfied', r.outcome IN ('satisfied', 'basically_satisfied'))) AS m(metric, counts)
  WHERE r.recorded_at >= b.lo AND r.recorded_at < b.hi AND m.counts GROUP BY 1, 2, 3`;

/** The months of `year` shown: all twelve for a past year, the completed ones for this one. */
export function monthsOf(year: number, today: string): string[] {
  const last = Number(today.slice(0, 4)) > year ? 12 : Number(today.slice(5, 7)) - 1;
  return Array.from({ length: last }, (_, i) => `${String(year)}-${String(i + 1).padStart(2, '0')}`);
}

/** Raw counts per metric as months × types, in the order of `months` and TYPES. */
async function rawCounts(deps: Deps, year: number, months: readonly string[]): Promise<Record<Counted, number[][]>> {
  const counts = Object.fromEntries(COUNTED.map((k) => [k, months.map(() => TYPES.map(() => 0))])) as Record<Counted, number[][]>;
  const r = await deps.pool.query<{ metric: Counted; month: string; type: CaseType; n: number }>(SQL, [`${String(year)}-01-01`, `${String(year + 1)}-01-01`, deps.timezone]);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  for (const row of r.rows) {
    const i = monthIndex.get(row.month);
    const j = TYPES.indexOf(row.type);
    const line = i === undefined ? undefined : counts[row.metric][i];
    if (line !== undefined && j >= 0) line[j] = (line[j] ?? 0) + row.n;
  }
  return counts;
}

/** The last day of the month before `today`'s, or of December for a past year. */
function lastDayShown(year: number, today: string): string {
  if (Number(today.slice(0, 4)) > year) return `${String(year)}-12-31`;
  const firstOfMonth = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  return new Date(firstOfMonth.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** The statistics of `year` as published: every count through suppression, shares only where publishable. */
export async function publicStats(deps: Deps, year: number): Promise<PublicStats> {
  const today = dateIn(deps.timezone, deps.clock.now());
  const months = monthsOf(year, today);
  const raw = await rawCounts(deps, year, months);
  // Each published metric is its own table with its own totals, suppressed on its own.
  const tables = Object.fromEntries(PUBLIC_COUNTS.map((k) => [k, suppressTable(raw[k], TYPES.length)])) as Record<PublicCount, ReturnType<typeof suppressTable>>;
  const full = Object.fromEntries(COUNTED.map((k) => [k, withTotals(raw[k], TYPES.length)])) as Record<Counted, number[][]>;
  const at = (k: Counted, i: number, j: number): number => full[k][i]?.[j] ?? 0;
  const figuresAt = (i: number, j: number): Figures => {
    const counts = Object.fromEntries(PUBLIC_COUNTS.map((k) => {
      const hidden = tables[k].suppressed[i]?.[j] ?? true;
      return [k, { value: hidden ? null : (tables[k].values[i]?.[j] ?? 0), suppressed: hidden }];
    })) as Record<PublicCount, PublishedCount>;
    return { ...counts, onTimeRate: publishableRate(at('repliedOnTime', i, j), at('closed', i, j)), satisfactionRate: publishableRate(at('satisfied', i, j), at('rated', i, j)) };
  };
  const lineOf = (i: number) => ({ cells: TYPES.map((_, j) => figuresAt(i, j)), total: figuresAt(i, TYPES.length) });
  return {
    year,
    asOf: lastDayShown(year, today),
    smallCountMax: SMALL_COUNT_MAX,
    types: CASE_TYPES.map((t) => ({ code: t.code, label: t.name })),
    rows: months.map((month, i) => ({ month, ...lineOf(i) })),
    total: lineOf(months.length),
  };
}
