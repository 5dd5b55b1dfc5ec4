// Idempotency keys attacked where test/api (public-report, staff-register, public-track-messages) does not:
// a staff key and a reporter's message key expire after 24 hours (a late retry is new work, never a stale
// answer), and a clerk's key replays for nobody else even with the very same body.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff, StaffClient } from '../helpers/staff.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
});
afterAll(async () => t.close());

const DAY = 24 * 60 * 60_000;

describe('a clerk’s registration key', () => {
  it('replays for that clerk only, and after 24 hours registers anew', async () => {
    const key = randomUUID();
    const received = new Date(t.clock.now().getTime() - 60 * 60_000).toISOString();
    const body = { type: 'complaint', content: '来信反映派出所窗口办事拖延，多次往返未果。', anonymity: 'anonymous', channel: 'letter', receivedAt: received, channelDetails: { postmarkDate: received.slice(0, 10) } };
    const clerk = await signedInStaff(t, ['intake']);
    const first = await clerk.client.send('POST', '/api/v1/cases', body, { headers: { 'idempotency-key': key } });
    expect(first.statusCode, first.body).toBe(201);
    const again = await clerk.client.send('POST', '/api/v1/cases', body, { headers: { 'idempotency-key': key } });
    expect([again.headers['idempotent-replayed'], again.json().caseNumber]).toEqual(['true', first.json().caseNumber]);
    // Another clerk with the same key and body: new work, and nothing of the first answer.
    const other = await signedInStaff(t, ['intake']);
    const theirs = await other.client.send('POST', '/api/v1/cases', body, { headers: { 'idempotency-key': key } });
    expect([theirs.statusCode, theirs.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(theirs.body).not.toContain(first.json().caseNumber);

    t.clock.advance(DAY + 60_000);
    // Sessions last 12 hours at most: the same clerk signs in again a day later.
    const later = new StaffClient(t);
    expect((await later.send('POST', '/api/v1/auth/login', { username: clerk.user.username, password: clerk.user.password })).statusCode).toBe(200);
    const lateBody = { ...body, receivedAt: new Date(t.clock.now().getTime() - 60 * 60_000).toISOString() };
    const late = await later.send('POST', '/api/v1/cases', lateBody, { headers: { 'idempotency-key': key } });
    expect([late.statusCode, late.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });
});

describe('a reporter’s message key', () => {
  it('after 24 hours adds the message again instead of replaying', async () => {
    const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN }, payload: { type: 'complaint', content: '派出所窗口工作人员推诿拖延，三次前来都没有办成业务。', anonymity: 'anonymous' } });
    const c = submitted.json<{ caseNumber: string; queryCode: string }>();
    const key = randomUUID();
    const send = () => t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN, 'idempotency-key': key }, payload: { ...c, text: '补充：第二次前往仍无人办理。' } });
    const first = await send();
    const again = await send();
    expect([first.statusCode, again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(again.json().messages).toHaveLength(1);
    t.clock.advance(DAY + 60_000);
    const late = await send();
    expect([late.statusCode, late.headers['idempotent-replayed'], late.json().messages.length]).toEqual([201, undefined, 2]);
  });
});
