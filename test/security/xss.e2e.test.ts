// The XSS corpus (issue 9, DESIGN §7): script tags, event-handler attributes, SVG, javascript: URLs, a
// right-to-left override, a spreadsheet formula, a template-injection string and a chart-tooltip string go
// in through the portal's forms (content, place, name, subject fields, added information), the clerk's
// registration, the intake inbox, a staff note and reply, and the administrators' texts (site settings, an
// SMS template, unit names, user display names). Every console and portal screen that shows them must show
// them as text: no dialog, no CSP violation, no page error, no element the payload would have made, and the
// payload itself in the visible text. The statistics export keeps them as string cells, never formulas.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ingestIntakeMessage } from '../../src/commands/intake/ingest-message.js';
import { e2eRequired, missingPrerequisite, startE2E, type E2E } from '../e2e/harness.js';
import { Browser } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { readXlsx } from '../helpers/xlsx.js';

const missing = missingPrerequisite();

describe.runIf(missing !== null && e2eRequired)('XSS corpus prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

const P = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  svg: '<svg onload=alert(1)>',
  js: 'javascript:alert(1)',
  bidi: '\u202Eexe.gnp 反转',
  formula: '=HYPERLINK("http://x","y")',
  template: "{{constructor.constructor('alert(1)')()}}",
  tooltip: '<b onmouseover=alert(1)>悬停</b>',
} as const;
const ALL = `反映内容：${Object.values(P).join(' ')}`;
const FILE_NAME = `${P.svg}${P.img}.png`;
const SMS_TEXT = `编号{caseNumber}，查询码{queryCode}${P.tooltip}`;
/** What a payload would have made, had it been parsed as HTML. */
const INJECTED = 'script:not([src]), img[src="x"], svg[onload], [onerror], [onload], [onmouseover], a[href^="javascript:"]';

interface Filed {
  readonly caseNumber: string;
  readonly queryCode: string;
}

