// The administration screens in Chromium (issue 4, "Administration"): the sysadmin adds a unit and the
// secadmin an account in it (its one-time credentials shown once), grants a central role that only a
// second secadmin may approve (the requester's own approval refused in the API's words); the sysadmin
// edits a dictionary entry, sets a duty day, edits a print template, sees next year's calendar marked
// provisional, saves the mail and WeChat channels (their secrets shown only as 已设置) and tests them, and
// reads a dead letter's metadata without its payload; the auditor reads a broken audit chain in Chinese.
// Not one CSP violation on the way.
// Screenshots: ZHITONG_E2E_SHOTS (default /tmp/console-shots).
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser } from '../helpers/audit.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { startFakeWechatApi, type FakeWechatApi } from '../helpers/wechat-api.js';
import { e2eRequired, missingPrerequisite, startE2E, type E2E } from './harness.js';
import { choose, settle } from './ui.js';

const missing = missingPrerequisite();
const WECHAT = { appId: 'wx2c2769f8efd9abc2', secret: 'e2eadminappsecret0123456789ab', token: 'e2eadmintoken5150', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' } as const;

describe.runIf(missing !== null && e2eRequired)('administration prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

describe.skipIf(missing !== null)('administration in Chromium', () => {
  let e: E2E;
  let sys: Page;
  let sec: Page;
  let wechatApi: FakeWechatApi;

  beforeAll(async () => {
    // WeChat's API is the local fake (an environment setting, never a console one); no account is configured.
    wechatApi = await startFakeWechatApi(WECHAT.appId, WECHAT.secret);
    e = await startE2E({ ZHITONG_WECHAT_API_BASE: wechatApi.base });
  });

  afterAll(async () => {
    await e.close();
    await wechatApi.close();
  });

  async function signedIn(username: string): Promise<Page> {
    const page = await e.open();
    await e.signIn(page, username);
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  /** Opens a screen from the side menu, as a user does. */
  async function menu(page: Page, section: string): Promise<void> {
    await page.locator(`[data-nav="admin:${section}"]`).click();
    await page.locator('.zt-admin').waitFor();
  }

  /** Confirms the open Popconfirm. */
  async function confirm(page: Page): Promise<void> {
    const ok = page.locator('.ant-popconfirm:not(.ant-popover-hidden) .ant-btn-primary');
    await ok.waitFor();
    await ok.click();
  }

  async function navOf(page: Page): Promise<(string | null)[]> {
    const items = await page.locator('[data-nav^="admin:"]').all();
    return Promise.all(items.map((i) => i.getAttribute('data-nav')));
  }

  const dialog = (page: Page): Locator => page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').last();

  it('lands each administrator on their own screens and shows only those', async () => {
    sys = await signedIn('sysadmin');
    sec = await signedIn('secadmin');
    // They hold no case role: each lands on their first screen instead of an empty 工作台.
    await sys.waitForURL('**/console/admin/units');
    await sec.waitForURL('**/console/admin/users');
    expect(await sys.locator('[data-nav="workbench"]').count()).toBe(0);
    expect(await navOf(sys)).toEqual([
      'admin:units', 'admin:dictionaries', 'admin:duty-roster', 'admin:deadlines', 'admin:routing', 'admin:calendar', 'admin:working-hours', 'admin:print-templates', 'admin:site', 'admin:sms-templates', 'admin:mail-channel', 'admin:wechat-channel', 'admin:dead-letters',
    ]);
    expect(await navOf(sec)).toEqual(['admin:users', 'admin:role-requests', 'admin:sealed-group']);
  });

  it('sysadmin adds a station under a branch in the unit tree', async () => {
    await menu(sys, 'units');
    await sys.locator('.zt-unit-row').first().waitFor();
    await settle(sys);
    await e.shot(sys, '30-admin-units');
    await sys.locator('.zt-unit-row[data-unit="fj1"]').getByTestId('unit-add-child').click();
    const d = dialog(sys);
    await d.getByLabel('单位代码').fill('pcs1z');
    await d.getByLabel('单位名称').fill('东城分局新城派出所');
    await d.getByTestId('unit-save').click();
    const row = sys.locator('.zt-unit-row[data-unit="pcs1z"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('东城分局新城派出所');
    expect(await row.textContent()).toContain('派出所');
  });

  let initialPassword = '';

  it('secadmin creates an account in it and sees its one-time credentials once', async () => {
    await menu(sec, 'users');
    await sec.getByTestId('user-create').click();
    const d = dialog(sec);
    await d.getByLabel('用户名').fill('new.clerk');
    await d.getByLabel('姓名').fill('新受理员');
    await choose(sec, d, '所属单位', '东城分局新城派出所', true);
    await d.getByLabel('警号').fill('930001');
    await d.getByTestId('user-create-submit').click();
    await sec.getByTestId('created-user').waitFor();
    initialPassword = (await sec.getByTestId('initial-password').textContent()) ?? '';
    expect(initialPassword.length).toBeGreaterThanOrEqual(12);
    expect(((await sec.getByTestId('enrolment-code').textContent()) ?? '').length).toBeGreaterThan(4);
    await settle(sec);
    await e.shot(sec, '31-admin-user-created');
    await dialog(sec).getByRole('button', { name: /我已记录/u }).click();
    await sec.locator('.zt-user-row[data-user="new.clerk"]').waitFor();
    // The credentials were shown once: nothing of them stays in the page or the browser's storage.
    expect(await sec.content()).not.toContain(initialPassword);
    expect(await sec.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).not.toContain(initialPassword);
  });

  it('grants a central role that waits for a second secadmin; the requester’s own approval is refused', async () => {
    await sec.locator('.zt-user-row[data-user="new.clerk"]').getByTestId('user-roles').click();
    const d = dialog(sec);
    await choose(sec, d, '角色', '受理员');
    await d.getByTestId('grant-submit').click();
    await d.getByTestId('grant-pending').waitFor();
    await d.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => sec.locator('.zt-user-row[data-user="new.clerk"]').textContent()).toContain('受理员（待审批）');

    await menu(sec, 'role-requests');
    const own = sec.locator('.zt-request-row[data-request-user="new.clerk"]');
    await own.getByTestId('request-approve').click();
    await confirm(sec);
    await expect.poll(() => sec.getByTestId('admin-problem').textContent()).toContain('申请人不能复核自己的申请');
    await settle(sec);
    await e.shot(sec, '32-admin-self-approval-refused');

    const second = await signedIn('secadmin2');
    await menu(second, 'role-requests');
    await second.locator('.zt-request-row[data-request-user="new.clerk"]').getByTestId('request-approve').click();
    await confirm(second);
    await expect.poll(() => second.locator('.zt-request-row[data-request-user="new.clerk"]').count()).toBe(0);
    const grant = await e.t.deps.pool.query<{ granted: string; approved: string }>(
      `SELECT g.username AS granted, a.username AS approved FROM role_grants r JOIN users u ON u.id = r.user_id JOIN users g ON g.id = r.granted_by JOIN users a ON a.id = r.approved_by
       WHERE u.username = 'new.clerk' AND r.role = 'intake' AND r.revoked_at IS NULL`,
    );
    expect(grant.rows).toEqual([{ granted: 'secadmin', approved: 'secadmin2' }]);
  });

  it('sysadmin renames a dictionary entry', async () => {
    await menu(sys, 'dictionaries');
    await sys.getByTestId('dictionary-choice').getByText('警种').click();
    await sys.locator('.zt-entry-row[data-entry="household"]').getByTestId('entry-edit').click();
    const d = dialog(sys);
    await d.getByLabel('中文名称').fill('户政管理');
    await d.getByTestId('entry-save').click();
    await expect.poll(() => sys.locator('.zt-entry-row[data-entry="household"]').textContent()).toContain('户政管理');
    const stored = await e.t.deps.pool.query<{ name_zh: string }>("SELECT name_zh FROM dictionary_entries WHERE dictionary = 'police_branch' AND code = 'household'");
    expect(stored.rows[0]?.name_zh).toBe('户政管理');
  });

  it('sysadmin sets a day’s duty leader in the month view', async () => {
    await menu(sys, 'duty-roster');
    const day = sys.locator('.zt-roster-row').nth(9);
    const date = (await day.getAttribute('data-date')) ?? '';
    await day.getByTestId('duty-set').click();
    const d = dialog(sys);
    await choose(sys, d, '值班领导', '赵值班');
    await d.getByTestId('duty-save').click();
    await expect.poll(() => sys.locator(`.zt-roster-row[data-date="${date}"]`).textContent()).toContain('赵值班');
    const stored = await e.t.deps.pool.query<{ username: string }>("SELECT u.username FROM duty_roster r JOIN users u ON u.id = r.user_id WHERE r.on_date = $1 AND NOT r.deputy", [date]);
    expect(stored.rows).toEqual([{ username: 'duty_leader' }]);
    await settle(sys);
    await e.shot(sys, '33-admin-duty-roster');
  });

  it('sysadmin edits the 交办单 template as plain text and can reset it', async () => {
    await menu(sys, 'print-templates');
    await sys.locator('[data-template="dispatch"]').click();
    const body = sys.getByTestId('template-body');
    await body.waitFor();
    const before = await body.inputValue();
    expect(await sys.getByTestId('placeholders').textContent()).toContain('{{caseNumber}}');
    await body.fill(`${before}\n\n请于收到后<b>及时</b>办理。`);
    await sys.getByTestId('template-save').click();
    await expect.poll(async () => (await e.t.deps.pool.query<{ body: string }>("SELECT body FROM print_templates WHERE kind = 'dispatch'")).rows[0]?.body ?? '').toContain('请于收到后<b>及时</b>办理。');
    // Stored and shown as text, never as markup.
    await expect.poll(() => sys.getByTestId('template-body').inputValue()).toContain('<b>及时</b>');
    expect(await sys.locator('.zt-admin b').count()).toBe(0);
    await sys.evaluate('window.scrollTo(0, 0)');
    await settle(sys);
    await e.shot(sys, '34-admin-print-template');
    await sys.getByTestId('template-reset').click();
    await confirm(sys);
    await expect.poll(async () => (await e.t.deps.pool.query("SELECT 1 FROM print_templates WHERE kind = 'dispatch'")).rowCount).toBe(0);
    await expect.poll(() => sys.getByTestId('template-body').inputValue()).toBe(before);
  });

  it('warns that next year’s calendar is provisional', async () => {
    await menu(sys, 'calendar');
    const banner = sys.getByTestId('calendar-provisional');
    await banner.waitFor();
    const next = new Date().getFullYear() + 1;
    expect(await banner.textContent()).toContain(`${String(next)}年工作日历为暂定日历`);
    await settle(sys);
    await e.shot(sys, '35-admin-calendar');
  });

  it('opens every other screen with the API’s answer and no refusal', async () => {
    const expectations: [Page, string, string][] = [
      [sys, 'deadlines', '投诉'],
      [sys, 'routing', '市局督察支队'],
      [sys, 'working-hours', '星期一'],
      [sys, 'site', 'ICP备案号'],
      [sec, 'sealed-group', '添加成员'],
    ];
    for (const [page, section, text] of expectations) {
      await menu(page, section);
      await expect.poll(() => page.locator('.zt-admin').textContent()).toContain(text);
      expect([section, await page.getByTestId('admin-problem').count()]).toEqual([section, 0]);
    }
    const auditor = await signedIn('auditor');
    await menu(auditor, 'unusual-access');
    await expect.poll(() => auditor.locator('.zt-admin').textContent()).toContain('破例查看反映人');
    expect(await auditor.getByTestId('admin-problem').count()).toBe(0);
  });

  it('edits the bureau’s portal information, which the public portal then shows', async () => {
    await menu(sys, 'site');
    const hotline = sys.getByLabel('监督热线', { exact: true });
    await hotline.fill('0000-12389（总机）');
    await sys.locator('.zt-admin').getByRole('button', { name: /保\s*存/u }).click();
    await sys.getByText('门户信息已保存').waitFor();
    const portal = await e.open('/contact', { phone: true });
    await expect.poll(() => portal.locator('.zt-contacts').textContent()).toContain('0000-12389（总机）');
    const audit = await e.t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE action = 'admin.site_settings_set'");
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('sysadmin edits an SMS template with a live preview; a forbidden word is refused in Chinese', async () => {
    await menu(sys, 'sms-templates');
    const row = sys.locator('.zt-template-reporter-reply');
    await row.getByTestId('sms-template-edit').click();
    const text = sys.getByTestId('sms-template-text');
    await text.fill('您举报的事项（编号{caseNumber}）已办结，请凭编号和查询码查看答复。');
    await sys.getByTestId('sms-template-save').click();
    await expect.poll(() => sys.getByTestId('admin-problem').textContent()).toContain('不得出现');
    await text.fill('您的事项（编号{caseNumber}）已办结答复，请凭编号和查询码查看。');
    await expect.poll(() => sys.getByTestId('sms-template-preview').textContent()).toBe('【示例市公安局】您的事项（编号SL2026-000123）已办结答复，请凭编号和查询码查看。');
    await settle(sys);
    await e.shot(sys, '36-admin-sms-template');
    await sys.getByTestId('sms-template-save').click();
    await sys.getByText('短信模板已保存').waitFor();
    await expect.poll(() => row.textContent()).toContain('已修改');
    const stored = await e.t.deps.pool.query<{ text: string }>("SELECT text FROM sms_templates WHERE key = 'reporter.reply'");
    expect(stored.rows).toEqual([{ text: '您的事项（编号{caseNumber}）已办结答复，请凭编号和查询码查看。' }]);
  });

  it('sysadmin saves the mail channel: the password shows only as 已设置, and 测试连接 answers per server', async () => {
    const sink = await startSmtpSink();
    try {
      await menu(sys, 'mail-channel');
      // A closed loopback port for IMAP, the in-process SMTP sink for SMTP: one failure, one success.
      await sys.getByTestId('mail-imap-url').fill('imap://12389@127.0.0.1:9/INBOX');
      await sys.getByTestId('secret-imapPassword-input').fill('e2e-imap-password-5150');
      await sys.getByTestId('mail-smtp-url').fill(`smtp://zhitong@127.0.0.1:${String(sink.port)}`);
      await sys.getByTestId('secret-smtpPassword-input').fill('e2e-smtp-password-5150');
      await sys.getByTestId('mail-from').fill('12389@gaj.example.gov.cn');
      await sys.getByTestId('mail-save').click();
      await sys.getByText('邮件渠道设置已保存').waitFor();
      await expect.poll(() => sys.getByTestId('secret-imapPassword').textContent()).toContain('已设置');
      expect(await sys.getByTestId('secret-imapPassword-input').count()).toBe(0);
      await sys.getByTestId('channel-test').click();
      const result = sys.getByTestId('channel-test-result');
      await expect.poll(() => result.textContent()).toContain('服务器拒绝连接');
      expect(await result.textContent()).toContain('连接成功');
      await settle(sys);
      await e.shot(sys, '36-admin-mail-channel');
      expect(await sys.content()).not.toContain('e2e-imap-password-5150');
    } finally {
      await sink.close();
    }
  });

  it('sysadmin saves the WeChat account: its secrets show only as 已设置, and 测试连接 fetches a token', async () => {
    await menu(sys, 'wechat-channel');
    await sys.getByTestId('wechat-app-id').fill(WECHAT.appId);
    await sys.getByTestId('secret-appSecret-input').fill(WECHAT.secret);
    await sys.getByTestId('secret-token-input').fill(WECHAT.token);
    await sys.getByTestId('secret-aesKey-input').fill(WECHAT.aesKey);
    await sys.getByTestId('wechat-save').click();
    await sys.getByText('公众号设置已保存').waitFor();
    for (const name of ['appSecret', 'token', 'aesKey']) {
      await expect.poll(() => sys.getByTestId(`secret-${name}`).textContent()).toContain('已设置');
      expect(await sys.getByTestId(`secret-${name}-input`).count()).toBe(0);
    }
    await sys.getByTestId('channel-test').click();
    await expect.poll(() => sys.getByTestId('channel-test-result').textContent()).toContain('连接成功');
    expect(wechatApi.tokensIssued()).toBeGreaterThan(0);
    expect(await sys.getByText('安全模式', { exact: true }).count()).toBe(1);
    // The toasts of this and earlier saves would cover the API base in the picture.
    await expect.poll(() => sys.locator('.ant-message-notice').count(), { timeout: 8_000 }).toBe(0);
    await e.shot(sys, '36-admin-wechat-channel', true);
    const page = await sys.content();
    for (const secret of [WECHAT.secret, WECHAT.token, WECHAT.aesKey]) expect(page).not.toContain(secret);
  });

  it('lists a dead letter’s metadata and never its payload', async () => {
    const r = await e.t.deps.pool.query<{ id: string; case_number: string }>(
      `INSERT INTO outbox (kind, case_id, payload, created_at, available_at, attempts, dead_at, last_error)
       SELECT 'reporter.notice', c.id, '{"to": "13912345678", "text": "载荷秘密文字"}'::jsonb, now() - interval '2 hours', now(), 8, now(), 'SmsGatewayError:E42'
       FROM cases c WHERE NOT c.sealed ORDER BY c.case_number LIMIT 1
       RETURNING id::text, (SELECT case_number FROM cases WHERE id = case_id) AS case_number`,
    );
    const letter = r.rows[0];
    if (letter === undefined) throw new Error('no case for the dead letter');
    await menu(sys, 'dead-letters');
    const row = sys.locator(`.zt-dead-letter[data-dead-letter="${letter.id}"]`);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('reporter.notice');
    expect(text).toContain('向反映人发送办理告知');
    expect(text).toContain(letter.case_number);
    expect(text).toContain('SmsGatewayError:E42');
    expect(text).toContain('8');
    const page = await sys.content();
    expect(page).not.toContain('13912345678');
    expect(page).not.toContain('载荷秘密文字');
    await settle(sys);
    await e.shot(sys, '36-admin-dead-letters');
  });

  it('words a broken audit chain for the auditor in Chinese, naming the altered record', async () => {
    const runner = createTestRunner(e.t);
    await runner.runNow('audit.seal');
    const seq = (await e.t.deps.pool.query<{ seq: string }>('SELECT min(seq)::text AS seq FROM audit')).rows[0]?.seq ?? '';
    await asSuperuser(e.t, async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query(`UPDATE audit SET action = 'case.view' WHERE seq = $1`, [seq]);
      await c.query('SET session_replication_role = origin');
    });
    await runner.runNow('audit.verify');
    const auditor = await signedIn('auditor');
    await auditor.locator('[data-nav="audit"]').click();
    const altered = auditor.getByTestId('audit-chain').locator('[data-problem-kind="record_altered"]');
    expect(await altered.textContent()).toMatch(new RegExp(`^记录被篡改：审计记录 #${seq} 已被修改（与封存 #\\d+ 不符）$`, 'u'));
    expect(await auditor.getByTestId('audit-chain').textContent()).not.toMatch(/was altered/u);
    await settle(auditor);
    await e.shot(auditor, '37-audit-chain-broken');
  });

  it('met no CSP violation and no script error on any page', () => {
    expect({ violations: e.watch.violations, errors: e.watch.errors }).toEqual({ violations: [], errors: [] });
  });
});
