// GET /api/v1/stats: the centre's figures, and a unit head's for their units (DESIGN §1, domain-rules §10);
// GET /api/v1/stats/export: the same figures as an audited .xlsx (issue 4).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isCentreRole } from '../../../domain/actions.js';
import { daysBetween, isLocalDate, type LocalDate } from '../../../domain/calendar/local-date.js';
import type { StaffActor } from '../../../commands/case-actions/scope.js';
import { exportStats } from '../../../commands/export-stats.js';
import { caseStats } from '../../../queries/stats/stats.js';
import { localDateOf } from '../../../store/case-view-of.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { ATTACHMENT_CSP, contentDisposition } from './attachments.routes.js';
import { actorOf } from './case-actor.js';
import { obj } from './case-schemas.js';

const date = z.string().refine((s): s is LocalDate => isLocalDate(s));
export const statsQuery = z.strictObject({ from: date.optional(), to: date.optional() });
const query = statsQuery;
/** Two years at most: beyond that a report is an export, not a screen. */
const MAX_DAYS = 731;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;
const line = { type: 'array', items: { type: 'integer' } } as const;
const lines = { type: 'object', additionalProperties: line } as const;
const rate = obj({ numerator: { type: 'integer' }, denominator: { type: 'integer' }, value: { type: ['number', 'null'] } });
const statsResponse = obj({
  from: { type: 'string' },
  to: { type: 'string' },
  total: { type: 'integer' },
  by: obj({ channel: counts, type: counts, scope: counts, problemType: counts, policeBranch: counts, unit: counts, state: counts }),
  overdue: { type: 'integer' },
  rates: obj({ signForOnTime: rate, onTimeReply: rate, extension: rate, return: rate, followUp: rate, satisfaction: rate, reopen: rate }),
  series: obj({
    bucket: { type: 'string', enum: ['day', 'month'] },
    periods: { type: 'array', items: { type: 'string' } },
    total: line,
    by: obj({ channel: lines, type: lines, problemType: lines, policeBranch: lines, unit: lines }),
  }),
  overdueByUnit: counts,
  followUps: obj({ outcomes: counts, reasons: counts }),
  unitNames: { type: 'object', additionalProperties: { type: 'string' } },
});

/** The reader of the figures, refused as GET /api/v1/stats refuses: the export answers the same 403. */
export function statsReader(ctx: HttpContext, request: FastifyRequest): StaffActor {
  const actor = actorOf(ctx.deps, staffOf(request));
  if (!actor.roles.some(isCentreRole) && !actor.roles.includes('unit_head')) {
    throw new HttpError('forbidden', [], {}, { zh: '统计仅向中心人员和承办单位负责人开放', en: 'Statistics are for centre staff and unit heads' });
  }
  return actor;
}

/** The period: this month so far by default, two years at most. */
export function statsPeriod(ctx: HttpContext, q: z.output<typeof query>): { from: LocalDate; to: LocalDate } {
  const today = localDateOf(ctx.deps.clock.now(), ctx.deps.timezone);
  const to = q.to ?? today;
  const from = q.from ?? (`${to.slice(0, 8)}01` as LocalDate);
  if (from > to || daysBetween(from, to) > MAX_DAYS) {
    throw new HttpError('validation_failed', [{ path: 'from', code: 'invalid_range', message: { zh: '统计区间应在两年以内，且开始日期不晚于结束日期', en: 'Use a range of at most two years, starting before it ends' } }]);
  }
  return { from, to };
}

export function registerStatsRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/api/v1/stats', { config: { policy: 'staff', input: { query } }, preHandler: staffGuard(ctx), schema: { response: { 200: statsResponse } } }, async (request, reply) => {
    const actor = statsReader(ctx, request);
    const { from, to } = statsPeriod(ctx, parseRequest(request, 'query', query));
    return reply.header('cache-control', 'no-store').send(await caseStats(ctx.deps, actor, from, to));
  });

  // The same figures as an .xlsx download (issue 4), under the same policy and period rules; the export's
  // audit record has committed before exportStats returns, so before any byte is sent.
  app.get('/api/v1/stats/export', { config: { policy: 'staff', input: { query } }, preHandler: staffGuard(ctx) }, async (request, reply) => {
    const actor = statsReader(ctx, request);
    const { from, to } = statsPeriod(ctx, parseRequest(request, 'query', query));
    const session = staffOf(request);
    const by = session.policeNumber === null ? session.displayName : `${session.displayName}（警号${session.policeNumber}）`;
    const file = await exportStats(ctx.deps, actor, by, from, to);
    return reply
      .type(XLSX_TYPE)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', ATTACHMENT_CSP)
      .header('content-disposition', contentDisposition('attachment', file.fileName))
      .send(file.bytes);
  });
}
