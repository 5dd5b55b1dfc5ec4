// The shapes of the dashboard's breakdowns in GET /api/v1/stats (issue 4): registrations over time and
// follow-up outcomes, computed from the figures (stats-figures.ts).

/** Dimensions drawn over time: those the bureau reports volume by (issue 4). */
export const SERIES_DIMENSIONS = ['channel', 'type', 'problemType', 'policeBranch', 'unit'] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

export interface Series {
  /** days for a period up to two months, months beyond */
  readonly bucket: 'day' | 'month';
  /** each bucket's first day, YYYY-MM-DD */
  readonly periods: readonly string[];
  readonly total: readonly number[];
  readonly by: Readonly<Record<SeriesDimension, Readonly<Record<string, readonly number[]>>>>;
}

export interface FollowUpBreakdown {
  readonly outcomes: Readonly<Record<string, number>>;
  /** reasons given with dissatisfied outcomes */
  readonly reasons: Readonly<Record<string, number>>;
}
