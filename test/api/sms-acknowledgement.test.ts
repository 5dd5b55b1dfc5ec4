// The acknowledgement by text message (issue 6): a real-name caller registered by a clerk gets number and
// query code on their phone through a loopback SMSC (npm `smpp`'s server as the operator's), while the clerk
// never saw the code; the readable copy of the code is erased once sent; the sent row keeps no number or
// text; a reporter without a mobile number is a dead letter at once; acknowledgements by e-mail wait.
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import smpp, { type Pdu, type Session } from 'smpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannelSenders } from '../../src/channels/senders.js';
import { handleSmsEvent } from '../../src/channels/sms/inbound.js';
import { SMPP_DEFAULTS, SmppSmsProvider } from '../../src/channels/sms/smpp.js';
import { buildTemplateSet } from '../../src/domain/sms/templates.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

const submits: Pdu[] = [];
const sessions: Session[] = [];
const smsc = smpp.createServer((session) => {
  sessions.push(session);
  session.on('error', () => undefined);
  session.on('bind_transceiver', (pdu: Pdu) => session.send(pdu.response({ system_id: 'SMSC' })));
  session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu: Pdu) => session.send(pdu.response()));
  session.on('deliver_sm_resp', () => undefined);
  session.on('submit_sm', (pdu: Pdu) => {
    submits.push(pdu);
    const id = 0xb000 + submits.length;
    session.send(pdu.response({ message_id: id.toString(16) }));
    // The receipt names the message in decimal, as many SMSCs do; a number ending in 33 is out of service.
    const stat = String(pdu.destination_addr).endsWith('33') ? 'UNDELIV err:001' : 'DELIVRD err:000';
    session.deliver_sm({ source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: 0x04, short_message: `id:${String(id).padStart(10, '0')} sub:001 dlvrd:001 submit date:2603021000 done date:2603021001 stat:${stat} text:` });
  });
});

let t: TestApp;
let b: Bureau;
let provider: SmppSmsProvider;
let runner: JobRunner;
beforeAll(async () => {
  await new Promise<void>((resolve) => smsc.listen(0, '127.0.0.1', resolve));
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  provider = new SmppSmsProvider({ ...SMPP_DEFAULTS, host: '127.0.0.1', port: (smsc.address() as AddressInfo).port, tls: false, systemId: 'zhitong', password: 'pw', sourceAddr: '1069000012389', templates: buildTemplateSet(), responseTimeoutMs: 4000 });
  runner = createTestRunner(t);
  const senders = registerChannelSenders(t.config, t.deps, runner, pino({ level: 'silent' }), provider);
  await senders.start();
});
afterAll(async () => {
  await provider.close();
  for (const s of sessions) s.destroy();
  await new Promise<void>((resolve) => smsc.close(() => resolve()));
  await t.close();
});

