// GET /api/v1/cases: the staff queues with filters, Chinese search and cursor paging (DESIGN §10).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../../../domain/calendar/local-date.js';
import { CASE_STATES, PUBLIC_STAGES } from '../../../domain/case-states.js';
import { listCases } from '../../../queries/cases/case-list.js';
import type { HttpContext } from '../../context.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { text } from '../../validation.js';
import { actorOf } from './case-actor.js';
import { caseListResponse } from './case-schemas.js';

const code = z.string().regex(/^[a-z_]{1,40}$/u);
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
  assignedToMe: z.enum(['true', 'false']).optional(),
  q: text(1, 100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export function registerCaseListRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/api/v1/cases', { config: { policy: 'staff', input: { query: listQuery } }, preHandler: staffGuard(ctx), schema: { response: { 200: caseListResponse } } }, async (request, reply) => {
    const query = parseRequest(request, 'query', listQuery);
    const session = staffOf(request);
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
      ...(query.q === undefined ? {} : { q: query.q }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      assignedToMe: query.assignedToMe === 'true',
      limit: query.limit,
    });
    return reply.header('cache-control', 'no-store').send(page);
  });
}
