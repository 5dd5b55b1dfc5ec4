// GET /api/v1/openapi.json: the document of the routes this node serves, built once when the app is
// ready (every route registered by then) and sent as the same bytes every time. No Swagger UI.
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.js';
import { cookieNames } from '../plugins/staff-session.js';
import { buildOpenApiDocument, type DocumentedRoute } from './document.js';

export const OPENAPI_URL = '/api/v1/openapi.json';

/**
 * The API's own routes: JSON under /api/ and /hooks/, and the health checks. The console's HTML shell and
 * its hashed files (and later the portal's) are pages, not operations, and stay out of the document.
 */
export function isApiRoute(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/hooks/') || url === '/healthz' || url === '/readyz';
}

/** Records every API route as declared; call before any route is registered. */
export function collectDocumentedRoutes(app: FastifyInstance): readonly DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const responses = (route.schema?.response ?? {}) as Readonly<Record<string, unknown>>;
    for (const method of methods) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, config: route.config ?? {}, responses, guarded: route.preHandler !== undefined });
    }
  });
  return routes;
}

// The document is sent pre-serialised; this schema states its shape without listing every path.
const documentResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['openapi', 'info', 'tags', 'paths', 'components'],
  properties: {
    openapi: { type: 'string' },
    info: { type: 'object' },
    tags: { type: 'array', items: { type: 'object' } },
    paths: { type: 'object', additionalProperties: { type: 'object' } },
    components: { type: 'object' },
  },
} as const;

export function registerOpenApiRoute(app: FastifyInstance, ctx: HttpContext, routes: readonly DocumentedRoute[]): void {
  let json = '';
  app.addHook('onReady', (done) => {
    try {
      json = JSON.stringify(buildOpenApiDocument(routes, { sessionCookie: cookieNames(ctx.config).session }));
      done();
    } catch (err) {
      // A route the document cannot describe stops the start, as a route without a policy does.
      done(err as Error);
    }
  });
  app.get(OPENAPI_URL, { config: { policy: 'public' }, schema: { response: { 200: documentResponse } } }, (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=300').type('application/json; charset=utf-8').send(json),
  );
}
