// The hotline's staff routes (issue 6, docs/cti.md): the screen pop the console polls, the call figures,
// and click-to-dial a reporter for a follow-up.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendDialRequest } from '../../../channels/cti/dial.js';
import { dialReporter } from '../../../commands/cti/dial-reporter.js';
import { isCentreRole } from '../../../domain/actions.js';
import { callStats } from '../../../queries/cti/call-stats.js';
import { currentCalls } from '../../../queries/cti/current-calls.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { roleGuard, staffGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { actorOf } from './case-actor.js';
import { obj } from './case-schemas.js';
import { statsPeriod, statsQuery, statsReader } from './stats.routes.js';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const nint = { type: ['integer', 'null'] } as const;
const arr = (items: unknown) => ({ type: 'array', items }) as const;

const callPop = obj({
  callId: str, state: str, direction: str, callerNumber: nstr, startedAt: nstr, answeredAt: nstr, line: nstr, repeatCaller: { type: 'boolean' },
  history: obj({
    cases: arr(obj({ caseNumber: str, type: str, state: str, stateLabel: obj({ zh: str, en: str }), receivedAt: str })),
    calls: arr(obj({ callId: nstr, startedAt: nstr, state: str, durationSec: nint, caseNumber: nstr })),
  }),
  register: obj({ channel: str, receivedAt: nstr, channelDetails: obj({ callerNumber: nstr, calledAt: nstr, callId: str }) }),
});
const countsOf = { calls: int, answered: int, answeredWithin15s: int, lost: int };
const statsResponse = obj({
  period: obj({ from: str, to: str }),
  totals: obj({ ...countsOf, voicemail: int, averageHandlingSec: nint }),
  byHour: arr(obj({ hour: int, ...countsOf })),
  byAgent: arr(obj({ userId: str, displayName: str, calls: int, answered: int, averageHandlingSec: nint })),
});

const CASE_NUMBER = /^[A-Za-z0-9-]{1,40}$/u;
const dialParams = z.strictObject({ number: z.string().regex(CASE_NUMBER) });
const dialBody = z.strictObject({});

export function registerCallRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  // Polled by the console with X-Zhitong-Background: 1, which does not extend the session.
  app.get('/api/v1/calls/current', { config: { policy: 'staff', input: {}, problems: ['forbidden'] }, preHandler: roleGuard(ctx, 'intake'), schema: { response: { 200: obj({ calls: arr(callPop) }) } } }, async (request, reply) => {
    return reply.header('cache-control', 'no-store').send({ calls: await currentCalls(deps, actorOf(deps, staffOf(request))) });
  });

  app.get('/api/v1/stats/calls', { config: { policy: 'staff', input: { query: statsQuery } }, preHandler: staffGuard(ctx), schema: { response: { 200: statsResponse } } }, async (request, reply) => {
    const actor = statsReader(ctx, request);
    // The hotline's figures and each agent's are the centre's own, not a unit head's business.
    if (!actor.roles.some(isCentreRole)) throw new HttpError('forbidden', [], {}, { zh: '话务统计仅向中心人员开放', en: 'Call statistics are for centre staff' });
    const { from, to } = statsPeriod(ctx, parseRequest(request, 'query', statsQuery));
    return reply.header('cache-control', 'no-store').send(await callStats(deps, from, to));
  });

  app.post('/api/v1/cases/:number/dial', {
    config: { policy: 'staff', input: { params: dialParams, body: dialBody }, problems: ['forbidden', 'no_seat', 'conflict', 'pbx_unavailable'] },
    preHandler: staffGuard(ctx),
    schema: { response: { 202: obj({ callId: { type: 'null' }, requestId: str }) } },
  }, async (request, reply) => {
    const { number } = pathParams(request, dialParams);
    parseRequest(request, 'body', dialBody);
    const cti = ctx.config.cti;
    const outcome = await dialReporter(deps, actorOf(deps, staffOf(request)), number, async (req) => cti !== null && (await sendDialRequest(cti, req)));
    switch (outcome.kind) {
      case 'requested':
        return reply.status(202).send({ callId: null, requestId: outcome.requestId });
      case 'no_seat':
        throw new HttpError('no_seat');
      case 'no_phone':
        throw new HttpError('conflict', [], {}, { zh: '反映人未留电话号码，无法拨打。', en: 'The reporter left no phone number to call.' });
      case 'pbx_failed':
        throw new HttpError('pbx_unavailable');
    }
  });
}
