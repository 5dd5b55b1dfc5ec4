// Query codes attacked (DESIGN §7.4): every endpoint that takes a code — track, track/messages, track/rating —
// answers a wrong code, a nonexistent case, a malformed request and a locked case with the same bytes; the
// lockout of a case counts wrong codes from all three; they share one rate-limit bucket; a code in the URL
// opens nothing; and proof-of-work solutions are spent once across all of them.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvePow } from '../helpers/pow.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

const report = { type: 'complaint', content: '派出所窗口工作人员推诿拖延，三次前来都没有办成业务。', anonymity: 'anonymous' };
const ENDPOINTS = ['/api/v1/public/track', '/api/v1/public/track/messages', '/api/v1/public/track/rating'] as const;
/** The smallest valid body of each endpoint beyond the number and the code. */
const EXTRA: Record<(typeof ENDPOINTS)[number], object> = {
  '/api/v1/public/track': {},
  '/api/v1/public/track/messages': { text: '补充说明：当天下午再次前往。' },
  '/api/v1/public/track/rating': { rating: 'satisfied' },
};
const MINUTE = 60_000;
let ipSerial = 0;
const freshIp = () => `10.44.${String(Math.floor(++ipSerial / 250))}.${String(ipSerial % 250)}`;

interface Issued { caseNumber: string; queryCode: string }

async function submit(t: TestApp, pow?: string): Promise<Issued> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, ...(pow ? { 'x-zhitong-pow': pow } : {}) }, payload: report });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function post(t: TestApp, url: string, body: object, o: { ip?: string; pow?: string } = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url, remoteAddress: o.ip ?? freshIp(), headers: { origin: ORIGIN, ...(o.pow ? { 'x-zhitong-pow': o.pow } : {}) }, payload: body });
}

const wrongOf = (code: string) => (code === '0000000000' ? '1111111111' : '0000000000');

/** What an attacker can compare: status, body and every header but the date and the request id. */
function fingerprint(res: LightMyRequestResponse): string {
  const headers = Object.entries(res.headers).filter(([k]) => !['date', 'x-request-id', 'request-id'].includes(k)).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([res.statusCode, headers, res.body]);
}

describe('answers that open nothing', () => {
  let t: TestApp;
  let open: Issued;
  let locked: Issued;
  beforeAll(async () => {
    t = await createTestApp();
    open = await submit(t);
    locked = await submit(t);
  });
  afterAll(async () => t.close());

  it('are the same bytes for a wrong code, an unknown case, a malformed request and a locked case, on every endpoint', async () => {
    // Lock `locked` with wrong codes spread over the three endpoints: the lockout is per case, not per endpoint.
    for (let i = 0; i < 5; i += 1) {
      const url = ENDPOINTS[i % 3]!;
      expect((await post(t, url, { ...locked, queryCode: wrongOf(locked.queryCode), ...EXTRA[url] })).statusCode).toBe(404);
    }
    const answers: [string, LightMyRequestResponse][] = [];
    for (const url of ENDPOINTS) {
      const extra = EXTRA[url];
      answers.push(
        [`${url} wrong code`, await post(t, url, { ...open, queryCode: wrongOf(open.queryCode), ...extra })],
        [`${url} unknown case`, await post(t, url, { caseNumber: 'SL2026-999999', queryCode: open.queryCode, ...extra })],
        [`${url} another case's code`, await post(t, url, { caseNumber: open.caseNumber, queryCode: locked.queryCode, ...extra })],
        [`${url} malformed`, await post(t, url, { caseNumber: '<script>', queryCode: 'abc', ...extra })],
        [`${url} empty body`, await post(t, url, {})],
        [`${url} locked case, right code`, await post(t, url, { ...locked, ...extra })],
      );
    }
    const reference = fingerprint(answers[0]![1]);
    expect(answers[0]![1].statusCode).toBe(404);
    expect(answers.filter(([, res]) => fingerprint(res) !== reference).map(([label, res]) => `${label}: ${fingerprint(res)}`)).toEqual([]);
    // The probes above locked `open` too (six wrong codes); both locks run out, then the right codes open.
    t.clock.advance(31 * MINUTE);
    for (const c of [open, locked]) expect((await post(t, ENDPOINTS[0], c)).statusCode).toBe(200);
  });

  it('come with no-store and no-referrer, like the answer that opens a case', async () => {
    for (const res of [await post(t, ENDPOINTS[0], open), await post(t, ENDPOINTS[0], { ...open, queryCode: wrongOf(open.queryCode) })]) {
      expect([res.headers['cache-control'], res.headers['referrer-policy']]).toEqual(['no-store', 'no-referrer']);
    }
  });

  it('take the code only from the body: the same code in the URL opens nothing, on any method', async () => {
    const q = `?caseNumber=${open.caseNumber}&queryCode=${open.queryCode}`;
    const wrong = await post(t, ENDPOINTS[0], { ...open, queryCode: wrongOf(open.queryCode) });
    for (const url of ENDPOINTS) {
      const viaPost = await post(t, `${url}${q}`, {});
      expect([url, viaPost.statusCode, viaPost.body]).toEqual([url, 404, wrong.body]);
      const viaGet = await t.app.inject({ method: 'GET', url: `${url}${q}`, headers: { origin: ORIGIN } });
      expect([url, viaGet.statusCode, viaGet.body.includes(open.queryCode)]).toEqual([url, 404, false]);
    }
  });
});

