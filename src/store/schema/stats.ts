// Statistics roll-ups (DESIGN §9: a month and a year at a million cases within 300 ms). Each case's
// contributions to the figures (registrations by dimension, dispatch levels, deadlines, closures, returns,
// follow-ups, outcomes, reopenings — each on its local day) are kept per case and summed per reader key
// and day/month; a job folds changed cases in from `stats_pending`, which triggers fill in the same
// transaction as the change. Readers add back the live figures of cases still pending, so a figure is never
// stale (src/queries/stats/). Nothing here names a person or holds case text: codes, unit ids, days, counts.
import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Cases changed since the job last folded them in: filled by triggers (migration 0014), emptied by the job. */
export const statsPending = pgTable('stats_pending', {
  caseId: uuid('case_id').primaryKey(),
});

/** What each case currently adds to `stats_rollup`: the readers' keys it counts under and its contributions. */
export const statsCases = pgTable('stats_cases', {
  caseId: uuid('case_id').primaryKey(),
  sealed: boolean('sealed').notNull(),
  /** 'c' (the centre), 'u:<unit>' (a unit's own staff), 'h:<unit>' (the unit's head) */
  keys: text('keys').array().notNull(),
  /** [metric, dim, value, day, n] tuples */
  facts: jsonb('facts').notNull(),
});

export const statsRollup = pgTable(
  'stats_rollup',
  {
    key: text('key').notNull(),
    /** 'd' rows are days; 'm' rows are months, dated on their first day */
    grain: text('grain').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    dim: text('dim').notNull(),
    value: text('value').notNull(),
    sealed: boolean('sealed').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ name: 'stats_rollup_pkey', columns: [t.key, t.grain, t.day, t.metric, t.dim, t.value, t.sealed] }), check('stats_rollup_grain', sql`${t.grain} IN ('d', 'm')`)],
);

/** The zone the roll-ups' days were cut in; a different zone at start-up means a rebuild. */
export const statsState = pgTable('stats_state', {
  singleton: boolean('singleton').primaryKey().default(true),
  timezone: text('timezone').notNull(),
  rebuiltAt: timestamp('rebuilt_at', { withTimezone: true }).notNull(),
});
