// The OpenAPI 3.1 document of the routes this node serves (DESIGN §10), built from what each route
// declares: policy, input, response schemas and refusals. Paths are relative: no `servers`.
import type { FastifyContextConfig } from 'fastify';
import type { RoutePolicy } from '../policy.js';
import { problemCodesOf, problemResponses, PROBLEM_SCHEMA } from './problems.js';
import { parametersOf, requestBodyOf, type JsonObject } from './request-schemas.js';

export interface DocumentedRoute {
  readonly method: string;
  readonly url: string;
  readonly config: FastifyContextConfig;
  /** Fastify's `schema.response`: JSON Schema per status. */
  readonly responses: Readonly<Record<string, unknown>>;
  /** Whether a guard runs before the handler: the sign-in steps after the first need a session. */
  readonly guarded: boolean;
}

export interface DocumentOptions {
  /** The staff session cookie's name on this node (`__Host-` over TLS). */
  readonly sessionCookie: string;
}

export const OPENAPI_VERSION = '3.1.1';

const TAGS = [
  { name: 'public', description: 'The public portal: no session; code look-ups need the case number and query code' },
  { name: 'staff', description: 'Staff sign-in and case work: the session cookie, and X-CSRF-Token on writes' },
  { name: 'admin', description: 'The three administrators (sysadmin, secadmin, auditor), one role per route' },
  { name: 'hooks', description: 'Channel adapters' },
  { name: 'operations', description: 'Liveness and readiness for load balancers' },
] as const;
type Tag = (typeof TAGS)[number]['name'];

function tagOf(url: string, policy: RoutePolicy): Tag {
  if (url.startsWith('/hooks/')) return 'hooks';
  switch (policy) {
    case 'public':
    case 'public_code':
      return 'public';
    case 'staff_signin':
    case 'staff':
      return 'staff';
    case 'admin':
      return 'admin';
    case 'operations':
      return 'operations';
    case 'channel':
      return 'hooks';
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function securityOf(route: DocumentedRoute, policy: RoutePolicy): JsonObject[] {
  const sessionBound = policy === 'staff' || policy === 'admin' || (policy === 'staff_signin' && route.guarded);
  if (!sessionBound) return [];
  return [WRITES.has(route.method) ? { session: [], csrf: [] } : { session: [] }];
}

/** `/api/v1/cases/:number/actions/:action` → `/api/v1/cases/{number}/actions/{action}` */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/gu, '{$1}');
}

/** `POST /api/v1/cases/:number/actions/:action` → `postCasesByNumberActionsByAction` */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//u, '/')
    .split('/')
    .filter((s) => s !== '')
    .flatMap((s) => (s.startsWith(':') ? ['by', s.slice(1)] : s.split(/[^A-Za-z0-9]+/u)))
    .filter((w) => w !== '');
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

const SUCCESS = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No content' } as const;

function successResponses(route: DocumentedRoute): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    const description = (SUCCESS as Record<string, string>)[status] ?? 'Answer';
    const empty = typeof schema === 'object' && schema !== null && (schema as JsonObject).type === 'null';
    out[status] = status === '204' || empty ? { description } : { description, content: { 'application/json': { schema } } };
  }
  return out;
}

function operationOf(route: DocumentedRoute): JsonObject {
  const policy = route.config.policy ?? 'public';
  const input = route.config.input ?? {};
  const parameters = parametersOf(route.url, input);
  const requestBody = requestBodyOf(input);
  return {
    operationId: operationIdOf(route.method, route.url),
    tags: [tagOf(route.url, policy)],
    'x-zhitong-policy': policy,
    security: securityOf(route, policy),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: { ...successResponses(route), ...problemResponses(problemCodesOf(route.method, route.config)) },
  };
}

/** Throws on a route it cannot describe, so a broken declaration fails at start-up, like a missing policy. */
export function buildOpenApiDocument(routes: readonly DocumentedRoute[], o: DocumentOptions): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const ids = new Set<string>();
  for (const route of [...routes].sort((a, b) => a.url.localeCompare(b.url))) {
    const operation = operationOf(route);
    const id = operation.operationId as string;
    if (ids.has(id)) throw new Error(`two routes share the operationId ${id}`);
    ids.add(id);
    const path = openApiPath(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Zhitong API',
      version: 'v1',
      description: 'Request schemas are strict: unknown keys answer 422. Errors are application/problem+json in the language of Accept-Language. Lengths count code points.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    tags: TAGS,
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: o.sessionCookie, description: 'set by the sign-in steps' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'the csrf_token cookie echoed on every staff write' },
      },
    },
  };
}
