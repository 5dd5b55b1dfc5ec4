// Information added with files (issue 5): POST /api/v1/public/track/messages as multipart — the JSON field
// `message` and real image files — stores the files as the case's attachments, bound to the message, in the
// message's transaction; a wrong code gets the same 404 whatever the files; a refused file or a case that
// takes no more information stores nothing; JSON bodies keep working.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaseDerivatives } from '../../src/commands/make-derivatives.js';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { multipartForm, type UploadFile } from '../helpers/multipart.js';
import { solvePow } from '../helpers/pow.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let png: Buffer;
let jpeg: Buffer;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#3366aa' } }).png().toBuffer();
  jpeg = await sharp({ create: { width: 6, height: 8, channels: 3, background: '#aa6633' } }).jpeg().toBuffer();
});
afterAll(async () => t.close());

const complaint: ReportInput = { type: 'complaint', anonymity: 'real_name', reporter: { name: '周群众', phone: '13900139000' }, subjects: [], content: '交警大队窗口办理驾驶证换证时，工作人员长时间玩手机，群众排长队无人理会。' };

async function portal(): Promise<{ caseNumber: string; queryCode: string }> {
  const r = await submitReport(t.deps, complaint, [], { channel: 'web' });
  if (r.queryCode === null) throw new Error('the portal shows its code');
  return { caseNumber: r.caseNumber, queryCode: r.queryCode };
}

function send(message: unknown, files: UploadFile[], headers: Record<string, string> = {}) {
  const { payload, contentType } = multipartForm('message', message, files);
  return t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN, 'content-type': contentType, ...headers }, payload });
}

async function stored(): Promise<{ attachments: number; files: number; messages: number }> {
  const q = async (sql: string) => (await t.deps.pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  const root = path.join(t.dataDir, 'attachments');
  let files = 0;
  for (const y of await readdir(root).catch(() => [])) files += (await readdir(path.join(root, y))).length;
  return { attachments: await q('SELECT count(*)::int AS n FROM attachments'), files, messages: await q('SELECT count(*)::int AS n FROM messages') };
}

const exe = { name: 'a.exe', type: 'application/octet-stream', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1000, 0x90)]) };

