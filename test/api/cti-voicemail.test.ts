// After-hours voicemail (issue 6): the PBX's voicemail becomes one inbox item with the recording and the
// listen-by clock (10:00 on the next working day); the clerk's first play is audited and recorded as the
// listen; registering the item makes a case that carries the recording, and the call names the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, ctiEnv, FakePbx, sendEvent, wav, CTI_SECRET } from '../helpers/cti.js';
import { sealAndVerify } from '../helpers/audit.js';
import { signedInStaff, StaffClient } from '../helpers/staff.js';
import type { TestUser } from '../helpers/factories.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let pbx: FakePbx;
let clerk: StaffClient;
let clerkUser: TestUser;
beforeAll(async () => {
  pbx = await FakePbx.start(CTI_SECRET);
  t = await createTestApp(ctiEnv(pbx));
  // Monday 2 March 2026, 21:00 in Beijing: the centre closed at 17:30.
  t.clock.advance(11 * 3600_000);
  ({ client: clerk, user: clerkUser } = await signedInStaff(t, ['intake']));
});

/** Time passes; a session idle that long has ended, so the clerk signs in again. */
async function later(ms: number): Promise<void> {
  t.clock.advance(ms);
  clerk = new StaffClient(t);
  expect((await clerk.send('POST', '/api/v1/auth/login', { username: clerkUser.username, password: clerkUser.password })).statusCode).toBe(200);
}
afterAll(async () => {
  await t.close();
  await pbx.close();
});

interface ItemJson {
  id: string;
  channel: string;
  contact: string | null;
  text: string;
  details: Record<string, string>;
  listenBy?: string;
  listenedAt?: string | null;
  attachments: { id: string; name: string; mediaType: string; size: number }[];
}

