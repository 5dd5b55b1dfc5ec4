// The secadmin's accounts (DESIGN §7.3): list, create, set the mobile for SMS alerts, deactivate, unlock, start a TOTP reset, grant
// and revoke case roles. Answers carry accounts and ids, never case content; the one-time secrets of
// a new account are sent once and never cached.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createStaffUser } from '../../../commands/admin/create-user.js';
import { grantRole, revokeRole } from '../../../commands/admin/role-grants.js';
import { setSeatExtension } from '../../../commands/admin/seat-extension.js';
import { SEAT_EXTENSION } from '../../../domain/cti/calls.js';
import { startTotpReset } from '../../../commands/admin/totp-reset.js';
import { setUserMobile } from '../../../commands/admin/user-mobile.js';
import { deactivateUser, unlockUser } from '../../../commands/admin/user-status.js';
import { normaliseStaffMobile } from '../../../domain/sms/staff-alerts.js';
import { RANKS, ROLES } from '../../../domain/roles.js';
import { listUnits } from '../../../queries/admin/configuration.js';
import { listUsers } from '../../../queries/admin/users.js';
import { decodeKeyCursor } from '../../../queries/cursors.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { optionalText, text } from '../../validation.js';
import { actingUser, badCursor, bool, idParams, int, limitParam, nullableStr, obj, okResponse, str, strings, uuid } from '../common.js';

/** A mainland mobile, normalised to 11 digits; anything else is refused rather than stored unusable. */
const staffMobile = z.string().max(20).transform((v, c) => {
  const m = normaliseStaffMobile(v);
  if (m === null) {
    c.addIssue({ code: 'custom', message: 'not a mainland mobile number' });
    return z.NEVER;
  }
  return m;
});

const listQuery = z.strictObject({
  unitId: uuid.optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: optionalText(40),
  limit: limitParam(200, 50),
  cursor: z.string().max(200).optional(),
});

const createBody = z.strictObject({
  username: z.string().regex(/^[a-z][a-z0-9_.-]{1,31}$/u),
  displayName: text(1, 40),
  unitId: uuid,
  policeNumber: z.string().regex(/^[A-Za-z0-9]{1,20}$/u).optional(),
  rank: z.enum(RANKS).optional(),
  mobile: staffMobile.optional(),
  roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
});

const mobileBody = z.strictObject({ mobile: staffMobile.nullable() });

const grantBody = z.strictObject({ role: z.enum(ROLES) });
/** What an account's update may change; today the phone seat only (issue 6). */
const updateBody = z.strictObject({ seatExtension: z.string().regex(SEAT_EXTENSION).nullable() });
const grantParams = z.strictObject({ id: uuid, role: z.enum(ROLES) });

const unit = obj({ id: str, code: str, name: str });
const userItem = obj({
  id: str, username: str, displayName: str, policeNumber: nullableStr, rank: nullableStr, mobile: nullableStr, seatExtension: nullableStr, unit, roles: strings, pendingRoles: strings,
  active: bool, locked: bool, lockedUntil: nullableStr, totpEnrolled: bool, totpResetPending: bool, mustChangePassword: bool, createdAt: str,
});
const listResponse = obj({ items: { type: 'array', items: userItem }, nextCursor: nullableStr });
const createdResponse = obj({ id: str, username: str, initialPassword: str, enrolmentCode: str, enrolmentExpiresAt: str, roles: strings, pendingRoles: strings });
const grantResponse = obj({ status: { type: 'string', enum: ['active', 'pending'] }, id: str });
const unitChoice = obj({ id: str, code: str, name: str, parentId: nullableStr });
const resetResponse = obj({ requestId: str, confirmers: { type: 'array', items: obj({ id: str, displayName: str }) } });