describe('information added with files', () => {
  it('stores a PNG and a JPEG as attachments of the case, bound to the message, in one transaction', async () => {
    const c = await portal();
    const before = await stored();
    const res = await send({ ...c, text: '补充两张现场照片，请查收。' }, [{ name: '现场1.png', type: 'image/png', bytes: png }, { name: '现场2', type: 'image/jpeg', bytes: jpeg }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().messages.map((m: { text: string }) => m.text)).toEqual(['补充两张现场照片，请查收。']);
    const rows = await t.deps.pool.query<{ media_type: string; size_bytes: string; origin: string; same_message: boolean; name_enc: Buffer; id: string }>(
      `SELECT a.id, a.media_type, a.size_bytes, a.origin, a.name_enc, a.message_id = m.id AS same_message
       FROM attachments a JOIN cases c ON c.id = a.case_id JOIN messages m ON m.case_id = c.id AND m.direction = 'from_reporter'
       WHERE c.case_number = $1 ORDER BY a.media_type`,
      [c.caseNumber],
    );
    expect(rows.rows.map((r) => [r.media_type, Number(r.size_bytes), r.origin, r.same_message])).toEqual([
      ['image/jpeg', jpeg.length, 'original', true],
      ['image/png', png.length, 'original', true],
    ]);
    // Names are sanitised and given the sniffed extension, and stored encrypted.
    const names = rows.rows.map((r) => t.deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: r.id }, r.name_enc));
    expect(names).toEqual(['现场2.jpg', '现场1.png']);
    expect(await stored()).toEqual({ attachments: before.attachments + 2, files: before.files + 2, messages: before.messages + 1 });
    // The audit record's digest covers the message and its files.
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
    // Like the message, its files stay with the centre: units get no derivatives of them.
    const caseId = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [c.caseNumber])).rows[0]?.id ?? '';
    expect(await makeCaseDerivatives(t.deps, caseId)).toBe(0);
  });

  it('answers a wrong code with the same 404 whatever the files or the field, storing nothing', async () => {
    const c = await portal();
    const before = await stored();
    const wrong = await send({ caseNumber: c.caseNumber, queryCode: '0000000000', text: '补充材料' }, [exe]);
    const garbled = await send('{not json', [{ name: 'a.png', type: 'image/png', bytes: png }]);
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber: c.caseNumber, queryCode: '0000000000', text: '补充材料' } });
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'case_not_found']);
    expect(garbled.body).toBe(wrong.body);
    expect(json.body).toBe(wrong.body);
    expect(await stored()).toEqual(before);
  });

  it('refuses a file outside the allow-list with 415 and stores neither it nor the message', async () => {
    const c = await portal();
    const before = await stored();
    const res = await send({ ...c, text: '补充材料' }, [{ name: 'a.png', type: 'image/png', bytes: png }, exe]);
    expect([res.statusCode, res.json().errors[0].path]).toEqual([415, 'files.1']);
    expect(await stored()).toEqual(before);
  });

  it('validates the message after the code, with 422 naming the field', async () => {
    const c = await portal();
    const res = await send({ ...c, text: '' }, [{ name: 'a.png', type: 'image/png', bytes: png }]);
    expect([res.statusCode, res.json().errors[0].path]).toEqual([422, 'text']);
  });

  it('removes the stored files again when the case takes no more information', async () => {
    const master = await portal();
    const merged = await portal();
    await b.ok('intake', merged.caseNumber, 'merge', { masterCaseNumber: master.caseNumber, reason: '同一事项' });
    const before = await stored();
    const res = await send({ ...merged, text: '补充材料' }, [{ name: 'a.png', type: 'image/png', bytes: png }]);
    expect(res.statusCode).toBe(409);
    expect(await stored()).toEqual(before);
  });

  it('keeps taking JSON bodies', async () => {
    const c = await portal();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { ...c, text: '补充说明：当天下午三点。' } });
    expect([res.statusCode, res.json().messages.length]).toEqual([201, 1]);
  });
});

