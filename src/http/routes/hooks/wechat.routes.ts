// The WeChat official account's message push (issue 8, channels.md §1): GET answers the URL verification,
// POST takes messages. Nothing is decoded before the URL signature holds, and every refusal — WeChat off,
// a bad or stale signature, a replay, another AppID, an old key past its grace, a DTD, a body that is not
// a message — is the same 404 as an unknown path. A stored message is answered at once; the clerk
// registers it from the inbox.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { passiveTextReply, RECEIVED_TEXT } from '../../../channels/wechat/reply.js';
import { MAX_PUSH_BYTES, openPush, timestampFresh, urlSignatureValid } from '../../../channels/wechat/push.js';
import { LiveChannelSettings } from '../../../channels/settings/live.js';
import { ingestWechatPush } from '../../../commands/intake/ingest-wechat.js';
import { hotlineText } from '../../../domain/wechat/menu.js';
import { loadSiteSettings } from '../../../store/site-settings.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { parseRequest } from '../../route-input.js';

const q = z.string().max(200).optional();
const pushQuery = z.object({ signature: q, timestamp: q, nonce: q, encrypt_type: q, msg_signature: q, openid: q });
const verifyQuery = pushQuery.extend({ echostr: z.string().regex(/^[A-Za-z0-9+/=_-]{1,200}$/u).optional() });
const xmlBody = z.string().max(MAX_PUSH_BYTES);

/** A malformed query is one more refusal, answered like the others rather than with a field list. */
function queryOf<S extends z.ZodType>(request: FastifyRequest, schema: S): z.output<S> {
  try {
    return parseRequest(request, 'query', schema);
  } catch {
    throw new HttpError('not_found');
  }
}

export function registerWechatHookRoutes(app: FastifyInstance, ctx: HttpContext): void {
  // The environment's account, or the sysadmin's from the console (reloaded after a save, and each minute).
  const live = new LiveChannelSettings(ctx.config, ctx.deps);
  app.addHook('onClose', () => live.stop());
  void app.register((scope, _options, done) => {
    // WeChat posts text/xml; only this route reads XML, as text, and only up to 64 KB.
    scope.addContentTypeParser(['text/xml', 'application/xml', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_PUSH_BYTES }, (_request, body, done) => done(null, body));

    scope.get('/hooks/wechat', { config: { policy: 'channel', input: { query: verifyQuery } } }, async (request, reply) => {
      const query = queryOf(request, verifyQuery);
      const config = (await live.fresh()).wechat;
      const echo = query.echostr;
      if (config === null || echo === undefined || !urlSignatureValid(config, query) || !timestampFresh(query.timestamp, ctx.deps.clock.now())) throw new HttpError('not_found');
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(echo);
    });

    scope.post('/hooks/wechat', { config: { policy: 'channel', input: { query: pushQuery, body: xmlBody } } }, async (request, reply) => {
      const config = (await live.fresh()).wechat;
      if (config === null || typeof request.body !== 'string') throw new HttpError('not_found');
      const now = ctx.deps.clock.now();
      const push = openPush(config, queryOf(request, pushQuery), request.body, now);
      if (push === null) throw new HttpError('not_found');
      const outcome = await ingestWechatPush(ctx.deps, push.message, push.replayMaterial, config.conversationMs, config.subscribeTemplateId ?? null);
      if (outcome.kind === 'replayed') throw new HttpError('not_found');
      reply.header('cache-control', 'no-store');
      if (outcome.kind === 'stored' && outcome.started) return reply.type('application/xml; charset=utf-8').send(passiveTextReply(config, push, RECEIVED_TEXT, now));
      if (outcome.kind === 'stored' && outcome.menu === 'hotline') {
        const site = (await loadSiteSettings(ctx.deps.pool)).settings;
        return reply.type('application/xml; charset=utf-8').send(passiveTextReply(config, push, hotlineText(site.hotline, site.hotlineHours.zh), now));
      }
      return reply.type('text/plain; charset=utf-8').send('success');
    });
    done();
  });
}
