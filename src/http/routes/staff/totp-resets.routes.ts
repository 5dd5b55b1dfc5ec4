// The second half of a TOTP reset (DESIGN §7.3): the user's unit head lists the resets waiting for
// them and confirms (receiving the one-time enrolment code to hand over in person) or declines.
// A request this user may not settle answers 404, like one that does not exist.
import type { FastifyInstance } from 'fastify';
import { confirmTotpReset, declineTotpReset } from '../../../commands/admin/totp-reset.js';
import { resetsToConfirm } from '../../../queries/admin/access-lists.js';
import type { HttpContext } from '../../context.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { pathParams } from '../../route-input.js';
import { actingUser, idParams, obj, okResponse, str, userRef } from '../common.js';

const item = obj({ id: str, user: userRef, requestedBy: userRef, requestedAt: str });
const confirmed = obj({ userId: str, enrolmentCode: str, expiresAt: str });

export function registerTotpResetRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'staff' as const;
  const preHandler = staffGuard(ctx);

  app.get('/api/v1/totp-resets', { config: { policy }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: item } }) } } }, async (request) => ({
    items: await resetsToConfirm(deps, staffOf(request).userId),
  }));

  app.post('/api/v1/totp-resets/:id/confirm', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: confirmed } } }, async (request, reply) => {
    const r = await confirmTotpReset(deps, actingUser(request), pathParams(request, idParams).id);
    void reply.header('cache-control', 'no-store');
    return { userId: r.userId, enrolmentCode: r.enrolmentCode, expiresAt: r.expiresAt.toISOString() };
  });

  app.post('/api/v1/totp-resets/:id/decline', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await declineTotpReset(deps, actingUser(request), pathParams(request, idParams).id);
    return { ok: true };
  });
}
