// One real Zhitong server (demo bureau loaded, listening on a free loopback port) and one headless
// Debian Chromium for the whole end-to-end suite; each signed-in user gets a browser context of their own.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadDemo } from '../../src/commands/admin/load-demo.js';
import { Browser as ApiBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { freePort } from '../helpers/free-port.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CONSOLE_BUILD = fileURLToPath(new URL('../../dist/web/console', import.meta.url));
export const PORTAL_BUILD = fileURLToPath(new URL('../../dist/web/portal', import.meta.url));
/** WeChat's in-app browser on Android, where most people open the portal (issue 5). */
export const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 12; V2054A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 MMWEBID/2585 MicroMessenger/8.0.34.2340(0x2800225D) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64';
const PAGE_WATCH = fileURLToPath(new URL('page-watch.js', import.meta.url));
export const SHOTS_DIR = process.env.ZHITONG_E2E_SHOTS ?? '/tmp/console-shots';

/** Why the suite cannot run here, or null. With ZHITONG_E2E=required a reason is a failure, not a skip. */
export function missingPrerequisite(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
  if (!existsSync(path.join(CONSOLE_BUILD, 'index.html'))) return `the console is not built in ${CONSOLE_BUILD} (npm run build)`;
  if (!existsSync(path.join(PORTAL_BUILD, 'index.html'))) return `the portal is not built in ${PORTAL_BUILD} (npm run build)`;
  return null;
}

export const e2eRequired = process.env.ZHITONG_E2E === 'required';

/** What a page reported against the CSP, and errors it logged that are not the API's expected refusals. */
export interface PageWatch {
  readonly violations: string[];
  readonly errors: string[];
}

export interface E2E {
  readonly t: TestApp;
  readonly origin: string;
  readonly browser: Browser;
  readonly watch: PageWatch;
  /** A fresh context (its own cookies) and page at the console, in Chinese and the bureau's zone. */
  open(path?: string, device?: Device): Promise<Page>;
  signIn(page: Page, username: string, password?: string): Promise<void>;
  /** Another signed-in session of `username` through the API, for what someone else does meanwhile. */
  api(username: string): Promise<ApiSession>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface ApiSession {
  /** Takes an action on the case at its current version, as another screen would. */
  act(caseNumber: string, action: string, fields: object): Promise<number>;
  detail<T>(caseNumber: string): Promise<T>;
}

/** `phone`: 375 px wide, touch, WeChat's user agent; `init` runs before the page's scripts (e.g. removing crypto.subtle). */
export interface Device {
  readonly phone?: boolean;
  readonly init?: string;
}

export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const port = await freePort();
  const t = await createTestApp({ PORT: String(port), ZHITONG_CONSOLE_DIR: CONSOLE_BUILD, ZHITONG_PORTAL_DIR: PORTAL_BUILD, ...env });
  await loadDemo(t.deps, DEMO_PASSWORD, 'e2e');
  await t.app.listen({ port, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${String(port)}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  await mkdir(SHOTS_DIR, { recursive: true });
  const watch: PageWatch = { violations: [], errors: [] };
  const contexts: BrowserContext[] = [];

  async function open(at = '/console/', device: Device = {}): Promise<Page> {
    const screen = device.phone === true ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, userAgent: WECHAT_UA } : { viewport: { width: 1440, height: 900 } };
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...screen });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    // Listening from the first script on, so a violation during start-up is caught too.
    await context.addInitScript({ path: PAGE_WATCH });
    if (device.init !== undefined) await context.addInitScript({ content: device.init });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (text.startsWith('CSP violation') || /Content Security Policy/iu.test(text)) watch.violations.push(text);
      // The browser logs every 4xx of fetch (401 before sign-in, the 404 of an unknown case): the API's answers, not faults.
      else if (!/^Failed to load resource: the server responded with a status of 4\d\d/u.test(text)) watch.errors.push(text);
    });
    page.on('pageerror', (err) => watch.errors.push(`pageerror: ${err.message}`));
    await page.goto(origin + at);
    return page;
  }

  async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByTestId('sign-in').click();
  }

  async function api(username: string): Promise<ApiSession> {
    const b = new ApiBrowser(t, undefined, origin);
    await b.login(username, DEMO_PASSWORD);
    return {
      async act(caseNumber, action, fields) {
        const d = await b.send('GET', `/api/v1/cases/${caseNumber}`);
        const res = await b.send('POST', `/api/v1/cases/${caseNumber}/actions/${action}`, fields, { 'if-match': String(d.headers.etag) });
        return res.statusCode;
      },
      async detail(caseNumber) {
        return (await b.send('GET', `/api/v1/cases/${caseNumber}`)).json();
      },
    };
  }

  return {
    t,
    origin,
    browser,
    watch,
    open,
    signIn,
    api,
    async shot(page, name, fullPage = false) {
      await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}
