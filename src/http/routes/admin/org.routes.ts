// The sysadmin's unit tree and dictionaries (DESIGN §1, §2). Names are plain text: trimmed, counted in
// code points, control characters refused; the console never renders them as HTML.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addDictionaryEntry, updateDictionaryEntry } from '../../../commands/admin/dictionaries.js';
import { createUnit, deleteUnit, updateUnit } from '../../../commands/admin/units.js';
import { DICTIONARIES, DICTIONARY_CODE, DICTIONARY_INFO } from '../../../domain/dictionaries.js';
import { UNIT_KINDS } from '../../../domain/units.js';
import { listUnits } from '../../../queries/admin/configuration.js';
import { loadDictionary } from '../../../store/reference-data.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { text } from '../../validation.js';
import { actingUser, bilingual, bool, idParams, int, nullableStr, obj, okResponse, str, uuid } from '../common.js';

const unitBody = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/u),
  name: text(1, 60),
  parentId: uuid,
  kind: z.enum(UNIT_KINDS),
  inspection: z.boolean().default(false),
});

const unitPatch = z
  .strictObject({ name: text(1, 60).optional(), parentId: uuid.optional(), kind: z.enum(UNIT_KINDS).optional(), inspection: z.boolean().optional() })
  .refine((p) => p.name !== undefined || p.parentId !== undefined || p.kind !== undefined || p.inspection !== undefined, { params: { reason: 'required' } });

const position = z.number().int().min(1).max(999);
const entryBody = z.strictObject({
  code: z.string().regex(DICTIONARY_CODE),
  parentCode: z.string().regex(DICTIONARY_CODE).optional(),
  name: z.strictObject({ zh: text(1, 40), en: text(1, 80) }),
  position: position.optional(),
});
const entryPatch = z
  .strictObject({ name: z.strictObject({ zh: text(1, 40).optional(), en: text(1, 80).optional() }).optional(), position: position.optional(), active: z.boolean().optional() })
  .refine((p) => p.name?.zh !== undefined || p.name?.en !== undefined || p.position !== undefined || p.active !== undefined, { params: { reason: 'required' } });

const unitItem = obj({ id: str, code: str, name: str, parentId: nullableStr, kind: str, inspection: bool, userCount: int });
const entry = obj({ code: str, parentCode: nullableStr, name: bilingual, position: int, active: bool });
const dictionaryResponse = obj({ dictionary: str, label: bilingual, levels: int, source: { type: 'string', enum: ['table', 'defaults'] }, entries: { type: 'array', items: entry } });

const dictionaryParams = z.strictObject({ dictionary: z.enum(DICTIONARIES) });
const entryParams = z.strictObject({ dictionary: z.enum(DICTIONARIES), code: z.string().regex(DICTIONARY_CODE) });

export function registerAdminOrgRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');

  app.get('/api/v1/admin/units', { config: { policy }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: unitItem } }) } } }, async () => ({ items: await listUnits(deps) }));

  app.post('/api/v1/admin/units', { config: { policy, input: { body: unitBody } }, preHandler, schema: { response: { 201: obj({ id: str }) } } }, async (request, reply) => {
    const body = parseRequest(request, 'body', unitBody);
    const { unitId } = await createUnit(deps, actingUser(request), body);
    return reply.status(201).send({ id: unitId });
  });

  app.patch('/api/v1/admin/units/:id', { config: { policy, input: { params: idParams, body: unitPatch } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { id } = pathParams(request, idParams);
    await updateUnit(deps, actingUser(request), id, parseRequest(request, 'body', unitPatch));
    return { ok: true };
  });

  app.delete('/api/v1/admin/units/:id', { config: { policy, input: { params: idParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await deleteUnit(deps, actingUser(request), pathParams(request, idParams).id);
    return { ok: true };
  });

  app.get('/api/v1/admin/dictionaries/:dictionary', { config: { policy, input: { params: dictionaryParams } }, preHandler, schema: { response: { 200: dictionaryResponse } } }, async (request) => {
    const { dictionary } = pathParams(request, dictionaryParams);
    const stored = await loadDictionary(deps.pool, dictionary);
    return { dictionary, label: DICTIONARY_INFO[dictionary].label, levels: DICTIONARY_INFO[dictionary].levels, source: stored.source, entries: stored.entries };
  });

  app.post('/api/v1/admin/dictionaries/:dictionary/entries', { config: { policy, input: { params: dictionaryParams, body: entryBody } }, preHandler, schema: { response: { 201: okResponse } } }, async (request, reply) => {
    const { dictionary } = pathParams(request, dictionaryParams);
    await addDictionaryEntry(deps, actingUser(request), dictionary, parseRequest(request, 'body', entryBody));
    return reply.status(201).send({ ok: true });
  });

  app.patch('/api/v1/admin/dictionaries/:dictionary/entries/:code', { config: { policy, input: { params: entryParams, body: entryPatch } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { dictionary, code } = pathParams(request, entryParams);
    await updateDictionaryEntry(deps, actingUser(request), dictionary, code, parseRequest(request, 'body', entryPatch));
    return { ok: true };
  });
}
