// GET /api/v1/staff-directory: the centre's subject suggestions by police number or name (issue 4).
// Centre roles only: a unit sees its cases' subjects on the case, and has no need to browse the bureau.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isCentreRole } from '../../../domain/actions.js';
import { searchStaffDirectory } from '../../../queries/directory/staff-directory.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { actorOf } from './case-actor.js';
import { obj } from './case-schemas.js';

/** Two characters at least, so one keystroke does not list the bureau; twenty covers a name or a number. */
const query = z.strictObject({ q: z.string().trim().min(2).max(20) });

const entry = obj({
  userId: { type: 'string' },
  displayName: { type: 'string' },
  policeNumber: { type: ['string', 'null'] },
  unit: obj({ id: { type: 'string' }, name: { type: 'string' } }),
});
const directoryResponse = obj({ items: { type: 'array', items: entry } });

export function registerStaffDirectoryRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/api/v1/staff-directory', { config: { policy: 'staff', input: { query } }, preHandler: staffGuard(ctx), schema: { response: { 200: directoryResponse } } }, async (request, reply) => {
    const actor = actorOf(ctx.deps, staffOf(request));
    if (!actor.roles.some(isCentreRole)) {
      throw new HttpError('forbidden', [], {}, { zh: '人员目录仅向中心人员开放', en: 'The staff directory is for centre staff' });
    }
    const { q } = parseRequest(request, 'query', query);
    return reply.header('cache-control', 'no-store').send({ items: await searchStaffDirectory(ctx.deps, q) });
  });
}
