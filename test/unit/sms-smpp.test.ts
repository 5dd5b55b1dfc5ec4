// SMPP against npm `smpp`'s own server acting as the operator's SMSC on a loopback port
// (channels.md §4.3): bind, submit in UCS-2 with receipts, long texts, throttling, replies.
import type { AddressInfo } from 'node:net';
import smpp, { type Pdu, type Session } from 'smpp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toE164 } from '../../src/channels/sms/phone.js';
import { SMPP_DEFAULTS, SmppSmsProvider, type SmppOptions } from '../../src/channels/sms/smpp.js';
import type { SmsEvent } from '../../src/channels/sms/types.js';
import { parseFollowupReply } from '../../src/domain/sms/followup-reply.js';
import { renderSms } from '../../src/domain/sms/render.js';
import { buildTemplateSet } from '../../src/domain/sms/templates.js';

const SP = '1069000012340';
const templates = buildTemplateSet();

/** The fake SMSC: answers in hex, reports in decimal (as real ones do), throttles on request. */
const smsc = {
  sessions: [] as Session[],
  submits: [] as Pdu[],
  enquires: 0,
  throttleNext: 0,
  nextId: 0xa000,
  deliverResponses: [] as number[],
  receipts: true,
};

const server = smpp.createServer((session) => {
  smsc.sessions.push(session);
  session.on('error', () => undefined);
  session.on('bind_transceiver', (pdu: Pdu) => {
    const ok = pdu.system_id === 'zhitong' && pdu.password === 'pw';
    session.send(pdu.response({ command_status: ok ? 0 : 0x0e, system_id: 'SMSC' }));
  });
  session.on('enquire_link', (pdu: Pdu) => {
    smsc.enquires += 1;
    session.send(pdu.response());
  });
  session.on('unbind', (pdu: Pdu) => session.send(pdu.response()));
  session.on('deliver_sm_resp', (pdu: Pdu) => smsc.deliverResponses.push(pdu.command_status));
  session.on('submit_sm', (pdu: Pdu) => {
    if (smsc.throttleNext > 0) {
      smsc.throttleNext -= 1;
      session.send(pdu.response({ command_status: 0x58 }));
      return;
    }
    smsc.submits.push(pdu);
    const id = (smsc.nextId += 1);
    session.send(pdu.response({ message_id: id.toString(16) }));
    if (!smsc.receipts) return;
    session.deliver_sm({
      source_addr: pdu.destination_addr,
      destination_addr: pdu.source_addr,
      esm_class: 0x04,
      short_message: `id:${String(id).padStart(10, '0')} sub:001 dlvrd:001 submit date:2611301200 done date:2611301201 stat:DELIVRD err:000 text:`,
    });
  });
});

let port = 0;
let provider: SmppSmsProvider | null = null;
let events: SmsEvent[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await provider?.close();
  provider = null;
  events = [];
  Object.assign(smsc, { submits: [], throttleNext: 0, deliverResponses: [], receipts: true, enquires: 0 });
});

