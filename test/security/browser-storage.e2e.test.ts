// The marker sweep's browser (issue 9, DESIGN §7.1 and §7.4): in Chromium with a profile on disk, as a
// reporter's phone or a shared computer keeps one, a real-name complaint with markers (name, mobile, a
// content word, a PDF with unique bytes) is filed through the portal, its acknowledgement shows the query
// code, and the case is followed with it; a second report is left half-written in another tab; a centre
// clerk signs in to the console in the same browser and opens the case. The browser is closed and every file of the profile (Local and Session Storage,
// IndexedDB, the HTTP cache, service workers, cookies, history, autofill, session restore, network state
// …) is searched for the markers and the code, as UTF-8, UTF-16LE (Chromium's String16: localStorage,
// page state), hex and base64. None may be found. Every API answer that carried a marker said
// Cache-Control: no-store, and the disk cache did keep the answers that allow it (so no-store is what kept
// the others out). Control: two values written to localStorage are found, in Local Storage only.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/commands/admin/load-demo.js';
import { CHROMIUM, CONSOLE_BUILD, e2eRequired, missingPrerequisite, PORTAL_BUILD } from '../e2e/harness.js';
import { DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { minimalPdf } from '../helpers/files.js';
import { freePort } from '../helpers/free-port.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { sweepFiles, type ExtraForms, type Finding, type Markers } from './sweep.js';

const missing = missingPrerequisite();

describe.runIf(missing !== null && e2eRequired)('browser storage prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const word = (n: number): string => Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join('');
const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');

const M = {
  name: `欧阳${word(8)}`,
  mobile: `139${digits(8)}`,
  word: `MKB${word(10)}`,
  draftWord: `MKD${word(10)}`,
  fileBytes: `ZTPROF${randomBytes(16).toString('hex')}`,
} satisfies Markers;
const FORMS: ExtraForms = { utf16le: true, base64: true };
/** Places in the profile where a marker may be (none: the reporter's browser keeps nothing of the report). */
const ALLOWED: readonly RegExp[] = [];

const described = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.marker} in ${f.where}`).sort();

describe.skipIf(missing !== null)('Chromium’s storage after a report is filed, followed and opened', () => {
  let t: TestApp;
  let origin = '';
  let profile = '';
  let context: BrowserContext;
  let caseNumber = '';
  let queryCode = '';
  let portal: Page;
  const answers: Promise<{ url: string; cacheControl: string; body: Buffer }>[] = [];
  const planted = { controlAscii: `PLANT${word(12)}`, controlHan: `植入${word(12)}` };

  beforeAll(async () => {
    // The port goes into the configuration first: the allowed Origin is derived from it.
    const port = await freePort();
    t = await createTestApp({ PORT: String(port), ZHITONG_CONSOLE_DIR: CONSOLE_BUILD, ZHITONG_PORTAL_DIR: PORTAL_BUILD });
    await loadDemo(t.deps, DEMO_PASSWORD, 'e2e');
    await t.app.listen({ port, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${String(port)}`;
    profile = await mkdtemp(path.join(os.tmpdir(), 'zt-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    context.setDefaultTimeout(15_000);
    context.on('response', (r: Response) => {
      if (!new URL(r.url()).pathname.startsWith('/api/')) return;
      const cacheControl = r.headers()['cache-control'] ?? '';
      answers.push(r.body().then((body) => ({ url: r.url(), cacheControl, body }), () => ({ url: r.url(), cacheControl, body: Buffer.alloc(0) })));
    });
    // The window the browser opened with: the reporter's tab.
    portal = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context.close().catch(() => undefined);
    await t.close();
    await rm(profile, { recursive: true, force: true });
  });

  async function fileReport(page: Page): Promise<void> {
    await page.goto(`${origin}/report/complaint`);
    await page.getByLabel(/^反映内容/u).fill(`我在派出所窗口办理业务时被要求反复提交材料，暗记${M.word}，请核查。`);
    await page.locator('input[type=file]').setInputFiles({ name: '情况说明.pdf', mimeType: 'application/pdf', buffer: minimalPdf([M.fileBytes]) });
    await expect.poll(() => page.locator('.zt-files li').count()).toBe(1);
    await page.getByTestId('next-step').click();
    await page.locator('input[name=anonymity][value=real_name]').check();
    await page.getByLabel(/^姓名/u).fill(M.name);
    await page.getByLabel(/^手机号码/u).fill(M.mobile);
    await page.getByTestId('next-step').click();
    await page.getByRole('checkbox').check();
    await page.getByTestId('submit-report').click();
    await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
    caseNumber = (await page.getByTestId('case-number').textContent()) ?? '';
    queryCode = ((await page.getByTestId('query-code').textContent()) ?? '').replace(/\s/gu, '');
    expect(caseNumber).toMatch(/^SL\d{4}-\d{6}$/u);
    expect(queryCode).toMatch(/^\d{10}$/u);
  }

  it('files a real-name complaint with a file through the portal and shows the number and code', async () => {
    await fileReport(portal);
    const files = await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1', [caseNumber]);
    expect(files.rows[0]!.n).toBe(1);
  });

  it('follows the case with its number and code', async () => {
    const page = portal;
    await page.goto(`${origin}/track`);
    await page.getByLabel(/^受理编号/u).fill(caseNumber);
    await page.getByLabel(/^查询码/u).fill(queryCode);
    await page.getByTestId('track-open').click();
    await page.getByTestId('track-number').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('track-number').textContent()).toBe(caseNumber);
  });

  it('lets a centre clerk sign in to the console in the same browser and open the case with its reporter', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/console/cases/${caseNumber}`);
    await page.getByLabel('用户名').fill('intake');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.locator('.zt-case-number').filter({ hasText: caseNumber }).waitFor();
    await page.getByText(M.name).first().waitFor();
    await page.getByText(M.word, { exact: false }).first().waitFor();
  });

  it('leaves a second report half-written in another tab (typed words, name and mobile) when the browser closes', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/report/complaint`);
    await page.getByLabel(/^反映内容/u).fill(`还没写完的反映，暗记${M.draftWord}。`);
    await page.getByTestId('next-step').click();
    await page.locator('input[name=anonymity][value=real_name]').check();
    await page.getByLabel(/^姓名/u).fill(M.name);
    await page.getByLabel(/^手机号码/u).fill(M.mobile);
    expect(await page.getByLabel(/^手机号码/u).inputValue()).toBe(M.mobile);
  });

  it('answered every request that carried a marker or the code with Cache-Control: no-store', async () => {
    const secrets = [...Object.values(M), queryCode].map((m) => Buffer.from(m, 'utf8'));
    const marked = (await Promise.all(answers)).filter((a) => secrets.some((m) => a.body.includes(m)));
    // At least the track view and the console's case detail carried one.
    expect(marked.length).toBeGreaterThanOrEqual(2);
    expect(marked.filter((a) => !/\bno-store\b/u.test(a.cacheControl)).map((a) => `${a.url}: ${a.cacheControl}`)).toEqual([]);
  });

  it('leaves no marker and not the code anywhere in the profile once the browser is closed', async () => {
    // The control: values a page writes to localStorage do reach the disk, and the search finds them there.
    await portal.evaluate(`localStorage.setItem('zt-sweep-control', ${JSON.stringify(planted.controlAscii)}); localStorage.setItem('zt-sweep-control-han', ${JSON.stringify(planted.controlHan)});`);
    // And the disk cache keeps what it may: an answer of this API without no-store (the taxonomy, public,
    // max-age=300), fetched as any page would (the portal's own fetches say no-store as well).
    expect(await portal.evaluate(async () => (await fetch('/api/v1/public/taxonomy')).text())).toContain('城关街道');
    await context.close();
    const at = performance.now();
    const swept = await sweepFiles(profile, { ...M, queryCode, ...planted }, undefined, FORMS);
    const ms = Math.round(performance.now() - at);
    const cache = await sweepFiles(path.join(profile, 'Default', 'Cache'), { taxonomy: '城关街道' });
    console.log(`[figures] browser storage: ${String(swept.files)} profile files searched in ${String(ms)} ms; disk cache holds ${String(cache.files)} files`);
    expect(swept.files).toBeGreaterThan(20);
    const leaks = swept.findings.filter((f) => !(f.marker in planted) && !ALLOWED.some((a) => a.test(f.where)));
    expect(described(leaks)).toEqual([]);
    // The control: both planted values are found, and only in Local Storage.
    const control = swept.findings.filter((f) => f.marker in planted);
    expect([...new Set(control.map((f) => f.marker))].sort()).toEqual(['controlAscii', 'controlHan']);
    expect(control.filter((f) => !f.where.includes(`${path.sep}Local Storage${path.sep}`)).map((f) => f.where)).toEqual([]);
    // The disk cache was in use: the answer that may be cached is in it.
    expect(cache.findings.map((f) => f.marker)).toContain('taxonomy');
  });
});
