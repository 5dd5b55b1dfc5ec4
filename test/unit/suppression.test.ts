// Complementary cell suppression (src/domain/suppression.ts): every table below is suppressed and then
// attacked the way a reader of the portal could — from the published cells and the totals — and the
// attacks must recover no hidden value. The attackers are first shown to work on unprotected tables.
import { describe, expect, it } from 'vitest';
import { publishableRate, SMALL_COUNT_MAX, suppressTable, withTotals } from '../../src/domain/suppression.js';

type Grid<T> = readonly (readonly T[])[];

/** The line equations of a table with totals, over its hidden cells: A·x = b. */
function equations(values: Grid<number>, hidden: Grid<boolean>): { a: number[][]; b: number[]; unknowns: [number, number][] } {
  const rows = values.length;
  const width = values[0]?.length ?? 0;
  const unknowns: [number, number][] = [];
  hidden.forEach((r, i) => r.forEach((h, j) => {
    if (h) unknowns.push([i, j]);
  }));
  const index = new Map(unknowns.map(([i, j], k) => [`${String(i)},${String(j)}`, k]));
  const a: number[][] = [];
  const b: number[] = [];
  const line = (cells: [number, number, number][]) => {
    const coeffs = new Array<number>(unknowns.length).fill(0);
    let rhs = 0;
    for (const [i, j, sign] of cells) {
      const k = index.get(`${String(i)},${String(j)}`);
      if (k === undefined) rhs -= sign * (values[i]?.[j] ?? 0);
      else coeffs[k] = (coeffs[k] ?? 0) + sign;
    }
    a.push(coeffs);
    b.push(rhs);
  };
  // Each row's cells minus its total; each column's cells minus its total.
  for (let i = 0; i < rows; i++) line(Array.from({ length: width }, (_, j) => [i, j, j === width - 1 ? -1 : 1] as [number, number, number]));
  for (let j = 0; j < width; j++) line(Array.from({ length: rows }, (_, i) => [i, j, i === rows - 1 ? -1 : 1] as [number, number, number]));
  return { a, b, unknowns };
}

function rank(m: readonly number[][]): number {
  const a = m.map((r) => [...r]);
  let r = 0;
  const cols = a[0]?.length ?? 0;
  for (let c = 0; c < cols && r < a.length; c++) {
    const pivot = a.findIndex((row, i) => i >= r && Math.abs(row[c] ?? 0) > 1e-9);
    if (pivot === -1) continue;
    [a[r], a[pivot]] = [a[pivot] as number[], a[r] as number[]];
    const p = a[r] as number[];
    for (let i = 0; i < a.length; i++) {
      if (i === r) continue;
      const row = a[i] as number[];
      const f = (row[c] ?? 0) / (p[c] ?? 1);
      if (f !== 0) for (let k = c; k < cols; k++) row[k] = (row[k] ?? 0) - f * (p[k] ?? 0);
    }
    r++;
  }
  return r;
}

/** Linear attack: the hidden cells the line equations fix (column not in the span of the others). */
function recoverable(values: Grid<number>, hidden: Grid<boolean>): [number, number][] {
  const { a, unknowns } = equations(values, hidden);
  const full = rank(a);
  return unknowns.filter((_, k) => rank(a.map((row) => row.filter((__, c) => c !== k))) === full - 1);
}

/** The naive attack: a line with one hidden cell gives it away; learnt values feed the next round. */
function peel(values: Grid<number>, hidden: Grid<boolean>): Map<string, number> {
  const h = hidden.map((r) => [...r]);
  const learnt = new Map<string, number>();
  const rows = values.length;
  const width = values[0]?.length ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    const lines = [
      ...Array.from({ length: rows }, (_, i) => Array.from({ length: width }, (__, j) => [i, j, j === width - 1 ? -1 : 1] as const)),
      ...Array.from({ length: width }, (_, j) => Array.from({ length: rows }, (__, i) => [i, j, i === rows - 1 ? -1 : 1] as const)),
    ];
    for (const line of lines) {
      const open = line.filter(([i, j]) => h[i]?.[j] === true);
      if (open.length !== 1) continue;
      const [oi, oj, os] = open[0] as readonly [number, number, number];
      const rest = line.filter(([i, j]) => !(i === oi && j === oj)).reduce((s, [i, j, sign]) => s + sign * (values[i]?.[j] ?? 0), 0);
      learnt.set(`${String(oi)},${String(oj)}`, -rest / os);
      (h[oi] as boolean[])[oj] = false;
      changed = true;
    }
  }
  return learnt;
}

/** Bounds attack on small tables: every non-negative integer filling consistent with what is published. */
function fillings(values: Grid<number>, hidden: Grid<boolean>): number[][] {
  const { a, b, unknowns } = equations(values, hidden);
  const grand = values.at(-1)?.at(-1) ?? 0;
  const out: number[][] = [];
  const x: number[] = [];
  // An equation is checked as soon as its last unknown is set, so the search stays small.
  const lastOf = a.map((row) => row.reduce((last, c, j) => (c !== 0 ? j : last), -1));
  const holds = (i: number) => (a[i] ?? []).reduce((s, c, j) => s + c * (x[j] ?? 0), 0) === b[i];
  const search = (k: number): void => {
    if (k === unknowns.length) {
      out.push([...x]);
      return;
    }
    for (let v = 0; v <= grand; v++) {
      x[k] = v;
      if (lastOf.every((last, i) => last !== k || holds(i))) search(k + 1);
    }
  };
  search(0);
  return out;
}