afterAll(async () => {
  for (const s of smsc.sessions) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function make(overrides: Partial<SmppOptions> = {}): SmppSmsProvider {
  provider = new SmppSmsProvider({
    ...SMPP_DEFAULTS,
    host: '127.0.0.1',
    port,
    tls: false,
    systemId: 'zhitong',
    password: 'pw',
    sourceAddr: SP,
    templates,
    throttleBaseMs: 10,
    responseTimeoutMs: 4000,
    submitsPerSecond: 200,
    ...overrides,
  });
  provider.subscribe((e) => {
    events.push(e);
  });
  return provider;
}

async function until<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const latestSession = () => smsc.sessions[smsc.sessions.length - 1]!;
const textOf = (pdu: Pdu, field = 'short_message') => (pdu[field] as { message: string }).message;
const ack = { key: 'reporter.acknowledgement' as const, params: { caseNumber: 'SL2026000123', queryCode: '0123456789' } };

describe('SMPP provider against a loopback SMSC', () => {
  it('sends a Chinese acknowledgement as UCS-2 UDH parts and matches each receipt to its part', async () => {
    const p = make();
    await p.start();
    const result = await p.send({ to: toE164('13900000001')!, template: ack, idempotencyKey: 'ack-1', replyTag: '01' });
    const expected = renderSms(templates, 'reporter.acknowledgement', ack.params).text;
    expect(smsc.submits).toHaveLength(2);
    for (const pdu of smsc.submits) {
      expect(pdu).toMatchObject({ data_coding: 0x08, registered_delivery: 1, destination_addr: '8613900000001', source_addr: `${SP}01`, dest_addr_ton: 1 });
      expect((pdu.esm_class as number) & 0x40).toBe(0x40);
    }
    expect(smsc.submits.map((s) => textOf(s)).join('')).toBe(expected);
    expect(result.segments).toBe(2);
    expect(result.partMessageIds).toHaveLength(2);
    expect(result.providerMessageId).toBe(result.partMessageIds[0]);

    const reports = await until(() => {
      const r = events.flatMap((e) => (e.type === 'delivery' ? [e.report] : []));
      return r.length === 2 ? r : undefined;
    });
    // The SMSC reported 10-digit decimal ids; they come back as the hex ids submit_sm_resp gave.
    expect(reports.map((r) => r.providerMessageId)).toEqual(result.partMessageIds);
    expect(reports.every((r) => r.status === 'delivered' && r.code === 'DELIVRD')).toBe(true);
  });

  it('receives an inbound "1" with its extension as a satisfied follow-up, and Chinese text in UCS-2', async () => {
    const p = make();
    await p.start();
    latestSession().deliver_sm({ source_addr: '8613900000001', destination_addr: `${SP}01`, esm_class: 0, short_message: '1' });
    latestSession().deliver_sm({ source_addr: '13900000002', destination_addr: SP, esm_class: 0, data_coding: 0x08, short_message: '基本满意' });
    const inbound = await until(() => {
      const r = events.flatMap((e) => (e.type === 'inbound' ? [e.sms] : []));
      return r.length === 2 ? r : undefined;
    });
    expect(inbound[0]).toMatchObject({ from: '+8613900000001', text: '1', replyTag: '01', externalId: null });
    expect(parseFollowupReply(inbound[0]!.text)).toBe('satisfied');
    expect(inbound[1]).toMatchObject({ from: '+8613900000002', text: '基本满意', replyTag: null });
    expect(parseFollowupReply(inbound[1]!.text)).toBe('basically_satisfied');
    await until(() => (smsc.deliverResponses.length === 2 ? true : undefined));
    expect(smsc.deliverResponses).toEqual([0, 0]);
  });

  it('asks the SMSC to deliver again only when a subscriber fails to keep an event', async () => {
    const p = make();
    p.subscribe(() => Promise.reject(new Error('database down')));
    await p.start();
    // A receipt we cannot read is accepted (offering it again would not help); a reply nobody kept is not.
    latestSession().deliver_sm({ source_addr: '8613900000001', destination_addr: SP, esm_class: 0x04, short_message: 'garbage' });
    await until(() => (smsc.deliverResponses.length === 1 ? true : undefined));
    latestSession().deliver_sm({ source_addr: '8613900000001', destination_addr: SP, short_message: '3' });
    await until(() => (smsc.deliverResponses.length === 2 ? true : undefined));
    expect(smsc.deliverResponses).toEqual([0, 0x64]);
  });

  it('backs off when throttled and gives up as retryable after its retries', async () => {
    const p = make();
    await p.start();
    smsc.throttleNext = 2;
    const msg = { to: toE164('+8613900000001')!, template: { key: 'followup.question' as const, params: { caseNumber: 'SL1' } }, idempotencyKey: 'f-1' };
    await expect(p.send(msg)).resolves.toMatchObject({ segments: 1 });
    smsc.throttleNext = 10;
    await expect(p.send(msg)).rejects.toMatchObject({ name: 'SmsSendError', code: 'ESME_RTHROTTLED', retryable: true });
  });

  it('sends a long text whole in message_payload when so configured', async () => {
    const p = make({ longMessages: 'payload' });
    await p.start();
    const result = await p.send({ to: toE164('13900000001')!, template: ack, idempotencyKey: 'ack-2' });
    expect(smsc.submits).toHaveLength(1);
    expect(textOf(smsc.submits[0]!, 'message_payload')).toBe(renderSms(templates, 'reporter.acknowledgement', ack.params).text);
    expect(result.partMessageIds).toHaveLength(1);
  });

  it('keeps the link alive with enquire_link and rebinds after the SMSC drops it', async () => {
    const p = make({ enquireLinkMs: 100 });
    await p.start();
    await until(() => (smsc.enquires >= 2 ? true : undefined));
    const before = smsc.sessions.length;
    latestSession().destroy();
    await until(() => (smsc.sessions.length > before ? true : undefined), 6000);
    smsc.receipts = false;
    await expect(p.send({ to: toE164('13900000001')!, template: { key: 'staff.chased', params: { caseNumber: 'SL1' } }, idempotencyKey: 's-1' })).resolves.toMatchObject({ segments: 1 });
  });

  it('refuses to bind with a wrong password and says so without the password', async () => {
    const p = make({ password: 'wrong' });
    const err = await p.start().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SmsSendError', code: 'BIND_ESME_RINVPASWD', retryable: false });
    expect((err as Error).message).not.toContain('wrong');
  });
});
