// Printing and statistics in Chromium (issue 4): a case's 交办单 opened from its detail with its number, unit,
// deadline and sign-for box; the 统计分析 dashboard with its charts and a number that opens the filtered list;
// the period exported as an .xlsx; not one CSP violation on the way. Screenshots for a person to look at: ZHITONG_E2E_SHOTS (default /tmp/console-shots).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPendingCases } from '../../src/commands/index-search.js';
import { submitReport } from '../../src/commands/submit-report.js';
import { e2eRequired, missingPrerequisite, SHOTS_DIR, startE2E, type E2E } from './harness.js';
import { typeDate } from './ui.js';

const missing = missingPrerequisite();

describe.runIf(missing !== null && e2eRequired)('print and statistics prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

describe.skipIf(missing !== null)('print and statistics in Chromium', () => {
  let e: E2E;
  let assigned: string;
  let page: Page;

  beforeAll(async () => {
    e = await startE2E();
    const r = await e.t.deps.pool.query<{ case_number: string }>(
      "SELECT c.case_number FROM cases c JOIN units u ON u.id = c.current_unit_id WHERE c.state IN ('assigned', 'in_progress') AND u.code = 'pcs1a' AND NOT c.is_accusation ORDER BY c.case_number LIMIT 1",
    );
    const n = r.rows[0]?.case_number;
    if (n === undefined) throw new Error('the demo has no case at 城关派出所');
    assigned = n;
  });

  afterAll(async () => {
    await e.close();
  });

  const cell = async (label: string): Promise<string> => (await page.locator('.zt-doc-table tr', { has: page.locator('th', { hasText: label }) }).locator('td').textContent()) ?? '';

  it('prints the 交办单 from the case detail with its number, unit, deadline and sign-for box', async () => {
    page = await e.open();
    await e.signIn(page, 'assigner');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${e.origin}/console/cases/${assigned}`);
    await page.getByTestId('print-menu').locator('[data-print="dispatch"]').click();
    await page.getByTestId('document').waitFor();
    expect(await page.locator('.zt-doc-organ').textContent()).toBe('示例市公安局');
    expect(await page.locator('.zt-doc-title').textContent()).toBe('交办单');
    expect(await page.getByTestId('document-number').textContent()).toMatch(/^示例公督交〔20\d\d〕\d+号$/u);
    expect(await cell('受理编号')).toBe(assigned);
    expect(await cell('承办单位')).toBe('东城分局城关派出所');
    expect(await cell('办理时限')).toMatch(/^请于20\d\d年\d+月\d+日前办结并报送办理结果/u);
    expect(await page.locator('.zt-doc-table th', { hasText: '签收人（签名）' }).count()).toBe(1);
    expect(await page.locator('.zt-doc-sign').first().textContent()).toBe('示例市公安局12389监督平台');
    // The organ and the line under it are red, as on a bureau's 红头 paper.
    expect(await page.evaluate("getComputedStyle(document.querySelector('.zt-doc-organ')).color")).toBe('rgb(212, 0, 0)');
    const audit = await e.t.deps.pool.query<{ target: string }>("SELECT a.target FROM audit a JOIN cases c ON c.id = a.case_id WHERE a.action = 'case.print' AND c.case_number = $1", [assigned]);
    expect(audit.rows.map((x) => x.target)).toEqual([expect.stringMatching(/^print:dispatch;no:示例公督交/u)]);
    await page.waitForTimeout(300);
    await e.shot(page, '20-dispatch-sheet');
    // The same sheet as the printer gets it: A4, without the console around it.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.zt-header').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS_DIR, '21-dispatch-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints a reporter notice as a letter for the centre', async () => {
    const intake = await e.open();
    await e.signIn(intake, 'intake');
    await intake.getByTestId('current-user').waitFor();
    await intake.goto(`${e.origin}/console/cases/${assigned}/print/acceptance_notice`);
    await intake.getByTestId('document').waitFor();
    expect(await intake.locator('.zt-doc-title').textContent()).toBe('受理告知书');
    expect(await intake.locator('.zt-doc-text').first().textContent()).toMatch(/：$/u);
    await e.shot(intake, '22-acceptance-notice');
  });

  it('draws the dashboard and opens the cases behind a number', async () => {
    await page.goto(`${e.origin}/console/`);
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.getByRole('button', { name: /^本\s?年$/u }).click();
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await page.getByTestId('chart-rates').locator('canvas').first().waitFor();
    const total = Number(await page.getByTestId('stat-total').locator('.ant-statistic-content-value').textContent());
    expect(total).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    await e.shot(page, '23-dashboard');
    const link = page.locator('[data-drill^="channel:"]').first();
    const channel = ((await link.getAttribute('data-drill')) ?? '').split(':')[1];
    const clicked = Number(await link.textContent());
    expect(clicked).toBeGreaterThan(0);
    await link.click();
    await page.getByTestId('list-filter').waitFor();
    expect(page.url()).toContain(`/console/cases?channel=${channel ?? ''}`);
    await page.locator('.ant-table-row').first().waitFor();
    // The list counts the same cases the number counted: the channel within the dashboard's period.
    const rows = await page.locator('.ant-table-row').count();
    expect(await page.getByTestId('list-total').textContent()).toBe(`共${String(clicked)}件，已显示${String(rows)}件`);
    // The shot shows the total under the rows, the figure the test compared.
    await page.getByTestId('list-total').scrollIntoViewIfNeeded();
    await e.shot(page, '24-drill-down');
  });

  it('exports the dashboard’s period as an .xlsx with Chinese headers', async () => {
    await page.goto(`${e.origin}/console/`);
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.getByRole('button', { name: /^本\s?年$/u }).click();
    const button = page.getByTestId('stats-export');
    expect(await button.textContent()).toMatch(/^导\s?出\s?Excel$/u);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/u);
    const file = await readFile(await download.path());
    expect(file.length).toBeGreaterThan(0);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    // write-excel-file keeps every text cell in the shared-string table.
    const parts = unzipSync(new Uint8Array(file));
    const strings = strFromU8(parts['xl/sharedStrings.xml'] ?? new Uint8Array());
    for (const header of ['统计期间', '登记总量（件）', '统计维度']) expect(strings).toContain(header);
    const audit = await e.t.deps.pool.query<{ target: string }>("SELECT target FROM audit WHERE action = 'stats.export'");
    expect(audit.rows.map((r) => r.target)).toEqual([expect.stringMatching(/^stats:20\d\d-01-01\.\.20\d\d-\d\d-\d\d$/u)]);
    await e.shot(page, '25-dashboard-exported');
  });

  it('assigns two cases to one unit in a batch, each answered on its own', async () => {
    const intake = await e.api('intake');
    const leader = await e.api('duty_leader');
    const numbers: string[] = [];
    for (const content of ['新区派出所窗口午休时间不办理业务，群众白跑一趟，希望调整。', '新区派出所门口停车秩序混乱，办事群众无处停车，希望加强管理。']) {
      const n = (await submitReport(e.t.deps, { type: 'complaint', anonymity: 'anonymous', content, subjects: [] }, [], { channel: 'web' })).caseNumber;
      expect(await intake.act(n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '建议交办' })).toBe(200);
      // Approved without a unit: the case waits for the assigner (ready_to_assign).
      expect(await leader.act(n, 'instruct', { decision: 'approve', text: '同意，请交办员交办', mode: 'assign' })).toBe(200);
      numbers.push(n);
    }
    await page.goto(`${e.origin}/console/?queue=to_assign`);
    for (const n of numbers) await page.getByRole('row').filter({ hasText: n }).locator('.ant-checkbox-input').check();
    await page.getByTestId('batch-open').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '批量交办' });
    await dialog.getByTestId('choose-unit').first().click();
    const picker = page.getByRole('dialog').filter({ has: page.locator('.zt-unit-tree') });
    await picker.locator('[data-unit="pcs1b"]').click();
    await picker.getByRole('button', { name: /确\s*定/u }).click();
    const due = new Date(e.t.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    await typeDate(dialog, '承办时限', due);
    await dialog.getByLabel('交办单摘要', { exact: true }).fill('请核查窗口午休和停车秩序问题并答复。');
    await dialog.getByTestId('batch-submit').click();
    await dialog.getByTestId('batch-summary').filter({ hasText: /(^|[^未])成功2件，未成功0件/u }).waitFor();
    await e.shot(page, '26-batch-assign');
    await dialog.getByTestId('batch-close').click();
    const r = await e.t.deps.pool.query<{ state: string; code: string | null }>('SELECT c.state, u.code FROM cases c LEFT JOIN units u ON u.id = c.current_unit_id WHERE c.case_number = ANY($1::text[]) ORDER BY c.case_number', [numbers]);
    expect(r.rows).toEqual([{ state: 'assigned', code: 'pcs1b' }, { state: 'assigned', code: 'pcs1b' }]);
  });

  it('finds a case by words of its content in 案件检索, without the words in the address', async () => {
    const content = '小区门口烧烤摊长期占道经营，油烟扰民，多次反映无人处理。';
    const n = (await submitReport(e.t.deps, { type: 'complaint', anonymity: 'anonymous', content, subjects: [] }, [], { channel: 'web' })).caseNumber;
    await indexPendingCases(e.t.deps);
    await page.goto(`${e.origin}/console/`);
    await page.getByRole('menuitem', { name: '案件检索' }).click();
    const search = page.getByTestId('case-search');
    await search.locator('input').fill('占道经营');
    await search.locator('input').press('Enter');
    await page.getByTestId('list-filter').filter({ hasText: '检索词：占道经营' }).waitFor();
    await page.getByRole('row').filter({ hasText: n }).waitFor();
    expect(await page.getByTestId('list-total').textContent()).toMatch(/^共1件/u);
    expect(page.url()).toBe(`${e.origin}/console/cases`);
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await e.shot(page, '27-case-search');
    // Each search is in the protected audit log, its words encrypted.
    const audit = await e.t.deps.pool.query<{ n: string }>("SELECT count(*) AS n FROM audit a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'case.search' AND u.username = 'assigner'");
    expect(Number(audit.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('saw not one CSP violation or script error', () => {
    expect(e.watch.violations).toEqual([]);
    expect(e.watch.errors).toEqual([]);
  });
});
