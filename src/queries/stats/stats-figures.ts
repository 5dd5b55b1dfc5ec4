// The figures one reader sees for a period, from the roll-ups: the rows of their key summed by month (whole
// months) and by day (the ends), then corrected case by case for what the roll-ups cannot know —
//   cases still pending: their stored contributions out, their live ones in;
//   cases this reader may not see although their key counts them (a conflict they declared, a case naming
//   them as a subject, an accusation against their own chain: DESIGN §3.4): stored out, nothing in.
// Every correction runs in the reader's snapshot, so a fold committing meanwhile cannot be counted twice.
// `source: 'live'` skips the roll-ups and counts every visible case live: the same answer, slowly (tests
// compare the two).
import type pg from 'pg';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { addDays, minDate, type LocalDate } from '../../domain/calendar/local-date.js';
import type { Actor } from '../../domain/case-view.js';
import { ancestorsOf, hasSubUnits, headsOf, type UnitTree } from '../../domain/units.js';
import type { ScopeSql } from '../cases/case-scope.js';
import { contributionCtes, METRICS, type Metric } from './contributions.js';
import { contributionInputs } from './contribution-inputs.js';

export interface FigureRow {
  readonly metric: Metric;
  readonly dim: string;
  readonly value: string;
  /** the series bucket for the series' rows, null for the others */
  readonly bucket: LocalDate | null;
  readonly n: number;
}

export interface FigureQuery {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly today: LocalDate;
  readonly bucket: 'day' | 'month';
  /** registered rows by these dimensions (and 'total') are kept per bucket */
  readonly seriesDims: readonly string[];
  readonly source: 'rollup' | 'live';
}

interface Reader {
  readonly actor: Actor;
  readonly tree: UnitTree;
  readonly calendar: BusinessCalendar;
  readonly timezone: string;
  readonly sealedGroup: readonly string[];
  /** caseScope(…, offset 0): its params come first */
  readonly scope: ScopeSql;
}

const FOLLOW_UP_METRICS: readonly Metric[] = ['follow_up_due', 'follow_up_done'];
/** Far enough back for any public deadline still open. */
const EVER = '2000-01-01' as LocalDate;

interface MetricPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** whole months may come from month rows: not for a series drawn by day */
  readonly months: boolean;
}

/**
 * The days a metric counts over: the period; for follow-up tasks the period up to today (they count once
 * due); for open deadlines every day before today (today's overdue cases, whenever registered).
 */
function periodOf(metric: Metric, q: FigureQuery): MetricPeriod {
  if (metric === 'open_due') return { from: EVER, to: addDays(q.today, -1), months: true };
  const months = q.bucket === 'month';
  return FOLLOW_UP_METRICS.includes(metric) ? { from: q.from, to: minDate(q.to, q.today), months } : { from: q.from, to: q.to, months };
}

function binder(params: unknown[]): (v: unknown) => string {
  return (v) => {
    params.push(v);
    return `$${String(params.length)}`;
  };
}

/** Whole months inside [from, to] and the days around them. */
export function periodParts(from: LocalDate, to: LocalDate, months: boolean): { months: LocalDate[]; days: [LocalDate, LocalDate][] } {
  if (from > to) return { months: [], days: [] };
  if (!months) return { months: [], days: [[from, to]] };
  const whole: LocalDate[] = [];
  const firstOfNext = (d: LocalDate): LocalDate => addDays(`${d.slice(0, 8)}01` as LocalDate, 32).slice(0, 8).concat('01') as LocalDate;
  let start = from.endsWith('-01') ? from : firstOfNext(from);
  while (addDays(firstOfNext(start), -1) <= to) {
    whole.push(start);
    start = firstOfNext(start);
  }
  if (whole.length === 0) return { months: [], days: [[from, to]] };
  const days: [LocalDate, LocalDate][] = [];
  const first = whole[0] as LocalDate;
  if (from < first) days.push([from, addDays(first, -1)]);
  if (start <= to) days.push([start, to]);
  return { months: whole, days };
}

/** The roll-up key whose rows are this reader's cases (before the corrections); null for a unit without sub-units. */
function keyOf(r: Reader): string | null {
  if (r.scope.centre) return 'c';
  return hasSubUnits(r.tree, r.actor.unitId) ? `h:${r.actor.unitId}` : null;
}

