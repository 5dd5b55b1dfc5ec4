// Aliyun Dysms (channels.md §4.1): SendSms over HTTPS signed with V3, and the SmsReport / SmsUp
// HTTP pushes. The push carries no signature, so the webhook's URL must hold a secret path token
// (the HTTP layer's job); duplicates happen, so consumers key on the biz id and the sequence id.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { approvedTemplate } from './approved-template.js';
import type { SmsTemplateSet } from '../../domain/sms/templates.js';
import { acs3Authorization, acs3Headers, pct } from './aliyun-signature.js';
import { normaliseCarrierCode, SmsSendError } from './errors.js';
import { postForJson } from './http-send.js';
import { aliyunNumber, toE164 } from './phone.js';
import type { DeliveryReport, InboundSms, RawHttp, SmsEventListener, SmsMessage, SmsProvider, SmsSendResult, SmsTemplateIds, WebhookAck } from './types.js';
import { asArray, beijingTime, parseJsonBody } from './webhook-body.js';

export interface AliyunOptions {
  /** https://dysmsapi.aliyuncs.com in production (config enforces it). */
  readonly endpoint: URL;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly templates: SmsTemplateSet;
  readonly templateIds: SmsTemplateIds;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  readonly nonce?: () => string;
}

const SendResponse = z.object({
  Code: z.string().max(100),
  Message: z.string().max(1000).optional(),
  BizId: z.string().max(100).optional(),
  RequestId: z.string().max(100).optional(),
});

// Unknown fields are ignored on purpose: the provider adds fields without notice, and a push we
// refuse is retried three times and then lost.
const Report = z.object({
  phone_number: z.string().max(32),
  success: z.boolean(),
  err_code: z.string().max(64),
  report_time: z.string().max(32),
  biz_id: z.string().min(1).max(100),
  out_id: z.string().max(256).nullish(),
});
const Up = z.object({
  phone_number: z.string().max(32),
  send_time: z.string().max(32),
  content: z.string().max(2000),
  dest_code: z.string().max(32).nullish(),
  sequence_id: z.union([z.number().int(), z.string().max(64)]),
});

/** Throttling and server faults are worth another try; isv.* and credential errors are not. */
function retryableCode(code: string): boolean {
  return /^(Throttling|ServiceUnavailable|InternalError|SignatureNonceUsed)/u.test(code);
}

export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(private readonly o: AliyunOptions) {
    this.now = o.now ?? (() => new Date());
    this.nonce = o.nonce ?? (() => randomUUID());
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const { templateId: templateCode, rendered } = approvedTemplate(message, this.o.templateIds, this.o.templates);
    const query: Record<string, string> = {
      PhoneNumbers: aliyunNumber(message.to),
      SignName: rendered.signature,
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(rendered.named),
      OutId: message.idempotencyKey,
    };
    if (message.replyTag !== undefined) query.SmsUpExtendCode = message.replyTag;
    const body = '';
    const headers: Record<string, string> = {
      ...acs3Headers({ host: this.o.endpoint.host, action: 'SendSms', version: '2017-05-25', date: this.now(), nonce: this.nonce(), body }),
      accept: 'application/json',
    };
    headers.authorization = acs3Authorization({ method: 'POST', pathname: '/', query, headers, body }, this.o.accessKeyId, this.o.accessKeySecret);
    Reflect.deleteProperty(headers, 'host');
    const url = new URL('/', this.o.endpoint);
    url.search = Object.entries(query).map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
    const json = await postForJson(url, { headers, body }, this.o.timeoutMs);
    const parsed = SendResponse.safeParse(json.body);
    if (!parsed.success) throw new SmsSendError(`HTTP_${json.status}`, json.status >= 500);
    const r = parsed.data;
    if (r.Code !== 'OK' || r.BizId === undefined) throw new SmsSendError(r.Code, retryableCode(r.Code));
    return { providerMessageId: r.BizId, partMessageIds: [r.BizId], segments: rendered.segments.segments };
  }

  /** SmsReport: one entry per number; a long SMS is reported once (sms_size says how many parts). */
  parseDeliveryReports(req: RawHttp): DeliveryReport[] {
    const items = asArray(parseJsonBody(req, z.union([z.array(Report).max(1000), Report])));
    return items.map((r) => ({
      providerMessageId: r.biz_id,
      status: r.success ? 'delivered' : r.err_code === '' ? 'unknown' : 'failed',
      code: r.err_code === '' ? 'UNKNOWN' : normaliseCarrierCode(r.err_code),
      at: beijingTime(r.report_time),
      idempotencyKey: r.out_id ? r.out_id : null,
    }));
  }

  /** SmsUp: `dest_code` is the extension the reply went to (our SmsUpExtendCode). */
  parseInbound(req: RawHttp): InboundSms[] {
    const items = asArray(parseJsonBody(req, z.union([z.array(Up).max(1000), Up])));
    const out: InboundSms[] = [];
    for (const u of items) {
      const from = toE164(u.phone_number);
      if (from === null) continue;
      out.push({ from, text: u.content, at: beijingTime(u.send_time), replyTag: u.dest_code ? u.dest_code : null, externalId: `aliyun:${String(u.sequence_id)}` });
    }
    return out;
  }

  webhookAck(): WebhookAck {
    return { status: 200, body: JSON.stringify({ code: 0, msg: '成功' }) };
  }

  subscribe(_listener: SmsEventListener): () => void {
    return () => undefined;
  }
}
