// WeChat media and late messages (issue 8), with @wecom/crypto playing WeChat and a local fake of its API:
// a download is streamed with a byte cap, so an endless body is aborted and nothing of it stored, the item
// saying why; a text or photo sent after the clerk registered the conversation joins that case as the
// reporter's message, as an e-mail reply does, instead of being lost in a new item.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_MAX_BYTES } from '../../src/channels/wechat/api.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { Bureau } from '../helpers/demo-bureau.js';
import type { TestApp } from '../helpers/test-app.js';
import type { FakeWechatApi } from '../helpers/wechat-api.js';
import { ACCOUNT, registerItem, startWechatBureau, type WechatBureau } from '../helpers/wechat-bureau.js';
import { imageXml, textXml } from '../helpers/wechat-server.js';


let w: WechatBureau;
let t: TestApp;
let api: FakeWechatApi;
let runner: JobRunner;
let b: Bureau;
let msgId = 8_200_000_000_000_000_000n;

beforeAll(async () => {
  w = await startWechatBureau();
  ({ t, api, runner } = w);
  b = await Bureau.load(t);
});
afterAll(() => w.close());

const now = (): number => w.now();
const push = (inner: string): Promise<string> => w.push(inner);

const text = (openid: string, words: string) => push(textXml(ACCOUNT, openid, now(), words, String(++msgId)));
const image = (openid: string, mediaId: string) => push(imageXml(ACCOUNT, openid, now(), mediaId, String(++msgId)));

const openItems = (openid: string): Promise<string[]> => w.openItems(openid);

async function storedBlobs(): Promise<number> {
  const r = await t.deps.pool.query<{ n: number }>('SELECT (SELECT count(*) FROM intake_attachments)::int + (SELECT count(*) FROM attachments)::int AS n');
  return r.rows[0]?.n ?? -1;
}

describe('WeChat media downloads', () => {
  it('aborts an endless download at the cap, stores nothing of it and marks the item with the reason', async () => {
    const user = 'oZt_media_huge01';
    api.endless.add('MEDIA_endless_1');
    await image(user, 'MEDIA_endless_1');
    const [itemId] = await openItems(user);
    const before = await storedBlobs();
    await runner.runNow('outbox.relay');

    // Aborted soon after the cap: the fake would have gone on to 256 MB.
    expect(api.endlessBytesSent()).toBeGreaterThan(MEDIA_MAX_BYTES);
    expect(api.endlessBytesSent()).toBeLessThan(MEDIA_MAX_BYTES + 32 * 1024 * 1024);
    expect(await storedBlobs()).toBe(before);
    const row = (await t.deps.pool.query<{ media_status: string; media_error: string }>("SELECT media_status, media_error FROM wechat_messages WHERE media_id = 'MEDIA_endless_1'")).rows[0];
    expect(row).toEqual({ media_status: 'failed', media_error: 'too_large' });
    // Not tried again: a dead letter at once, not ten downloads of 20 MB.
    const outbox = (await t.deps.pool.query<{ attempts: number; dead: boolean }>("SELECT attempts, dead_at IS NOT NULL AS dead FROM outbox WHERE kind = 'wechat.media'")).rows;
    expect(outbox).toEqual([{ attempts: 1, dead: true }]);

    // The clerk sees on the item that a photo was sent and why it is missing.
    const clerk = await b.as('intake');
    const item = (await clerk.send('GET', `/api/v1/intake/items/${itemId ?? ''}`)).json<{ text: string; details: Record<string, string> | null; attachments: unknown[] }>();
    expect(item.text).toMatch(/\[图片\]$/u);
    expect(item.details?.refusedAttachments).toBe('微信图片（文件过大，已中止下载）');
    expect(item.attachments).toEqual([]);
  });
});

describe('WeChat messages after registration', () => {
  it('adds a text and a photo sent within the conversation to the registered case as the reporter’s, not to a new item', async () => {
    const user = 'oZt_media_late01';
    await text(user, '城关派出所民警接警后迟迟不出警。');
    const [itemId] = await openItems(user);
    const clerk = await b.as('intake');
    const reg = await registerItem(clerk, itemId, 'complaint');
    expect(reg.statusCode).toBe(201);
    const caseNumber = reg.json<{ caseNumber: string }>().caseNumber;
    await runner.runNow('outbox.relay');

    t.clock.advance(5 * 60_000);
    expect(await text(user, '补充：当时还有一名辅警在场。')).toBe('success');
    const photo = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#3366aa' } }).png().toBuffer();
    api.media.set('MEDIA_late_photo', { bytes: photo, contentType: 'image/png' });
    expect(await image(user, 'MEDIA_late_photo')).toBe('success');
    await runner.runNow('outbox.relay');

    expect(await openItems(user)).toEqual([]);
    const detail = (await b.detail('intake', caseNumber)).json<{ messages: { id: string; text: string; direction: string }[]; attachments: { id: string; name: string; mediaType: string }[]; timeline: { event: string }[] }>();
    const fromReporter = detail.messages.filter((m) => m.direction === 'from_reporter');
    const words = (m: { text: string }) => m.text.replace(/^\[\d\d:\d\d\] /u, '');
    expect(fromReporter.map(words).sort()).toEqual(['[图片]', '补充：当时还有一名辅警在场。']);
    expect(detail.attachments.filter((a) => a.mediaType === 'image/png').map((a) => a.name)).toEqual(['微信图片.png']);
    // The photo belongs to its message, and each step is audited with the case's digest.
    const bound = await t.deps.pool.query<{ message_id: string }>("SELECT message_id FROM attachments WHERE media_type = 'image/png'");
    expect(bound.rows.map((r) => r.message_id)).toEqual([fromReporter.find((m) => words(m) === '[图片]')?.id]);
    const audit = await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1 AND a.action = 'case.add_information' AND a.case_digest IS NOT NULL", [caseNumber]);
    expect(audit.rows[0]?.n).toBe(3);
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });

  it('makes a message for a case that takes no more information a new item claiming that case', async () => {
    const user = 'oZt_media_late02';
    await text(user, '派出所办事拖延。');
    const [itemId] = await openItems(user);
    const reg = await registerItem(await b.as('intake'), itemId, 'complaint');
    const caseNumber = reg.json<{ caseNumber: string }>().caseNumber;
    // Closed (set directly: the steps to a closed case are not what this test is about).
    await t.deps.pool.query("UPDATE cases SET state = 'closed' WHERE case_number = $1", [caseNumber]);
    t.clock.advance(60_000);
    await text(user, '还有一件事。');
    const items = await openItems(user);
    expect(items).toHaveLength(1);
    const claim = await t.deps.pool.query<{ claims_case_number: string }>('SELECT claims_case_number FROM intake_items WHERE id = $1', [items[0]]);
    expect(claim.rows[0]?.claims_case_number).toBe(caseNumber);
  });
});
