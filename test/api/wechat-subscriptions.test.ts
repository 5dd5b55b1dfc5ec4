// After WeChat's 48-hour customer-service window (issue 8): a notice or the acknowledgement goes as one
// subscription message per one-time subscription the user accepted in the popup (the consent arrives by
// the push, is kept per OpenID blind index and template, and is consumed by the send); without one,
// nothing goes but the portal, and the case's deliveries say so. An accusation's message names no content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRunner } from '../../src/jobs/runner.js';
import { Bureau } from '../helpers/demo-bureau.js';
import type { TestApp } from '../helpers/test-app.js';
import type { FakeWechatApi } from '../helpers/wechat-api.js';
import { ACCOUNT, registerItem, startWechatBureau, type WechatBureau } from '../helpers/wechat-bureau.js';
import { subscriptionEventXml, textXml, type SubscriptionChoice } from '../helpers/wechat-server.js';

const TEMPLATE = 'Zt_progress_Tpl_0001';
const HOURS_49 = 49 * 3600_000;

let w: WechatBureau;
let t: TestApp;
let api: FakeWechatApi;
let runner: JobRunner;
let b: Bureau;
let msgId = 8_100_000_000_000_000_000n;

beforeAll(async () => {
  w = await startWechatBureau({ ZHITONG_WECHAT_SUBSCRIBE_TEMPLATE: TEMPLATE });
  ({ t, api, runner } = w);
  // The case detail reads the bureau's units.
  b = await Bureau.load(t);
});
afterAll(() => w.close());

/** Past WeChat's window; the clerk's session has expired meanwhile, so the clerk signs in again. */
function pastTheWindow(): void {
  t.clock.advance(HOURS_49);
  b.browsers.delete('intake');
}

const now = (): number => w.now();
const push = (inner: string): Promise<string> => w.push(inner);

const write = (openid: string, text: string) => push(textXml(ACCOUNT, openid, now(), text, String(++msgId)));

/** A second later each time: WeChat dedupes events on sender and second. */
async function answerPopup(openid: string, choices: readonly SubscriptionChoice[], kind: 'popup' | 'change' = 'popup'): Promise<void> {
  t.clock.advance(1000);
  await push(subscriptionEventXml(ACCOUNT, openid, now(), kind, choices));
}

async function register(openid: string, type: string): Promise<{ caseNumber: string; caseId: string }> {
  const [itemId] = await w.openItems(openid);
  const res = await registerItem(await b.as('intake'), itemId, type);
  expect(res.statusCode).toBe(201);
  const caseNumber = res.json<{ caseNumber: string }>().caseNumber;
  const caseId = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [caseNumber])).rows[0]?.id ?? '';
  return { caseNumber, caseId };
}

async function notify(caseId: string, notice: string): Promise<void> {
  await t.deps.pool.query("INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ('reporter.notice', $1, $2::jsonb, $3, $3)", [caseId, JSON.stringify({ caseId, notice }), t.clock.now()]);
  await runner.runNow('outbox.relay');
}

async function consents(openid: string): Promise<number> {
  const r = await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM wechat_subscriptions WHERE openid_bidx = $1', [t.deps.blind.index('openid', openid)]);
  return r.rows[0]?.n ?? -1;
}

interface Delivery {
  channel: string;
  template: string;
  status: string;
  code: string | null;
}
/** As the demo's intake clerk sees them on the case. */
async function deliveries(caseNumber: string): Promise<Delivery[]> {
  const detail = await b.detail('intake', caseNumber);
  expect(detail.statusCode).toBe(200);
  return detail.json<{ deliveries: Delivery[] }>().deliveries.map(({ channel, template, status, code }) => ({ channel, template, status, code }));
}

