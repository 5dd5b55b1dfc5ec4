// Proof-of-work, wrong query codes, per-case lockout, rate limits and file uploads on the public API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';
import { multipartReport, type UploadFile } from '../helpers/multipart.js';
import { solvePow } from '../helpers/pow.js';

const report = { type: 'complaint', content: '窗口工作人员推诿拖延，三次前来都没有办成业务。', anonymity: 'anonymous' };

describe('proof-of-work', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ZHITONG_POW: 'on', ZHITONG_POW_MAX_NUMBER: '500' });
  });
  afterAll(async () => {
    await t.close();
  });
  const post = (pow?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, ...(pow ? { 'x-zhitong-pow': pow } : {}) }, payload: report });

  it('refuses a write without a solution', async () => {
    const res = await post();
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('pow_required');
  });

  it('refuses a wrong solution', async () => {
    const good = JSON.parse(Buffer.from(await solvePow(t.app), 'base64').toString()) as { number: number };
    const wrong = Buffer.from(JSON.stringify({ ...good, number: good.number + 1 })).toString('base64');
    expect((await post(wrong)).statusCode).toBe(403);
    expect((await post('not-base64-json')).statusCode).toBe(403);
  });

  it('accepts a solution once and refuses its replay', async () => {
    const pow = await solvePow(t.app);
    expect((await post(pow)).statusCode).toBe(201);
    const replay = await post(pow);
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('pow_required');
  });

  it('refuses a multipart upload without a solution before reading its files', async () => {
    const { payload, contentType } = multipartReport(undefined, [{ name: 'a.exe', type: 'application/octet-stream', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1000, 0x90)]) }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': contentType }, payload });
    // 403 (no proof-of-work), not 415 (the file's type): the file was never read.
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('pow_required');
  });

  it('refuses an expired challenge', async () => {
    const pow = await solvePow(t.app);
    t.clock.advance(11 * 60 * 1000);
    expect((await post(pow)).statusCode).toBe(403);
  });
});

