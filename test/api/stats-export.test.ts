// The statistics export (issue 4): the dashboard's figures as an .xlsx, in Chinese, typed string cells,
// audited before the bytes leave, refused exactly as GET /api/v1/stats refuses, and no reporter in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { asSuperuser } from '../helpers/audit.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { readXlsx, type XlsxSheet } from '../helpers/xlsx.js';

let t: TestApp;
let b: Bureau;
const PERIOD = '?from=2026-03-01&to=2026-03-31';
const reporter = { name: '钱群众', phone: '13700137000' };
const base: ReportInput = { type: 'complaint', anonymity: 'real_name', reporter, subjects: [], content: '城关派出所办理暂住登记时，民警态度冷漠，说话生硬，请予以纠正。' };
const FORMULA = '=HYPERLINK("http://x")';

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  const n = (await submitReport(t.deps, base, [], { channel: 'web' })).caseNumber;
  await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, policeBranch: 'household', mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
  await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a') });
  await submitReport(t.deps, { ...base, content: '示例县城南派出所出警慢，报警后四十分钟才到现场，希望改进。' }, [], { channel: 'phone' });
});
afterAll(async () => t.close());

async function download(user: string, query = PERIOD) {
  return (await b.as(user)).send('GET', `/api/v1/stats/export${query}`);
}

