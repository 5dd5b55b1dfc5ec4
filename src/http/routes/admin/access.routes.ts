// The secadmin's second-approver queue for central roles and the sealed group (DESIGN §1, §3.4).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { approveRoleRequest, declineRoleRequest } from '../../../commands/admin/role-requests.js';
import { addSealedMember, removeSealedMember } from '../../../commands/admin/sealed-group.js';
import { listRoleRequests, listSealedGroup } from '../../../queries/admin/access-lists.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { actingUser, bilingual, bool, idParams, nullable, nullableStr, obj, okResponse, str, userRef, uuid } from '../common.js';

const requestsQuery = z.strictObject({ status: z.enum(['pending', 'settled']).optional() });
const memberBody = z.strictObject({ userId: uuid });

const requestItem = obj({ id: str, user: userRef, role: str, roleLabel: bilingual, status: str, requestedBy: userRef, requestedAt: str, decidedBy: nullable(userRef), decidedAt: nullableStr });
const member = obj({ user: userRef, active: bool, addedBy: nullable(userRef), addedAt: str });

export function registerAdminAccessRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'secadmin');

  app.get('/api/v1/admin/role-requests', { config: { policy, input: { query: requestsQuery } }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: requestItem } }) } } }, async (request) => {
    const q = parseRequest(request, 'query', requestsQuery);
    return { items: await listRoleRequests(deps, q.status ?? 'pending') };
  });

  app.post('/api/v1/admin/role-requests/:id/approve', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: obj({ ok: bool, grantId: str }) } } }, async (request) => {
    const r = await approveRoleRequest(deps, actingUser(request), pathParams(request, idParams).id);
    return { ok: true, grantId: r.grantId };
  });

  app.post('/api/v1/admin/role-requests/:id/decline', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await declineRoleRequest(deps, actingUser(request), pathParams(request, idParams).id);
    return { ok: true };
  });

  app.get('/api/v1/admin/sealed-group', { config: { policy }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: member } }) } } }, async () => ({
    items: await listSealedGroup(deps),
  }));

  app.post('/api/v1/admin/sealed-group', { config: { policy, input: { body: memberBody } }, preHandler, schema: { response: { 201: okResponse } } }, async (request, reply) => {
    const { userId } = parseRequest(request, 'body', memberBody);
    await addSealedMember(deps, actingUser(request), userId);
    return reply.status(201).send({ ok: true });
  });

  app.delete('/api/v1/admin/sealed-group/:id', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await removeSealedMember(deps, actingUser(request), pathParams(request, idParams).id);
    return { ok: true };
  });
}
