// The WeChat message push (issue 8) with @wecom/crypto playing WeChat: URL verification; a secure-mode text
// delivered three times makes one inbox item and one encrypted acknowledgement; later messages join the
// conversation; forged, replayed, stale, foreign, expired-key, DTD, oversized and prototype pushes are
// refused with the same answer as an unknown path and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { registerChannelSenders } from '../../src/channels/senders.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { amrBytes, startFakeWechatApi, type FakeWechatApi } from '../helpers/wechat-api.js';
import { openReply, securePush, sha1Sorted, textXml, voiceXml, type WechatAccount, type SignedPush } from '../helpers/wechat-server.js';

const ACCOUNT: WechatAccount = { appId: 'wx2c2769f8efd9abc2', token: 'spamtest', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ghId: 'gh_0123456789ab' };
const OLD_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const OPENID = 'oZt_reporter_0001';

const SECRET = 'appsecret0123456789abcdef';

let t: TestApp;
let api: FakeWechatApi;
let runner: JobRunner;
let nonce = 1000;
const now = (): number => Math.floor(t.clock.now().getTime() / 1000);
const nextNonce = (): string => String(++nonce);

beforeAll(async () => {
  api = await startFakeWechatApi(ACCOUNT.appId, SECRET);
  t = await createTestApp({
    ZHITONG_WECHAT_SECRET: SECRET,
    ZHITONG_WECHAT_APPID: ACCOUNT.appId,
    ZHITONG_WECHAT_TOKEN: ACCOUNT.token,
    ZHITONG_WECHAT_AES_KEY: ACCOUNT.aesKey,
    ZHITONG_WECHAT_AES_KEY_PREVIOUS: OLD_KEY,
    // The fake clock starts 2026-03-02T02:00Z: the key changed an hour before.
    ZHITONG_WECHAT_AES_KEY_ROTATED_AT: '2026-03-02T01:00:00Z',
    ZHITONG_WECHAT_API_BASE: api.base,
  });
  runner = createTestRunner(t);
  registerChannelSenders(t.config, t.deps, runner, pino({ level: 'silent' }), null);
});
afterAll(async () => {
  await t.close();
  await api.close();
});

const send = (p: SignedPush) => t.app.inject({ method: 'POST', url: p.url, headers: { 'content-type': 'text/xml' }, payload: p.body });

async function counts(): Promise<{ items: number; messages: number; replay: number }> {
  const r = await t.deps.pool.query<{ items: number; messages: number; replay: number }>(
    `SELECT (SELECT count(*)::int FROM intake_items WHERE channel = 'wechat') AS items, (SELECT count(*)::int FROM wechat_messages) AS messages, (SELECT count(*)::int FROM wechat_push_replay) AS replay`,
  );
  return r.rows[0] ?? { items: -1, messages: -1, replay: -1 };
}

async function itemText(id: string): Promise<string> {
  const row = (await t.deps.pool.query<{ text_enc: Buffer }>('SELECT text_enc FROM intake_items WHERE id = $1', [id])).rows[0];
  return t.deps.cipher.decryptText({ table: 'intake_items', column: 'text_enc', rowId: id }, row?.text_enc ?? Buffer.alloc(0));
}

describe('WeChat URL verification', () => {
  it('echoes echostr for a valid signature and answers anything else like an unknown path', async () => {
    const ts = String(now());
    const ok = await t.app.inject({ method: 'GET', url: `/hooks/wechat?signature=${sha1Sorted(ACCOUNT.token, ts, '77')}&timestamp=${ts}&nonce=77&echostr=4375120948345356249` });
    expect([ok.statusCode, ok.body, ok.headers['content-type']]).toEqual([200, '4375120948345356249', 'text/plain; charset=utf-8']);
    const bad = await t.app.inject({ method: 'GET', url: `/hooks/wechat?signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=77&echostr=1` });
    const unknown = await t.app.inject({ method: 'GET', url: '/hooks/nothing' });
    expect([bad.statusCode, bad.body]).toEqual([404, unknown.body]);
  });
});