export function registerAdminUserRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'secadmin');

  app.get('/api/v1/admin/users', { config: { policy, input: { query: listQuery } }, preHandler, schema: { response: { 200: listResponse } } }, async (request) => {
    const q = parseRequest(request, 'query', listQuery);
    if (q.cursor !== undefined && decodeKeyCursor(q.cursor) === null) throw badCursor();
    return listUsers(deps, { unitId: q.unitId, role: q.role, active: q.active === undefined ? undefined : q.active === 'true', q: q.q, limit: q.limit, cursor: q.cursor });
  });

  // The units an account can belong to, for the secadmin's forms: names and the tree only (the unit list itself is the sysadmin's).
  app.get('/api/v1/admin/user-units', { config: { policy }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: unitChoice } }) } } }, async () => ({
    items: (await listUnits(deps)).map((u) => ({ id: u.id, code: u.code, name: u.name, parentId: u.parentId })),
  }));

  app.post('/api/v1/admin/users', { config: { policy, input: { body: createBody } }, preHandler, schema: { response: { 201: createdResponse } } }, async (request, reply) => {
    const body = parseRequest(request, 'body', createBody);
    const created = await createStaffUser(deps, actingUser(request), body);
    void reply.header('cache-control', 'no-store');
    return reply.status(201).send({
      id: created.userId,
      username: body.username,
      initialPassword: created.initialPassword,
      enrolmentCode: created.enrolmentCode,
      enrolmentExpiresAt: created.enrolmentExpiresAt.toISOString(),
      roles: created.roles,
      pendingRoles: created.pendingRoles,
    });
  });

  app.put('/api/v1/admin/users/:id/mobile', { config: { policy, input: { params: idParams, body: mobileBody } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { mobile } = parseRequest(request, 'body', mobileBody);
    await setUserMobile(deps, actingUser(request), pathParams(request, idParams).id, mobile);
    return { ok: true };
  });

  app.post('/api/v1/admin/users/:id/deactivate', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: obj({ ok: bool, sessionsRevoked: int }) } } }, async (request) => {
    const r = await deactivateUser(deps, actingUser(request), pathParams(request, idParams).id);
    return { ok: true, sessionsRevoked: r.sessionsRevoked };
  });

  app.post('/api/v1/admin/users/:id/unlock', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: obj({ ok: bool, cleared: int }) } } }, async (request) => {
    const r = await unlockUser(deps, actingUser(request), pathParams(request, idParams).id);
    return { ok: true, cleared: r.cleared };
  });

  app.post('/api/v1/admin/users/:id/totp-reset', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 202: resetResponse } } }, async (request, reply) => {
    const r = await startTotpReset(deps, actingUser(request), pathParams(request, idParams).id);
    return reply.status(202).send(r);
  });

  app.post('/api/v1/admin/users/:id/roles', { config: { policy, input: { params: idParams, body: grantBody } }, preHandler, schema: { response: { 201: grantResponse, 202: grantResponse } } }, async (request, reply) => {
    const userId = pathParams(request, idParams).id;
    const { role } = parseRequest(request, 'body', grantBody);
    const outcome = await grantRole(deps, actingUser(request), userId, role);
    return outcome.status === 'active' ? reply.status(201).send({ status: 'active', id: outcome.grantId }) : reply.status(202).send({ status: 'pending', id: outcome.requestId });
  });

  // The phone seat belongs to the account, like its mobile: the secadmin's (DESIGN §7.3).
  app.patch('/api/v1/admin/users/:id', { config: { policy, input: { params: idParams, body: updateBody } }, preHandler, schema: { response: { 200: obj({ ok: bool, seatExtension: nullableStr }) } } }, async (request) => {
    const userId = pathParams(request, idParams).id;
    const { seatExtension } = parseRequest(request, 'body', updateBody);
    await setSeatExtension(deps, actingUser(request), userId, seatExtension);
    return { ok: true, seatExtension };
  });

  app.delete('/api/v1/admin/users/:id/roles/:role', { config: { policy, input: { params: grantParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { id, role } = pathParams(request, grantParams);
    await revokeRole(deps, actingUser(request), id, role);
    return { ok: true };
  });
}
