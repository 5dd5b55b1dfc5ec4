// The PBX's webhook (issue 6, docs/cti.md): POST /hooks/cti, Standard Webhooks signed. The signature is
// checked over the raw bytes before any JSON is read; anything unproven — no or wrong signature, a stale
// or future timestamp, telephony off — gets the same 404 as an unknown path and leaves nothing behind.
// A webhook id already applied answers 200 with no effect, so the PBX's retries are harmless.
import type { FastifyInstance } from 'fastify';
import { ctiEvent } from '../../../channels/cti/events.js';
import { CtiPayloadError, handleCtiDelivery, parseEvent } from '../../../channels/cti/inbound.js';
import { RecordingFetchError } from '../../../channels/cti/recording-fetch.js';
import { verifyDelivery } from '../../../channels/cti/signature.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';

/** An event with a recording reference is a few hundred bytes; the audio is fetched, never posted. */
const CTI_BODY_LIMIT = 16 * 1024;

function refusal(err: RecordingFetchError): HttpError {
  // The host rule is the PBX's configuration error: retrying cannot help. Everything else may pass.
  return err.reason === 'host' ? new HttpError('recording_host') : new HttpError('recording_unavailable');
}

export function registerCtiHookRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const cti = ctx.config.cti;
  // Its own context: the raw bytes are what the signature covers, so this route alone reads no JSON.
  void app.register((hook, _options, registered) => {
    hook.removeAllContentTypeParsers();
    hook.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CTI_BODY_LIMIT }, (_request, body, done) => {
      done(null, body);
    });
    hook.post('/hooks/cti', { config: { policy: 'channel', input: { body: ctiEvent }, problems: ['recording_host', 'recording_unavailable'] } }, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : null;
      const delivery = cti === null || raw === null ? null : verifyDelivery(cti.secret, raw, request.headers);
      if (cti === null || delivery === null) throw new HttpError('not_found');
      try {
        await handleCtiDelivery(ctx.deps, cti, delivery.webhookId, parseEvent(delivery.body));
      } catch (err) {
        if (err instanceof CtiPayloadError) throw new HttpError('validation_failed');
        if (err instanceof RecordingFetchError) throw refusal(err);
        throw err;
      }
      return reply.status(200).type('application/json; charset=utf-8').send({});
    });
    registered();
  });
}
