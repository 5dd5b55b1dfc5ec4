// The auditor's views (DESIGN §6, §7.3): the audit log with filters, paging and decrypted details, the
// unusual-access view, and every reading of them audited in turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { expectProblem, type Browser } from '../helpers/browser.js';
import { asSuperuser } from '../helpers/audit.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let auditor: Browser;
let caseNumber = '';

interface Item { seq: number; at: string; action: string; actor: { id: string; username: string } | null; caseNumber: string | null; target: string | null; details: Record<string, string> | null }

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  auditor = await b.as('auditor');
  caseNumber = (await submitReport(t.deps, { type: 'complaint', content: '新区派出所办理居住证时要求反复提交同一份材料。', anonymity: 'real_name', reporter: { name: '示例群众', phone: '13800000777' }, subjects: [] }, [], { channel: 'web' })).caseNumber;
  await b.ok('intake', caseNumber, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '拟交办新区派出所', proposedUnitId: b.unit('pcs1b') });
  await (await b.as('sysadmin')).send('PUT', '/api/v1/admin/routing/unit_leader', { route: 'city_inspection', withDisciplineInspection: true });
  await (await b.as('intake')).send('GET', `/api/v1/cases?q=${encodeURIComponent('居住证')}`);
});
afterAll(async () => t.close());

async function log(query = ''): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await auditor.send('GET', `/api/v1/admin/audit${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function dbNow(): Promise<string> {
  return (await t.deps.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]!.now.toISOString();
}

describe('the audit log', () => {
  it('filters by action prefix, actor, case number and time', async () => {
    const admin = (await log('?action=admin.')).items;
    expect(admin.length).toBeGreaterThan(0);
    expect(admin.every((i) => i.action.startsWith('admin.'))).toBe(true);
    const bySys = (await log('?actor=sysadmin')).items;
    expect(bySys.map((i) => i.action)).toContain('admin.routing_rule_set');
    expect(bySys.every((i) => i.actor?.username === 'sysadmin')).toBe(true);
    const byCase = (await log(`?caseNumber=${caseNumber}`)).items;
    expect(byCase.map((i) => i.action)).toEqual(expect.arrayContaining(['case.submit', 'case.accept']));
    expect(byCase.every((i) => i.caseNumber === caseNumber)).toBe(true);
    const later = new Date(Date.parse(await dbNow()) + 3_600_000).toISOString();
    expect((await log(`?from=${encodeURIComponent(later)}`)).items).toEqual([]);
    expect((await log(`?caseNumber=${caseNumber}&to=${encodeURIComponent(later)}`)).items.length).toBe(byCase.length);
  });

  it('decrypts details for the auditor: admin changes and search text', async () => {
    const routing = (await log('?action=admin.routing_rule_set')).items[0];
    expect(routing?.details).toEqual({ rule: JSON.stringify({ route: 'city_inspection', withDisciplineInspection: true }) });
    expect(routing?.target).toBe('routing:unit_leader');
    const search = (await log('?action=case.search')).items[0];
    expect(search?.details).toEqual({ q: '居住证' });
  });

  it('pages newest first without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await log(`?action=case.&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.length).toBeGreaterThan(2);
    expect([...seen].sort((a, c) => c - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expectProblem(await auditor.send('GET', '/api/v1/admin/audit?cursor=nonsense'), 422, 'validation_failed');
  });

  it('audits its own reading, with the filters', async () => {
    const count = async () => (await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE action = 'audit.read' AND actor_user_id = $1`, [b.user('auditor')])).rows[0]!.n;
    const before = await count();
    await log('?action=auth.');
    expect(await count()).toBe(before + 1);
    const own = (await log('?action=audit.read')).items[0];
    expect(own?.details).toEqual({ action: 'auth.' });
  });
});

describe('unusual access', () => {
  async function unusual(from: string, to: string) {
    const res = await auditor.send('GET', `/api/v1/admin/audit/unusual?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ bursts: { user: { username: string }; reads: number; baseline: number }[]; breakGlass: { user: { username: string } | null; caseNumber: string; reason: string }[]; offHours: { user: { username: string }; reads: number }[]; misses: { user: { username: string }; count: number }[] }>();
  }

  async function views(user: string, n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) expect((await b.detail(user, caseNumber)).statusCode).toBe(200);
  }

  it('flags a burst of reads against the reader’s own baseline, break-glass reveals, reads outside working hours and many 404s', async () => {
    // The assigner read this much before: the same burst is their normal, not the follow-up clerk's.
    await views('assigner', 25);
    const from = await dbNow();
    await views('assigner', 25);
    await views('followup', 25);
    await b.ok('duty_leader', caseNumber, 'reveal_reporter', { reason: '核实来电人身份，防止冒名' });
    const handler = await b.as('handler');
    for (let i = 0; i < 10; i += 1) expect((await handler.send('GET', `/api/v1/cases/SL2026-99999${String(i)}`)).statusCode).toBe(404);
    // With no working hours at all, every read of the window is outside them.
    const none = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
    expect((await (await b.as('sysadmin')).send('PUT', '/api/v1/admin/working-hours', none)).statusCode).toBe(200);
    const to = new Date(Date.parse(await dbNow()) + 1000).toISOString();

    const u = await unusual(from, to);
    expect(u.bursts.map((x) => x.user.username)).toContain('followup');
    expect(u.bursts.map((x) => x.user.username)).not.toContain('assigner');
    expect(u.bursts.find((x) => x.user.username === 'followup')).toMatchObject({ reads: 25, baseline: 0 });
    expect(u.breakGlass).toEqual([expect.objectContaining({ user: expect.objectContaining({ username: 'duty_leader' }), caseNumber, reason: '核实来电人身份，防止冒名' })]);
    expect(u.offHours.map((x) => x.user.username)).toEqual(expect.arrayContaining(['assigner', 'followup', 'duty_leader']));
    expect(u.misses).toEqual([expect.objectContaining({ user: expect.objectContaining({ username: 'handler' }), count: 10 })]);
    const read = await t.deps.pool.query(`SELECT 1 FROM audit WHERE action = 'audit.read_unusual' AND actor_user_id = $1`, [b.user('auditor')]);
    expect(read.rowCount).toBe(1);
  });

  it('asks for both ends of the window, or neither, and at most 31 days', async () => {
    expect((await auditor.send('GET', '/api/v1/admin/audit/unusual')).statusCode).toBe(200);
    expectProblem(await auditor.send('GET', '/api/v1/admin/audit/unusual?from=2026-03-01T00:00:00Z'), 422, 'validation_failed');
    expectProblem(await auditor.send('GET', '/api/v1/admin/audit/unusual?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z'), 422, 'validation_failed');
    expectProblem(await auditor.send('GET', '/api/v1/admin/audit/unusual?from=2026-03-01T00:00:00'), 422, 'validation_failed');
  });
});

