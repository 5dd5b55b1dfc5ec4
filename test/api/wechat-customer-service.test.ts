// What the account sends on its own (issue 8), with @wecom/crypto playing WeChat and a local fake of its
// API: the clerk registers a WeChat conversation and the user gets the acknowledgement with number and
// code as a customer-service text (the clerk never sees the code); 我的反映 lists that user's cases to
// that OpenID only; 12389热线 answers at once; a window WeChat says is closed, with no subscription
// configured, is a dead letter, never a retry (wechat-subscriptions.test.ts has the fallback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountMenu } from '../../src/channels/wechat/menu-setup.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { signedInStaff, type StaffClient } from '../helpers/staff.js';
import type { TestApp } from '../helpers/test-app.js';
import type { FakeWechatApi } from '../helpers/wechat-api.js';
import { ACCOUNT, registerItem, startWechatBureau, type WechatBureau } from '../helpers/wechat-bureau.js';
import { openReply, textXml } from '../helpers/wechat-server.js';

const ALICE = 'oZt_alice_000001';
const BOB = 'oZt_bob_00000002';

let w: WechatBureau;
let t: TestApp;
let api: FakeWechatApi;
let runner: JobRunner;
let clerk: StaffClient;

beforeAll(async () => {
  w = await startWechatBureau();
  ({ t, api, runner } = w);
  ({ client: clerk } = await signedInStaff(t, ['intake']));
});
afterAll(() => w.close());

const now = (): number => w.now();
const push = (inner: string): Promise<string> => w.push(inner);

const click = (openid: string, key: string, at: number): string =>
  `<xml><ToUserName><![CDATA[${ACCOUNT.ghId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${String(at)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[${key}]]></EventKey></xml>`;

async function registerFrom(openid: string, text: string, msgId: string, type: string): Promise<string> {
  // A new conversation: within the window a message would join the user's case registered before.
  t.clock.advance(31 * 60_000);
  ({ client: clerk } = await signedInStaff(t, ['intake']));
  await push(textXml(ACCOUNT, openid, now(), text, msgId));
  const [itemId] = await w.openItems(openid);
  const res = await registerItem(clerk, itemId, type);
  expect(res.statusCode).toBe(201);
  const body = res.json<{ caseNumber: string; queryCode?: string | null }>();
  // The clerk's screen never carries the code of a reporter the account can reach.
  expect(body.queryCode ?? null).toBeNull();
  return body.caseNumber;
}

describe('WeChat customer-service messages', () => {
  it('sends the acknowledgement with number and code to the registered user only, once', async () => {
    const caseNumber = await registerFrom(ALICE, '户籍窗口办事效率太低，排队三小时。', '8000000000000000001', 'complaint');
    await runner.runNow('outbox.relay');
    const sent = api.texts.filter((m) => m.content.includes(caseNumber));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.touser).toBe(ALICE);
    expect(sent[0]?.content).toMatch(new RegExp(`受理编号${caseNumber}，查询码\\d{10}`, 'u'));
    // Delivered: the readable copy of the code is gone, and a second run sends nothing.
    const code = (await t.deps.pool.query<{ query_code_enc: Buffer | null }>('SELECT query_code_enc FROM cases WHERE case_number = $1', [caseNumber])).rows[0];
    expect(code?.query_code_enc).toBeNull();
    await runner.runNow('outbox.relay');
    expect(api.texts.filter((m) => m.content.includes(caseNumber))).toHaveLength(1);
  });

  it("answers 我的反映 with that user's cases, accusations by number only, and never in the passive reply", async () => {
    const accusation = await registerFrom(ALICE, '某民警收受当事人财物。', '8000000000000000002', 'accusation');
    await registerFrom(BOB, '建议增加周末办证窗口。', '8000000000000000003', 'suggestion');
    await runner.runNow('outbox.relay');
    const before = api.texts.length;
    const passive = await push(click(ALICE, 'ZT_MY_CASES', now()));
    expect(passive).toBe('success');
    await runner.runNow('outbox.relay');
    const answer = api.texts.slice(before);
    expect(answer.map((m) => m.touser)).toEqual([ALICE]);
    expect(answer[0]?.content).toContain(`${accusation}：状态已更新，请凭受理编号和查询码查看`);
    expect(answer[0]?.content).not.toContain('收受');
    expect(answer[0]?.content).not.toMatch(/建议增加/u);
    expect(answer[0]?.content.split('\n').filter((l) => /^SL/u.test(l))).toHaveLength(2);
    const kept = await t.deps.pool.query("SELECT count(*)::int AS n FROM wechat_messages WHERE openid_enc IS NOT NULL");
    expect(kept.rows[0]).toEqual({ n: 0 });
  });

  it('tells of a step of an accusation only that its status changed, to that user', async () => {
    const caseNumber = await registerFrom(ALICE, '民警办案时态度恶劣并索要好处。', '8000000000000000005', 'accusation');
    await runner.runNow('outbox.relay');
    const caseId = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [caseNumber])).rows[0]?.id;
    await t.deps.pool.query("INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ('reporter.notice', $1, $2::jsonb, $3, $3)", [caseId, JSON.stringify({ caseId, notice: 'extended' }), t.clock.now()]);
    const before = api.texts.length;
    await runner.runNow('outbox.relay');
    expect(api.texts.slice(before)).toEqual([{ token: expect.any(String), touser: ALICE, content: `您反映的事项（受理编号${caseNumber}）状态已更新，请凭受理编号和查询码查看。` }]);
  });

  it('answers 12389热线 at once with the hotline from the portal settings', async () => {
    const reply = openReply(ACCOUNT, await push(click(BOB, 'ZT_HOTLINE', now() + 1)));
    expect(reply).toContain(`<ToUserName><![CDATA[${BOB}]]></ToUserName>`);
    expect(reply).toMatch(/举报投诉热线：\d/u);
  });

  it('makes an acknowledgement WeChat refuses for a closed window, with no subscription to fall back on, a dead letter instead of retrying', async () => {
    const caseNumber = await registerFrom(BOB, '再补充一个问题。', '8000000000000000004', 'consultation');
    api.closeWindowFor(BOB);
    await runner.runNow('outbox.relay');
    const row = (await t.deps.pool.query<{ dead: boolean; last_error: string }>("SELECT o.dead_at IS NOT NULL AS dead, o.last_error FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'reporter.acknowledgement'", [caseNumber])).rows[0];
    expect(row).toEqual({ dead: true, last_error: 'WechatSendError:NO_CHANNEL' });
  });

  it('creates the menu through the API, the portal behind 我要反映, and audits who did it', async () => {
    const wechat = t.config.wechat;
    if (wechat === null) throw new Error('WeChat is configured in this test');
    await createAccountMenu(t.deps, wechat, new URL('https://12389.example.gov.cn/'), 'operator');
    expect(api.menus.at(-1)).toEqual({
      button: [
        { type: 'view', name: '我要反映', url: 'https://12389.example.gov.cn/' },
        { type: 'click', name: '我的反映', key: 'ZT_MY_CASES' },
        { type: 'click', name: '12389热线', key: 'ZT_HOTLINE' },
      ],
    });
    const audit = await t.deps.pool.query("SELECT actor_kind, actor_ref FROM audit WHERE action = 'wechat.menu'");
    expect(audit.rows).toEqual([{ actor_kind: 'cli', actor_ref: 'operator' }]);
  });
});