const sheet = (sheets: XlsxSheet[], name: string): XlsxSheet => {
  const s = sheets.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no sheet ${name}: ${sheets.map((x) => x.name).join(', ')}`);
  return s;
};

/** The count in 分类统计 for a dimension's label. */
const byRow = (s: XlsxSheet, dimension: string, label: string): number | undefined => {
  const row = s.rows.find((r) => r[0] === dimension && r[1] === label);
  return row === undefined ? undefined : Number(row[2]);
};

describe('GET /api/v1/stats/export', () => {
  it('downloads the figures of GET /api/v1/stats as an .xlsx with Chinese headers, labels and the same numbers', async () => {
    const stats = (await (await b.as('assigner')).send('GET', `/api/v1/stats${PERIOD}`)).json();
    const res = await download('assigner');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('统计报表_2026-03-01_2026-03-31.xlsx')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const { sheets } = readXlsx(res.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['概况', '质效指标', '分类统计', '逾期统计', '回访情况', '登记量趋势']);
    const summary = sheet(sheets, '概况');
    expect(summary.rows[0]).toEqual(['项目', '数值']);
    expect(summary.rows.find((r) => r[0] === '统计期间')?.[1]).toBe('2026-03-01 至 2026-03-31');
    expect(Number(summary.rows.find((r) => r[0] === '登记总量（件）')?.[1])).toBe(stats.total);
    expect(Number(summary.rows.find((r) => r[0] === '当前逾期（件）')?.[1])).toBe(stats.overdue);
    const rates = sheet(sheets, '质效指标');
    expect(rates.rows[0]).toEqual(['指标', '比率', '分子（件）', '分母（件）']);
    const signFor = rates.rows.find((r) => r[0] === '签收及时率');
    expect([Number(signFor?.[2]), Number(signFor?.[3])]).toEqual([stats.rates.signForOnTime.numerator, stats.rates.signForOnTime.denominator]);
    const by = sheet(sheets, '分类统计');
    expect(by.rows[0]).toEqual(['统计维度', '项目', '件数']);
    expect(byRow(by, '来件渠道', '电话')).toBe(stats.by.channel.phone);
    expect(byRow(by, '来件渠道', '网上举报')).toBe(stats.by.channel.web);
    expect(byRow(by, '反映类型', '投诉')).toBe(stats.by.type.complaint);
    expect(byRow(by, '承办单位', '东城分局城关派出所')).toBe(stats.by.unit[b.unit('pcs1a')]);
    expect(byRow(by, '受理范围', '意见建议与批评')).toBe(stats.by.scope.opinion);
    // Every dimension's rows add up to the total, as the dashboard's do.
    for (const dimension of ['来件渠道', '反映类型', '受理范围', '问题类别', '涉及警种', '承办单位', '办理状态']) {
      expect([dimension, by.rows.filter((r) => r[0] === dimension).reduce((a, r) => a + Number(r[2]), 0)]).toEqual([dimension, stats.total]);
    }
    // No code leaks as a value: every label cell is Chinese (or a unit name).
    expect(by.rows.slice(1).every((r) => /[\u4e00-\u9fff]/u.test(r[1] ?? ''))).toBe(true);
    const trend = sheet(sheets, '登记量趋势');
    expect(trend.rows.slice(1).reduce((a, r) => a + Number(r[1]), 0)).toBe(stats.total);
  });

  it('records the export, committed, with the reader and the period', async () => {
    const before = await t.deps.pool.query('SELECT 1 FROM audit WHERE action = $1', ['stats.export']);
    expect((await download('supervision_head', '?from=2026-03-02&to=2026-03-30')).statusCode).toBe(200);
    const rows = await t.deps.pool.query<{ username: string; target: string; case_id: string | null }>(
      `SELECT u.username, a.target, a.case_id FROM audit a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'stats.export' ORDER BY a.seq`,
    );
    expect(rows.rows.length).toBe(before.rows.length + 1);
    expect(rows.rows.at(-1)).toEqual({ username: 'supervision_head', target: 'stats:2026-03-02..2026-03-30', case_id: null });
  });

  it('refuses whoever GET /api/v1/stats refuses, with the same answer, and records nothing for them', async () => {
    const before = (await t.deps.pool.query('SELECT 1 FROM audit WHERE action = $1', ['stats.export'])).rows.length;
    for (const user of ['handler', 'liaison']) {
      const browser = await b.as(user);
      const stats = await browser.send('GET', `/api/v1/stats${PERIOD}`);
      const file = await browser.send('GET', `/api/v1/stats/export${PERIOD}`);
      expect(stats.statusCode).toBe(403);
      expect([file.statusCode, file.headers['content-type'], file.json()]).toEqual([stats.statusCode, stats.headers['content-type'], stats.json()]);
    }
    const bad = await download('assigner', '?from=2026-03-31&to=2026-03-01');
    expect([bad.statusCode, bad.headers['content-type']]).toEqual([422, 'application/problem+json; charset=utf-8']);
    expect((await download('assigner', '?from=2026-03-01&colour=red')).statusCode).toBe(422);
    expect((await t.deps.pool.query('SELECT 1 FROM audit WHERE action = $1', ['stats.export'])).rows.length).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/stats/export${PERIOD}` })).statusCode).toBe(401);
  });

  it('writes a formula-looking unit name or dictionary label as a string cell, never a formula', async () => {
    await asSuperuser(t, async (c) => {
      await c.query('UPDATE units SET name = $1 WHERE id = $2', [FORMULA, b.unit('pcs1a')]);
      await c.query(
        `INSERT INTO dictionary_entries (dictionary, code, parent_code, name_zh, name_en, position, active, updated_at)
         VALUES ('police_branch', 'household', NULL, $1, $1, 1, true, now())`,
        [FORMULA],
      );
    });
    const res = await download('assigner');
    expect(res.statusCode, res.body).toBe(200);
    const { sheets } = readXlsx(res.rawPayload);
    const cells = sheets.flatMap((s) => s.cells.filter((c) => c.value === FORMULA).map((c) => ({ sheet: s.name, ...c })));
    // The unit in 分类统计 and the dictionary label of 涉及警种 at least.
    expect(cells.length).toBeGreaterThanOrEqual(2);
    for (const c of cells) expect(['s', 'inlineStr']).toContain(c.t);
    expect(sheets.flatMap((s) => s.cells).some((c) => c.formula || c.t === 'str')).toBe(false);
    expect(byRow(sheet(sheets, '分类统计'), '涉及警种', FORMULA)).toBe(1);
  });

  it('carries no reporter field', async () => {
    const { files, sheets } = readXlsx((await download('assigner')).rawPayload);
    const everything = Object.values(files).join('\n');
    for (const value of [reporter.name, reporter.phone]) expect(everything).not.toContain(value);
    const headers = sheets.map((s) => s.rows[0] ?? []).flat();
    expect(headers.some((h) => /反映人|举报人|姓名|电话|手机|地址|邮箱|reporter/iu.test(h))).toBe(false);
  });
});