const primaryOnly = (cells: Grid<number>, columns: number) => withTotals(cells, columns).map((r) => r.map((n) => n >= 1 && n <= SMALL_COUNT_MAX));

const TABLES: { name: string; cells: number[][] }[] = [
  { name: 'one small cell among large ones', cells: [[20, 3, 15], [18, 22, 30], [25, 40, 12]] },
  { name: 'a small row total', cells: [[1, 0, 2], [30, 40, 50], [20, 10, 60]] },
  { name: 'a small column total', cells: [[0, 40, 50], [2, 30, 20], [1, 60, 10]] },
  { name: 'a small cell alone in a row of zeros', cells: [[0, 3, 0], [10, 20, 30], [40, 50, 60]] },
  { name: 'many small cells', cells: [[1, 2, 3, 4], [4, 3, 2, 1], [9, 9, 9, 9], [1, 20, 1, 20]] },
  {
    // Two hidden blocks joined by one hidden cell: every line has two hidden cells, yet the joining cell
    // follows from the equations. The one-per-line rule alone would publish it recoverable.
    name: 'two hidden blocks joined by one cell',
    cells: [
      [2, 3, 30, 40, 50, 60],
      [4, 2, 30, 3, 50, 60],
      [30, 30, 30, 40, 50, 60],
      [30, 30, 30, 2, 4, 60],
      [30, 30, 30, 3, 1, 60],
      [30, 30, 30, 40, 50, 60],
    ],
  },
  { name: 'months of one quiet year', cells: [[0, 5, 0, 2, 1, 0], [1, 7, 0, 0, 3, 0], [0, 6, 1, 1, 2, 0], [2, 9, 0, 0, 0, 1]] },
  { name: 'nothing at all', cells: [[0, 0], [0, 0]] },
  { name: 'nothing small', cells: [[10, 20], [30, 40]] },
];

describe('the attackers work on tables published without complementary suppression', () => {
  it('peel a lone hidden cell from its row total', () => {
    const cells = [[20, 3, 15], [18, 22, 30]];
    const learnt = peel(withTotals(cells, 3), primaryOnly(cells, 3));
    expect(learnt.get('0,1')).toBe(3);
  });

  it('solve a cell that joins two hidden blocks, which peeling cannot', () => {
    const t = TABLES.find((x) => x.name === 'two hidden blocks joined by one cell');
    if (!t) throw new Error('missing table');
    const values = withTotals(t.cells, 6);
    const hidden = primaryOnly(t.cells, 6);
    expect(peel(values, hidden).size).toBe(0);
    expect(recoverable(values, hidden)).toContainEqual([1, 3]);
  });
});

describe('suppressTable', () => {
  it.each(TABLES)('leaves nothing recoverable: $name', ({ cells }) => {
    const columns = cells[0]?.length ?? 0;
    const { values, suppressed } = suppressTable(cells, columns);
    expect(values).toEqual(withTotals(cells, columns));
    // Every count of 1–4, totals included, is hidden.
    values.forEach((r, i) => r.forEach((n, j) => {
      if (n >= 1 && n <= SMALL_COUNT_MAX) expect(suppressed[i]?.[j]).toBe(true);
    }));
    expect(peel(values, suppressed).size).toBe(0);
    expect(recoverable(values, suppressed)).toEqual([]);
  });

  it('hides no more than needed when nothing is small', () => {
    expect(suppressTable([[10, 20], [30, 40]], 2).suppressed.flat().some(Boolean)).toBe(false);
    expect(suppressTable([[0, 0], [0, 0]], 2).suppressed.flat().some(Boolean)).toBe(false);
  });

  it('completes a lone hidden cell with the next smallest non-zero cell of its line', () => {
    const { suppressed } = suppressTable([[20, 3, 15], [18, 22, 30], [25, 40, 12]], 3);
    // Row 0: 3 is hidden, then 15 (smaller than 20 and the total 38); column 1: 3, then 22.
    expect([suppressed[0]?.[1], suppressed[0]?.[2], suppressed[1]?.[1]]).toEqual([true, true, true]);
    // The grand total is large and is published.
    expect(suppressed[3]?.[3]).toBe(false);
  });

  it('leaves every hidden cell of a small table more than one possible value', () => {
    const cells = [[1, 2, 0], [0, 6, 5]];
    const { values, suppressed } = suppressTable(cells, 3);
    const solutions = fillings(values, suppressed);
    expect(solutions.length).toBeGreaterThan(1);
    const hiddenCount = suppressed.flat().filter(Boolean).length;
    for (let k = 0; k < hiddenCount; k++) expect(new Set(solutions.map((s) => s[k])).size).toBeGreaterThan(1);
  });

  it('refuses negative or fractional counts and ragged rows', () => {
    expect(() => suppressTable([[-1, 2]], 2)).toThrow();
    expect(() => suppressTable([[1.5, 2]], 2)).toThrow();
    expect(() => suppressTable([[1, 2], [3]], 2)).toThrow();
  });
});

describe('a share is published only when neither of its parts is a small count', () => {
  it('gives the share of two publishable parts, rounded to 0.1 %', () => {
    expect(publishableRate(8, 15)).toBe(0.533);
    expect(publishableRate(10, 10)).toBe(1);
    expect(publishableRate(0, 12)).toBe(0);
  });

  it('withholds a share whose other part would name one to four people, or that rests on fewer than ten', () => {
    // 6 of 7 satisfied would name the one dissatisfied reporter.
    expect(publishableRate(6, 7)).toBeNull();
    expect(publishableRate(8, 10)).toBeNull();
    expect(publishableRate(3, 20)).toBeNull();
    expect(publishableRate(5, 9)).toBeNull();
  });
});
