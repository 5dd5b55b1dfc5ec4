// The statistics dashboard's current view as an .xlsx (issue 4): the period's totals, the rates, the figures
// by every dimension, overdue work by unit, follow-up outcomes and reasons, registrations over time. Every
// header and value in Chinese. No reporter field exists in the figures, so none can reach the file.
// DESIGN §7.4: text cells are typed strings, never formulas — a unit name or dictionary label reading
// "=HYPERLINK(…)" is written as that text (write-excel-file puts typed String cells in the shared-string
// table, t="s"); counts are typed numbers.
import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/node';
import type { Stats } from '../stats/stats.js';
import { DIMENSION_NAMES, RATE_NAMES, type CountDimension, type ExportLabels } from './export-labels.js';

type Sheets = Sheet<Buffer>[];

/** Always a String cell, whatever the text starts with: no formula, no number guessed from text. */
const text = (value: string): Cell => ({ type: String, value });
const count = (value: number): Cell => ({ type: Number, value });
const header = (...titles: string[]): Row => titles.map((value) => ({ type: String, value, fontWeight: 'bold' }));

/** Largest first, then by label, so the file reads like the dashboard's bars. */
function ranked(counts: Readonly<Record<string, number>>, label: (code: string) => string): [string, number][] {
  return Object.entries(counts)
    .map(([code, n]): [string, number] => [label(code), n])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'));
}

function percentCell(value: number | null): Cell {
  return value === null ? text('—') : { type: Number, value, format: '0.0%' };
}

function summary(s: Stats, exportedAt: string, exportedBy: string): Row[] {
  return [
    header('项目', '数值'),
    [text('统计期间'), text(`${s.from} 至 ${s.to}`)],
    [text('登记总量（件）'), count(s.total)],
    [text('当前逾期（件）'), count(s.overdue)],
    [text('导出时间'), text(exportedAt)],
    [text('导出人'), text(exportedBy)],
    [text('说明'), text('统计范围为导出人有权查看的案件；本表不含反映人信息。')],
  ];
}

function rates(s: Stats): Row[] {
  return [
    header('指标', '比率', '分子（件）', '分母（件）'),
    ...(Object.keys(RATE_NAMES) as (keyof Stats['rates'])[]).map((name): Row => {
      const r = s.rates[name];
      return [text(RATE_NAMES[name]), percentCell(r.value), count(r.numerator), count(r.denominator)];
    }),
  ];
}

function byDimension(s: Stats, labels: ExportLabels): Row[] {
  const rows: Row[] = [header('统计维度', '项目', '件数')];
  for (const dimension of Object.keys(DIMENSION_NAMES) as CountDimension[]) {
    for (const [label, n] of ranked(s.by[dimension], (code) => labels.code(dimension, code))) rows.push([text(DIMENSION_NAMES[dimension]), text(label), count(n)]);
  }
  return rows;
}

function overdue(s: Stats, labels: ExportLabels): Row[] {
  return [header('承办单位', '逾期件数'), ...ranked(s.overdueByUnit, (id) => labels.code('unit', id)).map(([label, n]): Row => [text(label), count(n)])];
}

function followUps(s: Stats, labels: ExportLabels): Row[] {
  return [
    header('类别', '项目', '件数'),
    ...ranked(s.followUps.outcomes, labels.outcome).map(([label, n]): Row => [text('回访结果'), text(label), count(n)]),
    ...ranked(s.followUps.reasons, labels.reason).map(([label, n]): Row => [text('不满意原因'), text(label), count(n)]),
  ];
}

function series(s: Stats): Row[] {
  const bucket = s.series.bucket === 'day' ? '日期' : '月份';
  return [header(bucket, '登记量（件）'), ...s.series.periods.map((p, i): Row => [text(s.series.bucket === 'day' ? p : p.slice(0, 7)), count(s.series.total[i] ?? 0)])];
}

export interface WorkbookMeta {
  /** when, in the bureau's words (local time, Chinese format) */
  readonly exportedAt: string;
  /** who, as the watermark names them */
  readonly exportedBy: string;
}

export function statsSheets(s: Stats, labels: ExportLabels, meta: WorkbookMeta): Sheets {
  return [
    { sheet: '概况', data: summary(s, meta.exportedAt, meta.exportedBy), columns: [{ width: 18 }, { width: 40 }] },
    { sheet: '质效指标', data: rates(s), columns: [{ width: 16 }, { width: 10 }, { width: 12 }, { width: 12 }], stickyRowsCount: 1 },
    { sheet: '分类统计', data: byDimension(s, labels), columns: [{ width: 12 }, { width: 36 }, { width: 10 }], stickyRowsCount: 1 },
    { sheet: '逾期统计', data: overdue(s, labels), columns: [{ width: 36 }, { width: 10 }], stickyRowsCount: 1 },
    { sheet: '回访情况', data: followUps(s, labels), columns: [{ width: 12 }, { width: 24 }, { width: 10 }], stickyRowsCount: 1 },
    { sheet: '登记量趋势', data: series(s), columns: [{ width: 12 }, { width: 14 }], stickyRowsCount: 1 },
  ];
}

export async function statsWorkbook(s: Stats, labels: ExportLabels, meta: WorkbookMeta): Promise<Buffer> {
  return writeXlsxFile(statsSheets(s, labels, meta)).toBuffer();
}
