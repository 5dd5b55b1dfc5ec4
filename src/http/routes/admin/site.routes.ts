// The sysadmin's site settings (issue 5): the bureau's identity on the public portal, read and replaced
// whole; the portal reads the same values at GET /api/v1/public/site.
import type { FastifyInstance } from 'fastify';
import { setSiteSettings } from '../../../commands/admin/site-settings.js';
import { loadSiteSettings, siteSettingsSchema } from '../../../store/site-settings.js';
import type { HttpContext } from '../../context.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { actingUser, nullableStr, obj, okResponse, str } from '../common.js';
import { siteSettingsResponse } from '../public/site-schema.js';

const adminView = obj({ settings: siteSettingsResponse, source: str, updatedAt: nullableStr });

export function registerAdminSiteRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');

  app.get('/api/v1/admin/site', { config: { policy }, preHandler, schema: { response: { 200: adminView } } }, async () => {
    const stored = await loadSiteSettings(deps.pool);
    return { settings: stored.settings, source: stored.source, updatedAt: stored.updatedAt?.toISOString() ?? null };
  });

  app.put('/api/v1/admin/site', { config: { policy, input: { body: siteSettingsSchema } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await setSiteSettings(deps, actingUser(request), parseRequest(request, 'body', siteSettingsSchema));
    return { ok: true };
  });
}