describe('query codes', () => {
  let t: TestApp;
  let caseNumber: string;
  let queryCode: string;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN }, payload: report });
    ({ caseNumber, queryCode } = res.json<{ caseNumber: string; queryCode: string }>());
  });
  afterAll(async () => {
    await t.close();
  });
  const track = (body: Record<string, unknown>, url = '/api/v1/public/track') => t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN }, payload: body });
  const wrongCode = () => (queryCode === '0000000000' ? '1111111111' : '0000000000');

  it('answers every code that does not open a case with the same bytes', async () => {
    const answers = await Promise.all([
      track({ caseNumber, queryCode: wrongCode() }),
      track({ caseNumber: 'SL2026-999999', queryCode }),
      track({ caseNumber: 'nonsense', queryCode: 'abc' }),
      track({ caseNumber, queryCode: wrongCode(), extra: 'field' }),
      track({}),
      track({ caseNumber, queryCode: wrongCode(), text: '补充内容补充内容' }, '/api/v1/public/track/messages'),
    ]);
    const first = answers[0];
    expect(first.statusCode).toBe(404);
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.body).toBe(first.body);
      expect(a.headers['content-type']).toBe(first.headers['content-type']);
    }
    expect(first.json().code).toBe('case_not_found');
  });

  it('locks the case after repeated wrong codes, even for the right code, then lets it go', async () => {
    // The test above spent two wrong codes on this case (track and track/messages share the resolver).
    for (let i = 0; i < 3; i++) expect((await track({ caseNumber, queryCode: wrongCode() })).statusCode).toBe(404);
    const locked = await track({ caseNumber, queryCode });
    expect(locked.statusCode).toBe(404);
    t.clock.advance(31 * 60 * 1000);
    expect((await track({ caseNumber, queryCode })).statusCode).toBe(200);
  });

  it('does not accept the code in the URL', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/track?caseNumber=${caseNumber}&queryCode=${queryCode}` });
    expect(res.statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ZHITONG_RATE_LIMIT_SUBMIT: '2', ZHITONG_RATE_LIMIT_TRACK: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After per client and writes nothing', async () => {
    const post = (ip: string) => t.app.inject({ method: 'POST', url: '/api/v1/public/reports', remoteAddress: ip, headers: { origin: ORIGIN }, payload: report });
    expect((await post('10.0.0.1')).statusCode).toBe(201);
    expect((await post('10.0.0.1')).statusCode).toBe(201);
    const before = (await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
    const limited = await post('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().code).toBe('too_many_requests');
    expect((await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n).toBe(before);
    expect((await post('10.0.0.2')).statusCode).toBe(201);
    t.clock.advance(61_000);
    expect((await post('10.0.0.1')).statusCode).toBe(201);
  });

  it('counts every address of one IPv6 /64 as one client', async () => {
    const post = (ip: string) => t.app.inject({ method: 'POST', url: '/api/v1/public/reports', remoteAddress: ip, headers: { origin: ORIGIN }, payload: report });
    expect((await post('2001:db8:5:6::1')).statusCode).toBe(201);
    expect((await post('2001:db8:5:6::2')).statusCode).toBe(201);
    expect((await post('2001:db8:5:6:ffff::3')).statusCode).toBe(429);
    expect((await post('2001:db8:5:7::1')).statusCode).toBe(201);
  });

  it('shares one bucket across every endpoint that takes a code', async () => {
    const ip = '10.0.0.9';
    const a = () => t.app.inject({ method: 'POST', url: '/api/v1/public/track', remoteAddress: ip, headers: { origin: ORIGIN }, payload: { caseNumber: 'SL2026-000001', queryCode: '1234567890' } });
    const b = () => t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', remoteAddress: ip, headers: { origin: ORIGIN }, payload: { caseNumber: 'SL2026-000001', queryCode: '1234567890', text: 'x' } });
    expect((await a()).statusCode).toBe(404);
    expect((await b()).statusCode).toBe(404);
    expect((await a()).statusCode).toBe(404);
    expect((await b()).statusCode).toBe(429);
  });

  it('keeps no client address in the database', async () => {
    const dump = await t.deps.pool.query(`SELECT string_agg(t::text, ' ') AS s FROM rate_limits t`);
    expect(String(dump.rows[0].s)).not.toContain('10.0.0.1');
  });
});

describe('attachments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  function multipart(files: UploadFile[], body: unknown = report) {
    const { payload, contentType } = multipartReport(body, files);
    return t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': contentType }, payload });
  }

  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.from('0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex')]);
  const marker = Buffer.from(`UNIQUE-BYTES-${Date.now()}-不应明文存储`);

  it('accepts an image and a text file, stores them encrypted under sanitised names', async () => {
    const res = await multipart([
      { name: 'photo\u202egnp.exe', type: 'image/png', bytes: png },
      { name: '说明.txt', type: 'text/plain', bytes: Buffer.concat([Buffer.from('现场情况说明：'), marker]) },
    ]);
    expect(res.statusCode).toBe(201);
    const rows = await t.deps.pool.query<{ id: string; media_type: string; name_enc: Buffer; storage_key: string; size_bytes: string }>('SELECT id, media_type, name_enc, storage_key, size_bytes FROM attachments ORDER BY created_at');
    expect(rows.rows.map((r) => r.media_type).sort()).toEqual(['image/png', 'text/plain']);
    const names = rows.rows.map((r) => t.deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: r.id }, r.name_enc));
    expect(names).toContain('photo_gnp.exe.png');
    for (const r of rows.rows) {
      const sealed = await t.deps.attachments.get(r.storage_key);
      expect(sealed.includes(marker)).toBe(false);
      expect(t.deps.files.decryptBuffer(r.id, sealed).length).toBe(Number(r.size_bytes));
    }
  });

  it('refuses a file outside the allow-list by its bytes, whatever its name says, and writes nothing', async () => {
    const before = (await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const res = await multipart([{ name: 'scan.jpg', type: 'image/jpeg', bytes: exe }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
    const zip = await multipart([{ name: 'evidence.pdf', type: 'application/pdf', bytes: Buffer.from('504b0304140000000800', 'hex') }]);
    expect(zip.statusCode).toBe(415);
    expect((await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n).toBe(before);
  });

  it('validates the report inside a multipart body too', async () => {
    const res = await multipart([{ name: 'a.png', type: 'image/png', bytes: png }], { ...report, content: '短' });
    expect(res.statusCode).toBe(422);
  });
});

describe('global wrong-code budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ZHITONG_WRONG_CODE_BUDGET: '3', ZHITONG_POW_MAX_NUMBER: '50' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('raises the proof-of-work difficulty and raises one alert when codes are guessed across cases', async () => {
    const maxOf = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/public/challenge' })).json<{ maxnumber: number }>().maxnumber;
    expect(await maxOf()).toBe(50);
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/track', remoteAddress: `10.1.0.${String(i)}`, headers: { origin: ORIGIN }, payload: { caseNumber: `SL2026-00000${String(i)}`, queryCode: '1234567890' } });
      expect(res.statusCode).toBe(404);
    }
    expect(await maxOf()).toBe(500);
    const alerts = await t.deps.pool.query(`SELECT 1 FROM audit WHERE action = 'security.wrong_code_budget_exceeded'`);
    expect(alerts.rowCount).toBe(1);
    t.clock.advance(61_000);
    expect(await maxOf()).toBe(50);
  });
});

describe('per-case lockout under parallel guessing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('locks after five attempts however many arrive at once, and a lock that ran out starts afresh', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN }, payload: report });
    const { caseNumber, queryCode } = res.json<{ caseNumber: string; queryCode: string }>();
    const wrong = queryCode === '0000000000' ? '1111111111' : '0000000000';
    const track = (code: string) => t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode: code } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => track(wrong)));
    expect(answers.every((a) => a.statusCode === 404)).toBe(true);
    expect((await track(queryCode)).statusCode).toBe(404);
    t.clock.advance(31 * 60 * 1000);
    // One wrong code after the lock ran out does not lock the reporter out again.
    expect((await track(wrong)).statusCode).toBe(404);
    expect((await track(queryCode)).statusCode).toBe(200);
  });
});

describe('attachment quotas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ZHITONG_UPLOAD_QUOTA_CLIENT_MB: '1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a client past its daily upload quota and stores nothing of that report', async () => {
    const upload = (ip: string) => {
      const { payload, contentType } = multipartReport(report, [{ name: '说明.txt', type: 'text/plain', bytes: Buffer.alloc(600 * 1024, 'a') }]);
      return t.app.inject({ method: 'POST', url: '/api/v1/public/reports', remoteAddress: ip, headers: { origin: ORIGIN, 'content-type': contentType }, payload });
    };
    expect((await upload('10.7.0.1')).statusCode).toBe(201);
    const before = (await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).rows[0]!.n;
    const refused = await upload('10.7.0.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).rows[0]!.n).toBe(before);
    expect((await upload('10.7.0.2')).statusCode).toBe(201);
  });
});
