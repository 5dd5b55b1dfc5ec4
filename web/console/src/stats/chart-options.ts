// The dashboard's chart options, built from the statistics alone; labels arrive as plain strings.
import type { ChartOption } from './echart.js';

const PALETTE = ['#1f4e9c', '#c8161d', '#d48806', '#389e0d', '#722ed1', '#13a8a8', '#eb2f96', '#8c8c8c'];

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

/** A horizontal bar per code, largest first (the caller sorts): easy to read with long unit names. */
export function barsOption(bars: readonly Bar[], color = '#1f4e9c'): ChartOption {
  const shown = [...bars].reverse();
  return {
    color: [color],
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((b) => b.label), axisLabel: { width: 160, overflow: 'truncate' } },
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}：${String(p.value)}件` },
    series: [{ type: 'bar', data: shown.map((b) => b.value), barMaxWidth: 22, label: { show: true, position: 'right' }, cursor: 'pointer' }],
  };
}

export interface Line {
  readonly label: string;
  readonly values: readonly number[];
}

/** Registrations over time: the total and the largest codes of one dimension. */
export function linesOption(periods: readonly string[], lines: readonly Line[], bucket: 'day' | 'month'): ChartOption {
  const axis = periods.map((p) => (bucket === 'month' ? `${p.slice(0, 4)}年${String(Number(p.slice(5, 7)))}月` : `${String(Number(p.slice(5, 7)))}月${String(Number(p.slice(8, 10)))}日`));
  return {
    color: PALETTE,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    xAxis: { type: 'category', data: axis, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    tooltip: { trigger: 'axis' },
    series: lines.map((l, i) => ({ type: 'line', name: l.label, data: [...l.values], smooth: true, symbolSize: 5, lineStyle: { width: i === 0 ? 3 : 1.5 }, ...(i === 0 ? { areaStyle: { opacity: 0.08 } } : {}) })),
  };
}

export function pieOption(slices: readonly Bar[]): ChartOption {
  return {
    color: ['#389e0d', '#95de64', '#c8161d', '#8c8c8c', '#d48806', '#13a8a8', '#722ed1'],
    legend: { bottom: 0 },
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${p.name}：${String(p.value)}（${String(p.percent)}%）` },
    series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], data: slices.map((s) => ({ name: s.label, value: s.value })), label: { formatter: '{b}\n{c}' } }],
  };
}

/** The rates as percentages; a rate of nothing (null) is drawn as no bar, not as 0%. */
export function ratesOption(rates: readonly { label: string; value: number | null; text: string }[]): ChartOption {
  return {
    color: ['#1f4e9c'],
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rates.map((r) => r.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number; name: string }) => `${p.name}：${rates[p.dataIndex]?.text ?? ''}` },
    series: [{ type: 'bar', barMaxWidth: 36, data: rates.map((r) => (r.value === null ? null : Math.round(r.value * 1000) / 10)), label: { show: true, position: 'top', formatter: '{c}%' } }],
  };
}
