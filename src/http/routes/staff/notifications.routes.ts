// A staff user's own notifications (DESIGN §5): kind, a label in both languages and the case number,
// never case content; cases the user can no longer see are left out by the query.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { markNotificationsRead } from '../../../commands/mark-notifications-read.js';
import { listNotifications } from '../../../queries/notifications/list-notifications.js';
import { decodeTimeCursor } from '../../../queries/cursors.js';
import type { HttpContext } from '../../context.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { badCursor, bilingual, int, limitParam, nullableStr, obj, str, uuid } from '../common.js';
import { actorOf } from './case-actor.js';

const listQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: limitParam(100, 30), cursor: z.string().max(200).optional() });
const readBody = z.strictObject({ ids: z.array(uuid).min(1).max(100) });

const item = obj({ id: str, kind: str, label: bilingual, caseNumber: nullableStr, createdAt: str, readAt: nullableStr });
const listResponse = obj({ items: { type: 'array', items: item }, unreadCount: int, nextCursor: nullableStr });

export function registerNotificationRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'staff' as const;
  const preHandler = staffGuard(ctx);

  app.get('/api/v1/notifications', { config: { policy, input: { query: listQuery } }, preHandler, schema: { response: { 200: listResponse } } }, async (request) => {
    const q = parseRequest(request, 'query', listQuery);
    if (q.cursor !== undefined && decodeTimeCursor(q.cursor) === null) throw badCursor();
    return listNotifications(deps, actorOf(deps, staffOf(request)), { unread: q.unread === 'true', limit: q.limit, cursor: q.cursor });
  });

  app.post('/api/v1/notifications/read', { config: { policy, input: { body: readBody } }, preHandler, schema: { response: { 200: obj({ marked: int }) } } }, async (request) => {
    const { ids } = parseRequest(request, 'body', readBody);
    return markNotificationsRead(deps, staffOf(request).userId, ids);
  });
}