describe('the guards of information added with files', () => {
  let g: TestApp;
  beforeAll(async () => {
    g = await createTestApp({ ZHITONG_POW: 'on', ZHITONG_POW_MAX_NUMBER: '500', ZHITONG_RATE_LIMIT_TRACK: '3', ZHITONG_UPLOAD_QUOTA_CLIENT_MB: '1' });
  });
  afterAll(async () => g.close());

  async function code(): Promise<{ caseNumber: string; queryCode: string }> {
    const r = await submitReport(g.deps, complaint, [], { channel: 'web' });
    if (r.queryCode === null) throw new Error('the portal shows its code');
    return { caseNumber: r.caseNumber, queryCode: r.queryCode };
  }

  function post(ip: string, message: unknown, files: UploadFile[], pow?: string) {
    const { payload, contentType } = multipartForm('message', message, files);
    return g.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', remoteAddress: ip, headers: { origin: ORIGIN, 'content-type': contentType, ...(pow === undefined ? {} : { 'x-zhitong-pow': pow }) }, payload });
  }

  it('needs a fresh proof-of-work, spent once', async () => {
    const c = await code();
    const photo = [{ name: 'a.png', type: 'image/png', bytes: png }];
    expect((await post('10.8.0.1', { ...c, text: '补充材料' }, photo)).json().code).toBe('pow_required');
    const pow = await solvePow(g.app);
    expect((await post('10.8.0.1', { ...c, text: '补充材料' }, photo, pow)).statusCode).toBe(201);
    expect((await post('10.8.0.1', { ...c, text: '补充材料' }, photo, pow)).json().code).toBe('pow_required');
  });

  it('shares the code bucket with every endpoint that takes a code', async () => {
    const c = await code();
    const ip = '10.8.0.2';
    const track = () => g.app.inject({ method: 'POST', url: '/api/v1/public/track', remoteAddress: ip, headers: { origin: ORIGIN, 'x-zhitong-pow': 'x' }, payload: c });
    await track();
    await track();
    await post(ip, { ...c, text: '补充材料' }, []);
    expect((await post(ip, { ...c, text: '补充材料' }, [], await solvePow(g.app))).statusCode).toBe(429);
  });

  it('charges the client’s upload quota and stores nothing past it', async () => {
    const c = await code();
    const big = [{ name: '说明.txt', type: 'text/plain', bytes: Buffer.alloc(600 * 1024, 'a') }];
    expect((await post('10.8.0.3', { ...c, text: '补充说明材料' }, big, await solvePow(g.app))).statusCode).toBe(201);
    const before = (await g.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).rows[0]?.n;
    expect((await post('10.8.0.3', { ...c, text: '补充说明材料' }, big, await solvePow(g.app))).statusCode).toBe(429);
    expect((await g.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).rows[0]?.n).toBe(before);
  });

  it('adds a message and its file once for one Idempotency-Key, and refuses the key for another message', async () => {
    const c = await portal();
    const before = await stored();
    const key = { 'idempotency-key': '3f1c2d9e-8a7b-4c6d-9e0f-112233445566' };
    const message = { ...c, text: '补充：当天下午三点再次前往，仍无人办理。' };
    const first = await send(message, [{ name: '排队.png', type: 'image/png', bytes: png }], key);
    // The answer was lost: the same request again adds nothing and answers with the case as it stands.
    const again = await send(message, [{ name: '排队.png', type: 'image/png', bytes: png }], key);
    expect([first.statusCode, again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(again.json().messages).toEqual(first.json().messages);
    const after = await stored();
    expect([after.messages - before.messages, after.attachments - before.attachments, after.files - before.files]).toEqual([1, 1, 1]);
    const changed = await send({ ...message, text: '补充：改过的内容。' }, [], key);
    expect([changed.statusCode, changed.json().code]).toEqual([422, 'idempotency_mismatch']);
    // A JSON body takes the key too.
    const json = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN, 'content-type': 'application/json', 'idempotency-key': '7a1c2d9e-8a7b-4c6d-9e0f-112233445566' }, payload: JSON.stringify(body) });
    const j1 = await json({ ...c, text: '再补充一句。' });
    const j2 = await json({ ...c, text: '再补充一句。' });
    expect([j1.statusCode, j2.statusCode, j2.json().messages.length]).toEqual([201, 201, 2]);
  });

  it('resolves the code before it buffers a file: files sent ahead of the message get the same 404 and store nothing', async () => {
    const c = await portal();
    const before = await stored();
    const { payload: filesOnly, contentType } = multipartForm('message', undefined, [{ name: '图.png', type: 'image/png', bytes: png }]);
    // The message part after the file: the file arrives before any code is known.
    const message = Buffer.from(`--${contentType.split('boundary=')[1] ?? ''}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify({ ...c, text: '后发的文字。' })}\r\n`);
    const closing = filesOnly.subarray(filesOnly.length - Buffer.byteLength(`--${contentType.split('boundary=')[1] ?? ''}--\r\n`));
    const reordered = Buffer.concat([filesOnly.subarray(0, filesOnly.length - closing.length), message, closing]);
    const late = await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN, 'content-type': contentType }, payload: reordered });
    const wrong = await send({ caseNumber: c.caseNumber, queryCode: '0000000000', text: '错误的查询码。' }, [{ name: '图.png', type: 'image/png', bytes: png }]);
    expect([late.statusCode, late.json().code, wrong.statusCode, wrong.body]).toEqual([404, 'case_not_found', 404, late.body]);
    expect(await stored()).toEqual(before);
  });
});
