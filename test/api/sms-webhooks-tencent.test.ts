// Tencent Cloud's SMS pushes (issue 6): the status report (an array) updates the sent messages it names, the
// reply callback (a single object) becomes one inbox item however often it is pushed, and Tencent gets its
// own "received" answer. A wrong secret is the unknown-path 404.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const SECRET = 'hook-secret-tencent-0a1b2c3d4e5f6a7b8c9d';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/sms/${name}.json`, import.meta.url), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    ZHITONG_SMS_PROVIDER: 'tencent',
    ZHITONG_TENCENT_SMS_ENDPOINT: 'http://127.0.0.1:9',
    ZHITONG_TENCENT_SMS_SECRET_ID: 'AKID-test',
    ZHITONG_TENCENT_SMS_SECRET_KEY: 'test-key',
    ZHITONG_TENCENT_SMS_APP_ID: '1400000001',
    ZHITONG_SMS_TEMPLATE_IDS: '{"reporter.acknowledgement":"100001"}',
    ZHITONG_SMS_WEBHOOK_TOKEN: SECRET,
  });
});
afterAll(async () => t.close());

const push = (path: string, body: string) => t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: body });
const items = async (): Promise<number> => (await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM intake_items WHERE channel = 'sms'")).rows[0]?.n ?? 0;

describe('Tencent SMS pushes', () => {
  it('records a status report against each message it names: delivered, or failed with the carrier code', async () => {
    for (const [sid, phone] of [['2106:100000000000000000000', '13900000001'], ['2106:100000000000000000001', '13900000002']] as const) {
      await t.deps.pool.query(
        `INSERT INTO sms_messages (id, phone_key, template, provider, provider_message_ids, segments, status, sent_at)
         VALUES (gen_random_uuid(), $1, 'reporter.acknowledgement', 'tencent', ARRAY[$2::text], 1, 'sent', now())`,
        [t.deps.blind.index('phone', phone), sid],
      );
    }
    const res = await push(`/hooks/sms/${SECRET}/reports`, fixture('tencent-status'));
    expect([res.statusCode, res.json()]).toEqual([200, { result: 0, errmsg: 'OK' }]);
    const rows = await t.deps.pool.query<{ status: string; status_code: string }>("SELECT status, status_code FROM sms_messages WHERE provider = 'tencent' ORDER BY provider_message_ids[1]");
    expect(rows.rows).toEqual([{ status: 'delivered', status_code: 'DELIVRD' }, { status: 'failed', status_code: expect.stringContaining('0017') }]);
  });

  it('turns the single-object reply callback into one inbox item, however often it is pushed', async () => {
    const before = await items();
    for (let i = 0; i < 3; i++) expect((await push(`/hooks/sms/${SECRET}/replies`, fixture('tencent-reply'))).json()).toEqual({ result: 0, errmsg: 'OK' });
    expect((await items()) - before).toBe(1);
    const wrong = await push('/hooks/sms/not-the-secret/replies', fixture('tencent-reply'));
    expect(wrong.statusCode).toBe(404);
    expect((await items()) - before).toBe(1);
  });
});