async function itemOf(externalId: string): Promise<ItemJson> {
  const id = (await t.deps.pool.query<{ id: string }>("SELECT id FROM intake_items WHERE channel = 'voicemail' AND external_id = $1", [externalId])).rows[0]?.id;
  if (id === undefined) throw new Error(`no voicemail item ${externalId}`);
  const res = await clerk.send('GET', `/api/v1/intake/items/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json<ItemJson>();
}

describe('after-hours voicemail', () => {
  it('becomes one inbox item with the recording and listenBy 10:00 the next working day; the first play is audited and recorded; registering attaches the recording to the case', async () => {
    const audio = wav(11, 6000);
    const recording = pbx.serve('/vm/8000/msg0001.wav', audio);
    const event = { callId: 'vm-call-1', mailbox: '8000', from: '13900003333', receivedAt: '2026-03-02T20:40:00+08:00', durationSec: 37, recording };
    const first = await sendEvent(t, 'voicemail.created', event);
    expect([first.statusCode, first.json()]).toEqual([200, {}]);
    // The PBX sends it again under a new id (it lost our answer and rebuilt the event): still one item, one recording.
    expect((await sendEvent(t, 'voicemail.created', event)).statusCode).toBe(200);
    expect(await count(t, "SELECT 1 FROM intake_items WHERE channel = 'voicemail'")).toBe(1);
    expect(await count(t, 'SELECT 1 FROM call_recordings')).toBe(1);

    const item = await itemOf('call:vm-call-1');
    expect(item).toMatchObject({
      channel: 'voicemail', contact: '+8613900003333', text: '电话留言，时长37秒',
      details: { callId: 'vm-call-1', durationSec: '37', mailbox: '8000' },
      listenBy: '2026-03-03T02:00:00.000Z', listenedAt: null,
    });
    expect(item.attachments).toEqual([{ id: expect.any(String), name: expect.stringMatching(/^电话留言-.*\.wav$/u), mediaType: 'audio/wav', size: audio.length }]);
    const list = await clerk.send('GET', '/api/v1/intake/items?channel=voicemail');
    expect(list.json<{ items: ItemJson[] }>().items[0]).toMatchObject({ id: item.id, listenBy: '2026-03-03T02:00:00.000Z', listenedAt: null });

    // The next morning the clerk plays it: the audit row is written, and the first play is the listen.
    await later(11 * 3600_000);
    const attachmentId = item.attachments[0]?.id ?? '';
    const play = await clerk.send('GET', `/api/v1/intake/items/${item.id}/attachments/${attachmentId}`);
    expect(play.statusCode).toBe(200);
    expect(play.headers['content-type']).toBe('audio/wav');
    expect(play.headers['content-disposition']).toMatch(/^inline; /u);
    expect(play.headers['cache-control']).toBe('no-store');
    expect(play.rawPayload.equals(audio)).toBe(true);
    const audits = await t.deps.pool.query<{ actor_user_id: string; target: string }>("SELECT actor_user_id, target FROM audit WHERE action = 'intake.attachment.read'");
    expect(audits.rows).toEqual([{ actor_user_id: clerkUser.id, target: `${item.id};attachment:${attachmentId}` }]);
    const listened = await itemOf('call:vm-call-1');
    expect(listened.listenedAt).toBe(t.clock.now().toISOString());
    t.clock.advance(60_000);
    await clerk.send('GET', `/api/v1/intake/items/${item.id}/attachments/${attachmentId}`);
    expect((await itemOf('call:vm-call-1')).listenedAt).toBe(listened.listenedAt);
    // A file of another item, or no such file: one 404.
    const other = await clerk.send('GET', `/api/v1/intake/items/${item.id}/attachments/00000000-0000-4000-8000-000000000000`);
    expect(other.statusCode).toBe(404);

    const reg = await clerk.send('POST', `/api/v1/intake/items/${item.id}/register`, { type: 'complaint', anonymity: 'anonymous', content: '留言反映夜间报警后出警迟缓。' });
    expect(reg.statusCode).toBe(201);
    const caseNumber = reg.json<{ caseNumber: string }>().caseNumber;
    const detail = (await clerk.send('GET', `/api/v1/cases/${caseNumber}`)).json<{ channel: string; attachments: { id: string; mediaType: string }[] }>();
    expect(detail.attachments).toEqual([expect.objectContaining({ id: attachmentId, mediaType: 'audio/wav' })]);
    const file = await clerk.send('GET', `/api/v1/cases/${caseNumber}/attachments/${attachmentId}`);
    expect(file.rawPayload.equals(audio)).toBe(true);
    const call = await t.deps.pool.query<{ case_number: string }>("SELECT c.case_number FROM calls k JOIN cases c ON c.id = k.case_id WHERE k.call_id = 'vm-call-1'");
    expect(call.rows).toEqual([{ case_number: caseNumber }]);
  });

  it('turns a call the voicemail system answered into an item when its recording is ready', async () => {
    const at = (hhmm: string) => `2026-03-02T${hhmm}:00+08:00`;
    expect((await sendEvent(t, 'call.new', { callId: 'vm-call-2', from: '01088886666', to: '12389', direction: 'in', startedAt: at('19:00') })).statusCode).toBe(200);
    expect((await sendEvent(t, 'call.answered', { callId: 'vm-call-2', answeredBy: 'voicemail', answeredAt: at('19:00') })).statusCode).toBe(200);
    expect((await sendEvent(t, 'call.ended', { callId: 'vm-call-2', cause: 'normalClearing', endedAt: at('19:01'), durationSec: 52 })).statusCode).toBe(200);
    const audio = wav(12);
    expect((await sendEvent(t, 'recording.ready', { callId: 'vm-call-2', recording: pbx.serve('/rec/vm-call-2.wav', audio) })).statusCode).toBe(200);
    const item = await itemOf('call:vm-call-2');
    expect(item).toMatchObject({ contact: '+861088886666', text: '电话留言，时长52秒', listenBy: '2026-03-03T02:00:00.000Z' });
    expect(item.attachments).toHaveLength(1);
  });

  it('keeps a voicemail the PBX reports without a call, from a withheld number, as its own item', async () => {
    const audio = wav(13);
    const sent = await sendEvent(t, 'voicemail.created', { mailbox: '8000', from: 'anonymous', receivedAt: '2026-03-02T23:10:00+08:00', durationSec: 9, recording: pbx.serve('/vm/8000/msg0002.wav', audio) });
    expect(sent.statusCode).toBe(200);
    const item = await itemOf(`vm:${sent.webhookId}`);
    expect(item).toMatchObject({ contact: null, text: '电话留言，时长9秒', details: { durationSec: '9', mailbox: '8000' } });
    expect(item.attachments.map((a) => a.name)).toEqual(['电话留言-2026-03-02-2310.wav']);
  });

  it('makes the item when the voicemail answer arrives after the recording (out of order)', async () => {
    const at = (hhmm: string) => `2026-03-02T${hhmm}:00+08:00`;
    await sendEvent(t, 'call.new', { callId: 'vm-late', from: '13900004444', to: '12389', direction: 'in', startedAt: at('22:00') });
    expect((await sendEvent(t, 'recording.ready', { callId: 'vm-late', recording: pbx.serve('/rec/vm-late.wav', wav(14)) })).statusCode).toBe(200);
    await sendEvent(t, 'call.ended', { callId: 'vm-late', cause: 'normalClearing', endedAt: at('22:01'), durationSec: 44 });
    expect(await count(t, "SELECT 1 FROM intake_items WHERE external_id = 'call:vm-late'")).toBe(0);
    await sendEvent(t, 'call.answered', { callId: 'vm-late', answeredBy: 'voicemail', answeredAt: at('22:00') });
    const item = await itemOf('call:vm-late');
    expect(item).toMatchObject({ contact: '+8613900004444', text: '电话留言，时长44秒', listenBy: '2026-03-03T02:00:00.000Z' });
    expect(item.attachments).toHaveLength(1);
  });
});

describe('audit', () => {
  it('verifies after voicemails were registered with their recordings', async () => {
    const report = await sealAndVerify(t);
    expect(report.problems).toEqual([]);
  });
});
