// SMPP 3.4 over npm `smpp` (channels.md §4.3): one bound transceiver session, kept alive with
// enquire_link and rebuilt with backoff when it drops; submit_sm in UCS-2 with a receipt asked
// for; throttling answered with backoff; receipts and replies pushed to subscribers.
import { randomInt } from 'node:crypto';
import smpp, { type Pdu, type Session } from 'smpp';
import { renderSms } from '../../domain/sms/render.js';
import type { SmsTemplateSet } from '../../domain/sms/templates.js';
import { SmsSendError } from './errors.js';
import { assertIdempotencyKey, assertReplyTag, smppNumber } from './phone.js';
import { deliverEvent } from './smpp-events.js';
import { ESME_RMSGQFUL, ESME_RTHROTTLED, RETRYABLE_STATUSES, UCS2, Reassembler, receiptIdCandidates, submitBodies } from './smpp-pdu.js';
import type { DeliveryReport, InboundSms, SmsEvent, SmsEventListener, SmsMessage, SmsProvider, SmsSendResult, WebhookAck } from './types.js';

export interface SmppOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly systemId: string;
  readonly password: string;
  readonly systemType?: string;
  /** The SP number replies come back to; a reply tag is appended to it as the extension. */
  readonly sourceAddr: string;
  readonly templates: SmsTemplateSet;
  readonly longMessages: 'udh' | 'payload';
  readonly enquireLinkMs: number;
  readonly responseTimeoutMs: number;
  readonly submitsPerSecond: number;
  /** Throttled submits are retried this often within one send, waiting base × 2^n. */
  readonly throttleRetries: number;
  readonly throttleBaseMs: number;
  readonly reconnectMaxMs: number;
}

export const SMPP_DEFAULTS = {
  longMessages: 'udh',
  enquireLinkMs: 30_000,
  responseTimeoutMs: 10_000,
  submitsPerSecond: 10,
  throttleRetries: 3,
  throttleBaseMs: 500,
  reconnectMaxMs: 60_000,
} as const satisfies Partial<SmppOptions>;

/** Submitted ids kept for matching receipts; older receipts are passed on with their own id. */
const REMEMBERED_IDS = 20_000;
const ESME_RX_T_APPN = 0x64;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function statusCode(status: number): string {
  const name = Object.entries(smpp.errors).find(([, v]) => v === status)?.[0];
  return name ?? `ESME_0X${status.toString(16).toUpperCase()}`;
}

export class SmppSmsProvider implements SmsProvider {
  readonly name = 'smpp';
  private session: Session | null = null;
  private bound = false;
  private closing = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private awaitingEnquire = false;
  private nextSlot = 0;
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<SmsEventListener>();
  private readonly submitted = new Map<string, string>();
  private readonly reassembler = new Reassembler();

  constructor(private readonly o: SmppOptions) {}