/** A phone complaint registered by the clerk; what the clerk's screen got back. */
async function registered(reporter: Record<string, string>): Promise<{ caseNumber: string; answer: string }> {
  const res = await (await b.as('intake')).send('POST', '/api/v1/cases', {
    type: 'complaint', content: '来电反映派出所窗口办理居住证时多次让群众补材料。', anonymity: 'real_name', reporter,
    channel: 'phone', receivedAt: '2026-03-02T09:30:00+08:00', channelDetails: { callerNumber: reporter.phone ?? '010-00000000', calledAt: '2026-03-02T09:30:00+08:00' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { caseNumber: res.json<{ caseNumber: string }>().caseNumber, answer: res.body };
}

const textOf = (pdu: Pdu): string => (pdu.short_message as { message: string }).message;

async function outboxOf(caseNumber: string): Promise<{ delivered: boolean; dead: boolean; last_error: string | null; payload: unknown }> {
  const r = await t.deps.pool.query<{ delivered: boolean; dead: boolean; last_error: string | null; payload: unknown }>(
    `SELECT o.delivered_at IS NOT NULL AS delivered, o.dead_at IS NOT NULL AS dead, o.last_error, o.payload FROM outbox o JOIN cases c ON c.id = o.case_id
      WHERE c.case_number = $1 AND o.kind = 'reporter.acknowledgement'`,
    [caseNumber],
  );
  return r.rows[0]!;
}

describe('the acknowledgement by text message', () => {
  it('reaches the caller’s phone with number and code, which the clerk never saw, and the code’s copy is erased', async () => {
    const c = await registered({ name: '孙来电', phone: '13700137022' });
    await runner.runNow('outbox.relay');
    const mine = submits.filter((p) => p.destination_addr === '8613700137022');
    const text = mine.map(textOf).join('');
    const code = /查询码(\d{10})/u.exec(text)?.[1];
    expect(text).toContain(c.caseNumber);
    expect(text.startsWith('【示例市公安局】')).toBe(true);
    expect(code).toMatch(/^\d{10}$/u);
    // The clerk's answer carried the number, never the code.
    expect(c.answer).not.toContain(code ?? 'no code');
    // The code the phone got opens the case; the readable copy is gone.
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber: c.caseNumber, queryCode: code } });
    expect(opened.statusCode).toBe(200);
    const kept = await t.deps.pool.query<{ kept: boolean }>('SELECT query_code_enc IS NOT NULL AS kept FROM cases WHERE case_number = $1', [c.caseNumber]);
    expect(kept.rows[0]?.kept).toBe(false);
    expect(await outboxOf(c.caseNumber)).toMatchObject({ delivered: true, payload: { delivery: 'sms' } });
    // The sent row knows the message by its ids and the number by its keyed index only.
    const row = await t.deps.pool.query<{ row: string; segments: number }>("SELECT s::text AS row, s.segments FROM sms_messages s JOIN cases c ON c.id = s.case_id WHERE c.case_number = $1", [c.caseNumber]);
    expect(row.rows).toHaveLength(1);
    expect(row.rows[0]?.segments).toBe(mine.length);
    for (const secret of ['13700137022', code ?? '', '孙来电']) expect(row.rows[0]?.row).not.toContain(secret);
  });

  it('records each message’s delivery report: delivered, or failed when a part did not arrive', async () => {
    const ok = await registered({ name: '郑送达', phone: '13700137044' });
    const lost = await registered({ name: '冯停机', phone: '13700137033' });
    await runner.runNow('outbox.relay');
    const status = async (caseNumber: string) =>
      (await t.deps.pool.query<{ status: string; status_code: string | null }>('SELECT s.status, s.status_code FROM sms_messages s JOIN cases c ON c.id = s.case_id WHERE c.case_number = $1', [caseNumber])).rows[0];
    await expect.poll(() => status(ok.caseNumber), { timeout: 15_000 }).toEqual({ status: 'delivered', status_code: 'DELIVRD' });
    await expect.poll(() => status(lost.caseNumber), { timeout: 15_000 }).toMatchObject({ status: 'failed' });
  });

  it('applies a receipt that came before the relay logged its message, once the message is logged', async () => {
    const report = { providerMessageId: 'early-0001', status: 'delivered' as const, code: 'DELIVRD', at: t.clock.now(), idempotencyKey: null };
    await handleSmsEvent(t.deps, 'smpp', { type: 'delivery', report }, [50, 200, 1_000, 3_000]);
    const id = '0196f1a0-0000-7000-8000-00000000e001';
    await t.deps.pool.query(
      "INSERT INTO sms_messages (id, phone_key, template, provider, provider_message_ids, segments, status, sent_at) VALUES ($1, $2, 'reporter.acknowledgement', 'smpp', ARRAY['early-0001'], 1, 'sent', $3)",
      [id, t.deps.blind.index('phone', '13700137099'), t.clock.now()],
    );
    const status = async () => (await t.deps.pool.query<{ status: string }>('SELECT status FROM sms_messages WHERE id = $1', [id])).rows[0]?.status;
    await expect.poll(status, { timeout: 8000 }).toBe('delivered');
  });

  it('turns a text from a phone into one inbox item, however often the SMSC sends it', async () => {
    const session = sessions[sessions.length - 1]!;
    const text = '您好，我是之前反映窗口问题的群众，想补充一下当天的情况。';
    for (let i = 0; i < 2; i++) session.deliver_sm({ source_addr: '8613700137055', destination_addr: '1069000012389', esm_class: 0, data_coding: 0x08, short_message: { message: text } });
    const items = async () => (await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM intake_items WHERE channel = 'sms'")).rows[0]?.n;
    await expect.poll(items, { timeout: 5000 }).toBe(1);
    const item = (await t.deps.pool.query<{ id: string; text_enc: Buffer; external_id: string }>("SELECT id, text_enc, external_id FROM intake_items WHERE channel = 'sms'")).rows[0]!;
    expect(t.deps.cipher.decryptText({ table: 'intake_items', column: 'text_enc', rowId: item.id }, item.text_enc)).toBe(text);
    // The stored key names no number and no text.
    expect(item.external_id).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('makes a dead letter at once, not ten retries, when the number cannot take a text', async () => {
    const before = submits.length;
    const c = await registered({ name: '周固话', phone: '010-62345678' });
    await runner.runNow('outbox.relay');
    expect(submits.length).toBe(before);
    expect(await outboxOf(c.caseNumber)).toMatchObject({ delivered: false, dead: true, last_error: 'SmsSendError:NOT_A_MOBILE' });
  });

  it('leaves an acknowledgement by e-mail waiting for its own sender, untried', async () => {
    const c = await registered({ name: '吴邮件', email: 'wu@example.invalid' });
    await runner.runNow('outbox.relay');
    const r = await t.deps.pool.query<{ attempts: number; delivered: boolean; dead: boolean }>(
      `SELECT o.attempts, o.delivered_at IS NOT NULL AS delivered, o.dead_at IS NOT NULL AS dead FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'reporter.acknowledgement'`,
      [c.caseNumber],
    );
    expect(r.rows[0]).toEqual({ attempts: 0, delivered: false, dead: false });
    expect(await outboxOf(c.caseNumber)).toMatchObject({ payload: { delivery: 'email' } });
  });
});
