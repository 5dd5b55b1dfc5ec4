// A staff user's own notifications (DESIGN §5, §3.3): kind, label and case number only, unread filter,
// cursor paging, marking read — and never a case the user can no longer see.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { expectProblem } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
const cases: string[] = [];

interface Page { items: { id: string; kind: string; label: { zh: string; en: string }; caseNumber: string | null; readAt: string | null }[]; unreadCount: number; nextCursor: string | null }

async function accepted(content: string): Promise<string> {
  const n = (await submitReport(t.deps, { type: 'complaint', content, anonymity: 'anonymous', subjects: [] }, [], { channel: 'web' })).caseNumber;
  await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '拟交办', proposedUnitId: b.unit('pcs1a') });
  return n;
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  cases.push(await accepted('城关派出所户籍窗口午休时间无人值守，群众等候一个多小时。'));
  cases.push(await accepted('城关派出所门口停车秩序混乱，建议规划临时停车位。'));
});
afterAll(async () => t.close());

async function list(user: string, query = ''): Promise<Page> {
  const res = await (await b.as(user)).send('GET', `/api/v1/notifications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('notifications', () => {
  it('lists the user’s own notifications with case number, kind and a label in both languages', async () => {
    const page = await list('duty_leader');
    expect(page.items.map((i) => i.caseNumber).sort()).toEqual([...cases].sort());
    expect(page.items[0]).toMatchObject({ kind: 'to_instruct', label: { zh: '有待批示的件', en: 'A case awaits your instruction' }, readAt: null });
    expect(page.unreadCount).toBe(2);
    // The clerk who acted is not told of their own action.
    expect((await list('intake')).items).toEqual([]);
  });

  it('pages by cursor, filters unread, and marks only one’s own notifications read', async () => {
    const first = await list('duty_leader', '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await list('duty_leader', `?limit=1&cursor=${first.nextCursor ?? ''}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(second.nextCursor).toBeNull();
    const id = first.items[0]!.id;
    // Someone else's id matches nothing.
    expect((await (await b.as('intake')).send('POST', '/api/v1/notifications/read', { ids: [id] })).json()).toEqual({ marked: 0 });
    expect((await (await b.as('duty_leader')).send('POST', '/api/v1/notifications/read', { ids: [id, randomUUID()] })).json()).toEqual({ marked: 1 });
    const unread = await list('duty_leader', '?unread=true');
    expect(unread.items.map((i) => i.id)).toEqual([second.items[0]!.id]);
    expect(unread.unreadCount).toBe(1);
    expectProblem(await (await b.as('duty_leader')).send('POST', '/api/v1/notifications/read', { ids: [] }), 422, 'validation_failed');
    expectProblem(await (await b.as('duty_leader')).send('POST', '/api/v1/notifications/read', { ids: [id] }, { 'x-csrf-token': '' }), 403, 'csrf_failed');
  });

  it('leaves out a case after its user declared a conflict', async () => {
    const [recused, kept] = cases as [string, string];
    // After recusal the case is gone for the user, so the action answers 204 rather than the detail.
    expect((await b.act('duty_leader', recused, 'declare_conflict', { reason: '被反映事项涉及本人亲属' })).statusCode).toBe(204);
    const page = await list('duty_leader');
    expect(page.items.map((i) => i.caseNumber)).toEqual([kept]);
    expect((await list('duty_leader', '?unread=true')).items.every((i) => i.caseNumber !== recused)).toBe(true);
    // The row is still there: the case is hidden, not the history.
    const rows = await t.deps.pool.query('SELECT 1 FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.user_id = $1 AND c.case_number = $2', [b.user('duty_leader'), recused]);
    expect(rows.rowCount).toBe(1);
  });

  it('shows an administrator notices without a case, never one about a case', async () => {
    const caseId = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [cases[1]])).rows[0]!.id;
    await t.deps.pool.query(`INSERT INTO notifications (id, user_id, case_id, kind, created_at) VALUES ($1, $2, $3, 'to_instruct', now()), ($4, $2, NULL, 'role_request_to_approve', now())`, [randomUUID(), b.user('secadmin2'), caseId, randomUUID()]);
    expect((await list('secadmin2')).items.map((i) => [i.kind, i.caseNumber])).toEqual([['role_request_to_approve', null]]);
  });

  it('needs a session', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/notifications' }), 401, 'unauthenticated');
  });
});
