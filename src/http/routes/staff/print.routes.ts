// 打印 (issue 4): the documents a case has for this reader, and one of them as structured plain text. The case
// is read exactly as its detail is (one 404 for every case the reader may not open); every print is audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { documentsOf, printDocument } from '../../../commands/print-document.js';
import { DOCUMENT_KINDS } from '../../../domain/print/documents.js';
import type { HttpContext } from '../../context.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { pathParams } from '../../route-input.js';
import { bilingual, bool, nullable, nullableStr, obj, str } from '../common.js';
import { actorOf } from './case-actor.js';

const CASE_NUMBER = /^[A-Za-z0-9-]{1,40}$/u;
const params = z.strictObject({ number: z.string().regex(CASE_NUMBER) });
// An unknown kind names no document: the same 404 as an unknown case, so it tells nothing either.
const kindParams = z.strictObject({ number: z.string().regex(CASE_NUMBER), kind: z.enum(DOCUMENT_KINDS) });

const offer = obj({ kind: str, label: bilingual, available: bool, reason: nullable(bilingual) });
const block = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { type: { type: 'string', enum: ['row', 'text', 'sign', 'gap'] }, label: str, value: str, text: str },
} as const;
const printedResponse = obj({
  kind: str,
  label: bilingual,
  caseNumber: str,
  organ: str,
  title: str,
  documentNumber: nullableStr,
  blocks: { type: 'array', items: block },
  printedAt: str,
  printedBy: str,
});

export function registerPrintRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const guard = staffGuard(ctx);

  app.get('/api/v1/cases/:number/documents', { config: { policy: 'staff', input: { params } }, preHandler: guard, schema: { response: { 200: obj({ items: { type: 'array', items: offer } }) } } }, async (request, reply) => {
    const { number } = pathParams(request, params);
    return reply.header('cache-control', 'no-store').send({ items: await documentsOf(ctx.deps, actorOf(ctx.deps, staffOf(request)), number) });
  });

  app.get(
    '/api/v1/cases/:number/documents/:kind',
    { config: { policy: 'staff', input: { params: kindParams }, problems: ['forbidden', 'conflict'] }, preHandler: guard, schema: { response: { 200: printedResponse } } },
    async (request, reply) => {
      const { number, kind } = pathParams(request, kindParams);
      return reply.header('cache-control', 'no-store').send(await printDocument(ctx.deps, actorOf(ctx.deps, staffOf(request)), number, kind));
    },
  );
}
