// The Fastify app factory: plugins in the order that states the architecture, then routes.
// It never listens itself (the server and the tests decide how to reach it).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import cookie from '@fastify/cookie';
import type { Logger } from 'pino';
import type { HttpContext } from './context.js';
import { registerErrorHandler, type HtmlNotFound } from './plugins/error-handler.js';
import { collectDocumentedRoutes, registerOpenApiRoute } from './openapi/openapi.routes.js';
import { enforceRoutePolicies, type RouteEntry } from './policy.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerHealthRoutes, type Readiness } from './routes/health.routes.js';
import { registerPublicRoutes } from './routes/public/public.routes.js';
import { cachedShellText, registerPortalRoutes } from './routes/portal.routes.js';
import { registerSmsHookRoutes } from './routes/hooks/sms.routes.js';
import { registerCtiHookRoutes } from './routes/hooks/cti.routes.js';
import { registerWechatHookRoutes } from './routes/hooks/wechat.routes.js';
import { UPLOAD_LIMITS } from './uploads.js';

export interface AppOptions {
  readonly ctx: HttpContext;
  readonly logger: Logger;
  readonly readiness: Readiness;
  /** Extra route registrars (staff, admin) added by later layers of the app. */
  readonly routes?: readonly ((app: FastifyInstance, ctx: HttpContext) => void)[];
}

export const JSON_BODY_LIMIT = 64 * 1024;

export interface BuiltApp {
  readonly app: FastifyInstance;
  /** Every route with its declared policy, for the route-inventory test. */
  readonly routes: readonly RouteEntry[];
}

export async function buildApp(o: AppOptions): Promise<BuiltApp> {
  const { config } = o.ctx;
  const app = Fastify({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- pins Fastify's logger generic to the base type the plugins expect
    loggerInstance: o.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    requestIdHeader: false,
    return503OnClosing: true,
  });
  const routes = enforceRoutePolicies(app);
  const documented = collectDocumentedRoutes(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMITS.fileBytes, files: UPLOAD_LIMITS.files, fieldSize: UPLOAD_LIMITS.fieldBytes } });
  // Browsers send `Content-Type: application/json` on body-less POSTs (logout); an empty body is
  // no body, not malformed JSON. Prototype poisoning stays an error.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    void defaultJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });
  registerSecurityHeaders(app);
  // The portal's pages are public; a staff-only node answers every unknown path with a problem.
  let htmlNotFound: HtmlNotFound | undefined;
  if (config.surface !== 'staff') htmlNotFound = registerPortalRoutes(app, o.ctx, cachedShellText(o.ctx));
  registerErrorHandler(app, htmlNotFound);
  // One line per request: route pattern, status and time — never the raw URL, body or client address.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ route: request.routeOptions.url ?? 'unmatched', method: request.method, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  registerHealthRoutes(app, o.ctx, o.readiness);
  if (config.surface !== 'staff') registerPublicRoutes(app, o.ctx);
  // Carriers reach the node that faces them; the staff-only node is not on their side of the network.
  if (config.surface !== 'staff') registerSmsHookRoutes(app, o.ctx);
  // The PBX sits on the police network beside the console: the internet-facing node never takes its events.
  if (config.surface !== 'public') registerCtiHookRoutes(app, o.ctx);
  if (config.surface !== 'staff') registerWechatHookRoutes(app, o.ctx);
  for (const register of o.routes ?? []) register(app, o.ctx);
  // Last, so the document it serves sees every route of this node.
  registerOpenApiRoute(app, o.ctx, documented);
  return { app, routes };
}
