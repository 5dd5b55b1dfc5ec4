// The 12389 seat in Chromium (issue 6), driven by a fake PBX through the signed CTI webhook: a call
// answered at the clerk's extension pops with the caller's earlier case and calls and a repeat-caller
// warning; one click fills the registration form from the call; the recording that follows lands on the
// registered case and plays there. An after-hours voicemail shows its listen-by clock, is played in the
// page (the play is the audited listen) and registered with its recording. At the same seat a mail flood
// from one sender is one inbox item tagged 疑似批量来信（n封）, marked invalid in one action. 话务统计 counts
// the calls.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdMac } from '../../src/channels/email/keys.js';
import { receiveMail, type ReceiveContext } from '../../src/channels/email/receive.js';
import { ctiEnv, CTI_SECRET, FakePbx, sendEvent, wav } from '../helpers/cti.js';
import { BUREAU_ADDRESS, rawMail } from '../helpers/mail-rig.js';
import { e2eRequired, missingPrerequisite, startE2E, type E2E } from './harness.js';
import { choose, settle } from './ui.js';

const missing = missingPrerequisite();

describe.runIf(missing !== null && e2eRequired)('hotline prerequisites', () => {
  it('are installed (ZHITONG_E2E=required)', () => {
    throw new Error(missing ?? '');
  });
});

const CALLER = '13900005555';
const VOICEMAIL_CALLER = '13700006666';