describe('one rate-limit bucket', () => {
  let t: TestApp;
  beforeAll(async () => {
    // One trusted reverse proxy: only its X-Forwarded-For is believed (DESIGN §7.3, a list, never a boolean).
    t = await createTestApp({ ZHITONG_RATE_LIMIT_TRACK: '3', ZHITONG_TRUSTED_PROXIES: '10.99.0.1' });
  });
  afterAll(async () => t.close());

  it('is shared by track, track/messages and track/rating, whatever the code', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (const url of ENDPOINTS) statuses.push((await post(t, url, { caseNumber: 'SL2026-000001', queryCode: '1234567890', ...EXTRA[url] }, { ip })).statusCode);
    for (const url of ENDPOINTS) statuses.push((await post(t, url, { caseNumber: 'SL2026-000001', queryCode: '1234567890', ...EXTRA[url] }, { ip })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429, 429, 429]);
    // Another client is not held back.
    expect((await post(t, ENDPOINTS[2], { caseNumber: 'SL2026-000001', queryCode: '1234567890', rating: 'satisfied' })).statusCode).toBe(404);
  });

  it('cannot be escaped with a forged X-Forwarded-For, directly or through the proxy', async () => {
    const probe = (remoteAddress: string, xff: string) => t.app.inject({ method: 'POST', url: ENDPOINTS[0], remoteAddress, headers: { origin: ORIGIN, 'x-forwarded-for': xff }, payload: { caseNumber: 'SL2026-000001', queryCode: '1234567890' } });
    // Straight from an untrusted address, every forged value is the same client.
    const direct: number[] = [];
    for (let i = 0; i < 4; i += 1) direct.push((await probe('10.45.0.1', `203.0.113.${String(i)}`)).statusCode);
    expect(direct).toEqual([404, 404, 404, 429]);
    // Through the proxy, the address it appended counts; what the client put in front of it does not.
    const proxied: number[] = [];
    for (let i = 0; i < 4; i += 1) proxied.push((await probe('10.99.0.1', `198.51.100.${String(i)}, 192.0.2.7`)).statusCode);
    expect(proxied).toEqual([404, 404, 404, 429]);
    // And the proxy's clients are told apart.
    expect((await probe('10.99.0.1', '192.0.2.8')).statusCode).toBe(404);
  });
});

describe('proof-of-work on code-taking endpoints', () => {
  let t: TestApp;
  let issued: Issued;
  beforeAll(async () => {
    t = await createTestApp({ ZHITONG_POW: 'on', ZHITONG_POW_MAX_NUMBER: '200' });
    issued = await submit(t, await solvePow(t.app));
  });
  afterAll(async () => t.close());

  it('is required, and a solution spent on one endpoint is refused on every other', async () => {
    expect((await post(t, ENDPOINTS[0], issued)).json().code).toBe('pow_required');
    const pow = await solvePow(t.app);
    expect((await post(t, ENDPOINTS[0], issued, { pow })).statusCode).toBe(200);
    for (const url of ENDPOINTS) {
      const replay = await post(t, url, { ...issued, ...EXTRA[url] }, { pow });
      expect([url, replay.statusCode, replay.json().code]).toEqual([url, 403, 'pow_required']);
    }
    const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'x-zhitong-pow': pow }, payload: report });
    expect([submitted.statusCode, submitted.json().code]).toEqual([403, 'pow_required']);
  });
});
