// The sysadmin's dead letters (DESIGN §5, §7.3): the outbox rows the relay gave up on, metadata only,
// and sending one again. No payload, recipient or notice text is ever part of an answer.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { retryDeadLetter } from '../../../commands/admin/dead-letters.js';
import { listDeadLetters } from '../../../queries/admin/dead-letters.js';
import { decodeSeqCursor } from '../../../queries/cursors.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { actingUser, badCursor, int, limitParam, nullableStr, obj, okResponse, str } from '../common.js';

const listQuery = z.strictObject({ limit: limitParam(200, 50), cursor: z.string().max(200).optional() });
/** Outbox ids are a bigint sequence; through `pathParams` a malformed one is the same 404 as an unknown one. */
const outboxParams = z.strictObject({ id: z.string().regex(/^[1-9][0-9]{0,15}$/u).transform(Number) });

const item = obj({ id: int, kind: str, caseNumber: nullableStr, attempts: int, lastError: nullableStr, createdAt: str, deadAt: str });
const listResponse = obj({ items: { type: 'array', items: item }, nextCursor: nullableStr });

export function registerAdminDeadLetterRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');

  app.get('/api/v1/admin/dead-letters', { config: { policy, input: { query: listQuery } }, preHandler, schema: { response: { 200: listResponse } } }, async (request, reply) => {
    const q = parseRequest(request, 'query', listQuery);
    const before = q.cursor === undefined ? undefined : decodeSeqCursor(q.cursor);
    if (before === null) throw badCursor();
    void reply.header('cache-control', 'no-store');
    return listDeadLetters(deps, { limit: q.limit, before });
  });

  app.post('/api/v1/admin/dead-letters/:id/retry', { config: { policy, input: { params: outboxParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await retryDeadLetter(deps, actingUser(request), pathParams(request, outboxParams).id);
    return { ok: true };
  });
}