describe.skipIf(missing !== null)('the 12389 seat in Chromium', () => {
  let e: E2E;
  let pbx: FakePbx;
  let clerk: Page;
  let earlierCase = '';
  const at = (minutes: number): string => new Date(e.t.clock.now().getTime() + minutes * 60_000).toISOString();

  beforeAll(async () => {
    pbx = await FakePbx.start(CTI_SECRET);
    e = await startE2E(ctiEnv(pbx));
    await e.t.deps.pool.query("UPDATE users SET seat_extension = '8001' WHERE username = 'intake'");
    // The caller reported before on the portal, and rang twice this week without getting through.
    const res = await e.t.app.inject({
      method: 'POST',
      url: '/api/v1/public/reports',
      headers: { origin: e.origin, 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'complaint', content: '派出所户籍窗口让我往返三次补材料，希望一次性告知。', anonymity: 'real_name', reporter: { name: '赵先生', phone: CALLER }, subjects: [] }),
    });
    expect(res.statusCode).toBe(201);
    earlierCase = res.json<{ caseNumber: string }>().caseNumber;
    for (const [i, minutes] of [[1, -3 * 24 * 60], [2, -24 * 60]] as const) {
      expect((await sendEvent(e.t, 'call.new', { callId: `earlier-${String(i)}`, from: CALLER, to: '12389', direction: 'in', startedAt: at(minutes) })).statusCode).toBe(200);
      expect((await sendEvent(e.t, 'call.ended', { callId: `earlier-${String(i)}`, cause: 'noAnswer', endedAt: at(minutes + 1), durationSec: 0 })).statusCode).toBe(200);
    }
  });

  afterAll(async () => {
    await e.close();
    await pbx.close();
  });

  it('pops the caller at the clerk\u2019s seat and registers the call; its recording plays on the case', async () => {
    clerk = await e.open('/console/');
    await e.signIn(clerk, 'intake');
    await clerk.getByTestId('current-user').waitFor();
    expect((await sendEvent(e.t, 'call.new', { callId: 'e2e-call-1', from: CALLER, to: '12389', direction: 'in', startedAt: at(0) })).statusCode).toBe(200);
    expect((await sendEvent(e.t, 'call.answered', { callId: 'e2e-call-1', answeredBy: '8001', answeredAt: at(0) })).statusCode).toBe(200);
    const pop = clerk.getByTestId('call-pop');
    await pop.waitFor({ timeout: 15_000 });
    expect(await pop.getByTestId('call-pop-number').textContent()).toContain('13900005555');
    await pop.getByTestId('call-pop-repeat').waitFor();
    expect(await pop.getByTestId('call-pop-cases').textContent()).toContain(earlierCase);
    expect(await pop.getByTestId('call-pop-calls').locator('tbody tr').count()).toBe(2);
    await settle(clerk);
    await e.shot(clerk, '60-call-pop');

    await pop.getByTestId('call-pop-register').click();
    await clerk.getByTestId('register-submit').waitFor();
    expect(await clerk.getByLabel('来电号码').inputValue()).toContain('13900005555');
    expect(await clerk.getByLabel('话务编号').inputValue()).toBe('e2e-call-1');
    expect(await clerk.getByLabel('联系电话').inputValue()).toContain('13900005555');
    await clerk.locator('[data-type="consultation"]').click();
    await clerk.getByLabel('反映内容').fill('来电询问上次反映的户籍窗口问题办理进度，并补充说明窗口未公示材料清单。');
    await clerk.getByLabel('姓名', { exact: true }).fill('赵先生');
    await clerk.getByTestId('register-submit').click();
    const number = /SL\d{4}-\d{6}/u.exec((await clerk.getByTestId('registered-number').textContent({ timeout: 15_000 })) ?? '')?.[0] ?? '';
    expect(number).not.toBe('');
    // Browser storage holds nothing of the caller (DESIGN §7.1): the prefill lived in page memory only.
    const stored = String(await clerk.evaluate('JSON.stringify({ ...window.sessionStorage, ...window.localStorage })'));
    expect(stored).not.toContain('13900005555');

    // The call ends and the PBX hands over its recording: it joins the case the call was registered as.
    const recording = pbx.serve('/rec/e2e-call-1.wav', wav(7, 8000));
    expect((await sendEvent(e.t, 'call.ended', { callId: 'e2e-call-1', cause: 'normalClearing', endedAt: at(4), durationSec: 240 })).statusCode).toBe(200);
    expect((await sendEvent(e.t, 'recording.ready', { callId: 'e2e-call-1', recording })).statusCode).toBe(200);
    await clerk.getByTestId('open-registered').click();
    await clerk.locator('.zt-case-number').filter({ hasText: number }).waitFor();
    await clerk.getByTestId('attachments').getByTestId('audio-player').waitFor();
    // 回访与通话 lists the call the case came from, answered, with its recording.
    const call = clerk.getByTestId('follow-ups').getByTestId('case-call');
    await call.getByTestId('audio-player').waitFor();
    expect(await call.textContent()).toContain('通话 4:00');
    await settle(clerk);
    await e.shot(clerk, '61-case-recording', true);
  });

  it('shows an after-hours voicemail with its listen-by clock, plays it as the audited listen and registers it', async () => {
    const recording = pbx.serve('/vm/8000/msg0001.wav', wav(9, 6000));
    expect((await sendEvent(e.t, 'voicemail.created', { callId: 'vm-e2e-1', mailbox: '8000', from: VOICEMAIL_CALLER, receivedAt: at(-12 * 60), durationSec: 28, recording })).statusCode).toBe(200);
    await clerk.goto(`${e.origin}/console/intake`);
    const row = clerk.locator('[data-item]').filter({ hasText: VOICEMAIL_CALLER });
    await row.getByTestId('listen-by').waitFor();
    await row.click();
    const player = clerk.getByTestId('audio-player');
    await player.waitFor();
    const itemId = new URL(clerk.url()).pathname.split('/').at(-1) ?? '';
    const before = (await e.t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE action = 'intake.attachment.read' AND target LIKE $1", [`%${itemId}%`])).rows[0]?.n ?? 0;
    // Muted, so headless Chromium lets the page start it without a gesture.
    await player.evaluate((el) => {
      const audio = el as unknown as { muted: boolean; play(): Promise<void> };
      audio.muted = true;
      void audio.play();
    });
    await clerk.getByTestId('listened').waitFor({ timeout: 15_000 });
    const after = (await e.t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE action = 'intake.attachment.read' AND target LIKE $1", [`%${itemId}%`])).rows[0]?.n ?? 0;
    expect(after).toBeGreaterThan(before);
    await settle(clerk);
    await e.shot(clerk, '62-voicemail-item');

    await clerk.getByTestId('item-register').click();
    const dialog = clerk.getByRole('dialog');
    await dialog.locator('[data-type="consultation"]').click();
    await dialog.getByLabel('反映内容').fill('电话留言：询问居住证办理时间。');
    await dialog.getByLabel('姓名', { exact: true }).fill('钱女士');
    await dialog.getByTestId('item-register-submit').click();
    await clerk.getByTestId('open-registered').click();
    await clerk.getByTestId('attachments').getByTestId('audio-player').waitFor();
  });

  it('shows a mail flood as one item tagged 疑似批量来信（3封）, and marks the whole group invalid', async () => {
    const from = 'flood.e2e@mail.example.cn';
    // What the mailbox reader does with each message, with a threshold of two mails an hour.
    const c: ReceiveContext = { deps: e.t.deps, mac: messageIdMac(e.t.deps.ring), from: BUREAU_ADDRESS, authservId: null, floodPerHour: 2, fileOptions: e.t.config.uploads };
    for (let i = 0; i < 5; i++) {
      const raw = Buffer.from(rawMail({ from, subject: `批量来信${String(i)}`, text: `反映内容第${String(i)}封。` }));
      expect(await receiveMail(c, raw, { mailbox: 'INBOX', uid: 900 + i, receivedAt: e.t.clock.now() })).toBe('item');
    }
    await clerk.goto(`${e.origin}/console/intake`);
    const rows = clerk.locator('[data-item]').filter({ hasText: from });
    await expect.poll(() => rows.count()).toBe(3);
    // Two mails under the threshold are items of their own; the other three are one group.
    const group = rows.filter({ has: clerk.getByTestId('flood-tag') });
    expect(await group.count()).toBe(1);
    expect(await group.getByTestId('flood-tag').textContent()).toBe('疑似批量来信（3封）');
    await settle(clerk);
    await e.shot(clerk, '64-mail-flood-inbox');
    await group.click();
    const text = clerk.getByTestId('item-text');
    await text.waitFor();
    for (const n of [2, 3, 4]) expect(await text.textContent()).toContain(`反映内容第${String(n)}封。`);
    expect(await clerk.getByTestId('flood-tag').textContent()).toBe('疑似批量来信（3封）');
    const groupId = new URL(clerk.url()).pathname.split('/').at(-1) ?? '';
    await clerk.getByTestId('item-invalid').click();
    const dialog = clerk.getByRole('dialog');
    await choose(clerk, dialog, '无效原因', '垃圾信息');
    await dialog.getByRole('button', { name: /^提\s*交$/u }).click();
    await dialog.waitFor({ state: 'hidden' });
    await clerk.getByText('已标记无效', { exact: true }).waitFor();
    expect(await clerk.getByTestId('item-invalid').count()).toBe(0);
    const items = await e.t.deps.pool.query<{ id: string; status: string }>("SELECT id, status FROM intake_items WHERE channel = 'email' AND contact_bidx = $1", [e.t.deps.blind.index('email', from)]);
    expect(items.rows.map((r) => [r.id === groupId, r.status]).sort()).toEqual([[false, 'new'], [false, 'new'], [true, 'invalid']]);
  });

  it('counts the calls in 话务统计 and leaves no CSP violation or script error', async () => {
    const page = await e.open('/console/stats');
    await e.signIn(page, 'assigner');
    // The server's clock is in March 2026; the year's figures include it.
    await page.getByRole('button', { name: /^本\s?年$/u }).click();
    const card = page.getByTestId('call-stats');
    await card.waitFor({ timeout: 15_000 });
    // Two earlier calls, the answered call and the voicemail.
    await expect.poll(async () => (await card.getByTestId('call-stats-calls').textContent()) ?? '').toMatch(/来电总量4$/u);
    await settle(page);
    await e.shot(page, '63-call-stats', true);
    expect(e.watch.violations).toEqual([]);
    expect(e.watch.errors).toEqual([]);
  });
});
