// Records each 404 a signed-in staff user receives, for the auditor's unusual-access view. Only the
// route pattern and parameters that look like identifiers are kept; anything else becomes "?".
import type { FastifyInstance } from 'fastify';
import { recordNotFound } from '../../commands/record-not-found.js';
import type { HttpContext } from '../context.js';
import { loadedStaff } from './staff-session.js';

const IDENTIFIER = /^[A-Za-z0-9-]{1,40}$/u;

export function registerStaffMisses(app: FastifyInstance, ctx: HttpContext): void {
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 404) return;
    const session = loadedStaff(request);
    if (session === null) return;
    const params = Object.values(request.params as Record<string, unknown>).map((v) => (typeof v === 'string' && IDENTIFIER.test(v) ? v : '?'));
    const target = [request.method, request.routeOptions.url ?? 'unmatched', ...params].join(' ');
    try {
      await recordNotFound(ctx.deps, session.userId, target);
    } catch (err) {
      // The answer is already sent; a lost record must not turn into an unhandled rejection.
      request.log.error({ err: { type: (err as Error).name } }, 'not-found record failed');
    }
  });
}
