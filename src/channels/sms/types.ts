// The provider abstraction of channels.md §4.4: a deployment plugs in its carrier behind it. The
// outbox handler calls `send` with ids it decrypted at send time; webhooks hand the raw request to
// the parse methods; SMPP pushes the same events through `subscribe`.
import type { FollowupRating } from '../../domain/sms/followup-reply.js';
import type { SmsTemplateKey } from '../../domain/sms/templates.js';

export type { FollowupRating };

/** `+` and 8–15 digits; build one with `toE164`. */
export type E164 = string & { readonly __e164: true };

export type SmsProviderName = 'aliyun' | 'tencent' | 'smpp' | 'fake';

export interface SmsMessage {
  readonly to: E164;
  readonly template: { readonly key: SmsTemplateKey; readonly params: Readonly<Record<string, string>> };
  /** The outbox row's key: Aliyun echoes it as out_id, Tencent as SessionContext. */
  readonly idempotencyKey: string;
  /** Extension code appended to the sender number so a reply finds its case (digits). */
  readonly replyTag?: string;
}

export interface SmsSendResult {
  /** What delivery reports name the message by (SMPP: the first part's id). */
  readonly providerMessageId: string;
  /** Every id a report may name: SMPP sends a long text as several messages, each with its receipt. */
  readonly partMessageIds: readonly string[];
  readonly segments: number;
}

export interface RawHttp {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: string | Uint8Array;
}

export type DeliveryStatus = 'delivered' | 'failed' | 'unknown';

export interface DeliveryReport {
  readonly providerMessageId: string;
  readonly status: DeliveryStatus;
  /** The carrier's code (DELIVERED, DELIVRD, UNDELIV, isv codes …), upper-case and bounded. */
  readonly code: string;
  readonly at: Date;
  /** Our idempotency key when the provider echoes it (Aliyun out_id). */
  readonly idempotencyKey: string | null;
}

export interface InboundSms {
  readonly from: E164;
  readonly text: string;
  readonly at: Date;
  /** The extension code the reply was sent to, if the carrier passes it on. */
  readonly replyTag: string | null;
  /** The provider's own id for the message, when it has one (dedup); otherwise the caller keys one. */
  readonly externalId: string | null;
}

export type SmsEvent = { readonly type: 'delivery'; readonly report: DeliveryReport } | { readonly type: 'inbound'; readonly sms: InboundSms };

export type SmsEventListener = (event: SmsEvent) => void | Promise<void>;

/** What the webhook must answer so the provider stops retrying. */
export interface WebhookAck {
  readonly status: number;
  readonly body: string;
}

export interface SmsProvider {
  readonly name: SmsProviderName;
  /** Connects a session provider (SMPP); HTTP providers resolve at once. */
  start(): Promise<void>;
  send(message: SmsMessage): Promise<SmsSendResult>;
  /** Webhook providers only: a report push into normalised reports. Throws SmsPayloadError on a bad body. */
  parseDeliveryReports(req: RawHttp): DeliveryReport[];
  /** Webhook providers only: an inbound (reply) push into normalised messages. */
  parseInbound(req: RawHttp): InboundSms[];
  webhookAck(): WebhookAck;
  /**
   * Session providers push reports and replies here; returns the unsubscribe. SMPP acknowledges a
   * deliver_sm only after every listener's promise settles, and asks the SMSC to resend if one
   * rejects: persist before resolving and the event is not lost.
   */
  subscribe(listener: SmsEventListener): () => void;
  close(): Promise<void>;
}

export type SmsTemplateIds = Readonly<Partial<Record<SmsTemplateKey, string>>>;