describe('chain status', () => {
  async function chain() {
    const res = await auditor.send('GET', '/api/v1/admin/audit/chain');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ verification: { ok: boolean; problems: { kind: string; text: string; record: string | null; caseRef: string | null }[]; seals: number; sealedRows: number } | null; lastSeal: { id: number } | null; unsealed: number }>();
  }

  it('shows the scheduled verification: none yet, a pass, then the record an attacker altered; only the auditor reads it', async () => {
    expect((await chain()).verification).toBeNull();
    const runner = createTestRunner(t);
    // The sealer anchors the first seal outside the database, which verification then checks.
    await runner.runNow('audit.seal');
    await runner.runNow('audit.verify');
    const passed = await chain();
    expect(passed.verification).toMatchObject({ ok: true, problems: [] });
    expect(passed.verification!.sealedRows).toBeGreaterThan(0);
    expect(passed.lastSeal).not.toBeNull();
    expect((await (await b.as('sysadmin')).send('GET', '/api/v1/admin/audit/chain')).statusCode).toBe(403);

    const seq = (await t.deps.pool.query<{ seq: string }>(`SELECT min(seq)::text AS seq FROM audit WHERE action = 'case.submit'`)).rows[0]!.seq;
    await asSuperuser(t, async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query(`UPDATE audit SET action = 'case.view' WHERE seq = $1`, [seq]);
      // Rewriting the earlier pass is refused even to the owner: the table is append-only.
      await c.query('SET session_replication_role = origin');
      await expect(c.query('UPDATE audit_verifications SET ok = true')).rejects.toThrow();
    });
    await runner.runNow('audit.verify');
    const failed = await chain();
    expect(failed.verification?.ok).toBe(false);
    // By kind and the record it names, for the console to word; the CLI's sentence rides along.
    expect(failed.verification?.problems).toContainEqual(expect.objectContaining({ kind: 'record_altered', record: seq, caseRef: null, text: expect.stringContaining(`audit record ${seq} was altered`) }));
  });
});
