// What the portal shows everyone without a case (issue 5): the bureau's identity and the public statistics.
// Neither reads anything that belongs to one case, so both are policy `public` and cacheable for a short time.
import type { FastifyInstance } from 'fastify';
import { loadSiteSettings } from '../../../store/site-settings.js';
import type { HttpContext } from '../../context.js';
import { siteSettingsResponse } from './site-schema.js';

export function registerPortalInfoRoutes(app: FastifyInstance, ctx: HttpContext): void {
  // A minute: an edit by the sysadmin shows soon, and a flood of portal visits reads the row once a minute per cache.
  app.get('/api/v1/public/site', { config: { policy: 'public' }, schema: { response: { 200: siteSettingsResponse } } }, async (_request, reply) => {
    const { settings } = await loadSiteSettings(ctx.deps.pool);
    return reply.header('Cache-Control', 'public, max-age=60').send(settings);
  });
}
