// The OpenAPI 3.1 document at /api/v1/openapi.json (DESIGN §10): generated from the registered routes,
// every schema valid JSON Schema 2020-12, and the documented request schemas refusing what the routes refuse.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/http/app.js';
import { openApiPath } from '../../src/http/openapi/document.js';
import { isApiRoute } from '../../src/http/openapi/openapi.routes.js';
import { parseRequest } from '../../src/http/route-input.js';
import { ROUTE_FIXTURES } from '../fixtures/route-policies.js';
import { REPORT } from '../helpers/report-body.js';
import { signedInStaff, type StaffClient } from '../helpers/staff.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  tags: string[];
  security: Json[];
  parameters?: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  servers?: unknown;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

const addFormats = ajvFormats.default as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv, ['date', 'date-time', 'uuid', 'email', 'uri']);
// The action forms' labels for the console: annotations.
ajv.addKeyword({ keyword: 'x-label', schemaType: 'object' });
ajv.addKeyword({ keyword: 'x-enum-labels', schemaType: 'object' });

let t: TestApp;
let doc: Document;
let staff: StaffClient;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json<Document>();
  staff = (await signedInStaff(t, ['handler'])).client;
});
afterAll(async () => {
  await t.close();
});

function operation(method: string, url: string): Operation {
  const op = doc.paths[openApiPath(url)]?.[method.toLowerCase()];
  if (op === undefined) throw new Error(`${method} ${url} is not in the document`);
  return op;
}

const validators = new Map<Json, ValidateFunction>();
function validatorOf(schema: Json): ValidateFunction {
  let v = validators.get(schema);
  if (v === undefined) {
    v = ajv.compile(schema);
    validators.set(schema, v);
  }
  return v;
}

const bodyValidator = (method: string, url: string): ValidateFunction => validatorOf(operation(method, url).requestBody!.content['application/json']!.schema);

/** Every schema object of the document, with where it sits; `$ref`s to components are checked to resolve. */
function schemasOf(d: Document): { where: string; schema: Json }[] {
  const out = Object.entries(d.components.schemas).map(([name, schema]) => ({ where: `components.schemas.${name}`, schema }));
  for (const [path, ops] of Object.entries(d.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) out.push({ where: `${at} ${p.in} ${p.name}`, schema: p.schema });
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) out.push({ where: `${at} body ${type}`, schema: media.schema });
      for (const [status, r] of Object.entries(op.responses)) for (const [type, media] of Object.entries(r.content ?? {})) out.push({ where: `${at} ${status} ${type}`, schema: media.schema });
    }
  }
  return out;
}

describe('the document', () => {
  it('is OpenAPI 3.1 with info, relative paths and no servers, served public and cacheable', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('Zhitong API');
    expect(doc.info.version).toBe('v1');
    expect(doc.servers).toBeUndefined();
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/[^:]*$/);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    // Built once at start: the same bytes every time.
    expect(res.body).toBe(JSON.stringify(doc));
  });

  it('has every registered route with its method, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(t.routes.filter((r) => isApiRoute(r.url)).map((r) => `${r.method} ${openApiPath(r.url)}`).sort());
    expect(documented.some((op) => op.includes('/console'))).toBe(false);
    expect(documented).toContain('POST /api/v1/cases/{number}/actions/{action}');
  });

  it('names every operation once, tags it by audience and declares its path parameters', () => {
    const ids = new Set<string>();
    for (const r of t.routes.filter((x) => isApiRoute(x.url))) {
      const op = operation(r.method, r.url);
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(op.tags).toHaveLength(1);
      expect(['public', 'staff', 'admin', 'hooks', 'operations']).toContain(op.tags[0]);
      const inPath = [...r.url.matchAll(/:([A-Za-z0-9_]+)/gu)].map((m) => m[1]);
      expect((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(inPath);
    }
    expect(operation('GET', '/api/v1/admin/users').tags).toEqual(['admin']);
    expect(operation('POST', '/api/v1/public/track').tags).toEqual(['public']);
    expect(operation('GET', '/api/v1/cases/:number').operationId).toBe('getCasesByNumber');
  });

  it('compiles every schema under JSON Schema 2020-12 (Ajv2020, strict)', () => {
    const all = schemasOf(doc);
    expect(all.length).toBeGreaterThan(100);
    for (const { where, schema } of all) {
      if (typeof schema.$ref === 'string') {
        expect(schema.$ref, where).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas[schema.$ref.split('/').at(-1)!], where).toBeDefined();
        continue;
      }
      expect(() => validatorOf(schema), where).not.toThrow();
    }
  });

  it('answers refusals as problem+json, with every status the anonymous caller gets', () => {
    for (const f of ROUTE_FIXTURES) {
      if (f.anonymous < 400 || !isApiRoute(f.url)) continue;
      const response = operation(f.method, f.url).responses[String(f.anonymous)];
      expect(response, `${f.method} ${f.url} ${f.anonymous}`).toBeDefined();
      expect(response?.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
    const action = operation('POST', '/api/v1/cases/:number/actions/:action');
    expect(Object.keys(action.responses)).toEqual(expect.arrayContaining(['200', '204', '401', '403', '404', '409', '412', '422', '428']));
    expect(action.parameters?.map((p) => p.name)).toContain('If-Match');
  });

  it('states the session cookie and CSRF header for staff routes and nothing for public ones', () => {
    expect(doc.components.securitySchemes.session).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'zt_session' }));
    expect(doc.components.securitySchemes.csrf).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }));
    expect(operation('GET', '/api/v1/public/taxonomy').security).toEqual([]);
    expect(operation('POST', '/api/v1/auth/login').security).toEqual([]);
    expect(operation('GET', '/api/v1/cases').security).toEqual([{ session: [] }]);
    expect(operation('POST', '/api/v1/auth/totp').security).toEqual([{ session: [], csrf: [] }]);
    expect(operation('PUT', '/api/v1/admin/working-hours').security).toEqual([{ session: [], csrf: [] }]);
  });

  it('documents the upload routes as JSON or multipart/form-data', () => {
    for (const url of ['/api/v1/public/reports', '/api/v1/cases']) {
      const content = operation('POST', url).requestBody?.content ?? {};
      expect(Object.keys(content).sort()).toEqual(['application/json', 'multipart/form-data']);
      expect(content['multipart/form-data']?.schema).toEqual(expect.objectContaining({ required: ['report'] }));
    }
  });

  it('renders trimmed text as a plain string with its code-point limits', () => {
    const login = operation('POST', '/api/v1/auth/login').requestBody!.content['application/json']!.schema as { properties: Record<string, Json> };
    expect(login.properties.username).toEqual(expect.objectContaining({ type: 'string', minLength: 1, maxLength: 64 }));
    const users = operation('GET', '/api/v1/admin/users').parameters!.find((p) => p.name === 'q');
    expect(users?.schema).toEqual(expect.objectContaining({ type: 'string', maxLength: 40 }));
  });
});

