// The public portal in Chromium at a phone's size with WeChat's user agent (issue 5): a real-name complaint
// with a photo and an anonymous accusation naming an officer (on a browser without crypto.subtle, so the
// bundled SHA-256 solves the proof-of-work), both followed with number and code, information added, a
// staff reply made through the API seen and rated; inline errors on an empty form; a replayed
// proof-of-work refused; axe clean and not one CSP violation on every page. Screenshots: ZHITONG_E2E_SHOTS.
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { e2eRequired, missingPrerequisite, startE2E, type E2E } from './harness.js';

const missing = missingPrerequisite();

describe.runIf(missing !== null && e2eRequired)('portal prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

const NO_SUBTLE = "Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true });";
const COMPLAINT_TEXT = '我在城关派出所户籍窗口办理户口迁移，前后跑了三趟，每次要求的材料都不一样，希望规范一次性告知制度。';
const ACCUSATION_TEXT = '城关派出所一名民警在处理邻里纠纷时收受一方当事人的香烟和购物卡，明显偏袒该方，请求查处。';

interface Filed {
  readonly caseNumber: string;
  readonly queryCode: string;
}

describe.skipIf(missing !== null)('public portal in Chromium at 375 px', () => {
  let e: E2E;
  let photo: Buffer;
  let complaint: Filed;
  let accusation: Filed;

  beforeAll(async () => {
    // The proof-of-work is on, as in production, with a small search space to keep the suite quick.
    e = await startE2E({ ZHITONG_POW: 'on', ZHITONG_POW_MAX_NUMBER: '3000' });
    photo = await sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toBuffer();
  });

  afterAll(async () => {
    await e.close();
  });

  async function expectAccessible(page: Page, where: string): Promise<void> {
    expect(await seriousViolations(page), where).toEqual([]);
  }

  async function goHomeAndPick(page: Page, button: string): Promise<void> {
    await page.getByRole('link', { name: button }).first().click();
    await page.getByRole('heading', { level: 1, name: button }).waitFor();
  }

  async function file(page: Page, kind: 'complaint' | 'accusation'): Promise<Filed> {
    const number = (await page.getByTestId('case-number').textContent()) ?? '';
    const code = ((await page.getByTestId('query-code').textContent()) ?? '').replace(/\s/gu, '');
    expect(number, kind).toMatch(/^SL\d{4}-\d{6}$/u);
    expect(code, kind).toMatch(/^\d{10}$/u);
    return { caseNumber: number, queryCode: code };
  }

  async function track(page: Page, filed: Filed): Promise<void> {
    await page.goto(`${e.origin}/track`);
    await page.getByLabel(/^受理编号/u).fill(filed.caseNumber);
    await page.getByLabel(/^查询码/u).fill(filed.queryCode);
    await page.getByTestId('track-open').click();
    await page.getByTestId('track-number').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('track-number').textContent()).toBe(filed.caseNumber);
  }

  it('shows the home page with the 110 strip, the eight buttons and the acceptance scope', async () => {
    const page = await e.open('/', { phone: true });
    await expect.poll(() => page.locator('.zt-emergency').textContent()).toContain('如遇紧急情况或正在发生的违法犯罪，请直接拨打110；本平台不受理报警');
    for (const name of ['我要举报', '我要投诉', '我要建议', '我要表扬', '我要咨询', '进度查询', '受理须知', '联系我们']) expect(await page.getByRole('link', { name }).count(), name).toBeGreaterThan(0);
    expect(await page.locator('.zt-scope li').count()).toBe(9);
    await expect.poll(() => page.locator('.zt-bureau').textContent()).toBe('示例市公安局');
    expect(await page.locator('.zt-centre').textContent()).toBe('12389公安服务平台');
    expect(await page.title()).toBe('示例市公安局12389公安服务平台');
    // The government-site footer comes from the settings (the fictional defaults here).
    const footer = (await page.locator('.zt-footer').textContent()) ?? '';
    for (const line of ['主办单位', '示ICP备00000000号', '网站标识码：0000000000', '0000-12389']) expect(footer, line).toContain(line);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'home');
    await e.shot(page, 'portal-01-home', true);
  });

  it('explains an empty form next to each field, and the missing consent', async () => {
    const page = await e.open('/report/complaint', { phone: true });
    await page.getByTestId('next-step').click();
    const content = page.getByLabel(/^反映内容/u);
    await expect.poll(() => content.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.zt-field-error').first().textContent()).toBe('请填写反映的内容');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('TEXTAREA');
    await expectAccessible(page, 'report with errors');
    await e.shot(page, 'portal-02-empty-form', true);
    await content.fill('太短');
    await page.getByTestId('next-step').click();
    await expect.poll(() => page.locator('.zt-field-error').first().textContent()).toMatch(/^内容至少10个字/u);
  });

  it('files a real-name complaint with a photo and shows the number and code', async () => {
    const page = await e.open('/', { phone: true });
    await goHomeAndPick(page, '我要投诉');
    await page.getByLabel(/^反映内容/u).fill(COMPLAINT_TEXT);
    expect(await page.locator('.zt-counter').first().textContent()).toBe(`${String(Array.from(COMPLAINT_TEXT).length)} / 10000`);
    await page.getByLabel('区县').selectOption('东城区');
    await page.getByLabel('乡镇（街道）').selectOption('城关街道');
    await page.getByLabel('涉及的警种或业务').selectOption('household');
    await page.locator('input[type=file]').setInputFiles({ name: '窗口照片.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.locator('.zt-files li').count()).toBe(1);
    await expectAccessible(page, 'report step 1');
    await e.shot(page, 'portal-03-report-content', true);
    await page.getByTestId('next-step').click();
    await page.getByTestId('next-step').click();
    await expect.poll(() => page.locator('.zt-field-error').first().textContent()).toBe('请选择实名或匿名');
    await page.locator('input[name=anonymity][value=real_name]').check();
    await page.getByTestId('next-step').click();
    await expect.poll(() => page.locator('.zt-field-error').first().textContent()).toBe('请填写姓名');
    await page.getByLabel(/^姓名/u).fill('刘一手');
    await page.getByLabel(/^手机号码/u).fill('13900139123');
    // Each complaint goes as soon as its field is answered.
    expect(await page.locator('.zt-field-error').count()).toBe(0);
    await expectAccessible(page, 'report step 2');
    await e.shot(page, 'portal-04-report-identity', true);
    await page.getByTestId('next-step').click();
    await page.getByTestId('submit-report').click();
    await expect.poll(() => page.locator('#agree-error').textContent()).toBe('请阅读并勾选确认后提交');
    await page.getByRole('checkbox').check();
    await expectAccessible(page, 'report step 3');
    await e.shot(page, 'portal-05-report-confirm', true);
    await page.getByTestId('submit-report').click();
    await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
    complaint = await file(page, 'complaint');
    expect(await page.locator('.zt-warning').textContent()).toContain('请截图保存');
    await expectAccessible(page, 'receipt');
    await e.shot(page, 'portal-06-receipt', true);
    // Nothing of the reporter or the code is left in the browser's storage.
    const stored = await page.evaluate<string>('JSON.stringify({ s: { ...sessionStorage }, l: { ...localStorage } })');
    for (const secret of ['刘一手', '13900139123', complaint.queryCode, '户口迁移']) expect(stored).not.toContain(secret);
    const files = await e.t.deps.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1', [complaint.caseNumber]);
    expect(files.rows[0]?.n).toBe('1');
  });

  it('files an anonymous accusation naming an officer without crypto.subtle', async () => {
    const page = await e.open('/report/accusation', { phone: true, init: NO_SUBTLE });
    expect(await page.evaluate('typeof crypto.subtle')).toBe('undefined');
    await page.getByLabel(/^反映内容/u).fill(ACCUSATION_TEXT);
    await page.getByLabel('姓名').fill('韩某');
    await page.getByLabel(/^警号/u).fill('910302');
    await page.getByLabel('所在单位').fill('城关派出所');
    await page.getByLabel(/^警车号牌/u).fill('示A1234警');
    await page.getByTestId('next-step').click();
    await page.locator('input[name=anonymity][value=anonymous]').check();
    expect(await page.locator('.zt-choice.zt-chosen').textContent()).toContain('请务必保存受理编号和查询码');
    await page.getByTestId('next-step').click();
    expect(await page.locator('.zt-summary').textContent()).toContain('韩某');
    await page.getByRole('checkbox').check();
    // The server files the report but its answer is lost on the way: the page keeps everything, and the
    // retry (a fresh proof-of-work, the same Idempotency-Key) gets the same number instead of a second case.
    const count = async () => (await e.t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE type = 'accusation'")).rows[0]?.n;
    const before = await count();
    const keys: string[] = [];
    await page.route('**/api/v1/public/reports', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByTestId('submit-report').click();
    await expect.poll(() => page.locator('.zt-error-title').textContent(), { timeout: 30_000 }).toBe('网络连接失败');
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
    accusation = await file(page, 'accusation');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/u);
    expect(keys[1]).toBe(keys[0]);
    const row = await e.t.deps.pool.query<{ anonymity: string; is_accusation: boolean }>('SELECT anonymity, is_accusation FROM cases WHERE case_number = $1', [accusation.caseNumber]);
    expect(row.rows[0]).toEqual({ anonymity: 'anonymous', is_accusation: true });
    expect(await count()).toBe((before ?? 0) + 1);
  });

  it('follows both cases, adds information to one, and refuses a replayed proof-of-work', async () => {
    const page = await e.open('/', { phone: true });
    let pow: string | undefined;
    await page.route('**/api/v1/public/track', async (route) => {
      pow = route.request().headers()['x-zhitong-pow'];
      await route.continue();
    });
    await track(page, accusation);
    expect(await page.getByTestId('track-stage').textContent()).toBe('已提交');
    // An accusation's own text is never shown back (DESIGN §7.4).
    expect(await page.locator('main').textContent()).not.toContain('香烟');
    await track(page, complaint);
    await expectAccessible(page, 'track view');
    await e.shot(page, 'portal-07-track', true);
    await page.getByLabel(/^补充内容/u).fill('补充：第三次去是3月2日上午，窗口编号5号。');
    await page.locator('input[type=file]').setInputFiles({ name: '排队照片.png', mimeType: 'image/png', buffer: photo });
    await page.getByTestId('add-information').click();
    await expect.poll(() => page.locator('.zt-messages').textContent()).toContain('窗口编号5号');
    const added = await e.t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1 AND a.message_id IS NOT NULL', [complaint.caseNumber]);
    expect(added.rows[0]?.n).toBe(1);
    expect(pow).toMatch(/^[A-Za-z0-9+/=]+$/u);
    const replayed = await page.evaluate(async ({ header, body }) => {
      const res = await fetch('/api/v1/public/track', { method: 'POST', headers: { 'content-type': 'application/json', 'x-zhitong-pow': header }, body });
      const problem = (await res.json()) as { code: string };
      return { status: res.status, code: problem.code };
    }, { header: pow ?? '', body: JSON.stringify(complaint) });
    expect(replayed).toEqual({ status: 403, code: 'pow_required' });
  });

  it('shows a wrong code one neutral message', async () => {
    const page = await e.open('/track', { phone: true });
    await page.getByLabel(/^受理编号/u).fill(complaint.caseNumber);
    await page.getByLabel(/^查询码/u).fill('0000000000');
    await page.getByTestId('track-open').click();
    await expect.poll(() => page.locator('.zt-error-title').textContent(), { timeout: 20_000 }).toBe('未查询到相关信息');
    await expectAccessible(page, 'track error');
  });

  it('shows the staff reply and takes the rating', async () => {
    const intake = await e.api('intake');
    expect(await intake.act(complaint.caseNumber, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'direct', proposal: '中心直接办理' })).toBe(200);
    const answeredAt = e.t.clock.now().toISOString();
    expect(await intake.act(complaint.caseNumber, 'reply', { outcome: 'replied', method: 'phone', answeredBy: '王受理', answeredAt, text: '经核实，城关派出所已实行一次性告知制度，感谢您的监督。' })).toBe(200);
    const page = await e.open('/', { phone: true });
    await track(page, complaint);
    await expect.poll(() => page.getByTestId('reply').textContent()).toContain('一次性告知制度');
    // Answered by the centre itself (direct handling): the centre signs, never a person.
    expect(await page.locator('.zt-reply-sign').textContent()).toContain('示例市公安局12389群众监督中心');
    await page.getByLabel('不满意').check();
    await page.getByTestId('rate').click();
    await expect.poll(() => page.locator('.zt-field-error').first().textContent()).toBe('请选择不满意的原因');
    await page.getByLabel('基本满意').check();
    await page.getByLabel('问题没有解决').check();
    await expectAccessible(page, 'rating');
    await e.shot(page, 'portal-08-reply-and-rating', true);
    await page.getByTestId('rate').click();
    await page.getByTestId('rated').waitFor();
    expect(await page.getByTestId('rate').count()).toBe(0);
    const rated = await e.t.deps.pool.query<{ rated: boolean }>('SELECT rated FROM cases WHERE case_number = $1', [complaint.caseNumber]);
    expect(rated.rows[0]?.rated).toBe(true);
  });

  it('serves the other pages accessibly, in English and in the elder-friendly mode, with a 404 page', async () => {
    const page = await e.open('/notice', { phone: true });
    await page.getByRole('heading', { name: '举报须知' }).waitFor();
    await expectAccessible(page, 'notice');
    await e.shot(page, 'portal-09-notice', true);
    await page.goto(`${e.origin}/contact`);
    await page.getByRole('heading', { name: '联系我们' }).waitFor();
    await expectAccessible(page, 'contact');
    await e.shot(page, 'portal-10-contact', true);
    await page.goto(`${e.origin}/stats`);
    await page.getByTestId('stats-year-total').waitFor();
    expect(await page.locator('.zt-table').first().locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('main').textContent()).toContain('件及以下的数量');
    await expectAccessible(page, 'stats');
    await e.shot(page, 'portal-11-stats', true);
    const missingPage = await page.goto(`${e.origin}/no-such-page`);
    expect(missingPage?.status()).toBe(404);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await expectAccessible(page, '404');
    await page.goto(`${e.origin}/`);
    await page.getByRole('button', { name: '关怀模式' }).click();
    expect(await page.evaluate("getComputedStyle(document.documentElement).fontSize")).toBe('20px');
    await e.shot(page, 'portal-12-care-mode', true);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Report misconduct' }).waitFor();
    await expectAccessible(page, 'home in English');
    await e.shot(page, 'portal-13-english', true);
  });

  it('met no CSP violation and no page error on the way', () => {
    expect(e.watch.violations).toEqual([]);
    // The one connection reset is the lost answer the accusation test made on purpose.
    expect(e.watch.errors).toEqual(['Failed to load resource: net::ERR_CONNECTION_RESET']);
  });
});
