// 补发查询码 in the console (DESIGN §7.4): the action comes from the case's offer like any other; a code that
// nothing can carry (a reporter reachable only in person) is shown once, in a dialog telling the clerk to give it
// only to the verified reporter, and once closed it is nowhere on the page, nor after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { missingPrerequisite, startE2E, type E2E } from './harness.js';
import { choose, settle } from './ui.js';

const missing = missingPrerequisite();

describe.skipIf(missing !== null)('reissuing a query code in the console', () => {
  let e: E2E;

  beforeAll(async () => {
    e = await startE2E();
  });

  afterAll(async () => {
    await e.close();
  });

  it('shows the new code once with the warning, and the page holds it nowhere afterwards', async () => {
    const report = { type: 'complaint', anonymity: 'real_name', reporter: { name: '钱来访', address: '示例市幸福路1号' }, content: '来访反映户籍窗口办理业务时工作人员态度生硬。', subjects: [] } as const;
    const { caseNumber, queryCode: oldCode } = await submitReport(e.t.deps, report, [], { channel: 'web' });
    const page = await e.open();
    await e.signIn(page, 'intake');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${e.origin}/console/cases/${caseNumber}`);
    await page.locator('[data-action="reissue_query_code"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('action-submit').waitFor();
    await choose(page, dialog, '身份核实方式', '现场核验身份证件');
    await dialog.getByLabel('补发原因', { exact: true }).fill('反映人来访称遗失查询码，现场核验身份证件后补发。');
    await dialog.getByTestId('action-submit').click();

    const shown = page.getByTestId('issued-query-code');
    await shown.waitFor();
    const code = (await shown.textContent()) ?? '';
    expect(code).toMatch(/^\d{10}$/u);
    expect(code).not.toBe(oldCode);
    expect(await page.getByRole('dialog').textContent()).toContain('说明：请仅向已核实身份的反映人本人告知');
    await settle(page);
    await e.shot(page, 'reissued-query-code');
    await page.getByTestId('issued-code-done').click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(code);
    await page.reload();
    await page.locator('[data-action="reissue_query_code"]').waitFor();
    expect(await page.content()).not.toContain(code);

    // The handed-over code opens the case; the old one no longer does.
    const track = (queryCode: string | null) => e.t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: e.origin }, payload: { caseNumber, queryCode } });
    expect((await track(code)).statusCode).toBe(200);
    expect((await track(oldCode)).statusCode).not.toBe(200);
    expect(e.watch.violations).toEqual([]);
  });
});