describe('WeChat message push', () => {
  let firstItem = '';

  it('stores a secure-mode text delivered three times once, and acknowledges it encrypted once', async () => {
    const before = await counts();
    const inner = textXml(ACCOUNT, OPENID, now(), '城关派出所窗口民警态度恶劣，00123号', '6054768590064713728');
    const replies: string[] = [];
    // WeChat retries with a new nonce each time (no answer within five seconds).
    for (let i = 0; i < 3; i++) {
      const res = await send(securePush(ACCOUNT, inner, now(), nextNonce()));
      expect(res.statusCode).toBe(200);
      replies.push(res.body);
    }
    const after = await counts();
    expect([after.items - before.items, after.messages - before.messages]).toEqual([1, 1]);
    const reply = openReply(ACCOUNT, replies[0] ?? '');
    expect(reply).toContain(`<ToUserName><![CDATA[${OPENID}]]></ToUserName>`);
    expect(reply).toContain('已收到您的留言，工作人员将尽快登记处理');
    expect(replies.slice(1)).toEqual(['success', 'success']);
    const item = (await t.deps.pool.query<{ id: string; contact_enc: Buffer; contact_bidx: Buffer }>("SELECT id, contact_enc, contact_bidx FROM intake_items WHERE channel = 'wechat' ORDER BY created_at DESC LIMIT 1")).rows[0];
    firstItem = item?.id ?? '';
    expect(await itemText(firstItem)).toMatch(/^\[\d\d:\d\d\] 城关派出所窗口民警态度恶劣，00123号$/u);
    // The OpenID is stored encrypted, found by its blind index.
    expect(item?.contact_enc.includes(Buffer.from(OPENID))).toBe(false);
    expect(item?.contact_bidx.equals(t.deps.blind.index('openid', OPENID))).toBe(true);
  });

  it('adds later messages of the conversation to the same item and starts a new one after the window', async () => {
    t.clock.advance(5 * 60_000);
    expect((await send(securePush(ACCOUNT, voiceXml(ACCOUNT, OPENID, now(), 'MEDIA_voice_1', '6054768590064713729'), now(), nextNonce()))).body).toBe('success');
    expect(await itemText(firstItem)).toMatch(/\n\[\d\d:\d\d\] \[语音\]$/u);
    const media = (await t.deps.pool.query<{ media_status: string; item_id: string }>("SELECT media_status, item_id FROM wechat_messages WHERE msg_type = 'voice'")).rows[0];
    expect(media).toEqual({ media_status: 'pending', item_id: firstItem });
    // The relay fetches the voice at once with a fresh token; the file is checked, encrypted and on the item.
    api.media.set('MEDIA_voice_1', { bytes: amrBytes(), contentType: 'audio/amr' });
    await runner.runNow('outbox.relay');
    const files = (await t.deps.pool.query<{ id: string; media_type: string; storage_key: string }>('SELECT id, media_type, storage_key FROM intake_attachments WHERE item_id = $1', [firstItem])).rows;
    expect(files.map((f) => f.media_type)).toEqual(['audio/amr']);
    expect(api.tokensIssued()).toBe(1);
    const stored = await t.deps.attachments.get(files[0]?.storage_key ?? '');
    expect(stored.includes(Buffer.from('#!AMR'))).toBe(false);
    expect((await t.deps.pool.query<{ media_status: string }>("SELECT media_status FROM wechat_messages WHERE msg_type = 'voice'")).rows[0]?.media_status).toBe('fetched');
    t.clock.advance(31 * 60_000);
    const before = await counts();
    const res = await send(securePush(ACCOUNT, textXml(ACCOUNT, OPENID, now(), '补充一下', '6054768590064713730'), now(), nextNonce()));
    expect(openReply(ACCOUNT, res.body)).toContain('已收到');
    expect((await counts()).items - before.items).toBe(1);
  });

  it('opens a push whose 32-byte padding is above 16 (which Node refuses with its own padding)', async () => {
    // random(16) ‖ length(4) ‖ message ‖ AppID, padded to 32: a message of this length leaves a pad of 31.
    const at = now();
    const inner = (words: string) => textXml(ACCOUNT, 'oZt_pad_user_01', at, words, '6054768590064713799');
    let words = '补充';
    while ((20 + Buffer.byteLength(inner(words)) + ACCOUNT.appId.length) % 32 !== 1) words += 'x';
    const before = await counts();
    const res = await send(securePush(ACCOUNT, inner(words), at, nextNonce()));
    expect(openReply(ACCOUNT, res.body)).toContain('已收到');
    expect((await counts()).items - before.items).toBe(1);
  });

  it('opens a push under the previous key within its 72 hours and refuses it after', async () => {
    const before = await counts();
    const inner = textXml(ACCOUNT, 'oZt_other_user', now(), '旧密钥的消息', '6054768590064713731');
    expect((await send(securePush(ACCOUNT, inner, now(), nextNonce(), { key: OLD_KEY }))).statusCode).toBe(200);
    expect((await counts()).items - before.items).toBe(1);
    t.clock.advance(72 * 3600_000);
    const late = securePush(ACCOUNT, textXml(ACCOUNT, 'oZt_other_user', now(), '过期密钥', '6054768590064713732'), now(), nextNonce(), { key: OLD_KEY });
    expect((await send(late)).statusCode).toBe(404);
  });

  it('refuses forged, replayed, stale, foreign, malformed and oversized pushes alike, without effect', async () => {
    const unknown = (await t.app.inject({ method: 'POST', url: '/hooks/nothing', headers: { 'content-type': 'text/xml' }, payload: '<xml/>' })).body;
    const fresh = (msgId: string, body = textXml(ACCOUNT, OPENID, now(), '攻击', msgId)) => securePush(ACCOUNT, body, now(), nextNonce());
    const accepted = fresh('7000000000000000001');
    expect((await send(accepted)).statusCode).toBe(200);
    const before = await counts();
    const forgedSig = fresh('7000000000000000002');
    const withBadMsgSig = { ...forgedSig, url: forgedSig.url.replace(/msg_signature=[0-9a-f]+/u, `msg_signature=${'a'.repeat(40)}`) };
    const stale = securePush(ACCOUNT, textXml(ACCOUNT, OPENID, now() - 600, '旧的', '7000000000000000003'), now() - 600, nextNonce());
    const foreign = securePush(ACCOUNT, textXml(ACCOUNT, OPENID, now(), '别的公众号', '7000000000000000004'), now(), nextNonce(), { appId: 'wxffffffffffffffff' });
    const dtd = securePush(ACCOUNT, `<!DOCTYPE xml [<!ENTITY e "x">]>${textXml(ACCOUNT, OPENID, now(), '&e;', '7000000000000000005')}`, now(), nextNonce());
    const proto = securePush(ACCOUNT, textXml(ACCOUNT, OPENID, now(), 'x', '7000000000000000006').replace('</xml>', '<__proto__><isAdmin>1</isAdmin></__proto__></xml>'), now(), nextNonce());
    const outerDtd = { ...fresh('7000000000000000007'), body: `<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x">${fresh('7000000000000000007').body}` };
    const plaintext = { url: `/hooks/wechat?signature=${sha1Sorted(ACCOUNT.token, String(now()), '5')}&timestamp=${String(now())}&nonce=5`, body: textXml(ACCOUNT, OPENID, now(), '明文', '7000000000000000008') };
    const forgedUrl = fresh('7000000000000000010');
    const withBadUrlSig = { ...forgedUrl, url: forgedUrl.url.replace(/([?&])signature=[0-9a-f]+/u, `$1signature=${'b'.repeat(40)}`) };
    const cases: [string, SignedPush][] = [
      ['bad URL signature', withBadUrlSig],
      ['bad msg_signature', withBadMsgSig],
      ['replayed push', accepted],
      ['stale timestamp', stale],
      ['another AppID', foreign],
      ['DTD inside', dtd],
      ['__proto__ tags', proto],
      ['DTD outside', outerDtd],
      ['plaintext in secure mode', plaintext],
    ];
    for (const [name, push] of cases) {
      const res = await send(push);
      expect([name, res.statusCode, res.body]).toEqual([name, 404, unknown]);
    }
    const big = fresh('7000000000000000009', textXml(ACCOUNT, OPENID, now(), '长'.repeat(22_000), '7000000000000000009'));
    expect((await send(big)).statusCode).toBeGreaterThanOrEqual(400);
    expect(await counts()).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('WeChat compatible mode', () => {
  it('is refused in secure mode, and read from Encrypt alone where it is allowed', async () => {
    const inner = textXml(ACCOUNT, OPENID, now(), '加密里的内容', '7100000000000000001');
    const secure = securePush(ACCOUNT, inner, now(), nextNonce());
    // A compatible-mode body: the message's fields in clear (here disagreeing with Encrypt) beside Encrypt.
    const forgedPlain = textXml(ACCOUNT, 'oZt_someone_else', now(), '明文里伪造的内容', '7100000000000000001').replace('</xml>', '').replace(/<ToUserName>.*?<\/ToUserName>/u, '');
    const compatible = { ...secure, body: secure.body.replace('<xml>', forgedPlain) };
    const before = await counts();
    expect((await send(compatible)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);

    const c = await createTestApp({ ZHITONG_WECHAT_APPID: ACCOUNT.appId, ZHITONG_WECHAT_TOKEN: ACCOUNT.token, ZHITONG_WECHAT_AES_KEY: ACCOUNT.aesKey, ZHITONG_WECHAT_MODE: 'compatible' });
    try {
      const ts = Math.floor(c.clock.now().getTime() / 1000);
      const push = securePush(ACCOUNT, textXml(ACCOUNT, OPENID, ts, '加密里的内容', '7100000000000000002'), ts, '42');
      const body = push.body.replace('<xml>', forgedPlain);
      const res = await c.app.inject({ method: 'POST', url: push.url, headers: { 'content-type': 'text/xml' }, payload: body });
      expect(res.statusCode).toBe(200);
      const item = (await c.deps.pool.query<{ id: string; text_enc: Buffer; contact_bidx: Buffer }>("SELECT id, text_enc, contact_bidx FROM intake_items WHERE channel = 'wechat'")).rows;
      expect(item).toHaveLength(1);
      expect(c.deps.cipher.decryptText({ table: 'intake_items', column: 'text_enc', rowId: item[0]?.id ?? '' }, item[0]?.text_enc ?? Buffer.alloc(0))).toContain('加密里的内容');
      expect(item[0]?.contact_bidx.equals(c.deps.blind.index('openid', OPENID))).toBe(true);
    } finally {
      await c.close();
    }
  });
});
