// MLPS three-role separation at the edge (DESIGN §1, §7.3): every admin route of the hand-written fixture
// answers only its one admin role — case roles and the other administrators get 403, writes without the
// CSRF token 403 — and no admin route ever returns case content.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { ROUTE_FIXTURES, type RouteFixture } from '../fixtures/route-policies.js';
import { expectProblem } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
const MARKER = '甲乙丙丁标记七七九';
let caseNumber = '';

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  // A case whose every written part carries the marker, worked on so that it leaves audit rows,
  // timeline events, notifications and a break-glass reveal behind.
  caseNumber = (await submitReport(t.deps, {
    type: 'complaint', title: `投诉${MARKER}`, content: `城关派出所户籍窗口${MARKER}推诿扯皮，多次补交材料。`, anonymity: 'real_name',
    reporter: { name: `群众${MARKER}`, phone: '13800000999' }, subjects: [],
  }, [], { channel: 'web' })).caseNumber;
  await b.ok('intake', caseNumber, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: `拟交办${MARKER}`, proposedUnitId: b.unit('pcs1a') });
  await b.ok('duty_leader', caseNumber, 'instruct', { decision: 'approve', text: `同意${MARKER}`, mode: 'assign', unitId: b.unit('pcs1a') });
  await b.ok('duty_leader', caseNumber, 'reveal_reporter', { reason: '需要核实来电人身份' });
  await b.ok('liaison', caseNumber, 'add_note', { text: `内部记录${MARKER}` });
});
afterAll(async () => t.close());

const ADMIN_ROUTES = ROUTE_FIXTURES.filter((r): r is RouteFixture & { role: 'secadmin' | 'sysadmin' | 'auditor' } => r.policy === 'admin' && r.role !== undefined);
const ADMINS = ['secadmin', 'sysadmin', 'auditor'] as const;

function concrete(url: string): string {
  return url
    .replace(':dictionary', 'problem_type')
    .replace(':code', 'inaction')
    .replace(':caseType', 'complaint')
    .replace(':rank', 'officer')
    .replace(':year', '2026')
    .replace(':date', '2026-03-10')
    .replace(':role', 'handler')
    .replace(':id', '00000000-0000-4000-8000-000000000000');
}

async function call(user: string, route: RouteFixture, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const browser = await b.as(user);
  return browser.send(route.method, concrete(route.url), route.method === 'GET' ? undefined : {}, headers);
}

describe('three-role separation', () => {
  it('covers every admin route of the fixture with one admin role', () => {
    expect(ADMIN_ROUTES.length).toBe(ROUTE_FIXTURES.filter((r) => r.policy === 'admin').length);
    expect(ADMIN_ROUTES.length).toBeGreaterThan(30);
  });

  it.each(ADMIN_ROUTES)('$method $url: 403 for case roles and for the other administrators', async (route) => {
    for (const user of ['intake', 'supervision_head', 'unit_head', ...ADMINS.filter((a) => a !== route.role)]) {
      const res = await call(user, route);
      expect([user, res.statusCode]).toEqual([user, 403]);
      expect(res.json().code).toBe('forbidden');
    }
  });

  it.each(ADMIN_ROUTES.filter((r) => r.method !== 'GET'))('$method $url: 403 without the CSRF token, even for its own role', async (route) => {
    expectProblem(await call(route.role, route, { 'x-csrf-token': '' }), 403, 'csrf_failed');
  });

  it('the sysadmin cannot read the audit log; the auditor can', async () => {
    expectProblem(await (await b.as('sysadmin')).send('GET', '/api/v1/admin/audit'), 403, 'forbidden');
    expectProblem(await (await b.as('secadmin')).send('GET', '/api/v1/admin/audit/unusual'), 403, 'forbidden');
    expect((await (await b.as('auditor')).send('GET', '/api/v1/admin/audit')).statusCode).toBe(200);
  });

  it('an administrator holds no case role, so no case opens for them', async () => {
    for (const admin of ADMINS) expectProblem(await b.detail(admin, caseNumber), 404, 'not_found');
  });
});

describe('no case content on admin routes', () => {
  it('no admin answer contains anything written in a case', async () => {
    // The marker is really there for someone allowed to read the case.
    expect((await b.detail('intake', caseNumber)).body).toContain(MARKER);
    const reads: [string, string][] = [
      ...ADMIN_ROUTES.filter((r) => r.method === 'GET').map((r): [string, string] => [r.role, concrete(r.url)]),
      ['auditor', `/api/v1/admin/audit?caseNumber=${caseNumber}&limit=500`],
      ['auditor', '/api/v1/admin/audit?action=case.&limit=500'],
      ['secadmin', '/api/v1/admin/users?limit=200'],
      ['sysadmin', '/api/v1/admin/dictionaries/police_branch'],
    ];
    for (const [user, url] of reads) {
      const res = await (await b.as(user)).send('GET', url);
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect([url, res.body.includes(MARKER)]).toEqual([url, false]);
    }
    // The auditor does see that the case was worked on, by whom, and the break-glass reason.
    const log = (await (await b.as('auditor')).send('GET', `/api/v1/admin/audit?caseNumber=${caseNumber}`)).json<{ items: { action: string; details: Record<string, string> | null }[] }>();
    expect(log.items.map((i) => i.action)).toEqual(expect.arrayContaining(['case.accept', 'case.instruct', 'case.reveal_reporter', 'case.view']));
    expect(log.items.find((i) => i.action === 'case.reveal_reporter')?.details).toEqual({ reason: '需要核实来电人身份' });
  });
});
