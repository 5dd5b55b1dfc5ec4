// The PBX's webhook (issue 6): only signed, fresh, first-time deliveries have an effect; events applied out
// of order give the same call as in order; recordings are fetched only from the PBX's own origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { count, ctiEnv, FakePbx, sendEvent, wav, CTI_SECRET } from '../helpers/cti.js';
import { createUnit, createUser } from '../helpers/factories.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let pbx: FakePbx;
beforeAll(async () => {
  pbx = await FakePbx.start(CTI_SECRET);
  t = await createTestApp(ctiEnv(pbx));
});
afterAll(async () => {
  await t.close();
  await pbx.close();
});

const tables = async () => ({
  events: await count(t, 'SELECT 1 FROM cti_events'),
  calls: await count(t, 'SELECT 1 FROM calls'),
  recordings: await count(t, 'SELECT 1 FROM call_recordings'),
  items: await count(t, 'SELECT 1 FROM intake_items'),
});

const newCall = (callId: string) => ({ callId, from: '13900001111', to: '12389', direction: 'in', startedAt: '2026-03-02T10:00:00+08:00' });

describe('POST /hooks/cti', () => {
  it('answers a forged signature, a stale timestamp and missing headers like an unknown path, with no effect', async () => {
    const before = await tables();
    const unknown = await t.app.inject({ method: 'POST', url: '/hooks/nothing', headers: { 'content-type': 'application/json' }, payload: '{}' });
    const forged = await sendEvent(t, 'call.new', newCall('forged-1'), { secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}` });
    const stale = await sendEvent(t, 'call.new', newCall('stale-1'), { at: new Date(Date.now() - 10 * 60_000) });
    const future = await sendEvent(t, 'call.new', newCall('future-1'), { at: new Date(Date.now() + 10 * 60_000) });
    const bare = await t.app.inject({ method: 'POST', url: '/hooks/cti', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'call.new', timestamp: new Date().toISOString(), data: newCall('bare-1') }) });
    for (const res of [forged, stale, future, bare]) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toBe(unknown.body);
    }
    // A body changed after signing: the signature covers the raw bytes.
    const id = 'msg_tampered';
    const at = new Date();
    const signed = JSON.stringify({ type: 'call.new', timestamp: at.toISOString(), data: newCall('tampered-1') });
    const res = await t.app.inject({
      method: 'POST', url: '/hooks/cti',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(CTI_SECRET).sign(id, at, signed) },
      payload: signed.replace('13900001111', '13900002222'),
    });
    expect(res.statusCode).toBe(404);
    expect(await tables()).toEqual(before);
  });

  it('applies a replayed webhook id once and answers the retry with 200 {}', async () => {
    const first = await sendEvent(t, 'call.new', newCall('replay-1'));
    expect([first.statusCode, first.json()]).toEqual([200, {}]);
    const before = await tables();
    // The same delivery again, and another event under the same id: neither has any effect.
    const again = await sendEvent(t, 'call.new', newCall('replay-1'), { id: first.webhookId });
    const reused = await sendEvent(t, 'call.ended', { callId: 'replay-1', cause: 'cancel', endedAt: '2026-03-02T10:00:20+08:00', durationSec: 0 }, { id: first.webhookId });
    expect([again.statusCode, again.json(), reused.statusCode]).toEqual([200, {}, 200]);
    expect(await tables()).toEqual(before);
    const row = await t.deps.pool.query<{ state: string }>("SELECT state FROM calls WHERE call_id = 'replay-1'");
    expect(row.rows[0]?.state).toBe('ringing');
  });

  it('refuses a body that is not an event (strict) with 422 and records nothing', async () => {
    const before = await tables();
    const extra = await sendEvent(t, 'call.new', { ...newCall('strict-1'), colour: 'red' });
    const unknownType = await sendEvent(t, 'call.transferred', { callId: 'strict-1' });
    const badNumber = await sendEvent(t, 'call.new', { ...newCall('strict-1'), from: '139-0000' });
    expect([extra.statusCode, unknownType.statusCode, badNumber.statusCode]).toEqual([422, 422, 422]);
    expect(await tables()).toEqual(before);
  });

  it('gives the same call whatever order its events arrive in, and never takes it back', async () => {
    const unit = await createUnit(t.deps, { name: '12389受理中心' });
    const agent = await createUser(t.deps, { unitId: unit.id, roles: ['intake'] });
    await t.deps.pool.query("UPDATE users SET seat_extension = '8001' WHERE id = $1", [agent.id]);
    const ended = { callId: 'ooo-1', cause: 'normalClearing', q850: 16, endedAt: '2026-03-02T10:05:00+08:00', durationSec: 290 };
    const answered = { callId: 'ooo-1', answeredBy: '8001', answeredAt: '2026-03-02T10:00:10+08:00' };
    expect((await sendEvent(t, 'call.ended', ended)).statusCode).toBe(200);
    expect((await sendEvent(t, 'call.answered', answered)).statusCode).toBe(200);
    expect((await sendEvent(t, 'call.new', newCall('ooo-1'))).statusCode).toBe(200);
    for (const [type, data] of [['call.new', newCall('ooo-2')], ['call.answered', { ...answered, callId: 'ooo-2' }], ['call.ended', { ...ended, callId: 'ooo-2' }]] as const) {
      expect((await sendEvent(t, type, data)).statusCode).toBe(200);
    }
    const rows = await t.deps.pool.query<Record<string, unknown>>(
      `SELECT call_id, direction, state, line, agent_extension, agent_user_id IS NOT NULL AS has_agent, started_at, answered_at, ended_at, cause, q850, duration_sec,
         caller_bidx = $1 AS caller_indexed, caller_enc IS NOT NULL AS caller_encrypted
       FROM calls WHERE call_id IN ('ooo-1', 'ooo-2') ORDER BY call_id`,
      [t.deps.blind.index('phone', '+8613900001111')],
    );
    const [a, b] = rows.rows;
    expect(a).toEqual({ ...b, call_id: 'ooo-1' });
    expect(a).toMatchObject({ direction: 'in', state: 'ended', line: '12389', agent_extension: '8001', has_agent: true, cause: 'normalClearing', q850: 16, duration_sec: 290, caller_indexed: true, caller_encrypted: true });
    // The caller's number is nowhere in clear.
    expect(await count(t, "SELECT 1 FROM calls c WHERE encode(c.caller_enc, 'escape') LIKE '%13900001111%'")).toBe(0);
  });

  it('refuses a recording URL on another host, port or scheme with 422, fetching nothing', async () => {
    await sendEvent(t, 'call.new', newCall('host-1'));
    const audio = pbx.serve('/rec/host-1.wav', wav(1));
    const port = Number(new URL(pbx.origin).port);
    const before = await tables();
    const asked = pbx.requests.length;
    for (const url of [
      `http://localhost:${String(port)}/rec/host-1.wav`,
      `http://127.0.0.1:${String(port + 1)}/rec/host-1.wav`,
      `https://127.0.0.1:${String(port)}/rec/host-1.wav`,
      `http://pbx@127.0.0.2:${String(port)}/rec/host-1.wav`,
      'file:///etc/passwd',
    ]) {
      const res = await sendEvent(t, 'recording.ready', { callId: 'host-1', recording: { ...audio, url } });
      expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([422, 'recording_host']);
    }
    expect(pbx.requests.length).toBe(asked);
    expect(await tables()).toEqual(before);
  });

  it('answers 502 when the bytes are not the announced ones, so the PBX retries, and stores the recording on the retry', async () => {
    await sendEvent(t, 'call.new', newCall('fetch-1'));
    const audio = pbx.serve('/rec/fetch-1.wav', wav(2));
    const before = await tables();
    const wrongHash = await sendEvent(t, 'recording.ready', { callId: 'fetch-1', recording: { ...audio, sha256: '0'.repeat(64) } });
    const wrongSize = await sendEvent(t, 'recording.ready', { callId: 'fetch-1', recording: { ...audio, bytes: audio.bytes - 1 } });
    const missing = await sendEvent(t, 'recording.ready', { callId: 'fetch-1', recording: { ...audio, url: `${pbx.origin}/rec/none.wav` } });
    pbx.serve('/rec/text', Buffer.from('not audio'), 'text/html');
    const notAudio = await sendEvent(t, 'recording.ready', { callId: 'fetch-1', recording: { ...audio, url: `${pbx.origin}/rec/text` } });
    for (const res of [wrongHash, wrongSize, missing, notAudio]) expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([502, 'recording_unavailable']);
    expect(await tables()).toEqual(before);
    const ok = await sendEvent(t, 'recording.ready', { callId: 'fetch-1', recording: audio }, { id: wrongHash.webhookId });
    expect(ok.statusCode).toBe(200);
    expect(await count(t, "SELECT 1 FROM call_recordings r JOIN calls c ON c.id = r.call_row_id WHERE c.call_id = 'fetch-1'")).toBe(1);
  });
});