function bucketOf(q: FigureQuery, metric: Metric, dim: string, day: LocalDate): LocalDate | null {
  if (metric !== 'registered' || (dim !== 'total' && !q.seriesDims.includes(dim))) return null;
  return q.bucket === 'day' ? day : (`${day.slice(0, 8)}01` as LocalDate);
}

async function rollupRows(tx: pg.ClientBase, r: Reader, key: string, q: FigureQuery): Promise<FigureRow[]> {
  const params: unknown[] = [key, r.sealedGroup.includes(r.actor.userId)];
  const p = binder(params);
  const partSql = (period: MetricPeriod): string => {
    const parts = periodParts(period.from, period.to, period.months);
    const alternatives = [
      ...(parts.months.length > 0 ? [`(r.grain = 'm' AND r.day = ANY(${p(parts.months)}::date[]))`] : []),
      ...parts.days.map(([a, b]) => `(r.grain = 'd' AND r.day BETWEEN ${p(a)}::date AND ${p(b)}::date)`),
    ];
    return alternatives.length === 0 ? 'false' : alternatives.join(' OR ');
  };
  const special: readonly Metric[] = [...FOLLOW_UP_METRICS, 'open_due'];
  const groups = [
    `(NOT (r.metric = ANY(${p(special)}::text[])) AND (${partSql(periodOf('registered', q))}))`,
    `(r.metric = ANY(${p(FOLLOW_UP_METRICS)}::text[]) AND (${partSql(periodOf('follow_up_due', q))}))`,
    `(r.metric = 'open_due' AND (${partSql(periodOf('open_due', q))}))`,
  ];
  const series = `r.metric = 'registered' AND r.dim = ANY(${p(['total', ...q.seriesDims])}::text[])`;
  const bucket = q.bucket === 'day' ? 'r.day' : `date_trunc('month', r.day::timestamp)::date`;
  const res = await tx.query<{ metric: Metric; dim: string; value: string; bucket: LocalDate | null; n: string }>(
    `SELECT r.metric, r.dim, r.value, CASE WHEN ${series} THEN ${bucket} END AS bucket, sum(r.n)::text AS n
     FROM stats_rollup r
     WHERE r.key = $1 AND (NOT r.sealed OR $2::boolean) AND (${groups.join(' OR ')})
     GROUP BY 1, 2, 3, 4`,
    params,
  );
  return res.rows.map((row) => ({ ...row, n: Number(row.n) }));
}

type Fact = readonly [Metric, string, string, LocalDate, number];

function figuresOfFacts(facts: Iterable<Fact>, q: FigureQuery, sign: 1 | -1): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const [metric, dim, value, day, n] of facts) {
    const period = periodOf(metric, q);
    if (day < period.from || day > period.to) continue;
    rows.push({ metric, dim, value, bucket: bucketOf(q, metric, dim, day), n: sign * n });
  }
  return rows;
}

/** Cases whose stored contributions may not be this reader's figures: pending, or hidden from the reader. */
async function correctedCases(tx: pg.ClientBase, r: Reader): Promise<string[]> {
  const chain = [r.actor.unitId, ...ancestorsOf(r.tree, r.actor.unitId)];
  const headed = [...r.tree.heads].filter(([, heads]) => heads.includes(r.actor.userId)).map(([unitId]) => unitId);
  const headsBelow = [...new Set(headed.flatMap((u) => (r.tree.children.get(u) ?? []).flatMap((child) => [...headsOf(r.tree, child)])))];
  const res = await tx.query<{ case_id: string }>(
    // One branch per index: an OR across two columns would have the planner scan subjects in parallel.
    `SELECT case_id FROM stats_pending
     UNION SELECT case_id FROM case_conflicts WHERE user_id = $1::uuid
     UNION SELECT case_id FROM subjects WHERE linked_user_id = $1::uuid
     UNION SELECT case_id FROM subjects WHERE police_number_bidx = $2::bytea
     UNION SELECT s.case_id FROM subjects s JOIN cases c ON c.id = s.case_id AND c.is_accusation AND NOT c.sealed WHERE s.linked_unit_id = ANY($3::uuid[])
     UNION SELECT s.case_id FROM subjects s JOIN cases c ON c.id = s.case_id AND c.is_accusation AND NOT c.sealed WHERE s.linked_user_id = ANY($4::uuid[])`,
    [r.actor.userId, r.actor.policeNumber === null ? null : Buffer.from(r.actor.policeNumber, 'hex'), chain, headsBelow],
  );
  return res.rows.map((row) => row.case_id);
}

