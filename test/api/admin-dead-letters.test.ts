// The sysadmin's dead letters (DESIGN §5, §7.3): metadata only — never the payload or a recipient —,
// no case number of a sealed case, paging, and a retry that hands the row back to the relay, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { expectProblem, type Browser } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let sys: Browser;
let caseNumber = '';
let caseId = '';
const SECRET = '13800009999 收件人秘密';

async function deadLetter(kind: string, forCase: string | null, lastError: string): Promise<number> {
  const r = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO outbox (kind, case_id, payload, created_at, available_at, attempts, dead_at, last_error)
     VALUES ($1, $2, $3::jsonb, now() - interval '1 hour', now(), 8, now(), $4) RETURNING id::text`,
    [kind, forCase, JSON.stringify({ to: SECRET, caseId: forCase }), lastError],
  );
  return Number(r.rows[0]!.id);
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  sys = await b.as('sysadmin');
  caseNumber = (await submitReport(t.deps, { type: 'complaint', title: '窗口推诿', content: '户籍窗口推诿扯皮。', anonymity: 'anonymous', subjects: [] }, [], { channel: 'web' })).caseNumber;
  caseId = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [caseNumber])).rows[0]!.id;
});
afterAll(async () => t.close());

describe('dead letters', () => {
  it('lists dead-lettered rows newest first with metadata only', async () => {
    const first = await deadLetter('reporter.notice', caseId, 'SmsGatewayError:E42');
    const second = await deadLetter('case.derivatives', null, 'free text with 13800009999 in it');
    const res = await sys.send('GET', '/api/v1/admin/dead-letters');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.json<{ items: Record<string, unknown>[] }>().items;
    expect(items.slice(0, 2)).toEqual([
      { id: second, kind: 'case.derivatives', caseNumber: null, attempts: 8, lastError: 'Error', createdAt: expect.any(String), deadAt: expect.any(String) },
      { id: first, kind: 'reporter.notice', caseNumber, attempts: 8, lastError: 'SmsGatewayError:E42', createdAt: expect.any(String), deadAt: expect.any(String) },
    ]);
    expect(res.body).not.toContain('13800009999');
    expect(res.body).not.toContain('payload');
  });

  it('never names a sealed case', async () => {
    await t.deps.pool.query('UPDATE cases SET sealed = true WHERE id = $1', [caseId]);
    try {
      const id = await deadLetter('reporter.notice', caseId, 'Error');
      const item = (await sys.send('GET', '/api/v1/admin/dead-letters')).json<{ items: { id: number; caseNumber: string | null }[] }>().items.find((i) => i.id === id);
      expect(item?.caseNumber).toBeNull();
    } finally {
      await t.deps.pool.query('UPDATE cases SET sealed = false WHERE id = $1', [caseId]);
    }
  });

  it('pages by cursor and refuses a bad one', async () => {
    const page1 = (await sys.send('GET', '/api/v1/admin/dead-letters?limit=1')).json<{ items: { id: number }[]; nextCursor: string | null }>();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await sys.send('GET', `/api/v1/admin/dead-letters?limit=1&cursor=${page1.nextCursor ?? ''}`)).json<{ items: { id: number }[] }>();
    expect(page2.items[0]!.id).toBeLessThan(page1.items[0]!.id);
    expectProblem(await sys.send('GET', '/api/v1/admin/dead-letters?cursor=nonsense'), 422, 'validation_failed');
  });

  it('sends a dead letter again, once, audited; an unknown or delivered row is not found', async () => {
    const id = await deadLetter('reporter.notice', caseId, 'Error');
    expect((await sys.send('POST', `/api/v1/admin/dead-letters/${String(id)}/retry`)).json()).toEqual({ ok: true });
    const row = (await t.deps.pool.query<{ dead_at: Date | null; attempts: number }>('SELECT dead_at, attempts FROM outbox WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ dead_at: null, attempts: 0 });
    const listed = (await sys.send('GET', '/api/v1/admin/dead-letters?limit=200')).json<{ items: { id: number }[] }>().items.map((i) => i.id);
    expect(listed).not.toContain(id);
    expectProblem(await sys.send('POST', `/api/v1/admin/dead-letters/${String(id)}/retry`), 404, 'not_found');
    expectProblem(await sys.send('POST', '/api/v1/admin/dead-letters/abc/retry'), 404, 'not_found');
    const audit = await t.deps.pool.query<{ actor_user_id: string; target: string }>("SELECT actor_user_id, target FROM audit WHERE action = 'admin.dead_letter_retried'");
    expect(audit.rows).toEqual([{ actor_user_id: b.user('sysadmin'), target: `outbox:${String(id)}` }]);
  });

  it('is the sysadmin\'s alone', async () => {
    for (const user of ['secadmin', 'auditor', 'assigner']) expectProblem(await (await b.as(user)).send('GET', '/api/v1/admin/dead-letters'), 403, 'forbidden');
  });
});
