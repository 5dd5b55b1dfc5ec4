// DESIGN §7.4: the readable copy of a query code lives only until the acknowledgement carrying it is
// delivered; then only the keyed hash is left, the code still opens the case, and the audit chain records it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeliveredQueryCodes } from '../../src/commands/erase-query-code.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

/** A phone complaint from a real-name caller: its code goes out by SMS, never onto the clerk's screen. */
async function registered(): Promise<{ id: string; caseNumber: string; code: string }> {
  const res = await (await b.as('intake')).send('POST', '/api/v1/cases', {
    type: 'complaint', content: '来电反映窗口民警办事拖沓。', anonymity: 'real_name', reporter: { name: '钱来电', phone: '13700137011' },
    channel: 'phone', receivedAt: '2026-03-02T09:30:00+08:00', channelDetails: { callerNumber: '13700137011', calledAt: '2026-03-02T09:30:00+08:00' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const caseNumber = res.json<{ caseNumber: string }>().caseNumber;
  const row = (await t.deps.pool.query<{ id: string; query_code_enc: Buffer }>('SELECT id, query_code_enc FROM cases WHERE case_number = $1', [caseNumber])).rows[0]!;
  const code = t.deps.cipher.decryptText({ table: 'cases', column: 'query_code_enc', rowId: row.id }, row.query_code_enc);
  return { id: row.id, caseNumber, code };
}

async function kept(id: string): Promise<boolean> {
  return (await t.deps.pool.query<{ kept: boolean }>('SELECT query_code_enc IS NOT NULL AS kept FROM cases WHERE id = $1', [id])).rows[0]!.kept;
}

async function opens(caseNumber: string, queryCode: string): Promise<number> {
  return (await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode } })).statusCode;
}

describe('the readable query code', () => {
  it('is kept while the acknowledgement fails, erased once it is delivered, and the code still opens the case', async () => {
    const c = await registered();
    const runner = createTestRunner(t);
    let fail = true;
    runner.registerOutboxHandler('reporter.acknowledgement', () => (fail ? Promise.reject(new Error('gateway down')) : Promise.resolve()));
    await runner.runNow('outbox.relay');
    expect(await kept(c.id)).toBe(true);

    fail = false;
    t.clock.advance(10 * 60_000);
    await runner.runNow('outbox.relay');
    expect(await kept(c.id)).toBe(false);
    expect(await opens(c.caseNumber, c.code)).toBe(200);
    const audit = await t.deps.pool.query<{ action: string; actor_kind: string }>(`SELECT action, actor_kind FROM audit WHERE case_id = $1 AND action = 'case.query_code_erased'`, [c.id]);
    expect(audit.rows).toEqual([{ action: 'case.query_code_erased', actor_kind: 'system' }]);
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });

  it('is erased by the sweep when the relay stopped between delivery and erasure, and never before delivery', async () => {
    const c = await registered();
    expect(await sweepDeliveredQueryCodes(t.deps)).toBe(0);
    expect(await kept(c.id)).toBe(true);
    await t.deps.pool.query(`UPDATE outbox SET delivered_at = now() WHERE case_id = $1 AND kind = 'reporter.acknowledgement'`, [c.id]);
    expect(await sweepDeliveredQueryCodes(t.deps)).toBe(1);
    expect(await kept(c.id)).toBe(false);
    expect(await opens(c.caseNumber, c.code)).toBe(200);
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
