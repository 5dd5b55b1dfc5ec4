// GET /api/v1/stats (DESIGN §1 "decision-making information source", domain-rules §10): counts by channel,
// type, scope, problem type, police branch, unit and state, and the rates the bureau reports on. The same
// scope as the queues applies, so a unit head sees their units and the firewall hides what it hides.
import { inSnapshot, type Deps } from '../../commands/deps.js';
import { datesInRange, daysBetween, type LocalDate } from '../../domain/calendar/local-date.js';
import type { Actor } from '../../domain/case-view.js';
import { localDateOf } from '../../store/case-view-of.js';
import { caseScope } from '../cases/case-scope.js';
import { REGISTRATION_DIMENSIONS, type Metric, type RegistrationDimension } from './contributions.js';
import { SERIES_DIMENSIONS, type FollowUpBreakdown, type Series, type SeriesDimension } from './stats-breakdowns.js';
import { figuresFor, type FigureQuery, type FigureRow } from './stats-figures.js';

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** null when nothing counted: a rate of nothing is not 0% */
  readonly value: number | null;
}

const RATES = ['signForOnTime', 'onTimeReply', 'extension', 'return', 'followUp', 'satisfaction', 'reopen'] as const;
type RateName = (typeof RATES)[number];

export interface Stats {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly total: number;
  readonly by: Readonly<Record<RegistrationDimension, Readonly<Record<string, number>>>>;
  /** open past their public deadline today, whenever they were registered */
  readonly overdue: number;
  readonly rates: Readonly<Record<RateName, Rate>>;
  /** registrations over the period, by dimension (the dashboard's lines) */
  readonly series: Series;
  /** today's overdue cases by the unit holding them */
  readonly overdueByUnit: Readonly<Record<string, number>>;
  readonly followUps: FollowUpBreakdown;
  /** the names of the units these figures name, so a screen need not look them up */
  readonly unitNames: Readonly<Record<string, string>>;
}

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000 };
}

/** Each rate as (numerator, denominator) metrics of the figures (src/queries/stats/contributions.ts). */
const RATE_METRICS: Record<RateName, readonly [Metric, Metric]> = {
  signForOnTime: ['signed_on_time', 'assigned'],
  onTimeReply: ['replied_on_time', 'due'],
  extension: ['closed_extended', 'closed'],
  return: ['returned', 'assigned'],
  followUp: ['follow_up_done', 'follow_up_due'],
  satisfaction: ['rated_satisfied', 'rated'],
  reopen: ['reopen', 'close'],
};

const DAY_BUCKETS_UP_TO = 62;

