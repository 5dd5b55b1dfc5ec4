// GET /api/v1/stats as the dashboard reads it (src/queries/stats/stats.ts is the source).
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
}

export type Counts = Readonly<Record<string, number>>;
export type Lines = Readonly<Record<string, readonly number[]>>;

export const RATE_NAMES = ['signForOnTime', 'onTimeReply', 'extension', 'return', 'followUp', 'satisfaction', 'reopen'] as const;
export type RateName = (typeof RATE_NAMES)[number];

export const SERIES_DIMENSIONS = ['channel', 'type', 'problemType', 'policeBranch', 'unit'] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

export interface Stats {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  readonly by: Readonly<Record<'channel' | 'type' | 'scope' | 'problemType' | 'policeBranch' | 'unit' | 'state', Counts>>;
  readonly overdue: number;
  readonly rates: Readonly<Record<RateName, Rate>>;
  readonly series: { readonly bucket: 'day' | 'month'; readonly periods: readonly string[]; readonly total: readonly number[]; readonly by: Readonly<Record<SeriesDimension, Lines>> };
  readonly overdueByUnit: Counts;
  readonly followUps: { readonly outcomes: Counts; readonly reasons: Counts };
  readonly unitNames: Readonly<Record<string, string>>;
}
