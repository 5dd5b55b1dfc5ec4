// Proposals go to the day's duty leader from the roster (DESIGN §1), to every duty leader when nobody is rostered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createUser } from '../helpers/factories.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let deputyLeader: string;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  deputyLeader = (await createUser(t.deps, { unitId: b.unit('sj'), roles: ['duty_leader'], displayName: '钱值班' })).id;
});
afterAll(async () => t.close());

async function propose(): Promise<void> {
  const n = (await submitReport(t.deps, { type: 'suggestion', anonymity: 'anonymous', subjects: [], content: '建议户籍窗口推行预约办理，减少群众等候时间。' }, [], { channel: 'web' })).caseNumber;
  await b.ok('intake', n, 'accept', { type: 'suggestion', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '交城关派出所研究', proposedUnitId: b.unit('pcs1a') });
}

async function toInstruct(userId: string): Promise<number> {
  return (await t.deps.pool.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'to_instruct'`, [userId])).rowCount ?? 0;
}

describe('duty roster routing', () => {
  it('tells every duty leader when the roster names nobody today', async () => {
    await propose();
    expect([await toInstruct(b.user('duty_leader')), await toInstruct(deputyLeader)]).toEqual([1, 1]);
  });

  it('tells only the rostered leader when the roster names one', async () => {
    await t.deps.pool.query('DELETE FROM notifications');
    await t.deps.pool.query(`INSERT INTO duty_roster (on_date, user_id, deputy) VALUES ('2026-03-02', $1, false)`, [b.user('duty_leader')]);
    await propose();
    expect([await toInstruct(b.user('duty_leader')), await toInstruct(deputyLeader)]).toEqual([1, 0]);
  });
});