describe('documented request schemas against the real routes', () => {
  const post = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('sign-in: refuses an unknown key and a missing field as the route does (422), accepts a well-formed attempt', async () => {
    const validate = bodyValidator('POST', '/api/v1/auth/login');
    for (const body of [{ username: 'nobody', password: 'x', remember: true }, { username: 'nobody' }]) {
      expect(validate(body)).toBe(false);
      expect((await post('/api/v1/auth/login', body)).statusCode).toBe(422);
    }
    const valid = { username: 'nobody', password: 'Not-The-Password-1' };
    expect(validate(valid)).toBe(true);
    const res = await post('/api/v1/auth/login', valid);
    expect(res.statusCode).toBe(401);
    expect(res.json<{ code: string }>().code).toBe('login_failed');
  });

  it('public report: refuses an unknown key and an unknown type (422), accepts a complete report (201)', async () => {
    const validate = bodyValidator('POST', '/api/v1/public/reports');
    const report = REPORT;
    for (const body of [{ ...report, secret: 1 }, { ...report, type: 'bribe' }]) {
      expect(validate(body)).toBe(false);
      expect((await post('/api/v1/public/reports', body)).statusCode).toBe(422);
    }
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect((await post('/api/v1/public/reports', report)).statusCode).toBe(201);
  });

  it('notifications: the body and query a signed-in user may send', async () => {
    const validate = bodyValidator('POST', '/api/v1/notifications/read');
    for (const body of [{ ids: [] }, { ids: ['not-a-uuid'] }, { ids: ['00000000-0000-4000-8000-000000000000'], all: true }]) {
      expect(validate(body)).toBe(false);
      expect((await staff.send('POST', '/api/v1/notifications/read', body)).statusCode).toBe(422);
    }
    const valid = { ids: ['00000000-0000-4000-8000-000000000000'] };
    expect(validate(valid)).toBe(true);
    expect((await staff.send('POST', '/api/v1/notifications/read', valid)).statusCode).toBe(200);
    const limit = operation('GET', '/api/v1/notifications').parameters!.find((p) => p.name === 'limit')!;
    expect(validatorOf(limit.schema)('abc')).toBe(false);
    expect((await staff.send('GET', '/api/v1/notifications?limit=abc')).statusCode).toBe(422);
    expect(validatorOf(limit.schema)('20')).toBe(true);
    expect((await staff.send('GET', '/api/v1/notifications?limit=20')).statusCode).toBe(200);
  });
});

describe('one source for the handler and the document', () => {
  it('has no Swagger UI or other documentation route', async () => {
    expect(t.routes.filter((r) => /swagger|docs|documentation|redoc/iu.test(r.url))).toEqual([]);
    for (const url of ['/docs', '/documentation', '/swagger', '/api/v1/docs', '/api/v1/swagger', '/api/v1/openapi', '/api/v1/openapi.yaml']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('refuses a handler that parses a schema its route does not declare (500), so the document cannot drift', async () => {
    const declared = z.strictObject({ a: z.string() });
    const { app } = await buildApp({
      ctx: { config: t.config, deps: t.deps, allowedOrigins: new Set([ORIGIN]) },
      logger: pino({ level: 'silent' }),
      readiness: { ready: () => true, database: 'external' },
      routes: [
        (a) => a.post('/api/v1/drift', { config: { policy: 'public', input: { body: declared } } }, (request) => parseRequest(request, 'body', z.strictObject({ a: z.string() }))),
        (a) => a.post('/api/v1/same', { config: { policy: 'public', input: { body: declared } } }, (request) => parseRequest(request, 'body', declared)),
      ],
    });
    await app.ready();
    const send = (url: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{"a":"x"}' });
    expect((await send('/api/v1/drift')).statusCode).toBe(500);
    expect((await send('/api/v1/same')).json()).toEqual({ a: 'x' });
    await app.close();
  });
});