async function storedFacts(tx: pg.ClientBase, r: Reader, key: string, ids: readonly string[]): Promise<Fact[]> {
  const res = await tx.query<{ facts: Fact[] }>(
    'SELECT facts FROM stats_cases WHERE case_id = ANY($1::uuid[]) AND $2::text = ANY(keys) AND (NOT sealed OR $3::boolean)',
    [ids, key, r.sealedGroup.includes(r.actor.userId)],
  );
  return res.rows.flatMap((row) => row.facts);
}

/** Live contributions of the visible cases among `ids` (every visible case when null). */
async function liveFacts(tx: pg.ClientBase, r: Reader, ids: readonly string[] | null): Promise<Fact[]> {
  const params: unknown[] = [...r.scope.params];
  const p = binder(params);
  const filter = ids === null ? r.scope.where : `c.id = ANY(${p(ids)}::uuid[]) AND ${r.scope.where}`;
  const inputs = await contributionInputs(tx, { tree: r.tree, calendar: r.calendar, timezone: r.timezone }, filter, params);
  const res = await tx.query<{ metric: Metric; dim: string; value: string; day: LocalDate; n: number }>(
    `WITH ${contributionCtes(filter, inputs, p)} SELECT metric, dim, value, day, n FROM facts`,
    params,
  );
  return res.rows.map((f) => [f.metric, f.dim, f.value, f.day, f.n] as const);
}

/**
 * For a reader without a key of their own (a unit without sub-units): the stored facts of the visible cases
 * that are not pending, summed by day in SQL, and the live facts of the visible pending ones.
 */
async function visibleFacts(tx: pg.ClientBase, r: Reader, q: FigureQuery): Promise<Fact[]> {
  const params: unknown[] = [...r.scope.params];
  const p = binder(params);
  const periods = METRICS.map((m) => periodOf(m, q));
  const first = periods.reduce((a, x) => (x.from < a ? x.from : a), q.from);
  const last = periods.reduce((a, x) => (x.to > a ? x.to : a), q.to);
  const stored = await tx.query<{ metric: Metric; dim: string; value: string; day: LocalDate; n: string }>(
    `SELECT e->>0 AS metric, e->>1 AS dim, e->>2 AS value, e->>3 AS day, sum((e->>4)::int)::text AS n
     FROM cases c JOIN stats_cases s ON s.case_id = c.id CROSS JOIN LATERAL jsonb_array_elements(s.facts) AS e
     WHERE ${r.scope.where} AND NOT EXISTS (SELECT 1 FROM stats_pending x WHERE x.case_id = c.id)
       AND e->>3 BETWEEN ${p(first)}::text AND ${p(last)}::text
     GROUP BY 1, 2, 3, 4`,
    params,
  );
  const pending = await tx.query<{ case_id: string }>('SELECT case_id FROM stats_pending');
  const live = pending.rows.length === 0 ? [] : await liveFacts(tx, r, pending.rows.map((x) => x.case_id));
  return [...stored.rows.map((f) => [f.metric, f.dim, f.value, f.day, Number(f.n)] as const), ...live];
}

export async function figuresFor(tx: pg.ClientBase, r: Reader, q: FigureQuery): Promise<FigureRow[]> {
  const key = keyOf(r);
  if (q.source === 'live') return figuresOfFacts(await liveFacts(tx, r, null), q, 1);
  if (key === null) return figuresOfFacts(await visibleFacts(tx, r, q), q, 1);
  const ids = await correctedCases(tx, r);
  const rows = await rollupRows(tx, r, key, q);
  if (ids.length === 0) return rows;
  return [...rows, ...figuresOfFacts(await storedFacts(tx, r, key, ids), q, -1), ...figuresOfFacts(await liveFacts(tx, r, ids), q, 1)];
}
