// A loopback SMSC (npm `smpp`'s server as the operator's) for the SMS API tests: it records every submit_sm,
// answers with an id and a delivery receipt (a number ending in 33 is out of service), and lets a test
// deliver a text from a phone to the platform's number.
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import smpp, { type Pdu, type Session } from 'smpp';
import { registerChannelSenders, type ChannelSenders } from '../../src/channels/senders.js';
import { SMPP_DEFAULTS, SmppSmsProvider } from '../../src/channels/sms/smpp.js';
import { LiveSmsTemplates } from '../../src/channels/sms/live-templates.js';
import type { JobRunner } from '../../src/jobs/runner.js';
import { createTestRunner } from './job-runner.js';
import type { TestApp } from './test-app.js';

export const SP_NUMBER = '1069000012389';

export interface LoopbackSmsc {
  readonly submits: Pdu[];
  readonly runner: JobRunner;
  /** The provider's texts: the built-in ones until `reload` reads the sysadmin's, as every node does each minute. */
  readonly templates: LiveSmsTemplates;
  /** The texts sent to a mainland number (11 digits), parts joined, with the address each came from. */
  sentTo(mobile: string): { text: string; sourceAddr: string }[];
  /** A text from a phone to `destination` (the SP number and any extension). */
  deliver(fromMobile: string, destination: string, text: string): void;
  close(): Promise<void>;
}

/** `logger` goes to the job runner and the senders (silent by default). */
export async function startLoopbackSmsc(t: TestApp, receipt: (destination: string) => string = (d) => (d.endsWith('33') ? 'UNDELIV err:001' : 'DELIVRD err:000'), logger: Logger = pino({ level: 'silent' })): Promise<LoopbackSmsc> {
  const submits: Pdu[] = [];
  const sessions: Session[] = [];
  const server = smpp.createServer((session) => {
    sessions.push(session);
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: Pdu) => session.send(pdu.response({ system_id: 'SMSC' })));
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => session.send(pdu.response()));
    session.on('deliver_sm_resp', () => undefined);
    session.on('submit_sm', (pdu: Pdu) => {
      submits.push(pdu);
      const id = 0xc000 + submits.length;
      session.send(pdu.response({ message_id: id.toString(16) }));
      const stat = receipt(String(pdu.destination_addr));
      session.deliver_sm({ source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: 0x04, short_message: `id:${String(id).padStart(10, '0')} sub:001 dlvrd:001 submit date:2603021000 done date:2603021001 stat:${stat} text:` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const templates = new LiveSmsTemplates('示例市公安局');
  const provider = new SmppSmsProvider({ ...SMPP_DEFAULTS, host: '127.0.0.1', port: (server.address() as AddressInfo).port, tls: false, systemId: 'zhitong', password: 'pw', sourceAddr: SP_NUMBER, templates, responseTimeoutMs: 4000 });
  const runner = createTestRunner(t, { logger });
  const senders: ChannelSenders = registerChannelSenders(t.config, t.deps, runner, logger, provider);
  await senders.start();
  const textOf = (pdu: Pdu): string => (pdu.short_message as { message: string }).message;
  return {
    submits,
    runner,
    templates,
    sentTo(mobile) {
      return submits.filter((p) => p.destination_addr === `86${mobile}`).map((p) => ({ text: textOf(p), sourceAddr: String(p.source_addr) }));
    },
    deliver(fromMobile, destination, text) {
      const session = sessions[sessions.length - 1];
      if (session === undefined) throw new Error('no SMPP session');
      session.deliver_sm({ source_addr: `86${fromMobile}`, destination_addr: destination, esm_class: 0, data_coding: 0x08, short_message: { message: text } });
    },
    async close() {
      await senders.close();
      for (const s of sessions) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
