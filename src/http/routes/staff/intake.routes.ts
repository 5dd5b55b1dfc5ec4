// The intake inbox (DESIGN §2, §5): list and read items, register one as a case, or mark it invalid.
// Every route needs the intake role; reads that carry a sender's contact are audited before they leave.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dateIn } from '../../../commands/case-number.js';
import { markIntakeItemInvalid } from '../../../commands/intake/mark-invalid.js';
import { readIntakeAttachment } from '../../../commands/intake/read-attachment.js';
import { registerIntakeItem } from '../../../commands/intake/register-item.js';
import { INTAKE_STATUS_LABELS, type IntakeStatus } from '../../../domain/intake.js';
import { decodeCursor } from '../../../queries/intake/cursor.js';
import { intakeItemStatus } from '../../../queries/intake/item-status.js';
import { listIntakeItems } from '../../../queries/intake/list-items.js';
import { viewIntakeItem } from '../../../queries/intake/view-item.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { roleGuard, staffOf } from '../../plugins/staff-session.js';
import { registerItemSchema } from '../../schemas/staff-case.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { idParams, uuid } from '../common.js';
import { z } from 'zod';
import { ATTACHMENT_CSP, contentDisposition, INLINE_TYPES } from './attachments.routes.js';
import { invalidBody, itemResponse, listQuery, listResponse, markedResponse } from './intake-schemas.js';
import { presentRegistered, registeredResponse } from './registered-response.js';

const fileParams = z.strictObject({ id: uuid, attachmentId: uuid });

/** A malformed id names no item: the same 404 as an unknown one. */
const itemIdOf = (request: FastifyRequest): string => pathParams(request, idParams).id;

function handled(status: IntakeStatus): HttpError {
  const label = INTAKE_STATUS_LABELS[status];
  return new HttpError('conflict', [{ path: 'status', code: status, message: label }], {}, {
    zh: `此来件当前状态为“${label.zh}”，不能再次处理。`,
    en: `This item is already in state “${label.en}” and cannot be handled again.`,
  });
}

/** 404 for a missing item and 409 for a handled one come before any complaint about the form (DESIGN §10). */
async function requireNewItem(ctx: HttpContext, itemId: string): Promise<void> {
  const status = await intakeItemStatus(ctx.deps, itemId);
  if (status === null) throw new HttpError('not_found');
  if (status !== 'new') throw handled(status);
}

export function registerIntakeRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const guard = roleGuard(ctx, 'intake');
  const actorOf = (request: FastifyRequest) => ({ userId: staffOf(request).userId });

  app.get('/api/v1/intake/items', { config: { policy: 'staff', input: { query: listQuery }, problems: ['forbidden'] }, preHandler: guard, schema: { response: { 200: listResponse } } }, async (request, reply) => {
    const q = parseRequest(request, 'query', listQuery);
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (cursor === null) throw new HttpError('validation_failed', [{ path: 'cursor', code: 'invalid_format', message: { zh: '翻页标记无效，请从第一页重新查看', en: 'The cursor is not valid; start again from the first page' } }]);
    return reply.send(await listIntakeItems(deps, actorOf(request), { status: q.status, channel: q.channel, limit: q.limit, cursor }));
  });

  app.get('/api/v1/intake/items/:id', { config: { policy: 'staff', input: { params: idParams }, problems: ['forbidden'] }, preHandler: guard, schema: { response: { 200: itemResponse } } }, async (request, reply) => {
    const item = await viewIntakeItem(deps, actorOf(request), itemIdOf(request));
    if (!item) throw new HttpError('not_found');
    return reply.send(item);
  });

  // A file of the item, audited before it is sent; audio plays in place (a voicemail), still sandboxed.
  app.get('/api/v1/intake/items/:id/attachments/:attachmentId', { config: { policy: 'staff', input: { params: fileParams }, problems: ['forbidden'] }, preHandler: guard }, async (request, reply) => {
    const p = pathParams(request, fileParams);
    const file = await readIntakeAttachment(deps, actorOf(request), p.id, p.attachmentId);
    if (!file) throw new HttpError('not_found');
    const kind = file.mediaType.startsWith('audio/') || INLINE_TYPES.has(file.mediaType) ? 'inline' : 'attachment';
    return reply
      .type(file.mediaType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', ATTACHMENT_CSP)
      .header('content-disposition', contentDisposition(kind, file.name))
      .send(file.bytes);
  });

  // Built once: compiling a zod schema per request costs more than the database work.
  const registration = registerItemSchema(() => dateIn(ctx.config.timezone, deps.clock.now()));
  app.post('/api/v1/intake/items/:id/register', { config: { policy: 'staff', input: { params: idParams, body: registration }, problems: ['forbidden', 'conflict'] }, preHandler: guard, schema: { response: { 201: registeredResponse } } }, async (request, reply) => {
    const itemId = itemIdOf(request);
    await requireNewItem(ctx, itemId);
    const form = parseRequest(request, 'body', registration);
    const outcome = await registerIntakeItem(deps, actorOf(request), itemId, form);
    switch (outcome.kind) {
      case 'registered':
        return reply.status(201).send(presentRegistered(outcome.result));
      case 'not_found':
        throw new HttpError('not_found');
      case 'wrong_state':
        // Another clerk registered or dismissed it a moment ago.
        throw handled(outcome.status);
      case 'content_required':
        throw new HttpError('validation_failed', [{ path: 'content', code: 'required', message: { zh: '来件没有文字内容，请填写反映内容', en: 'The item has no text; enter the content' } }]);
    }
  });

  app.post('/api/v1/intake/items/:id/invalid', { config: { policy: 'staff', input: { params: idParams, body: invalidBody }, problems: ['forbidden', 'conflict'] }, preHandler: guard, schema: { response: { 200: markedResponse } } }, async (request, reply) => {
    const itemId = itemIdOf(request);
    await requireNewItem(ctx, itemId);
    const marking = parseRequest(request, 'body', invalidBody);
    const outcome = await markIntakeItemInvalid(deps, actorOf(request), itemId, marking);
    switch (outcome.kind) {
      case 'marked':
        return reply.send({ id: itemId, status: 'invalid' });
      case 'not_found':
        throw new HttpError('not_found');
      case 'wrong_state':
        throw handled(outcome.status);
    }
  });
}