describe('WeChat one-time subscription messages', () => {
  it('keeps an accepted consent for the configured template only, and a later rejection withdraws it', async () => {
    const user = 'oZt_consent_0001';
    await write(user, '先问一下。');
    await answerPopup(user, [
      { templateId: TEMPLATE, status: 'accept' },
      { templateId: 'Other_template_0002', status: 'accept' },
    ]);
    expect(await consents(user)).toBe(1);
    // WeChat's retry of the same event (same sender and second) grants nothing more.
    await push(subscriptionEventXml(ACCOUNT, user, now(), 'popup', [{ templateId: TEMPLATE, status: 'accept' }]));
    expect(await consents(user)).toBe(1);
    await answerPopup(user, [{ templateId: TEMPLATE, status: 'reject' }], 'change');
    expect(await consents(user)).toBe(0);
  });

  it('sends a notice after the window as the one subscription message the user accepted, then nothing but the portal', async () => {
    const alice = 'oZt_sub_alice_01';
    await write(alice, '户籍窗口办事效率太低。');
    const { caseNumber, caseId } = await register(alice, 'complaint');
    await runner.runNow('outbox.relay');
    expect(api.texts.filter((m) => m.touser === alice)).toHaveLength(1);
    await answerPopup(alice, [{ templateId: TEMPLATE, status: 'accept' }]);
    // Within the window the customer-service text goes, and the consent is kept for later.
    await notify(caseId, 'explained');
    expect(api.texts.filter((m) => m.touser === alice)).toHaveLength(2);
    expect(await consents(alice)).toBe(1);
    pastTheWindow();

    await notify(caseId, 'extended');
    expect(api.texts.filter((m) => m.touser === alice)).toHaveLength(2);
    expect(api.subscriptions.filter((s) => s.touser === alice)).toEqual([
      { token: expect.any(String), touser: alice, template_id: TEMPLATE, data: { character_string1: { value: caseNumber }, thing2: { value: '办理期限已延长，请凭查询码查看' } } },
    ]);
    expect(await consents(alice)).toBe(0);

    // The consent is spent: the next step goes nowhere but the portal, and the case says so.
    await notify(caseId, 'replied');
    expect(api.subscriptions.filter((s) => s.touser === alice)).toHaveLength(1);
    expect(api.texts.filter((m) => m.touser === alice)).toHaveLength(2);
    const wechat = (await deliveries(caseNumber)).filter((d) => d.channel === 'wechat');
    expect(wechat).toEqual([
      { channel: 'wechat', template: 'reporter.acknowledgement', status: 'sent', code: 'customer_service' },
      { channel: 'wechat', template: 'reporter.notice', status: 'sent', code: 'customer_service' },
      { channel: 'wechat', template: 'reporter.notice', status: 'sent', code: 'subscription' },
      { channel: 'wechat', template: 'reporter.notice', status: 'skipped', code: 'no_channel' },
    ]);
    const rows = await t.deps.pool.query("SELECT dead_at IS NULL AS done FROM outbox WHERE case_id = $1 AND kind = 'reporter.notice'", [caseId]);
    expect(rows.rows).toEqual([{ done: true }, { done: true }, { done: true }]);
  });

  it("words an accusation's subscription message as a status change only", async () => {
    const bob = 'oZt_sub_bob_0002';
    await write(bob, '某民警收受当事人财物。');
    const { caseNumber, caseId } = await register(bob, 'accusation');
    await runner.runNow('outbox.relay');
    await answerPopup(bob, [{ templateId: TEMPLATE, status: 'accept' }]);
    pastTheWindow();
    await notify(caseId, 'replied');
    const sent = api.subscriptions.filter((s) => s.touser === bob);
    expect(sent.map((s) => s.data)).toEqual([{ character_string1: { value: caseNumber }, thing2: { value: '状态已更新，请凭受理编号和查询码查看' } }]);
    expect(JSON.stringify(sent)).not.toContain('收受');
  });

  it('sends the acknowledgement registered after the window by subscription, with its code, and erases the code', async () => {
    const carol = 'oZt_sub_carol_03';
    await write(carol, '办证大厅收费不明。');
    await answerPopup(carol, [{ templateId: TEMPLATE, status: 'accept' }]);
    pastTheWindow();
    const { caseNumber, caseId } = await register(carol, 'complaint');
    await runner.runNow('outbox.relay');
    expect(api.texts.filter((m) => m.touser === carol)).toHaveLength(0);
    const sent = api.subscriptions.filter((s) => s.touser === carol);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data.character_string1).toEqual({ value: caseNumber });
    expect(sent[0]?.data.thing2?.value).toMatch(/^已受理，查询码\d{10}$/u);
    const code = (await t.deps.pool.query<{ query_code_enc: Buffer | null }>('SELECT query_code_enc FROM cases WHERE id = $1', [caseId])).rows[0];
    expect(code?.query_code_enc).toBeNull();
  });

  it('keeps an acknowledgement nothing can carry as a skipped delivery with its code, for the centre to send later', async () => {
    const dave = 'oZt_sub_dave_004';
    await write(dave, '交警执法不规范。');
    pastTheWindow();
    const { caseNumber, caseId } = await register(dave, 'complaint');
    await runner.runNow('outbox.relay');
    expect(api.texts.filter((m) => m.touser === dave)).toHaveLength(0);
    expect(api.subscriptions.filter((s) => s.touser === dave)).toHaveLength(0);
    expect((await deliveries(caseNumber)).filter((d) => d.channel === 'wechat')).toEqual([{ channel: 'wechat', template: 'reporter.acknowledgement', status: 'skipped', code: 'no_channel' }]);
    const code = (await t.deps.pool.query<{ query_code_enc: Buffer | null }>('SELECT query_code_enc FROM cases WHERE id = $1', [caseId])).rows[0];
    expect(code?.query_code_enc).not.toBeNull();
  });
});
