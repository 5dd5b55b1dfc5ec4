// Staff alerts by text message (issue 6): the secadmin gives an account a mobile number (stored encrypted,
// shown masked); an in-app notification of an alerting kind also sends the template to that phone through a
// loopback SMSC, naming the case number and a date only; an account without a number gets no text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepClocks } from '../../src/commands/clock-sweep.js';
import { advance, assignedTo, COMPLAINT, COMPLAINT_FIELDS, DAY_MS, report } from '../helpers/case-steps.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { startLoopbackSmsc, type LoopbackSmsc } from '../helpers/loopback-smsc.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let smsc: LoopbackSmsc;
beforeAll(async () => {
  // Two texts a day per number: the third alert to the liaison's phone is refused.
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off', ZHITONG_SMS_DAILY_CAP: '2' });
  b = await Bureau.load(t);
  smsc = await startLoopbackSmsc(t);
});
afterAll(async () => {
  await smsc.close();
  await t.close();
});

interface UserRow {
  id: string;
  username: string;
  mobile: string | null;
}

async function listed(username: string): Promise<UserRow | undefined> {
  const res = await (await b.as('secadmin')).send('GET', `/api/v1/admin/users?q=${username}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: UserRow[] }>().items.find((u) => u.username === username);
}

describe('staff mobile numbers', () => {
  it('are set by the secadmin, stored encrypted and listed masked', async () => {
    const admin = await b.as('secadmin');
    const set = await admin.send('PUT', `/api/v1/admin/users/${b.user('liaison')}/mobile`, { mobile: '138 0013 5678' });
    expect(set.statusCode, set.body).toBe(200);
    expect((await listed('liaison'))?.mobile).toBe('138****5678');
    const stored = await t.deps.pool.query<{ row: string }>('SELECT u::text AS row FROM users u WHERE id = $1', [b.user('liaison')]);
    expect(stored.rows[0]?.row).not.toContain('13800135678');
    expect((await listed('fj1_liaison'))?.mobile).toBeNull();

    const bad = await admin.send('PUT', `/api/v1/admin/users/${b.user('handler')}/mobile`, { mobile: '010-62345678' });
    expect(bad.statusCode).toBe(422);
    const created = await admin.send('POST', '/api/v1/admin/users', { username: 'sms.new', displayName: '新内勤', unitId: b.unit('pcs1a'), mobile: '+86 139 0013 9999' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await listed('sms.new'))?.mobile).toBe('139****9999');
    const cleared = await admin.send('PUT', `/api/v1/admin/users/${created.json<{ id: string }>().id}/mobile`, { mobile: null });
    expect(cleared.statusCode).toBe(200);
    expect((await listed('sms.new'))?.mobile).toBeNull();
  });

  it('carry the sign-for alert of an assignment: the case number and the date, no content', async () => {
    const n = await report(t);
    await assignedTo(b, n, 'pcs1a');
    await smsc.runner.runNow('outbox.relay');
    const texts = smsc.sentTo('13800135678').map((s) => s.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(new RegExp(`^【示例市公安局】件${n}待签收，请于\\d{4}-\\d{2}-\\d{2}前登录系统签收。$`, 'u'));
    for (const secret of [COMPLAINT.reporter?.name ?? '', '户口', '派出所', '沈内勤']) expect(texts[0]).not.toContain(secret);
    // The outbox row and the sent row name ids, never the number.
    const rows = await t.deps.pool.query<{ payload: unknown; sent: string }>(
      `SELECT o.payload, s::text AS sent FROM outbox o JOIN cases c ON c.id = o.case_id JOIN sms_messages s ON s.outbox_id = o.id WHERE c.case_number = $1 AND o.kind = 'staff.sms_alert'`,
      [n],
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.payload).toEqual({ userId: b.user('liaison'), template: 'staff.to_sign_for', due: 'sign_for' });
    expect(rows.rows[0]?.sent).not.toContain('13800135678');
  });

  it('are not sent to someone who may no longer read the case when the alert goes (recused meanwhile)', async () => {
    const n = await report(t);
    const before = smsc.sentTo('13800135678').length;
    await assignedTo(b, n, 'pcs1a');
    // The liaison declares a conflict before the relay runs: the alert written for them must not go.
    await t.deps.pool.query('INSERT INTO case_conflicts (case_id, user_id, reason_enc, declared_at) SELECT id, $2, $3, now() FROM cases WHERE case_number = $1', [n, b.user('liaison'), Buffer.from('x')]);
    await smsc.runner.runNow('outbox.relay');
    expect(smsc.sentTo('13800135678').length).toBe(before);
    const row = await t.deps.pool.query<{ delivered: boolean }>(`SELECT o.delivered_at IS NOT NULL AS delivered FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'staff.sms_alert'`, [n]);
    expect(row.rows).toEqual([{ delivered: true }]);
  });

  it('are not sent to an account without a number', async () => {
    const n = await report(t);
    const before = smsc.submits.length;
    await assignedTo(b, n, 'fj1');
    await smsc.runner.runNow('outbox.relay');
    const alerts = await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'staff.sms_alert'`, [n]);
    expect(alerts.rows[0]?.n).toBe(0);
    const notices = await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications x JOIN cases c ON c.id = x.case_id WHERE c.case_number = $1 AND x.kind = 'to_sign_for'`, [n]);
    expect(notices.rows[0]?.n).toBeGreaterThan(0);
    expect(smsc.submits.length).toBe(before);
  });

  it('stop at the per-number daily cap: the alert over it is a dead letter, not a text', async () => {
    const second = await report(t);
    await assignedTo(b, second, 'pcs1a');
    await smsc.runner.runNow('outbox.relay');
    expect(smsc.sentTo('13800135678')).toHaveLength(2);
    const third = await report(t);
    await assignedTo(b, third, 'pcs1a');
    await smsc.runner.runNow('outbox.relay');
    expect(smsc.sentTo('13800135678')).toHaveLength(2);
    const row = await t.deps.pool.query<{ dead: boolean; last_error: string | null }>(
      `SELECT o.dead_at IS NOT NULL AS dead, o.last_error FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'staff.sms_alert'`,
      [third],
    );
    expect(row.rows).toEqual([{ dead: true, last_error: 'SmsSendError:DAILY_CAP' }]);
  });

  it('carry the clock sweep’s amber reminder with the unit deadline, and skip a sign-for already done', async () => {
    const n = await report(t);
    await b.ok('intake', n, 'accept', { ...COMPLAINT_FIELDS, mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
    await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a'), unitDeadline: '2026-03-09' });
    await b.ok('liaison', n, 'sign_for', {});
    const before = smsc.sentTo('13800135678').length;
    // Wednesday: three working days left, amber; a new day for the cap too.
    advance(t, b, 2 * DAY_MS);
    try {
      await sweepClocks(t.deps);
      await smsc.runner.runNow('outbox.relay');
      const texts = smsc.sentTo('13800135678').slice(before).map((x) => x.text);
      expect(texts).toEqual([`【示例市公安局】件${n}将于2026-03-09到期，请抓紧办理。`]);
    } finally {
      advance(t, b, -2 * DAY_MS);
    }
  });
});
