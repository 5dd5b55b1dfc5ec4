// The sysadmin's e-mail quarantine (issue 7): metadata of the messages that could not be read as mail,
// and, by `kind`, of those that were read and became nothing (automatic replies, forged bounces).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listMailQuarantine, UNACTED_OUTCOMES } from '../../../queries/admin/mail-quarantine.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { int, limitParam, nullableStr, obj, str } from '../common.js';

// kind: the quarantine (default), or mail that became nothing — automatic replies, forged bounces.
const listQuery = z.strictObject({ limit: limitParam(200, 50), cursor: z.uuid().optional(), kind: z.enum(['quarantined', ...UNACTED_OUTCOMES]).optional() });
const item = obj({ id: str, reason: str, sizeBytes: int, mailbox: str, uid: int, receivedAt: str, quarantinedAt: str });
const listResponse = obj({ items: { type: 'array', items: item }, nextCursor: nullableStr });

export function registerAdminMailQuarantineRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');
  app.get('/api/v1/admin/mail-quarantine', { config: { policy, input: { query: listQuery } }, preHandler, schema: { response: { 200: listResponse } } }, async (request, reply) => {
    const q = parseRequest(request, 'query', listQuery);
    void reply.header('cache-control', 'no-store');
    return listMailQuarantine(ctx.deps, { limit: q.limit, before: q.cursor, kind: q.kind });
  });
}
