// Recusal in the hotline's screen pop (DESIGN §3.3, §3.4): when a reporter calls again, the clerk's pop lists
// the caller's earlier cases — but never one the clerk may not open, here an accusation that names the clerk
// by police number only (the subject is not linked to any account yet).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCUSATION, report } from '../helpers/case-steps.js';
import { ctiEnv, CTI_SECRET, FakePbx, sendEvent } from '../helpers/cti.js';
import { Bureau, DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { createUser } from '../helpers/factories.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let pbx: FakePbx;
const PHONE = '13912345678';
beforeAll(async () => {
  pbx = await FakePbx.start(CTI_SECRET);
  t = await createTestApp(ctiEnv(pbx));
  b = await Bureau.load(t);
  const colleague = await createUser(t.deps, { unitId: b.unit('dcd'), username: 'intake2', password: DEMO_PASSWORD, roles: ['intake'], totpRequired: false });
  b.userIds.set('intake2', colleague.id);
  const admin = await b.as('secadmin');
  for (const [user, seat] of [['intake', '8001'], ['intake2', '8003']] as const) {
    expect((await admin.send('PATCH', `/api/v1/admin/users/${b.user(user)}`, { seatExtension: seat })).statusCode).toBe(200);
  }
});
afterAll(async () => {
  await t.close();
  await pbx.close();
});

interface Pop { callId: string; history: { cases: { caseNumber: string }[]; calls: { caseNumber: string | null }[] } }

async function pop(user: string): Promise<Pop[]> {
  const res = await (await b.as(user)).send('GET', '/api/v1/calls/current', undefined, { 'x-zhitong-background': '1' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ calls: Pop[] }>().calls;
}

describe('the screen pop of a repeat caller', () => {
  it('leaves out a case whose subject carries the clerk’s police number, as the case list does', async () => {
    // The demo intake clerk's police number is 900101.
    const n = await report(t, { ...ACCUSATION, reporter: { name: '冯来电', phone: PHONE }, content: '督察支队受理窗口一名民警（警号900101）接访时态度恶劣，还泄露了我的举报内容。', subjects: [{ name: '某民警', policeNumber: '900101', unit: '督察支队' }] });
    expect((await b.detail('intake', n)).statusCode).toBe(404);
    expect((await b.detail('intake2', n)).statusCode).toBe(200);
    const start = t.clock.now().toISOString();
    for (const [callId, seat] of [['pop-1', '8001'], ['pop-2', '8003']] as const) {
      expect((await sendEvent(t, 'call.new', { callId, from: PHONE, to: seat, direction: 'in', queue: '12389', startedAt: start })).statusCode).toBe(200);
    }
    const seenByColleague = (await pop('intake2')).find((c) => c.callId === 'pop-2');
    expect(seenByColleague?.history.cases.map((c) => c.caseNumber)).toEqual([n]);
    const seenBySubject = (await pop('intake')).find((c) => c.callId === 'pop-1');
    expect(seenBySubject).toBeDefined();
    expect(JSON.stringify(seenBySubject)).not.toContain(n);
  });
});
