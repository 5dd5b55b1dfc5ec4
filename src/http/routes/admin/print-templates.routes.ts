// The sysadmin's print templates (issue 4 打印): plain text with placeholders; reset returns to the reviewed default.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { resetPrintTemplate, setPrintTemplate } from '../../../commands/admin/print-templates.js';
import { codePointLength } from '../../../domain/classification.js';
import { DOCUMENT_KINDS, PLACEHOLDERS } from '../../../domain/print/documents.js';
import { TEMPLATE_LIMITS } from '../../../domain/print/template.js';
import { printTemplates } from '../../../queries/print/templates.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { text } from '../../validation.js';
import { actingUser, bilingual, nullableStr, obj, okResponse, str } from '../common.js';

const kindParams = z.strictObject({ kind: z.enum(DOCUMENT_KINDS) });

/** Leading full-width spaces indent a paragraph: the body keeps them, only trailing space goes. */
const body = z.string().transform((s, ctx) => {
  const t = s.normalize('NFC').replace(/\r\n?/gu, '\n').trimEnd();
  const n = codePointLength(t);
  if (n === 0) ctx.addIssue({ code: 'custom', params: { reason: 'required' } });
  else if (n > TEMPLATE_LIMITS.body) ctx.addIssue({ code: 'custom', params: { reason: 'too_long', limit: TEMPLATE_LIMITS.body } });
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(t)) ctx.addIssue({ code: 'custom', params: { reason: 'control_chars' } });
  return t;
});
const templateBody = z.strictObject({ title: text(1, TEMPLATE_LIMITS.title), body, numberPrefix: text(1, TEMPLATE_LIMITS.numberPrefix).nullable().optional() });

const item = obj({ kind: str, label: bilingual, title: str, body: str, numberPrefix: nullableStr, source: str, updatedAt: nullableStr });
const listResponse = obj({ items: { type: 'array', items: item }, placeholders: { type: 'array', items: obj({ name: str, label: bilingual }) } });

export function registerAdminPrintTemplateRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');

  app.get('/api/v1/admin/print-templates', { config: { policy }, preHandler, schema: { response: { 200: listResponse } } }, async () => ({
    items: await printTemplates(deps.pool),
    placeholders: Object.entries(PLACEHOLDERS).map(([name, label]) => ({ name, label })),
  }));

  app.put('/api/v1/admin/print-templates/:kind', { config: { policy, input: { params: kindParams, body: templateBody } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { kind } = pathParams(request, kindParams);
    const input = parseRequest(request, 'body', templateBody);
    await setPrintTemplate(deps, actingUser(request), kind, input);
    return { ok: true };
  });

  app.delete('/api/v1/admin/print-templates/:kind', { config: { policy, input: { params: kindParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { kind } = pathParams(request, kindParams);
    await resetPrintTemplate(deps, actingUser(request), kind);
    return { ok: true };
  });
}
