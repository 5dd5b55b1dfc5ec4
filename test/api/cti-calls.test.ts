// A hotline call in working hours (issue 6): the PBX rings the clerk's seat, the console's screen pop shows
// the caller's earlier case and the repeat-caller flag (audited once), the clerk registers the case from
// the call, and the recording that arrives afterwards becomes a file of that case. Also: the call figures
// on a small known set, and click-to-dial signed to the PBX and joined by the PBX's own call.new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, ctiEnv, FakePbx, sendEvent, wav, CTI_SECRET } from '../helpers/cti.js';
import { closedDirectly, COMPLAINT, report } from '../helpers/case-steps.js';
import { sealAndVerify } from '../helpers/audit.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let pbx: FakePbx;
beforeAll(async () => {
  pbx = await FakePbx.start(CTI_SECRET);
  t = await createTestApp(ctiEnv(pbx));
  b = await Bureau.load(t);
  // The secadmin, who keeps the accounts, gives the clerk and the follow-up officer their phone seats.
  const admin = await b.as('secadmin');
  for (const [user, seat] of [['intake', '8001'], ['followup', '8002']] as const) {
    const res = await admin.send('PATCH', `/api/v1/admin/users/${b.user(user)}`, { seatExtension: seat });
    expect([res.statusCode, res.json()]).toEqual([200, { ok: true, seatExtension: seat }]);
  }
});
afterAll(async () => {
  await t.close();
  await pbx.close();
});

interface Pop {
  callId: string;
  state: string;
  callerNumber: string | null;
  repeatCaller: boolean;
  history: { cases: { caseNumber: string; stateLabel: { zh: string; en: string } }[]; calls: unknown[] };
  register: { channel: string; receivedAt: string; channelDetails: { callerNumber: string; calledAt: string; callId: string } };
}

const poll = async (user: string): Promise<Pop[]> => {
  const res = await (await b.as(user)).send('GET', '/api/v1/calls/current', undefined, { 'x-zhitong-background': '1' });
  expect(res.statusCode).toBe(200);
  return res.json<{ calls: Pop[] }>().calls;
};

