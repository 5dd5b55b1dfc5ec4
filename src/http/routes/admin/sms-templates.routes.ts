// 短信模板 (sysadmin, issue 6): every SMS template with its built-in and current text, its placeholders and
// whether a provider sends it; an edit or a reset is checked by the domain's rules and reaches every
// sender within a minute (src/channels/sms/live-templates.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setSmsTemplate } from '../../../commands/admin/sms-templates.js';
import { SMS_PLACEHOLDER_LABELS, SMS_TEMPLATE_LABELS } from '../../../domain/sms/template-labels.js';
import { SMS_TEMPLATE_KEYS, SMS_TEMPLATES } from '../../../domain/sms/templates.js';
import { loadSmsTemplateOverrides } from '../../../store/sms-templates.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { actingUser, nullableStr, obj, okResponse, str } from '../common.js';

const bilingual = obj({ zh: str, en: str });
const templateView = obj({
  key: str,
  audience: str,
  label: bilingual,
  placeholders: { type: 'array', items: obj({ name: str, label: bilingual }) },
  defaultText: str,
  text: str,
  custom: { type: 'boolean' },
  updatedAt: nullableStr,
  /** the cloud providers' approved template id, when one is configured */
  providerTemplateId: nullableStr,
});
const listView = obj({ provider: str, signature: str, templates: { type: 'array', items: templateView } });

const keyParams = z.strictObject({ key: z.string().max(64) });
// Null puts the built-in text back.
const textBody = z.strictObject({ text: z.string().trim().min(1).max(500).nullable() });

export function registerAdminSmsTemplateRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, config } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');

  app.get('/api/v1/admin/sms-templates', { config: { policy }, preHandler, schema: { response: { 200: listView } } }, async () => {
    const stored = new Map((await loadSmsTemplateOverrides(deps.pool)).map((r) => [r.key, r]));
    return {
      provider: config.sms.provider,
      signature: config.sms.signature,
      templates: SMS_TEMPLATE_KEYS.map((key) => {
        const def = SMS_TEMPLATES[key];
        const own = stored.get(key);
        return {
          key,
          audience: def.audience,
          label: SMS_TEMPLATE_LABELS[key],
          placeholders: def.placeholders.map((name) => ({ name, label: SMS_PLACEHOLDER_LABELS[name] })),
          defaultText: def.text,
          text: own?.text ?? def.text,
          custom: own !== undefined,
          updatedAt: own?.updatedAt.toISOString() ?? null,
          providerTemplateId: config.sms.templateIds[key] ?? null,
        };
      }),
    };
  });

  app.put('/api/v1/admin/sms-templates/:key', { config: { policy, input: { params: keyParams, body: textBody }, problems: ['not_found'] }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { key } = pathParams(request, keyParams);
    await setSmsTemplate(deps, actingUser(request), key, parseRequest(request, 'body', textBody).text);
    return { ok: true };
  });
}