describe.skipIf(missing !== null)('the XSS corpus on every screen', () => {
  let e: E2E;
  const dialogs: string[] = [];
  let complaint: Filed;
  let accusation: Filed;
  let registered: string;
  let unitA: string;
  let unitB: string;
  let photo: Buffer;

  async function api(username: string): Promise<Browser> {
    const b = new Browser(e.t, undefined, e.origin);
    const res = await b.login(username, DEMO_PASSWORD);
    expect(res.json(), username).toMatchObject({ stage: 'authenticated' });
    return b;
  }

  async function open(at: string, username?: string, phone = false): Promise<Page> {
    const page = await e.open(at, phone ? { phone: true } : {});
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()} at ${page.url()}`);
      void d.dismiss();
    });
    if (username !== undefined) {
      await e.signIn(page, username);
      await page.getByTestId('current-user').waitFor();
    }
    return page;
  }

  /** Each payload in the visible text, and nothing on the page that a parsed payload would have made. */
  async function shows(page: Page, where: string, texts: readonly string[]): Promise<void> {
    for (const s of texts) await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000, message: `${where} shows ${s}` }).toContain(s);
    expect(await page.locator(INJECTED).count(), where).toBe(0);
  }

  beforeAll(async () => {
    e = await startE2E();
    photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#446688' } }).png().toBuffer();
    const sys = await api('sysadmin');
    const sec = await api('secadmin');
    // Administrators' texts: site settings, an SMS template, two unit names (the two with most cases, for the
    // statistics), a new account's display name; the intake clerk's own name is changed in the table (no route renames).
    const site = (await sys.send('GET', '/api/v1/admin/site')).json<{ settings: Record<string, unknown> }>();
    const settings = 'settings' in site ? site.settings : (site as Record<string, unknown>);
    const put = await sys.send('PUT', '/api/v1/admin/site', {
      ...Object.fromEntries(Object.entries(settings).filter(([k]) => !['source', 'updatedAt', 'updatedBy'].includes(k))),
      centreName: { zh: `12389${P.tooltip}`, en: P.img },
      hotlineHours: { zh: `工作日${P.svg}${P.template}`, en: '' },
      visitAddress: { zh: `示例路${P.script}${P.js}`, en: '' },
      sponsor: { zh: P.formula, en: '' },
      organiser: { zh: P.img, en: '' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const sms = await sys.send('PUT', '/api/v1/admin/sms-templates/reporter.acknowledgement', { text: SMS_TEXT });
    expect(sms.statusCode, sms.body).toBe(200);
    const top = await e.t.deps.pool.query<{ id: string }>('SELECT current_unit_id AS id FROM cases WHERE current_unit_id IS NOT NULL GROUP BY current_unit_id ORDER BY count(*) DESC LIMIT 2');
    [unitA, unitB] = top.rows.map((r) => r.id) as [string, string];
    for (const [id, name] of [[unitA, P.formula], [unitB, P.tooltip]] as const) {
      const res = await sys.send('PATCH', `/api/v1/admin/units/${id}`, { name });
      expect(res.statusCode, res.body).toBe(200);
    }
    const unitOfSec = (await e.t.deps.pool.query<{ id: string }>("SELECT unit_id AS id FROM users WHERE username = 'secadmin'")).rows[0]?.id ?? '';
    const user = await sec.send('POST', '/api/v1/admin/users', { username: 'xss.user', displayName: P.svg, unitId: unitOfSec });
    expect(user.statusCode, user.body).toBe(201);
    await e.t.deps.pool.query("UPDATE users SET display_name = $1 WHERE username = 'intake'", [`王受理${P.template}`]);

    // The clerk registers a visit; the inbox gets a voicemail.
    const intake = await api('intake');
    const at = new Date(e.t.clock.now().getTime() - 600_000).toISOString();
    const reg = await intake.send('POST', '/api/v1/cases', {
      type: 'complaint',
      title: P.script,
      content: ALL,
      location: P.bidi,
      anonymity: 'real_name',
      reporter: { name: P.tooltip, phone: '13700000001', address: P.img },
      channel: 'visit',
      receivedAt: at,
      channelDetails: { visitedAt: at, place: P.svg, receivedBy: P.js },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    registered = reg.json<{ caseNumber: string }>().caseNumber;
    await ingestIntakeMessage(e.t.deps, { channel: 'voicemail', externalId: 'xss-1', receivedAt: new Date(e.t.clock.now().getTime() - 60_000), contact: '13700000002', text: ALL, details: { durationSeconds: P.img }, attachments: [] });
  });

  afterAll(async () => {
    await e.close();
  });

  async function fileThroughPortal(kind: 'complaint' | 'accusation'): Promise<Filed> {
    const page = await open(`/report/${kind}`, undefined, true);
    await page.getByLabel(/^反映内容/u).fill(ALL);
    await page.getByLabel('详细地点').fill(`${P.img}${P.js}`);
    // A file named like a tag: listed as typed in the form, stored under its sanitised name.
    await page.locator('input[type=file]').setInputFiles({ name: FILE_NAME, mimeType: 'image/png', buffer: photo });
    await shows(page, `${kind} file list`, [FILE_NAME]);
    if (kind === 'accusation') {
      await page.getByLabel('姓名').fill(P.template);
      await page.getByLabel(/^警号/u).fill(P.formula.slice(0, 20));
      await page.getByLabel('所在单位').fill(P.tooltip);
      await page.getByLabel(/^警车号牌/u).fill(P.svg.slice(0, 20));
    }
    await page.getByTestId('next-step').click();
    if (kind === 'complaint') {
      await page.locator('input[name=anonymity][value=real_name]').check();
      await page.getByLabel(/^姓名/u).fill(P.formula);
      await page.getByLabel(/^手机号码/u).fill('13900139111');
    } else {
      await page.locator('input[name=anonymity][value=anonymous]').check();
    }
    await page.getByTestId('next-step').click();
    // The summary before sending shows what was typed, as typed.
    await shows(page, `${kind} summary`, kind === 'complaint' ? [P.formula, P.script, P.js] : [P.template, P.tooltip]);
    await page.getByRole('checkbox').check();
    await page.getByTestId('submit-report').click();
    await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
    const caseNumber = (await page.getByTestId('case-number').textContent()) ?? '';
    const queryCode = ((await page.getByTestId('query-code').textContent()) ?? '').replace(/\s/gu, '');
    await page.close();
    return { caseNumber, queryCode };
  }

  async function track(page: Page, filed: Filed): Promise<void> {
    await page.goto(`${e.origin}/track`);
    await page.getByLabel(/^受理编号/u).fill(filed.caseNumber);
    await page.getByLabel(/^查询码/u).fill(filed.queryCode);
    await page.getByTestId('track-open').click();
    await page.getByTestId('track-number').waitFor({ timeout: 20_000 });
  }

  it('takes the corpus through the portal’s forms and the reporter’s added information', async () => {
    complaint = await fileThroughPortal('complaint');
    accusation = await fileThroughPortal('accusation');
    const page = await open('/', undefined, true);
    await track(page, complaint);
    await page.getByLabel(/^补充内容/u).fill(`补充：${P.svg}${P.bidi}${P.template}`);
    await page.getByTestId('add-information').click();
    await expect.poll(() => page.locator('.zt-messages').innerText()).toContain(P.svg);
    await shows(page, 'track with the added information', [P.svg, P.bidi, P.template]);
    // A staff note and reply carry the corpus back to the reporter.
    const intake = await api('intake');
    const act = async (action: string, fields: object): Promise<void> => {
      const d = await intake.send('GET', `/api/v1/cases/${complaint.caseNumber}`);
      const res = await intake.send('POST', `/api/v1/cases/${complaint.caseNumber}/actions/${action}`, fields, { 'if-match': String(d.headers.etag) });
      expect(res.statusCode, `${action} ${res.body}`).toBe(200);
    };
    await act('accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'direct', proposal: P.img });
    await act('add_note', { text: ALL });
    await act('reply', { outcome: 'replied', method: 'phone', answeredBy: P.tooltip, answeredAt: e.t.clock.now().toISOString(), text: ALL });
    await track(page, complaint);
    await expect.poll(() => page.getByTestId('reply').innerText()).toContain(P.script);
    await shows(page, 'track with the reply', Object.values(P));
    await page.goto(`${e.origin}/`);
    await shows(page, 'portal home', [P.formula, P.img]);
    await page.goto(`${e.origin}/contact`);
    await shows(page, 'portal contact', [P.svg, P.template, P.script, P.js]);
  });

  it('shows it as text in the inbox, the cases, the timeline, the lists and the print view', async () => {
    const page = await open('/console/intake', 'intake');
    await shows(page, 'header', [`王受理${P.template}`]);
    const item = page.locator('[data-item]').filter({ hasText: '13700000002' });
    await item.click();
    await page.getByTestId('item-text').filter({ hasText: P.script }).waitFor();
    await shows(page, 'inbox item', Object.values(P));
    for (const [n, texts] of [
      [complaint.caseNumber, [...Object.values(P), `王受理${P.template}`, '_svg onload=alert(1)__img src=x onerror=alert(1)_.png']],
      [accusation.caseNumber, [P.template, P.tooltip, P.img, P.script, P.bidi]],
      [registered, Object.values(P)],
    ] as const) {
      await page.goto(`${e.origin}/console/cases/${n}`);
      await page.locator('.zt-case-number').filter({ hasText: n }).waitFor();
      await shows(page, `case ${n}`, texts);
    }
    await page.goto(`${e.origin}/console/cases/${complaint.caseNumber}/print/acceptance_notice`);
    await page.getByTestId('document').waitFor();
    await shows(page, 'print view', [P.formula]);
    await page.goto(`${e.origin}/console/cases?state=registered`);
    await page.getByTestId('list-filter').waitFor();
    await shows(page, 'list of registered cases', [P.script]);
  });

  it('draws the statistics with the unit names as text, drills down and exports string cells', async () => {
    const page = await open('/console/stats', 'assigner');
    await page.getByRole('button', { name: /^本\s?年$/u }).click();
    await page.locator('.ant-segmented-item').filter({ hasText: '承办单位' }).click();
    const chart = page.getByTestId('chart-dimension');
    await chart.locator('canvas').first().waitFor();
    await shows(page, 'statistics by unit', [P.formula, P.tooltip]);
    // The pointer over every bar once its animation is done, row by row, just right of the axis labels (cut at
    // 160 px, which the long payload names reach): the tooltip is drawn on the canvas (rich text), never as HTML.
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1_200);
    const box = await chart.boundingBox();
    if (box === null) throw new Error('no chart');
    for (let y = box.y + 10; y < box.y + box.height - 20; y += 6) {
      await page.mouse.move(box.x + 180, y);
      await page.waitForTimeout(60);
      expect(await page.locator(INJECTED).count(), `tooltip at ${String(y - box.y)}`).toBe(0);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    const { sheets } = readXlsx(await readFile(await download.path()));
    const cells = sheets.flatMap((s) => s.cells);
    expect(cells.filter((c) => c.formula)).toEqual([]);
    for (const name of [P.formula, P.tooltip]) {
      const found = cells.filter((c) => c.value === name);
      expect(found.length, name).toBeGreaterThan(0);
      for (const c of found) expect(['s', 'inlineStr'], `${name} at ${c.ref}`).toContain(c.t);
    }
    await page.locator(`[data-drill="unit:${unitA}"]`).click();
    await page.getByTestId('list-filter').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await shows(page, 'drill-down list', [P.formula]);
  });

  it('shows the administrators’ texts as text on their screens', async () => {
    const sys = await open('/console/admin/units', 'sysadmin');
    await shows(sys, 'units', [P.formula, P.tooltip]);
    await sys.goto(`${e.origin}/console/admin/sms-templates`);
    await sys.locator('.ant-table-row').first().waitFor();
    await shows(sys, 'SMS templates', [P.tooltip]);
    // The site form holds the texts as the values of its inputs.
    await sys.goto(`${e.origin}/console/admin/site`);
    const values = async (): Promise<string> => (await Promise.all((await sys.locator('input[type=text], input:not([type]), textarea').all()).map((x) => x.inputValue()))).join('\n');
    for (const s of [P.formula, P.img, P.script, P.svg]) await expect.poll(values, { timeout: 10_000, message: `site form shows ${s}` }).toContain(s);
    expect(await sys.locator(INJECTED).count()).toBe(0);
    const sec = await open('/console/admin/users', 'secadmin');
    await shows(sec, 'users', [P.svg]);
    // The search results: the account found by its display name.
    await sec.getByTestId('user-search').fill(P.svg);
    await sec.getByTestId('user-search-submit').click();
    await expect.poll(() => sec.locator('.ant-table-row').count()).toBe(1);
    await shows(sec, 'user search results', [P.svg, 'xss.user']);
    const auditor = await open(`/console/audit?case=${complaint.caseNumber}`, 'auditor');
    await auditor.locator('[data-audit-action]').first().waitFor();
    await shows(auditor, 'audit log', [`王受理${P.template}`]);
  });

  it('raised no dialog, no CSP violation and no page error anywhere', () => {
    expect(dialogs).toEqual([]);
    expect(e.watch.violations).toEqual([]);
    expect(e.watch.errors).toEqual([]);
  });
});