  /** Binds; on failure the provider keeps trying in the background and the caller may log the rejection. */
  start(): Promise<void> {
    this.closing = false;
    const bound = this.connect();
    bound.catch(() => this.scheduleReconnect());
    return bound;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopEnquire();
    const session = this.session;
    this.session = null;
    if (!session) return;
    if (this.bound) await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      session.unbind({}, () => { clearTimeout(timer); resolve(); });
    });
    this.bound = false;
    await new Promise<void>((resolve) => session.destroy(() => resolve()));
  }

  subscribe(listener: SmsEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** SMPP has no webhook: its reports and replies arrive through `subscribe`. */
  parseDeliveryReports(): DeliveryReport[] {
    throw new SmsSendError('NOT_A_WEBHOOK_PROVIDER', false);
  }

  parseInbound(): InboundSms[] {
    throw new SmsSendError('NOT_A_WEBHOOK_PROVIDER', false);
  }

  webhookAck(): WebhookAck {
    return { status: 404, body: '' };
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    assertIdempotencyKey(message.idempotencyKey);
    assertReplyTag(message.replyTag);
    const rendered = renderSms(this.o.templates, message.template.key, message.template.params);
    const session = await this.ready();
    const common = {
      source_addr_ton: 0,
      source_addr_npi: 0,
      source_addr: this.o.sourceAddr + (message.replyTag ?? ''),
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: smppNumber(message.to),
      registered_delivery: 1,
      data_coding: UCS2,
    };
    const ids: string[] = [];
    for (const body of submitBodies(rendered.text, this.o.longMessages, randomInt(256))) {
      const id = await this.submit(session, { ...common, ...body });
      this.remember(id);
      ids.push(id);
    }
    const [first] = ids;
    if (first === undefined) throw new SmsSendError('NOTHING_SENT', true);
    return { providerMessageId: first, partMessageIds: ids, segments: rendered.segments.segments };
  }

  private async submit(session: Session, options: Record<string, unknown>): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      await this.pace();
      const resp = await this.request((cb) => session.submit_sm(options, cb));
      if (resp.command_status === 0) {
        const id = typeof resp.message_id === 'string' ? resp.message_id : '';
        if (id === '') throw new SmsSendError('NO_MESSAGE_ID', false);
        return id;
      }
      const throttled = resp.command_status === ESME_RTHROTTLED || resp.command_status === ESME_RMSGQFUL;
      if (!throttled || attempt >= this.o.throttleRetries) throw new SmsSendError(statusCode(resp.command_status), RETRYABLE_STATUSES.has(resp.command_status));
      await sleep(this.o.throttleBaseMs * 2 ** attempt);
    }
  }

  /** One request and its response, or a retryable failure when the session is gone or silent. */
  private request(sendIt: (cb: (pdu: Pdu) => void) => boolean): Promise<Pdu> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new SmsSendError('TIMEOUT', true)), this.o.responseTimeoutMs);
      const sent = sendIt((pdu) => {
        clearTimeout(timer);
        resolve(pdu);
      });
      if (!sent) {
        clearTimeout(timer);
        reject(new SmsSendError('NOT_BOUND', true));
      }
    });
  }

  /** Spaces submits to the SMSC's agreed rate, so throttling is the exception. */
  private async pace(): Promise<void> {
    const now = Date.now();
    const wait = Math.max(0, this.nextSlot - now);
    this.nextSlot = Math.max(now, this.nextSlot) + 1000 / this.o.submitsPerSecond;
    if (wait > 0) await sleep(wait);
  }

  private async ready(): Promise<Session> {
    if (!this.bound) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiters.delete(done);
          reject(new SmsSendError('NOT_BOUND', true));
        }, this.o.responseTimeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.add(done);
      });
    }
    if (!this.session) throw new SmsSendError('NOT_BOUND', true);
    return this.session;
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (err: SmsSendError) => {
        clearTimeout(timer);
        reject(err);
      };
      const session = smpp.connect({ host: this.o.host, port: this.o.port, tls: this.o.tls }, () => {
        session.bind_transceiver({ system_id: this.o.systemId, password: this.o.password, system_type: this.o.systemType ?? '', interface_version: 0x34 }, (pdu) => {
          if (pdu.command_status !== 0) {
            // A refused bind is configuration (credentials, address): say which status, keep trying slowly.
            fail(new SmsSendError(`BIND_${statusCode(pdu.command_status)}`, false));
            session.destroy();
            return;
          }
          clearTimeout(timer);
          this.bound = true;
          this.attempt = 0;
          this.startEnquire(session);
          for (const w of this.waiters) w();
          this.waiters.clear();
          resolve();
        });
      });
      const timer = setTimeout(() => {
        fail(new SmsSendError('BIND_TIMEOUT', true));
        session.destroy();
      }, this.o.responseTimeoutMs);
      // Without a listener an 'error' event would throw; the close that follows does the recovery.
      session.on('error', () => fail(new SmsSendError('TRANSPORT', true)));
      session.on('close', () => {
        clearTimeout(timer);
        if (this.session === session) {
          this.bound = false;
          this.stopEnquire();
          if (!this.closing) this.scheduleReconnect();
        }
        fail(new SmsSendError('CLOSED', true));
      });
      session.on('deliver_sm', (pdu: Pdu) => void this.onDeliver(session, pdu));
      session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
      session.on('unbind', (pdu: Pdu) => {
        session.send(pdu.response());
        session.close();
      });
      this.session = session;
    });
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const delay = Math.min(this.o.reconnectMaxMs, 1000 * 2 ** this.attempt) + randomInt(250);
    this.attempt = Math.min(this.attempt + 1, 10);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
    this.reconnectTimer.unref();
  }

  /** A link that does not answer enquire_link within one period is dead: drop it and rebind. */
  private startEnquire(session: Session): void {
    this.stopEnquire();
    this.awaitingEnquire = false;
    this.enquireTimer = setInterval(() => {
      if (this.awaitingEnquire) {
        session.destroy();
        return;
      }
      this.awaitingEnquire = true;
      session.enquire_link({}, () => (this.awaitingEnquire = false));
    }, this.o.enquireLinkMs);
    this.enquireTimer.unref();
  }

  private stopEnquire(): void {
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
  }

  private remember(id: string): void {
    for (const form of receiptIdCandidates(id)) this.submitted.set(form, id);
    while (this.submitted.size > REMEMBERED_IDS * 3) {
      const oldest = this.submitted.keys().next().value;
      if (oldest === undefined) break;
      this.submitted.delete(oldest);
    }
  }

  private async onDeliver(session: Session, pdu: Pdu): Promise<void> {
    let event: SmsEvent | null = null;
    try {
      event = deliverEvent(pdu, { sourceAddr: this.o.sourceAddr, submitted: this.submitted, reassembler: this.reassembler, now: new Date() });
    } catch {
      // Unreadable stays unreadable: accept it, or the SMSC would offer it forever.
    }
    let status = 0;
    if (event) {
      const taken = event;
      // Until every subscriber has kept it, the SMSC keeps it and delivers it again.
      await Promise.all([...this.listeners].map(async (l) => l(taken))).catch(() => (status = ESME_RX_T_APPN));
    }
    session.send(pdu.response({ command_status: status }));
  }
}
