// Every route has a policy and a row in the hand-written permission fixture, and behaves as the
// fixture says for an anonymous caller (DESIGN §10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ACTIONS } from '../../src/domain/actions.js';
import type { RouteEntry } from '../../src/http/policy.js';
import { ROUTE_FIXTURES } from '../fixtures/route-policies.js';
import { loadPermissionRows, routeOfAction } from '../helpers/permission-fixture.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the OpenAPI document would miss: path parameters without a params schema naming exactly them,
 * writes that do not say what body they take (`null`: none), and handlers that read a query or body
 * (through parseRequest, which names the part, or directly) without declaring it.
 */
function undeclaredInput(routes: readonly RouteEntry[]): string[] {
  const missing: string[] = [];
  for (const r of routes) {
    const at = `${r.method} ${r.url}`;
    // A trailing wildcard is Fastify's parameter '*'.
    const inPath = [...r.url.matchAll(/:([A-Za-z0-9_]+)/gu)].map((m) => m[1]).concat(r.url.endsWith('*') ? ['*'] : []).sort().join(',');
    const declared = Object.keys(r.input?.params?.shape ?? {}).sort().join(',');
    if (inPath !== declared) missing.push(`${at}: path parameters [${inPath}], declared [${declared}]`);
    if (WRITES.has(r.method) && r.input?.body === undefined) missing.push(`${at}: no body declaration`);
    const source = String(r.handler);
    if (/request\.query|'query'/u.test(source) && r.input?.query === undefined) missing.push(`${at}: reads a query it does not declare`);
    if (/request\.body|'body'/u.test(source) && (r.input?.body ?? null) === null) missing.push(`${at}: reads a body it does not declare`);
  }
  return missing;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('route inventory', () => {
  it('lists exactly the routes of the fixture, each with the fixture policy', () => {
    const actual = t.routes.map((r) => `${r.method} ${r.url} ${r.policy}`).sort();
    const expected = ROUTE_FIXTURES.map((r) => `${r.method} ${r.url} ${r.policy}`).sort();
    expect(actual).toEqual(expected);
  });

  it('has a row of the permission fixture (permissions.csv) for every staff case route and every staff action', () => {
    const rows = loadPermissionRows();
    const covered = new Set(rows.map((r) => routeOfAction(r.action)));
    const caseRoutes = t.routes.filter((r) => r.url === '/api/v1/cases' || r.url.startsWith('/api/v1/cases/')).map((r) => `${r.method} ${r.url}`);
    expect(caseRoutes.length).toBeGreaterThan(0);
    expect(caseRoutes.filter((r) => !covered.has(r))).toEqual([]);
    const actions = new Set(rows.map((r) => r.action));
    expect(STAFF_ACTIONS.filter((a) => !actions.has(a))).toEqual([]);
  });

  it('has every route declare the params, query and body it reads, for the OpenAPI document', () => {
    expect(undeclaredInput(t.routes)).toEqual([]);
    // The check itself: a route reading undeclared input is caught.
    const careless: RouteEntry = { method: 'POST', url: '/api/v1/things/:id', policy: 'public', input: undefined, handler: (request) => [request.query, request.body] };
    expect(undeclaredInput([careless])).toHaveLength(4);
  });

  it.each(ROUTE_FIXTURES)('$method $url answers an anonymous caller with $anonymous', async (route) => {
    const res = await t.app.inject({
      method: route.method,
      url: route.url,
      headers: { origin: ORIGIN, ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(route.method === 'GET' ? {} : { payload: '{}' }),
    });
    expect(res.statusCode).toBe(route.anonymous);
    if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses to start with a route that declares no policy', async () => {
    const { buildApp } = await import('../../src/http/app.js');
    const { pino } = await import('pino');
    await expect(
      buildApp({
        ctx: { config: t.config, deps: t.deps, allowedOrigins: new Set([ORIGIN]) },
        logger: pino({ level: 'silent' }),
        readiness: { ready: () => true, database: 'external' },
        routes: [(app) => app.get('/api/v1/forgotten', () => ({}))],
      }),
    ).rejects.toThrow(/declares no policy/);
  });
});
