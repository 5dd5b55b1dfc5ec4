// An in-memory provider for tests and development: it keeps what it was asked to send (rendered,
// so a test can read the text a phone would show) and lets a test push reports and replies.
import { renderSms, type RenderedSms } from '../../domain/sms/render.js';
import { buildTemplateSet, type SmsTemplateSet } from '../../domain/sms/templates.js';
import { SmsSendError } from './errors.js';
import { assertIdempotencyKey, assertReplyTag } from './phone.js';
import type { DeliveryReport, InboundSms, SmsEvent, SmsEventListener, SmsMessage, SmsProvider, SmsSendResult, WebhookAck } from './types.js';

export interface FakeSent {
  readonly message: SmsMessage;
  readonly rendered: RenderedSms;
  readonly providerMessageId: string;
}

export class FakeSmsProvider implements SmsProvider {
  readonly name = 'fake';
  readonly sent: FakeSent[] = [];
  /** Codes to fail the next sends with, in order (retryable unless the code starts with `ISV`). */
  readonly failNext: string[] = [];
  private readonly listeners = new Set<SmsEventListener>();
  private counter = 0;

  constructor(private readonly templates: SmsTemplateSet = buildTemplateSet()) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  send(message: SmsMessage): Promise<SmsSendResult> {
    try {
      assertIdempotencyKey(message.idempotencyKey);
      assertReplyTag(message.replyTag);
      const rendered = renderSms(this.templates, message.template.key, message.template.params);
      const failure = this.failNext.shift();
      if (failure !== undefined) throw new SmsSendError(failure, !failure.startsWith('ISV'));
      this.counter += 1;
      const providerMessageId = `fake-${this.counter}`;
      this.sent.push({ message, rendered, providerMessageId });
      return Promise.resolve({ providerMessageId, partMessageIds: [providerMessageId], segments: rendered.segments.segments });
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error('fake send failed'));
    }
  }

  /** Hands an event to the subscribers as SMPP would; resolves when they have taken it. */
  async emit(event: SmsEvent): Promise<void> {
    await Promise.all([...this.listeners].map(async (l) => l(event)));
  }

  subscribe(listener: SmsEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  parseDeliveryReports(): DeliveryReport[] {
    return [];
  }

  parseInbound(): InboundSms[] {
    return [];
  }

  webhookAck(): WebhookAck {
    return { status: 200, body: '{}' };
  }
}
