// `zhitong demo` gives the console something real (issue 3): sample cases in every state, on the staff channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/commands/admin/load-demo.js';
import { CASE_STATES } from '../../src/domain/case-states.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
});
afterAll(async () => t.close());

describe('the demo walkthrough', () => {
  it('covers every state and the staff channels, through the real commands', async () => {
    await loadDemo(t.deps, 'Shi-Li-Ju-Yan-Shi-2026!', 'test');
    const states = (await t.deps.pool.query<{ state: string }>('SELECT DISTINCT state FROM cases')).rows.map((r) => r.state).sort();
    expect(states).toEqual([...CASE_STATES].sort());
    const channels = (await t.deps.pool.query<{ channel: string }>('SELECT DISTINCT channel FROM cases')).rows.map((r) => r.channel).sort();
    expect(channels).toEqual(['letter', 'mailbox', 'phone', 'visit', 'web']);
    const pending = await t.deps.pool.query(`SELECT 1 FROM pending_decisions WHERE kind = 'extension' AND settled_at IS NULL`);
    expect(pending.rowCount).toBe(1);
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
