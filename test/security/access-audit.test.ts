// Coverage of access audit (issue 9, DESIGN §7.2–7.3): every staff and admin read or download route of the
// route inventory, called with its parameters filled from a case and an inbox item that carry reporter markers,
// either answers without a marker or has written its audit row; and when that audit write fails, every route
// that revealed a marker answers an error without a marker byte. Which routes reveal identity is written here
// by hand, so a new route that starts revealing markers fails until someone lists it (and checks its audit).
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestIntakeMessage } from '../../src/commands/intake/ingest-message.js';
import { DOCUMENT_KINDS } from '../../src/domain/print/documents.js';
import type { RouteEntry } from '../../src/http/policy.js';
import { ROUTE_FIXTURES } from '../fixtures/route-policies.js';
import { asSuperuser } from '../helpers/audit.js';
import { closedDirectly } from '../helpers/case-steps.js';
import { Browser } from '../helpers/browser.js';
import { Bureau, DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { createUser } from '../helpers/factories.js';
import { CTI_SECRET, ctiEnv, FakePbx, sendEvent } from '../helpers/cti.js';
import { multipartReport } from '../helpers/multipart.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

/** Hand-written (DESIGN §7.2): the read routes whose answer may carry reporter identity or an identifying original. */
const REVEALING: readonly string[] = [
  'GET /api/v1/calls/current',
  'GET /api/v1/cases/:number',
  'GET /api/v1/cases/:number/attachments/:attachmentId',
  'GET /api/v1/cases/:number/documents/:kind',
  'GET /api/v1/intake/items',
  'GET /api/v1/intake/items/:id',
  'GET /api/v1/intake/items/:id/attachments/:attachmentId',
];

const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');
const tag = randomBytes(5).toString('hex').toUpperCase();
const MARKERS = {
  name: `欧阳标${tag}`,
  mobile: `137${digits(8)}`,
  email: `acc${tag.toLowerCase()}@example.cn`,
  file: `ZTACCESS${randomBytes(12).toString('hex')}`,
  inboxEmail: `inb${tag.toLowerCase()}@example.cn`,
  inboxFile: `ZTINBOXA${randomBytes(12).toString('hex')}`,
};

let t: TestApp;
let pbx: FakePbx;
let centre: Browser;
const admins = new Map<string, Browser>();
const params: Record<string, string> = {};
let caseAttachmentId = '';
let itemAttachmentId = '';

beforeAll(async () => {
  pbx = await FakePbx.start(CTI_SECRET);
  t = await createTestApp(ctiEnv(pbx));
  const b = await Bureau.load(t);
  const report = { type: 'complaint', anonymity: 'real_name', reporter: { name: MARKERS.name, phone: MARKERS.mobile, email: MARKERS.email }, content: '派出所窗口办理户籍业务推诿拖延，请核查处理。', subjects: [] };
  const { payload, contentType } = multipartReport(report, [{ name: '说明.txt', type: 'text/plain', bytes: Buffer.from(`材料 ${MARKERS.file}\n`) }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': contentType }, payload });
  expect(res.statusCode, res.body).toBe(201);
  params.number = res.json<{ caseNumber: string }>().caseNumber;
  // Replied and closed, so the acceptance notice and the reply letter (addressed to the reporter) can be printed.
  await closedDirectly(b, params.number);
  const item = await ingestIntakeMessage(t.deps, {
    channel: 'email', externalId: `<${randomBytes(8).toString('hex')}@mail.example.cn>`, receivedAt: new Date('2026-03-01T08:00:00Z'),
    contact: MARKERS.inboxEmail, text: '反映某派出所民警办事拖拉，请核查。', attachments: [{ name: '附件.txt', mediaType: 'text/plain', bytes: Buffer.from(`附件 ${MARKERS.inboxFile}\n`) }],
  });
  params.id = item.itemId;
  params.dictionary = 'problem_type';
  params.year = '2026';

  // A centre user who sees everything a centre user may (DESIGN §7.2 defaults), in the supervision detachment.
  const user = await createUser(t.deps, { unitId: b.unit('dcd'), roles: ['intake', 'assigner', 'supervision_head', 'followup'], totpRequired: false });
  centre = new Browser(t);
  expect((await centre.login(user.username, user.password)).json()).toMatchObject({ stage: 'authenticated' });
  for (const role of ['secadmin', 'sysadmin', 'auditor']) {
    const a = new Browser(t);
    expect((await a.login(role, DEMO_PASSWORD)).json()).toMatchObject({ stage: 'authenticated' });
    admins.set(role, a);
  }
  // The centre user's phone seat rings with a call from the reporter's mobile: the screen pop shows the caller.
  const seat = await admins.get('secadmin')!.send('PATCH', `/api/v1/admin/users/${user.id}`, { seatExtension: '8001' });
  expect(seat.statusCode, seat.body).toBe(200);
  await ring();
  caseAttachmentId = (await centre.send('GET', `/api/v1/cases/${params.number}`)).json<{ attachments: { id: string }[] }>().attachments[0]!.id;
  itemAttachmentId = (await centre.send('GET', `/api/v1/intake/items/${params.id}`)).json<{ attachments: { id: string }[] }>().attachments[0]!.id;
});
afterAll(async () => {
  await t.close();
  await pbx.close();
});

let calls = 0;
/** A new call from the reporter's mobile to the centre user's seat (a pop is audited once per call and user). */
async function ring(): Promise<void> {
  calls += 1;
  const res = await sendEvent(t, 'call.new', { callId: `sweep-${String(calls)}`, from: MARKERS.mobile, to: '8001', direction: 'in', queue: '12389', startedAt: t.clock.now().toISOString() });
  expect(res.statusCode, res.body).toBe(200);
}

/** Query strings for reads that require one: the search words a user would type. */
const QUERIES: Record<string, string> = { '/api/v1/staff-directory': '?q=%E7%8E%8B%E5%8F%97' };

/** The concrete URLs to call for a route pattern; a parameter nobody taught this test fails it. */
function urlsOf(route: RouteEntry): string[] {
  let urls = [route.url];
  for (const name of [...route.url.matchAll(/:([A-Za-z0-9_]+)/gu)].map((m) => m[1]!)) {
    const values = name === 'kind' ? [...DOCUMENT_KINDS] : name === 'attachmentId' ? [route.url.startsWith('/api/v1/cases') ? caseAttachmentId : itemAttachmentId] : [params[name]];
    if (values.some((v) => v === undefined)) throw new Error(`${route.url}: no value for :${name}; teach the access-audit test`);
    urls = urls.flatMap((u) => values.map((v) => u.replace(`:${name}`, encodeURIComponent(v!))));
  }
  return urls.map((u) => u + (QUERIES[route.url] ?? ''));
}

function revealed(payload: Buffer): string[] {
  return Object.entries(MARKERS).filter(([, m]) => payload.includes(Buffer.from(m, 'utf8'))).map(([k]) => k);
}

function clientFor(route: RouteEntry): Browser {
  if (route.policy !== 'admin') return centre;
  const role = ROUTE_FIXTURES.find((f) => f.method === route.method && f.url === route.url)?.role;
  const a = role === undefined ? undefined : admins.get(role);
  if (a === undefined) throw new Error(`${route.url}: no admin role in the route fixture`);
  return a;
}

async function lastSeq(): Promise<string> {
  return (await t.deps.pool.query<{ s: string }>('SELECT coalesce(max(seq), 0)::text AS s FROM audit')).rows[0]!.s;
}

interface Call {
  readonly route: string;
  readonly url: string;
  readonly client: Browser;
}

const revealingCalls: Call[] = [];

describe('coverage of access audit', () => {
  it('finds each staff read that reveals a marker audited, and exactly the hand-written routes revealing', async () => {
    const reads = t.routes.filter((r) => r.method === 'GET' && (r.policy === 'staff' || r.policy === 'admin'));
    expect(reads.length).toBeGreaterThan(30);
    const unaudited: string[] = [];
    const revealingRoutes = new Set<string>();
    const statuses: string[] = [];
    for (const route of reads) {
      const client = clientFor(route);
      for (const url of urlsOf(route)) {
        const before = await lastSeq();
        const res = await client.send('GET', url);
        statuses.push(`${String(res.statusCode)} ${url}`);
        const found = revealed(res.rawPayload);
        if (found.length === 0) continue;
        const key = `${route.method} ${route.url}`;
        revealingRoutes.add(key);
        revealingCalls.push({ route: key, url, client });
        const audit = await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE seq > $1 AND actor_kind = 'staff'", [before]);
        if (audit.rows[0]!.n === 0) unaudited.push(`${url} → ${String(res.statusCode)} with ${found.join(', ')} and no audit row`);
      }
    }
    console.log(`[figures] access audit: ${String(reads.length)} read routes, ${String(statuses.length)} calls, ${String(revealingCalls.length)} revealing; not 200: ${statuses.filter((x) => !x.startsWith('200')).join('; ') || 'none'}`);
    expect(unaudited).toEqual([]);
    expect([...revealingRoutes].sort()).toEqual([...REVEALING].sort());
    // Everything the markers were planted in was seen by some route: the case, its file, the inbox item, its file.
    const seen = new Set(await Promise.all(revealingCalls.map(async (c) => revealed((await c.client.send('GET', c.url)).rawPayload))).then((x) => x.flat()));
    expect([...seen].sort()).toEqual(Object.keys(MARKERS).sort());
  });

  it('answers an error without a marker byte from every revealing route when the audit write fails', async () => {
    expect(revealingCalls.length).toBeGreaterThanOrEqual(REVEALING.length);
    await asSuperuser(t, (c) =>
      c.query(`CREATE FUNCTION sweep_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable (test)'; END $$;
               CREATE TRIGGER sweep_refuse_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION sweep_refuse_audit();`),
    );
    try {
      const leaks: string[] = [];
      for (const c of revealingCalls) {
        // The calls already shown were audited when first shown; a new one must be audited before it is shown.
        if (c.route === 'GET /api/v1/calls/current') await ring();
        const res = await c.client.send('GET', c.url);
        const found = revealed(res.rawPayload);
        if (res.statusCode < 500 || found.length > 0) leaks.push(`${c.url} → ${String(res.statusCode)}${found.length > 0 ? ` with ${found.join(', ')}` : ''}`);
      }
      expect(leaks).toEqual([]);
    } finally {
      await asSuperuser(t, (c) => c.query('DROP TRIGGER sweep_refuse_audit ON audit; DROP FUNCTION sweep_refuse_audit();'));
    }
    // The control: with the audit back, the same calls reveal again.
    expect(revealed((await revealingCalls[0]!.client.send('GET', revealingCalls[0]!.url)).rawPayload).length).toBeGreaterThan(0);
  });
});
