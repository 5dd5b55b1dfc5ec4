// Cell suppression for published tables (issue 5, public statistics). A count of 1–4 could point at one
// reporter or one officer, so it is not published; and because row and column totals are published, any
// cell that the totals and the other published cells pin down is suppressed too (complementary
// suppression), until nothing hidden can be worked back.
//
// Why bridges and not only "a line with one hidden cell": a table with its totals is a set of line
// equations (each row and each column sums to its total). Take the rows and columns as the nodes of a
// graph and every hidden cell as an edge between its row and its column. After substituting the published
// cells, a hidden cell's value is fixed by the equations exactly when its edge lies on no cycle of that
// graph, i.e. it is a bridge (the equations then have no free direction that moves it). A line with one
// hidden cell is the simplest bridge; two hidden blocks joined by one hidden cell are another, which the
// one-per-line rule alone would miss. So: while a hidden cell is a bridge, also hide the smallest non-zero
// published cell of its line (a zero when there is none), and repeat; hiding everything has no bridge
// (every row meets every column twice), so it always ends.
//
// Totals are cells of the extended table like any other: the last column holds each row's total, the last
// row each column's total, the corner the grand total. They are suppressed by the same rules.

/** Counts from 1 to this are never published (0 is: it names nobody). */
export const SMALL_COUNT_MAX = 4;

export interface SuppressedTable {
  /** (rows + 1) × (columns + 1): the cells, each row's total last, then a row of column totals and the grand total */
  readonly values: readonly (readonly number[])[];
  /** the same shape: true where the value must not be published */
  readonly suppressed: readonly (readonly boolean[])[];
}

/** The table with its totals: each row gains its sum, and a last row holds the column sums. */
export function withTotals(cells: readonly (readonly number[])[], columns: number): number[][] {
  const rows = cells.map((r) => {
    if (r.length !== columns) throw new Error('every row needs one value per column');
    return [...r, r.reduce((a, b) => a + b, 0)];
  });
  const totals = Array.from({ length: columns + 1 }, (_, j) => rows.reduce((a, r) => a + (r[j] ?? 0), 0));
  return [...rows, totals];
}

const isSmall = (n: number): boolean => n >= 1 && n <= SMALL_COUNT_MAX;

type Cell = readonly [number, number];

/** Hidden cells (row, column) of the extended table, in reading order. */
function hiddenCells(s: readonly (readonly boolean[])[]): Cell[] {
  const out: Cell[] = [];
  s.forEach((row, i) => row.forEach((h, j) => {
    if (h) out.push([i, j]);
  }));
  return out;
}

/** True when removing this hidden cell disconnects its row from its column in the graph of hidden cells. */
function isBridge(cell: Cell, hidden: readonly Cell[], rows: number): boolean {
  // Nodes: rows 0..rows-1, columns rows..rows+columns-1.
  const [from, to] = [cell[0], rows + cell[1]];
  const adjacent = new Map<number, number[]>();
  for (const [i, j] of hidden) {
    if (i === cell[0] && j === cell[1]) continue;
    const a = i;
    const b = rows + j;
    (adjacent.get(a) ?? adjacent.set(a, []).get(a))?.push(b);
    (adjacent.get(b) ?? adjacent.set(b, []).get(b))?.push(a);
  }
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift() as number;
    if (node === to) return false;
    for (const next of adjacent.get(node) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return true;
}

/** The smallest published cell among `candidates`, non-zero first; null when every one is hidden. */
function smallestPublished(candidates: readonly Cell[], values: readonly (readonly number[])[], s: readonly (readonly boolean[])[]): Cell | null {
  const open = candidates.filter(([i, j]) => s[i]?.[j] === false);
  const value = ([i, j]: Cell): number => values[i]?.[j] ?? 0;
  const nonZero = open.filter((c) => value(c) > 0);
  const pool = nonZero.length > 0 ? nonZero : open;
  // Ties go to the earlier cell, so the same figures are always suppressed the same way.
  return pool.reduce<Cell | null>((best, c) => (best === null || value(c) < value(best) ? c : best), null);
}

const lineOf = (cell: Cell, rows: number, columns: number, along: 'row' | 'column'): Cell[] =>
  along === 'row' ? Array.from({ length: columns }, (_, j) => [cell[0], j] as const) : Array.from({ length: rows }, (_, i) => [i, cell[1]] as const);

/**
 * The cells (without totals: rows × columns non-negative integers) as a published table with totals and
 * which values are withheld: primary suppression of 1–4, then complementary suppression until no hidden
 * value can be recovered from the totals and the published cells.
 */
export function suppressTable(cells: readonly (readonly number[])[], columns: number): SuppressedTable {
  for (const row of cells) for (const n of row) if (!Number.isInteger(n) || n < 0) throw new Error('counts are non-negative integers');
  const values = withTotals(cells, columns);
  const rows = values.length;
  const width = columns + 1;
  const s = values.map((row) => row.map(isSmall));
  for (;;) {
    const hidden = hiddenCells(s);
    const bridge = hidden.find((c) => isBridge(c, hidden, rows));
    if (bridge === undefined) break;
    // The rule as stated for a line with one hidden cell: complete that line first.
    const alone = (along: 'row' | 'column') => lineOf(bridge, rows, width, along).filter(([i, j]) => s[i]?.[j] === true).length === 1;
    const lines = [...(alone('row') ? [lineOf(bridge, rows, width, 'row')] : []), ...(alone('column') ? [lineOf(bridge, rows, width, 'column')] : [])];
    const near = lines.length > 0 ? lines.flat() : [...lineOf(bridge, rows, width, 'row'), ...lineOf(bridge, rows, width, 'column')];
    const everywhere = values.flatMap((row, i) => row.map((_, j) => [i, j] as const));
    const pick = smallestPublished(near, values, s) ?? smallestPublished(everywhere, values, s);
    if (pick === null) break; // everything hidden: nothing left to recover
    const target = s[pick[0]];
    if (target) target[pick[1]] = true;
  }
  return { values, suppressed: s };
}

/** A rate needs at least this many cases behind it. */
export const RATE_MIN_DENOMINATOR = 10;

/**
 * A share fit to publish, or null. A rate and its denominator give away both parts, so each part
 * (e.g. on time and late, satisfied and not) must be 0 or above the small-count limit, and the
 * denominator large enough that the rate says little about any one case. Rounded to 0.1 %.
 */
export function publishableRate(numerator: number, denominator: number): number | null {
  if (denominator < RATE_MIN_DENOMINATOR) return null;
  const small = (n: number): boolean => n > 0 && n <= SMALL_COUNT_MAX;
  if (small(numerator) || small(denominator - numerator)) return null;
  return Math.round((numerator / denominator) * 1000) / 1000;
}
