// The SMS providers' pushes (issue 6): Aliyun's SmsReport / SmsUp and Tencent's status and reply callbacks
// carry no signature, so each goes to a path holding the secret ZHITONG_SMS_WEBHOOK_TOKEN. A wrong secret,
// SMS off or a session provider (SMPP pushes over its own connection) get the same 404 as an unknown path.
// Reports update the sent message; texts become inbox items; the provider's own answer says "received"
// only after they are stored.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ingestInboundSms, recordDeliveryReport } from '../../../channels/sms/inbound.js';
import { SmsPayloadError } from '../../../channels/sms/errors.js';
import { createSmsProvider } from '../../../channels/sms/provider.js';
import type { RawHttp, SmsProvider } from '../../../channels/sms/types.js';
import { timingSafeEqualStr } from '../../../security/tokens.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { parseRequest, pathParams } from '../../route-input.js';

const params = z.strictObject({ token: z.string().max(200), kind: z.enum(['reports', 'replies']) });
/**
 * A JSON array of records (Aliyun, Tencent's status reports) or one record (Tencent's reply callback); each
 * provider's parser then reads its own fields strictly.
 */
const pushRecord = z.record(z.string(), z.unknown());
const pushBody = z.union([z.array(pushRecord).max(1000), pushRecord]);

function rawOf(request: FastifyRequest): RawHttp {
  // Parsed as JSON by the app (64 KB at most); the provider parsers read the text again, strictly.
  return { headers: request.headers, body: JSON.stringify(parseRequest(request, 'body', pushBody)) };
}

export function registerSmsHookRoutes(app: FastifyInstance, ctx: HttpContext, provider: SmsProvider | null = createSmsProvider(ctx.config.sms)): void {
  const token = ctx.config.sms.webhookToken;
  const pusher = provider !== null && token !== null && provider.name !== 'smpp' ? { provider, token } : null;
  app.post('/hooks/sms/:token/:kind', { config: { policy: 'channel', input: { params, body: pushBody }, problems: ['bad_request'] } }, async (request, reply) => {
    const p = pathParams(request, params);
    if (pusher === null || !timingSafeEqualStr(p.token, pusher.token)) throw new HttpError('not_found');
    const { provider: from } = pusher;
    const raw = rawOf(request);
    try {
      if (p.kind === 'reports') {
        for (const report of from.parseDeliveryReports(raw)) await recordDeliveryReport(ctx.deps, from.name, report);
      } else {
        for (const sms of from.parseInbound(raw)) await ingestInboundSms(ctx.deps, sms);
      }
    } catch (err) {
      if (err instanceof SmsPayloadError) throw new HttpError('bad_request');
      throw err;
    }
    const ack = from.webhookAck();
    return reply.status(ack.status).type('application/json; charset=utf-8').send(ack.body);
  });
}
