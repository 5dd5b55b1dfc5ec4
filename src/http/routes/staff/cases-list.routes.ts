// GET /api/v1/cases: the staff queues with filters, Chinese search and cursor paging (DESIGN §10).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../../../domain/calendar/local-date.js';
import { CASE_STATES, PUBLIC_STAGES } from '../../../domain/case-states.js';
import { listCases } from '../../../queries/cases/case-list.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { text } from '../../validation.js';
import { actorOf } from './case-actor.js';
import { caseListResponse } from './case-schemas.js';

const code = z.string().regex(/^[a-z_]{1,40}$/u);
/** A calendar day in the bureau's zone, YYYY-MM-DD, as the statistics' from/to. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).refine((s): s is LocalDate => isLocalDate(s), { error: 'not a calendar date' });
const listQuery = z.strictObject({
  state: z.string().transform((s) => s.split(',')).pipe(z.array(z.enum(CASE_STATES)).min(1).max(CASE_STATES.length)).optional(),
  stage: z.enum(PUBLIC_STAGES).optional(),
  type: code.optional(),
  scope: code.optional(),
  problemType: z.string().min(1).max(50).optional(),
  policeBranch: code.optional(),
  channel: code.optional(),
  /** a unit id, or "mine" for the user's own unit */
  unit: z.union([z.literal('mine'), z.uuid()]).optional(),
  light: z.enum(['green', 'amber', 'red']).optional(),
  dueBefore: z.string().refine((s): s is LocalDate => isLocalDate(s)).optional(),
  /** registered on or after this day (bureau zone): the statistics' period, for their drill-down */
  registeredFrom: localDate.optional(),
  /** registered on or before this day (bureau zone) */
  registeredTo: localDate.optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  q: text(1, 100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  /**
   * 1: also answer the filtered list's size (total, totalCapped). Asked for, not always: a count walks the
   * whole filtered list while a page reads 50 rows by index, and only the first view of a queue needs it.
   */
  withTotal: z.enum(['1', '0']).optional(),
});

export function registerCaseListRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/api/v1/cases', { config: { policy: 'staff', input: { query: listQuery } }, preHandler: staffGuard(ctx), schema: { response: { 200: caseListResponse } } }, async (request, reply) => {
    const query = parseRequest(request, 'query', listQuery);
    const session = staffOf(request);
    if (query.registeredFrom !== undefined && query.registeredTo !== undefined && query.registeredFrom > query.registeredTo) {
      throw new HttpError('validation_failed', [{ path: 'registeredFrom', code: 'invalid_range', message: { zh: '登记开始日期不得晚于结束日期', en: 'The registration period must start before it ends' } }]);
    }
    const page = await listCases(ctx.deps, actorOf(ctx.deps, session), {
      ...(query.state === undefined ? {} : { states: query.state }),
      ...(query.stage === undefined ? {} : { stage: query.stage }),
      ...(query.type === undefined ? {} : { type: query.type }),
      ...(query.scope === undefined ? {} : { scope: query.scope }),
      ...(query.problemType === undefined ? {} : { problemType: query.problemType }),
      ...(query.policeBranch === undefined ? {} : { policeBranch: query.policeBranch }),
      ...(query.channel === undefined ? {} : { channel: query.channel }),
      ...(query.unit === undefined ? {} : { unitId: query.unit === 'mine' ? session.unit.id : query.unit }),
      ...(query.light === undefined ? {} : { light: query.light }),
      ...(query.dueBefore === undefined ? {} : { dueBefore: query.dueBefore }),
      ...(query.registeredFrom === undefined ? {} : { registeredFrom: query.registeredFrom }),
      ...(query.registeredTo === undefined ? {} : { registeredTo: query.registeredTo }),
      ...(query.q === undefined ? {} : { q: query.q }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      assignedToMe: query.assignedToMe === 'true',
      withTotal: query.withTotal === '1',
      limit: query.limit,
    });
    return reply.header('cache-control', 'no-store').send(page);
  });
}
