// The public can report and follow the case: submit → track → add information, and every bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { REPORT } from '../helpers/report-body.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const report = REPORT;

async function submit(body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}

describe('submit, track, add information', () => {
  it('registers the case and answers with number and code', async () => {
    const res = await submit(report);
    expect(res.statusCode).toBe(201);
    const body = res.json<{ caseNumber: string; queryCode: string }>();
    expect(body.caseNumber).toMatch(/^SL2026-\d{6}$/);
    expect(body.queryCode).toMatch(/^\d{10}$/);
    expect(Object.keys(body).sort()).toEqual(['caseNumber', 'queryCode']);

    const tracked = await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber: body.caseNumber, queryCode: body.queryCode } });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.headers['cache-control']).toBe('no-store');
    expect(tracked.headers['referrer-policy']).toBe('no-referrer');
    const view = tracked.json();
    expect(view.caseNumber).toBe(body.caseNumber);
    expect(view.stage).toEqual({ code: 'submitted', label: { zh: '已提交', en: 'Submitted' } });
    expect(view.type).toBe('complaint');
    expect(view.timeline.map((e: { event: string }) => e.event)).toEqual(['submit']);
    expect(JSON.stringify(view)).not.toContain('registered');

    const added = await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber: body.caseNumber, queryCode: body.queryCode, text: '补充：当天是2月20日上午十点。' } });
    expect(added.statusCode).toBe(201);
    const after = added.json();
    expect(after.timeline.map((e: { event: string }) => e.event)).toEqual(['submit', 'add_information']);
    expect(after.messages).toEqual([expect.objectContaining({ text: '补充：当天是2月20日上午十点。' })]);
  });

  it('stores nothing of the report in clear', async () => {
    const marker = `标记${randomUUID().slice(0, 8)}`;
    const res = await submit({ ...report, content: `内容里有一个唯一标记${marker}，用来检查。`, reporter: { name: `李${marker}`, phone: '13912345678', email: `m${marker.slice(2)}@example.cn` } });
    expect(res.statusCode).toBe(201);
    const { queryCode } = res.json<{ queryCode: string }>();
    const db = new pg.Client({ connectionString: t.adminUrl });
    await db.connect();
    try {
      for (const table of ['cases', 'reporters', 'subjects', 'timeline', 'audit', 'outbox', 'messages', 'idempotency_keys']) {
        const dump = await db.query(`SELECT t::text AS row FROM ${table} t`);
        const text = dump.rows.map((r: { row: string }) => r.row).join('\n');
        expect(text).not.toContain(marker);
        expect(text).not.toContain('13912345678');
        expect(text).not.toContain(queryCode);
      }
    } finally {
      await db.end();
    }
  });

  it('treats <script> as text', async () => {
    const res = await submit({ ...report, content: '<script>alert(1)</script> 这是一段测试内容，请当作文本。' });
    expect(res.statusCode).toBe(201);
    const { caseNumber, queryCode } = res.json<{ caseNumber: string; queryCode: string }>();
    await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode, text: '<img src=x onerror=alert(1)>' } });
    const view = await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode } });
    expect(view.headers['content-type']).toMatch(/^application\/json/);
    expect(view.json().messages[0].text).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('accusations', () => {
  it('never shows the reporter their own text back', async () => {
    const res = await submit({ type: 'accusation', content: '某派出所民警王某在处理纠纷时索要好处费两千元。', anonymity: 'anonymous', subjects: [{ name: '王某', policeNumber: '012345' }] });
    expect(res.statusCode).toBe(201);
    const { caseNumber, queryCode } = res.json<{ caseNumber: string; queryCode: string }>();
    await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode, text: '补充：他的车牌是示A12345。' } });
    const view = (await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode } })).json();
    expect(view.messages).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('示A12345');
    expect(JSON.stringify(view)).not.toContain('王某');
  });
});

describe('idempotency', () => {
  it('answers a retry with the same answer and refuses a different body under the same key', async () => {
    const key = randomUUID();
    const first = await submit(report, { 'idempotency-key': key });
    const again = await submit(report, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const other = await submit({ ...report, content: '另一份完全不同的反映内容，字数足够十个字。' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_mismatch');
  });

  it('expires after 24 hours', async () => {
    const key = randomUUID();
    const first = await submit(report, { 'idempotency-key': key });
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const later = await submit(report, { 'idempotency-key': key });
    expect(later.statusCode).toBe(201);
    expect(later.json().caseNumber).not.toBe(first.json().caseNumber);
  });
});

describe('bad input writes nothing', () => {
  async function caseCount(): Promise<number> {
    const r = await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    return r.rows[0]!.n;
  }

  it.each([
    ['malformed JSON', '{"type": ', 400, 'malformed_json'],
    ['prototype poisoning', '{"__proto__": {"polluted": true}, "type": "complaint"}', 400, 'malformed_json'],
    ['unknown key', JSON.stringify({ ...report, secret: 1 }), 422, 'validation_failed'],
    ['unknown type', JSON.stringify({ ...report, type: 'bribe' }), 422, 'validation_failed'],
    ['too-short content', JSON.stringify({ ...report, content: '太短了' }), 422, 'validation_failed'],
    ['real name without contact', JSON.stringify({ ...report, reporter: { name: '张三' } }), 422, 'validation_failed'],
  ])('%s', async (_name, payload, status, code) => {
    const before = await caseCount();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe(code);
    expect(problem.title).toMatch(/[\u4e00-\u9fff]/u);
    expect(await caseCount()).toBe(before);
  });

  it('names the field in the problem, in English when asked', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'accept-language': 'en' }, payload: { ...report, content: '太短了', extra: true } });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'content', code: 'too_short', message: 'Enter at least 10 characters' }),
      expect.objectContaining({ path: 'extra', code: 'unknown_field' }),
    ]));
  });

  it('counts content length in code points', async () => {
    const tenEmoji = '😀'.repeat(10);
    const res = await submit({ ...report, content: tenEmoji });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a body over the limit with 413', async () => {
    const before = await caseCount();
    const res = await submit({ ...report, content: 'x'.repeat(70 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    expect(await caseCount()).toBe(before);
  });

  it('refuses a request without an allowed Origin', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: 'https://evil.example' }, payload: report });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('origin_refused');
  });
});

describe('taxonomy', () => {
  it('lists the six types and nine scopes in both languages', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/taxonomy' });
    const body = res.json();
    expect(body.types.map((x: { code: string }) => x.code)).toEqual(['accusation', 'complaint', 'suggestion', 'praise', 'consultation', 'other']);
    expect(body.scopes.map((x: { code: string }) => x.code)).toEqual(['opinion', 'social_info', 'team_building', 'misconduct', 'business_environment', 'decision_feedback', 'praise', 'internal_affairs', 'other']);
    for (const entry of [...body.types, ...body.scopes]) {
      expect(entry.name.zh).toMatch(/[\u4e00-\u9fff]/u);
      expect(entry.description.en.length).toBeGreaterThan(5);
    }
  });
});