describe('a call in working hours', () => {
  it('pops at the seat with the caller history, is registered as a case and gets its recording', async () => {
    const earlier = await report(t, { ...COMPLAINT, reporter: { name: '钱来电', phone: '13911112222' } });
    const start = t.clock.now().toISOString();
    expect((await sendEvent(t, 'call.new', { callId: 'day-1', from: '13911112222', to: '8001', direction: 'in', queue: '12389', startedAt: start })).statusCode).toBe(200);

    const ringing = await poll('intake');
    expect(ringing).toHaveLength(1);
    expect(ringing[0]).toMatchObject({ callId: 'day-1', state: 'ringing', callerNumber: '+8613911112222', repeatCaller: true });
    expect(ringing[0]?.history.cases).toEqual([expect.objectContaining({ caseNumber: earlier, stateLabel: { zh: '待受理', en: 'Registered' } })]);
    // The pop is the intake clerks' (identity of the caller): others are refused by role.
    expect((await (await b.as('followup')).send('GET', '/api/v1/calls/current')).statusCode).toBe(403);

    expect((await sendEvent(t, 'call.answered', { callId: 'day-1', answeredBy: '8001', answeredAt: start })).statusCode).toBe(200);
    const [pop] = await poll('intake');
    expect(pop).toMatchObject({ state: 'answered', register: { channel: 'phone', receivedAt: start, channelDetails: { callerNumber: '+8613911112222', calledAt: start, callId: 'day-1' } } });
    // Shown three times, on record once.
    expect(await count(t, "SELECT 1 FROM audit WHERE action = 'call.pop' AND actor_user_id = $1", [b.user('intake')])).toBe(1);

    const reg = await (await b.as('intake')).send('POST', '/api/v1/cases', {
      type: 'complaint', content: '来电反映交警大队窗口办事效率低。', anonymity: 'real_name', reporter: { name: '钱来电', phone: '13911112222' },
      channel: 'phone', receivedAt: pop?.register.receivedAt, channelDetails: pop?.register.channelDetails,
    });
    expect(reg.statusCode).toBe(201);
    const caseNumber = reg.json<{ caseNumber: string }>().caseNumber;
    expect((await sendEvent(t, 'call.ended', { callId: 'day-1', cause: 'normalClearing', endedAt: new Date(t.clock.now().getTime() + 300_000).toISOString(), durationSec: 300 })).statusCode).toBe(200);
    expect(await poll('intake')).toEqual([]);

    const audio = wav(21, 8000);
    const recording = pbx.serve('/rec/day-1.wav', audio);
    expect((await sendEvent(t, 'recording.ready', { callId: 'day-1', recording })).statusCode).toBe(200);
    // Announced again under a new webhook id: the same file is not added twice.
    expect((await sendEvent(t, 'recording.ready', { callId: 'day-1', recording })).statusCode).toBe(200);
    const detail = (await b.detail('intake', caseNumber)).json<{ attachments: { id: string; name: string; mediaType: string }[] }>();
    expect(detail.attachments).toEqual([expect.objectContaining({ mediaType: 'audio/wav', name: expect.stringMatching(/^通话录音-.*\.wav$/u) })]);
    const file = await (await b.as('intake')).send('GET', `/api/v1/cases/${caseNumber}/attachments/${detail.attachments[0]?.id ?? ''}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(audio)).toBe(true);
    const filed = await t.deps.pool.query<{ action: string; has_digest: boolean }>("SELECT action, case_digest IS NOT NULL AS has_digest FROM audit WHERE action = 'case.call_recording'");
    expect(filed.rows).toEqual([{ action: 'case.call_recording', has_digest: true }]);
    // The caller's next call shows this case and this call in the history.
    expect((await sendEvent(t, 'call.new', { callId: 'day-2', from: '13911112222', to: '8001', direction: 'in', startedAt: t.clock.now().toISOString() })).statusCode).toBe(200);
    const [next] = await poll('intake');
    expect(next?.history.cases.map((c) => c.caseNumber)).toEqual(expect.arrayContaining([caseNumber, earlier]));
    expect(next?.history.calls).toEqual([expect.objectContaining({ callId: 'day-1', caseNumber, durationSec: 300 })]);
    // A case the clerk has declared a conflict on is not in their pop, as it is not in their case list.
    expect((await b.act('intake', earlier, 'declare_conflict', { reason: '与来电人系亲属关系' })).statusCode).toBe(204);
    const [recused] = await poll('intake');
    expect(recused?.history.cases.map((c) => c.caseNumber)).toEqual([caseNumber]);
    await sendEvent(t, 'call.ended', { callId: 'day-2', cause: 'cancel', endedAt: t.clock.now().toISOString(), durationSec: 0 });
  });
});

describe('recordings before registration', () => {
  it('attaches a recording that arrived first to the case registered from the call, in the same transaction', async () => {
    const start = t.clock.now().toISOString();
    await sendEvent(t, 'call.new', { callId: 'early-1', from: 'anonymous', to: '12389', direction: 'in', startedAt: start });
    await sendEvent(t, 'call.answered', { callId: 'early-1', answeredBy: 'intake', answeredAt: start });
    await sendEvent(t, 'call.ended', { callId: 'early-1', cause: 'normalClearing', endedAt: start, durationSec: 40 });
    const audio = wav(41);
    expect((await sendEvent(t, 'recording.ready', { callId: 'early-1', recording: pbx.serve('/rec/early-1.wav', audio) })).statusCode).toBe(200);
    // Matched by username when the PBX names no seat; an anonymous caller has no number and no history.
    const row = await t.deps.pool.query<{ agent: string; caller: Buffer | null }>("SELECT agent_user_id AS agent, caller_enc AS caller FROM calls WHERE call_id = 'early-1'");
    expect(row.rows).toEqual([{ agent: b.user('intake'), caller: null }]);
    const reg = await (await b.as('intake')).send('POST', '/api/v1/cases', {
      type: 'consultation', content: '匿名来电咨询出入境办证流程。', anonymity: 'anonymous',
      channel: 'phone', receivedAt: start, channelDetails: { callerNumber: '00000', calledAt: start, callId: 'early-1' },
    });
    expect(reg.statusCode).toBe(201);
    const n = reg.json<{ caseNumber: string }>().caseNumber;
    const detail = (await b.detail('intake', n)).json<{ attachments: { mediaType: string; sizeBytes: number }[] }>();
    expect(detail.attachments).toEqual([expect.objectContaining({ mediaType: 'audio/wav', sizeBytes: audio.length })]);
    expect(await count(t, "SELECT 1 FROM calls k JOIN cases c ON c.id = k.case_id WHERE k.call_id = 'early-1' AND c.case_number = $1", [n])).toBe(1);
    // A second case from the same call is registered, without the call or its recording.
    const again = await (await b.as('intake')).send('POST', '/api/v1/cases', {
      type: 'consultation', content: '同一来电另咨询户籍问题。', anonymity: 'anonymous',
      channel: 'phone', receivedAt: start, channelDetails: { callerNumber: '00000', calledAt: start, callId: 'early-1' },
    });
    expect(again.statusCode).toBe(201);
    const second = (await b.detail('intake', again.json<{ caseNumber: string }>().caseNumber)).json<{ attachments: unknown[] }>();
    expect(second.attachments).toEqual([]);
  });
});

describe('seat extensions', () => {
  it('are the secadmin\'s, 2–10 digits, one user each, and shown in the account list', async () => {
    const sysadmin = await (await b.as('sysadmin')).send('PATCH', `/api/v1/admin/users/${b.user('handler')}`, { seatExtension: '8101' });
    expect(sysadmin.statusCode).toBe(403);
    const admin = await b.as('secadmin');
    const listed = (await admin.send('GET', '/api/v1/admin/users?limit=100')).json<{ items: { username: string; seatExtension: string | null }[] }>().items;
    expect(listed.find((u) => u.username === 'intake')?.seatExtension).toBe('8001');
    expect((await admin.send('PATCH', `/api/v1/admin/users/${b.user('handler')}`, { seatExtension: '8-101' })).statusCode).toBe(422);
    expect((await admin.send('PATCH', `/api/v1/admin/users/${b.user('handler')}`, { seatExtension: '8101', role: 'x' })).statusCode).toBe(422);
    const taken = await admin.send('PATCH', `/api/v1/admin/users/${b.user('handler')}`, { seatExtension: '8001' });
    expect([taken.statusCode, taken.json<{ errors: { code: string }[] }>().errors[0]?.code]).toEqual([409, 'taken']);
    expect((await admin.send('PATCH', `/api/v1/admin/users/${b.user('handler')}`, { seatExtension: null })).json()).toEqual({ ok: true, seatExtension: null });
    expect(await count(t, "SELECT 1 FROM audit WHERE action = 'admin.user_seat_extension'")).toBe(3);
  });
});

describe('call statistics', () => {
  it('counts a small known day: answered, within 15 s, lost, voicemail, by hour and by agent', async () => {
    const at = (hms: string) => `2026-03-04T${hms}+08:00`;
    const call = async (id: string, o: { dir?: 'in' | 'out'; start: string; answer?: string; by?: string; end: string; cause?: string }) => {
      await sendEvent(t, 'call.new', { callId: id, from: o.dir === 'out' ? '8001' : '13700001111', to: o.dir === 'out' ? '13700001111' : '12389', direction: o.dir ?? 'in', startedAt: at(o.start) });
      if (o.answer !== undefined) await sendEvent(t, 'call.answered', { callId: id, answeredBy: o.by ?? '8001', answeredAt: at(o.answer) });
      await sendEvent(t, 'call.ended', { callId: id, cause: o.cause ?? 'normalClearing', endedAt: at(o.end), durationSec: 60 });
    };
    await call('st-a', { start: '09:10:00', answer: '09:10:10', end: '09:11:50' });
    await call('st-b', { start: '09:30:00', answer: '09:30:20', end: '09:33:40' });
    await call('st-c', { start: '14:00:00', end: '14:00:30', cause: 'cancel' });
    await call('st-d', { start: '20:00:00', answer: '20:00:05', by: 'voicemail', end: '20:01:00' });
    await call('st-e', { dir: 'out', start: '10:00:00', end: '10:01:00' });
    const res = await (await b.as('intake')).send('GET', '/api/v1/stats/calls?from=2026-03-04&to=2026-03-04');
    expect(res.statusCode).toBe(200);
    const s = res.json<{ totals: object; byHour: { hour: number }[]; byAgent: object[] }>();
    expect(s.totals).toEqual({ calls: 5, answered: 2, answeredWithin15s: 1, lost: 1, voicemail: 1, averageHandlingSec: 150 });
    expect(s.byHour).toHaveLength(24);
    expect(s.byHour.filter((h) => JSON.stringify(h) !== JSON.stringify({ hour: h.hour, calls: 0, answered: 0, answeredWithin15s: 0, lost: 0 }))).toEqual([
      { hour: 9, calls: 2, answered: 2, answeredWithin15s: 1, lost: 0 },
      { hour: 10, calls: 1, answered: 0, answeredWithin15s: 0, lost: 0 },
      { hour: 14, calls: 1, answered: 0, answeredWithin15s: 0, lost: 1 },
      { hour: 20, calls: 1, answered: 0, answeredWithin15s: 0, lost: 0 },
    ]);
    expect(s.byAgent).toEqual([{ userId: b.user('intake'), displayName: '王受理', calls: 2, answered: 2, averageHandlingSec: 150 }]);
    const unit = await (await b.as('handler')).send('GET', '/api/v1/stats/calls?from=2026-03-04&to=2026-03-04');
    expect(unit.statusCode).toBe(403);
    // A unit head reads the case statistics of their unit, not the hotline's or its agents' figures.
    const head = await (await b.as('unit_head')).send('GET', '/api/v1/stats/calls?from=2026-03-04&to=2026-03-04');
    expect([head.statusCode, head.json<{ detail: string }>().detail]).toEqual([403, '话务统计仅向中心人员开放']);
  });
});

describe('click-to-dial', () => {
  it('sends the PBX a signed request, and the PBX call.new with the reference joins the prepared call row', async () => {
    const n = await report(t, COMPLAINT);
    await closedDirectly(b, n);
    const res = await (await b.as('followup')).send('POST', `/api/v1/cases/${n}/dial`, {});
    expect(res.statusCode).toBe(202);
    const { requestId, callId } = res.json<{ requestId: string; callId: null }>();
    expect(callId).toBeNull();
    expect(pbx.dials.at(-1)).toEqual({ verified: true, body: { requestId, from: '8002', to: '+8613800138000', reference: requestId } });
    expect(await count(t, "SELECT 1 FROM audit WHERE action = 'call.dial' AND actor_user_id = $1", [b.user('followup')])).toBe(1);

    expect((await sendEvent(t, 'call.new', { callId: 'out-1', from: '8002', to: '13800138000', direction: 'out', startedAt: t.clock.now().toISOString(), reference: requestId })).statusCode).toBe(200);
    const row = await t.deps.pool.query<{ case_number: string; follow_up: boolean; direction: string; dial: string }>(
      `SELECT c.case_number, k.follow_up_id IS NOT NULL AS follow_up, k.direction, k.dial_request_id::text AS dial
       FROM calls k JOIN cases c ON c.id = k.case_id WHERE k.call_id = 'out-1'`,
    );
    expect(row.rows).toEqual([{ case_number: n, follow_up: true, direction: 'out', dial: requestId }]);
    expect(await count(t, 'SELECT 1 FROM calls WHERE dial_request_id = $1', [requestId])).toBe(1);
    const audio = wav(31);
    await sendEvent(t, 'recording.ready', { callId: 'out-1', recording: pbx.serve('/rec/out-1.wav', audio) });
    await sendEvent(t, 'call.answered', { callId: 'out-1', answeredBy: '8002', answeredAt: t.clock.now().toISOString() });
    await sendEvent(t, 'call.ended', { callId: 'out-1', cause: 'normalClearing', endedAt: t.clock.now().toISOString(), durationSec: 95 });
    const detail = (await b.detail('assigner', n)).json<{ attachments: { id: string; mediaType: string; sizeBytes: number }[]; followUps: { calls: unknown[] } }>();
    expect(detail.attachments).toEqual([expect.objectContaining({ mediaType: 'audio/wav', sizeBytes: audio.length })]);
    // 回访与通话 lists the follow-up call with its recording, playable as the case's file.
    expect(detail.followUps.calls).toEqual([{ direction: 'out', startedAt: expect.any(String), answered: true, durationSec: 95, agent: expect.any(String), followUp: true, recordingIds: [detail.attachments[0]?.id] }]);
    // A unit sees neither the follow-up nor the calls.
    const unitView = await b.detail('handler', n);
    if (unitView.statusCode === 200) expect(unitView.json<{ followUps: { records: unknown[]; calls: unknown[] } }>().followUps).toEqual({ records: [], calls: [] });
  });

  it('needs a seat, a user who may follow up, and a PBX that takes the request', async () => {
    const n = await report(t, COMPLAINT);
    await closedDirectly(b, n);
    const noSeat = await (await b.as('assigner')).send('POST', `/api/v1/cases/${n}/dial`, {});
    expect(noSeat.statusCode).toBe(403);
    await t.deps.pool.query("UPDATE users SET seat_extension = NULL WHERE id = $1", [b.user('followup')]);
    const seatless = await (await b.as('followup')).send('POST', `/api/v1/cases/${n}/dial`, {});
    expect([seatless.statusCode, seatless.json<{ code: string }>().code]).toEqual([409, 'no_seat']);
    await t.deps.pool.query("UPDATE users SET seat_extension = '8002' WHERE id = $1", [b.user('followup')]);
    const calls = await count(t, 'SELECT 1 FROM calls');
    pbx.dialStatus = 503;
    const refused = await (await b.as('followup')).send('POST', `/api/v1/cases/${n}/dial`, {});
    pbx.dialStatus = 200;
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([502, 'pbx_unavailable']);
    expect(await count(t, 'SELECT 1 FROM calls')).toBe(calls);
    expect(await count(t, "SELECT 1 FROM audit a JOIN cases c ON c.id = a.case_id WHERE a.action = 'call.dial' AND c.case_number = $1", [n])).toBe(1);
  });
});

describe('audit', () => {
  it('verifies: every case with a recording filed later still matches its last digest', async () => {
    const report = await sealAndVerify(t);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
