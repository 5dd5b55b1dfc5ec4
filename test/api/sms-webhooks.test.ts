// The SMS providers' pushes (issue 6): Aliyun's SmsReport and SmsUp reach /hooks/sms/<secret>/reports and
// /replies; a report updates the sent message, a reply becomes one inbox item however often it is pushed,
// and the provider gets its own "received" answer. A wrong secret is the same 404 as no hook at all, and a
// body that is not the provider's shape is refused without effect.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const SECRET = 'hook-secret-7f3a9c2e1b4d6e8f0a1b2c3d4e5f';
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/sms/${name}.json`, import.meta.url), 'utf8'));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    ZHITONG_SMS_PROVIDER: 'aliyun',
    ZHITONG_ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:9',
    ZHITONG_ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI-test',
    ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET: 'test-secret',
    ZHITONG_SMS_TEMPLATE_IDS: '{"reporter.acknowledgement":"SMS_100001"}',
    ZHITONG_SMS_WEBHOOK_TOKEN: SECRET,
  });
});
afterAll(async () => t.close());

const push = (path: string, body: unknown) => t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('SMS provider pushes', () => {
  it('records a delivery report against the message it names and answers as Aliyun expects', async () => {
    // A message as the acknowledgement sender records it, known to Aliyun by its BizId.
    await t.deps.pool.query(
      `INSERT INTO sms_messages (id, phone_key, template, provider, provider_message_ids, segments, status, sent_at)
       VALUES (gen_random_uuid(), $1, 'reporter.acknowledgement', 'aliyun', ARRAY['932702304080415357^0'], 2, 'sent', now())`,
      [t.deps.blind.index('phone', '13900000001')],
    );
    const res = await push(`/hooks/sms/${SECRET}/reports`, fixture('aliyun-sms-report'));
    expect([res.statusCode, res.json()]).toEqual([200, { code: 0, msg: '成功' }]);
    const row = await t.deps.pool.query<{ status: string; status_code: string }>("SELECT status, status_code FROM sms_messages WHERE provider_message_ids @> ARRAY['932702304080415357^0']");
    expect(row.rows[0]).toEqual({ status: 'delivered', status_code: 'DELIVERED' });
  });

  it('turns a reply into one inbox item, however often Aliyun pushes it', async () => {
    const before = (await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM intake_items WHERE channel = 'sms'")).rows[0]?.n ?? 0;
    for (let i = 0; i < 2; i++) expect((await push(`/hooks/sms/${SECRET}/replies`, fixture('aliyun-sms-up'))).statusCode).toBe(200);
    const after = (await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM intake_items WHERE channel = 'sms'")).rows[0]?.n ?? 0;
    expect(after - before).toBe(1);
  });

  it('answers a wrong secret like an unknown path, and refuses a body of another shape without effect', async () => {
    const wrong = await push('/hooks/sms/not-the-secret/reports', fixture('aliyun-sms-report'));
    const unknown = await push('/hooks/nothing', {});
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'not_found']);
    expect(wrong.body).toBe(unknown.body);
    const before = (await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_items')).rows[0]?.n;
    expect((await push(`/hooks/sms/${SECRET}/replies`, [{ unexpected: true }])).statusCode).toBe(400);
    // Tencent's reply callback is one object; Aliyun's parser still wants its array.
    expect((await push(`/hooks/sms/${SECRET}/replies`, { not: 'an array' })).statusCode).toBe(400);
    expect((await push(`/hooks/sms/${SECRET}/replies`, 'a string')).statusCode).toBe(422);
    expect((await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_items')).rows[0]?.n).toBe(before);
  });
});
