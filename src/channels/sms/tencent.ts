// Tencent Cloud SMS (channels.md §4.2): SendSms 2021-01-11 signed with TC3, and the status and
// reply callbacks. Like Aliyun's, the callbacks are unsigned: the webhook URL carries the secret.
import { z } from 'zod';
import { approvedTemplate } from './approved-template.js';
import type { SmsTemplateSet } from '../../domain/sms/templates.js';
import { normaliseCarrierCode, SmsSendError } from './errors.js';
import { postForJson } from './http-send.js';
import { toE164 } from './phone.js';
import { TC3_CONTENT_TYPE, tc3Sign } from './tencent-signature.js';
import type { DeliveryReport, InboundSms, RawHttp, SmsEventListener, SmsMessage, SmsProvider, SmsSendResult, SmsTemplateIds, WebhookAck } from './types.js';
import { asArray, beijingTime, parseJsonBody } from './webhook-body.js';

export interface TencentOptions {
  /** https://sms.tencentcloudapi.com in production (config enforces it). */
  readonly endpoint: URL;
  readonly secretId: string;
  readonly secretKey: string;
  readonly sdkAppId: string;
  readonly region: string;
  readonly templates: SmsTemplateSet;
  readonly templateIds: SmsTemplateIds;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

const SendResponse = z.object({
  Response: z.object({
    Error: z.object({ Code: z.string().max(100) }).optional(),
    SendStatusSet: z.array(z.object({ SerialNo: z.string().max(100), Code: z.string().max(100) })).max(10).optional(),
  }),
});

// Unknown fields are ignored on purpose: see aliyun.ts.
const Status = z.object({
  user_receive_time: z.string().max(32),
  report_status: z.enum(['SUCCESS', 'FAIL']),
  errmsg: z.string().max(64),
  sid: z.string().min(1).max(100),
});
const Reply = z.object({
  extend: z.string().max(32).nullish(),
  mobile: z.string().max(32),
  nationcode: z.string().max(8),
  text: z.string().max(2000),
  time: z.number().int().positive(),
});

/** Server faults and API rate limits are worth another try; everything else is a refusal. */
function retryableCode(code: string): boolean {
  return /^(InternalError|RequestLimitExceeded|ResourceUnavailable)/u.test(code);
}

export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent';
  private readonly now: () => Date;

  constructor(private readonly o: TencentOptions) {
    this.now = o.now ?? (() => new Date());
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const { templateId, rendered } = approvedTemplate(message, this.o.templateIds, this.o.templates);
    const payload = JSON.stringify({
      PhoneNumberSet: [message.to],
      SmsSdkAppId: this.o.sdkAppId,
      SignName: rendered.signature,
      TemplateId: templateId,
      TemplateParamSet: rendered.ordered,
      SessionContext: message.idempotencyKey,
      ...(message.replyTag === undefined ? {} : { ExtendCode: message.replyTag }),
    });
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const sig = tc3Sign({ secretId: this.o.secretId, secretKey: this.o.secretKey, service: 'sms', host: this.o.endpoint.host, timestamp, payload });
    const headers = {
      authorization: sig.authorization,
      'content-type': TC3_CONTENT_TYPE,
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': this.o.region,
      'x-tc-timestamp': String(timestamp),
    };
    const json = await postForJson(new URL('/', this.o.endpoint), { headers, body: payload }, this.o.timeoutMs);
    const parsed = SendResponse.safeParse(json.body);
    if (!parsed.success) throw new SmsSendError(`HTTP_${json.status}`, json.status >= 500);
    const r = parsed.data.Response;
    if (r.Error) throw new SmsSendError(r.Error.Code, retryableCode(r.Error.Code));
    const status = r.SendStatusSet?.[0];
    if (!status) throw new SmsSendError('NO_STATUS', true);
    if (status.Code !== 'Ok') throw new SmsSendError(status.Code, retryableCode(status.Code));
    return { providerMessageId: status.SerialNo, partMessageIds: [status.SerialNo], segments: rendered.segments.segments };
  }

  /** Status callback: `sid` is the SerialNo SendSms returned. */
  parseDeliveryReports(req: RawHttp): DeliveryReport[] {
    return asArray(parseJsonBody(req, z.union([z.array(Status).max(1000), Status]))).map((s) => ({
      providerMessageId: s.sid,
      status: s.report_status === 'SUCCESS' ? 'delivered' : 'failed',
      code: s.errmsg === '' ? s.report_status : normaliseCarrierCode(s.errmsg),
      at: beijingTime(s.user_receive_time),
      idempotencyKey: null,
    }));
  }

  /** Reply callback: `extend` is the ExtendCode the reply went to. */
  parseInbound(req: RawHttp): InboundSms[] {
    const out: InboundSms[] = [];
    for (const r of asArray(parseJsonBody(req, z.union([z.array(Reply).max(1000), Reply])))) {
      const from = toE164(r.mobile, r.nationcode);
      if (from === null) continue;
      out.push({ from, text: r.text, at: new Date(r.time * 1000), replyTag: r.extend ? r.extend : null, externalId: null });
    }
    return out;
  }

  webhookAck(): WebhookAck {
    return { status: 200, body: JSON.stringify({ result: 0, errmsg: 'OK' }) };
  }

  subscribe(_listener: SmsEventListener): () => void {
    return () => undefined;
  }
}