function periodsOf(from: LocalDate, to: LocalDate, bucket: Series['bucket']): string[] {
  const days = datesInRange(from, to);
  return bucket === 'day' ? days : [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
}

/** Totals, dimensions, rates, series and follow-up outcomes from the figure rows. */
function summarise(rows: readonly FigureRow[], from: LocalDate, to: LocalDate, bucket: Series['bucket']) {
  const totals = new Map<Metric, number>();
  const by = Object.fromEntries(REGISTRATION_DIMENSIONS.map(([k]) => [k, {}])) as Record<RegistrationDimension, Record<string, number>>;
  const periods = periodsOf(from, to, bucket);
  const index = new Map(periods.map((p, i) => [p, i]));
  const zeros = (): number[] => periods.map(() => 0);
  const seriesTotal = zeros();
  const seriesBy = Object.fromEntries(SERIES_DIMENSIONS.map((k) => [k, {}])) as Record<SeriesDimension, Record<string, number[]>>;
  const followUps: { outcomes: Record<string, number>; reasons: Record<string, number> } = { outcomes: {}, reasons: {} };
  const overdueByUnit: Record<string, number> = {};
  const bump = (record: Record<string, number>, key: string, n: number) => {
    record[key] = (record[key] ?? 0) + n;
  };
  for (const row of rows) {
    if (row.metric === 'registered') {
      if (row.dim === 'total') totals.set('registered', (totals.get('registered') ?? 0) + row.n);
      else if (row.dim in by) bump(by[row.dim as RegistrationDimension], row.value, row.n);
      const i = row.bucket === null ? undefined : index.get(row.bucket);
      if (i === undefined) continue;
      if (row.dim === 'total') seriesTotal[i] = (seriesTotal[i] ?? 0) + row.n;
      else if (row.dim in seriesBy) {
        const line = (seriesBy[row.dim as SeriesDimension][row.value] ??= zeros());
        line[i] = (line[i] ?? 0) + row.n;
      }
      continue;
    }
    if (row.metric === 'open_due') bump(overdueByUnit, row.value, row.n);
    else if (row.metric === 'outcome') bump(followUps.outcomes, row.value, row.n);
    else if (row.metric === 'reason') bump(followUps.reasons, row.value, row.n);
    else totals.set(row.metric, (totals.get(row.metric) ?? 0) + row.n);
  }
  // A case corrected out of a value leaves a zero behind: no such line on a chart.
  const clean = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).filter(([, n]) => n !== 0));
  const cleanLines = (record: Record<string, number[]>) => Object.fromEntries(Object.entries(record).filter(([, ns]) => ns.some((n) => n !== 0)));
  const rates = Object.fromEntries(RATES.map((name) => {
    const [num, den] = RATE_METRICS[name];
    return [name, rate(totals.get(num) ?? 0, totals.get(den) ?? 0)];
  })) as Record<RateName, Rate>;
  return {
    total: totals.get('registered') ?? 0,
    by: Object.fromEntries(REGISTRATION_DIMENSIONS.map(([k]) => [k, clean(by[k])])) as Record<RegistrationDimension, Record<string, number>>,
    rates,
    series: { bucket, periods, total: seriesTotal, by: Object.fromEntries(SERIES_DIMENSIONS.map((k) => [k, cleanLines(seriesBy[k])])) as Record<SeriesDimension, Record<string, number[]>> },
    followUps: { outcomes: clean(followUps.outcomes), reasons: clean(followUps.reasons) },
    overdueByUnit: clean(overdueByUnit),
  };
}

export async function caseStats(deps: Deps, actor: Actor, from: LocalDate, to: LocalDate, source: FigureQuery['source'] = 'rollup'): Promise<Stats> {
  return inSnapshot(deps.pool, async (tx) => {
    const { org, calendar, sealedGroup } = await deps.reference.get(tx);
    const today = localDateOf(deps.clock.now(), deps.timezone);
    const scope = caseScope(actor, org.tree, sealedGroup, 0);
    const bucket: Series['bucket'] = daysBetween(from, to) < DAY_BUCKETS_UP_TO ? 'day' : 'month';
    if (!scope.any) {
      const none = rate(0, 0);
      const series: Series = { bucket: 'day', periods: [], total: [], by: Object.fromEntries(SERIES_DIMENSIONS.map((k) => [k, {}])) as Series['by'] };
      const empty = { total: 0, by: Object.fromEntries(REGISTRATION_DIMENSIONS.map(([k]) => [k, {}])) as Stats['by'], overdue: 0, overdueByUnit: {}, followUps: { outcomes: {}, reasons: {} }, unitNames: {} };
      return { from, to, ...empty, rates: Object.fromEntries(RATES.map((k) => [k, none])) as Stats['rates'], series };
    }
    if (!scope.centre && !actor.roles.includes('unit_head')) throw new Error('statistics are read by centre staff and unit heads');
    const reader = { actor, tree: org.tree, calendar, timezone: deps.timezone, sealedGroup, scope };
    const rows = await figuresFor(tx, reader, { from, to, today, bucket, seriesDims: SERIES_DIMENSIONS, source });
    const figures = summarise(rows, from, to, bucket);
    const named = new Set([...Object.keys(figures.by.unit), ...Object.keys(figures.overdueByUnit), ...Object.keys(figures.series.by.unit)]);
    const unitNames = Object.fromEntries([...named].flatMap((id) => {
      const name = org.units.get(id)?.name;
      return name === undefined ? [] : [[id, name]];
    }));
    const overdue = Object.values(figures.overdueByUnit).reduce((a, b) => a + b, 0);
    return { from, to, ...figures, overdue, unitNames };
  });
}
