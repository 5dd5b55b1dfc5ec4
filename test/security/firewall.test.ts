// The accusation firewall and recusal (DESIGN §3.4), attacked from every case read path and every list:
// the accused, their unit, its head and a handler who declared a conflict must find the case nonexistent —
// byte for byte the answer for a number never issued — and never meet it in a list, a search, a statistics
// drill-down, a notification, a print or a download.
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPendingCases } from '../../src/commands/index-search.js';
import { submitReport } from '../../src/commands/submit-report.js';
import { ACCUSATION, ACCUSATION_FIELDS, linkedSubject } from '../helpers/case-steps.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { readXlsx } from '../helpers/xlsx.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let n = '';
let attachmentId = '';
const NONE = 'SL2026-999999';
// A phrase of the accusation that the keyed search finds for whoever may read it.
const WORD = '扶贫款';
// The accused (handler of pcs1a), a colleague of the same station, the station's head and the branch head
// above it (who sees sub-unit complaints, never accusations); and a handling-unit liaison who declared a conflict.
const FIREWALLED = ['handler', 'liaison', 'unit_head', 'fj1_head'] as const;
const RECUSED = 'fj1dc_liaison';

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } }).jpeg().toBuffer();
  n = (await submitReport(t.deps, { ...ACCUSATION, content: `城关派出所民警韩某挪用${WORD}给亲属，群众多次反映无人处理，请求查处。` }, [{ name: '收据.jpg', mediaType: 'image/jpeg', bytes: photo }], { channel: 'web' })).caseNumber;
  await b.ok('intake', n, 'accept', { ...ACCUSATION_FIELDS, subjects: await linkedSubject(b, n, 'handler'), mode: 'assign', proposal: '交东城分局督察大队核查', proposedUnitId: b.unit('fj1dc') });
  await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意，严肃核查', mode: 'assign' });
  await b.ok(RECUSED, n, 'sign_for');
  const declared = await b.act(RECUSED, n, 'declare_conflict', { reason: '与被反映人系亲属关系' });
  expect(declared.statusCode, declared.body).toBe(204);
  // Work after the recusal notifies the holding unit; the recused liaison must not hear of it.
  await b.ok('assigner', n, 'chase', { note: '请督察大队加快核查' });
  await b.ok('supervision_head', n, 'supervise', { kind: 'listed', note: '挂牌督办' });
  await indexPendingCases(t.deps);
  attachmentId = (await b.detail('intake', n)).json<{ attachments: { id: string }[] }>().attachments[0]!.id;
});
afterAll(async () => t.close());

/** Every route that names one case, as [label, method, url, body]. */
function caseReads(caseNumber: string): [string, 'GET' | 'POST', string, object | undefined][] {
  return [
    ['detail', 'GET', `/api/v1/cases/${caseNumber}`, undefined],
    ['assignable units', 'GET', `/api/v1/cases/${caseNumber}/assignable-units`, undefined],
    ['documents', 'GET', `/api/v1/cases/${caseNumber}/documents`, undefined],
    ['print registration', 'GET', `/api/v1/cases/${caseNumber}/documents/registration`, undefined],
    ['print dispatch', 'GET', `/api/v1/cases/${caseNumber}/documents/dispatch`, undefined],
    ['attachment', 'GET', `/api/v1/cases/${caseNumber}/attachments/${attachmentId}`, undefined],
    ['dial reporter', 'POST', `/api/v1/cases/${caseNumber}/dial`, {}],
    ['add note', 'POST', `/api/v1/cases/${caseNumber}/actions/add_note`, { text: '试探' }],
    ['declare conflict', 'POST', `/api/v1/cases/${caseNumber}/actions/declare_conflict`, { reason: '试探' }],
  ];
}

async function answer(user: string, method: 'GET' | 'POST', url: string, body?: object): Promise<LightMyRequestResponse> {
  return (await b.as(user)).send(method, url, body, method === 'POST' ? { 'if-match': '"1"' } : {});
}

describe('every read path of one case', () => {
  it('is open to the handling chain and the centre (so the probes below reach a real case)', async () => {
    for (const user of ['intake', 'supervision_head']) expect((await b.detail(user, n)).statusCode).toBe(200);
    expect((await answer('intake', 'GET', `/api/v1/cases/${n}/attachments/${attachmentId}`)).statusCode).toBe(200);
  });

  it.each([...FIREWALLED, RECUSED])('answers %s on every path exactly as for a case that does not exist', async (user) => {
    const seen = caseReads(n);
    const none = caseReads(NONE);
    const differing: string[] = [];
    for (let i = 0; i < seen.length; i += 1) {
      const [label, method, url, body] = seen[i]!;
      const [a, z] = [await answer(user, method, url, body), await answer(user, method, none[i]![2], body)];
      if (a.statusCode !== 404 || a.body !== z.body || a.headers['content-type'] !== z.headers['content-type']) differing.push(`${label}: ${String(a.statusCode)} ${a.body.slice(0, 120)}`);
    }
    // A batch names each item; apart from the number, the item of a hidden case reads as a nonexistent one.
    const batch = async (c: string) => (await answer(user, 'POST', '/api/v1/cases/batch/sign_for', { items: [{ caseNumber: c, version: 1 }], fields: {} })).body.replaceAll(c, '#');
    if ((await batch(n)) !== (await batch(NONE))) differing.push('batch sign_for');
    expect(differing).toEqual([]);
  });
});

describe('lists, search, drill-down, notifications, statistics', () => {
  const lists = [
    '/api/v1/cases?limit=100',
    '/api/v1/cases?limit=100&type=accusation',
    `/api/v1/cases?limit=100&q=${encodeURIComponent(WORD)}`,
    // The statistics drill-down: the period's cases, by unit.
    '/api/v1/cases?limit=100&registeredFrom=2026-01-01&registeredTo=2026-12-31&withTotal=1',
    '/api/v1/cases?limit=100&unit=mine',
    '/api/v1/notifications?limit=100',
  ];

  it('the search and the drill-down find the accusation for the centre', async () => {
    const intake = await b.as('intake');
    expect((await intake.send('GET', lists[2]!)).body).toContain(n);
    expect((await intake.send('GET', lists[3]!)).body).toContain(n);
  });

  it.each([...FIREWALLED, RECUSED])('never show it to %s', async (user) => {
    const browser = await b.as(user);
    for (const url of lists) {
      const res = await browser.send('GET', url);
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect([url, res.body.includes(n), res.body.includes(WORD)]).toEqual([url, false, false]);
    }
  });

  it('leave it out of the figures of the accused unit’s head and the branch head above', async () => {
    for (const user of ['unit_head', 'fj1_head']) {
      const stats = (await (await b.as(user)).send('GET', '/api/v1/stats?from=2026-01-01&to=2026-12-31')).json<{ by: { type: Record<string, number> } }>();
      expect([user, stats.by.type.accusation]).toEqual([user, undefined]);
    }
    const centre = (await (await b.as('assigner')).send('GET', '/api/v1/stats?from=2026-01-01&to=2026-12-31')).json<{ by: { type: Record<string, number> } }>();
    expect(centre.by.type.accusation).toBeGreaterThanOrEqual(1);
  });

  it('leave it out of the exported workbook of the accused unit’s head', async () => {
    const total = async (user: string) => {
      const res = await (await b.as(user)).send('GET', '/api/v1/stats/export?from=2026-01-01&to=2026-12-31');
      expect([user, res.statusCode]).toEqual([user, 200]);
      const summary = readXlsx(res.rawPayload).sheets.find((s) => s.name === '概况')!;
      return Number(summary.rows.find((r) => r[0] === '登记总量（件）')?.[1]);
    };
    // The station's head has no case of their own here: the accusation against their officer is not counted.
    expect(await total('unit_head')).toBe(0);
    expect(await total('assigner')).toBeGreaterThanOrEqual(1);
  });

  it('leave it out of a centre reader’s figures, list and drill-down once they declare a conflict', async () => {
    const figures = async (user: string) => (await (await b.as(user)).send('GET', '/api/v1/stats?from=2026-01-01&to=2026-12-31')).json<{ total: number; by: { type: Record<string, number> } }>();
    const before = await figures('followup');
    expect(before).toEqual(await figures('assigner'));
    expect((await b.act('followup', n, 'declare_conflict', { reason: '与反映人系邻居' })).statusCode).toBe(204);
    const after = await figures('followup');
    expect([after.total, after.by.type.accusation ?? 0]).toEqual([before.total - 1, (before.by.type.accusation ?? 0) - 1]);
    const browser = await b.as('followup');
    for (const url of ['/api/v1/cases?limit=100&type=accusation', '/api/v1/cases?limit=100&registeredFrom=2026-01-01&registeredTo=2026-12-31']) expect((await browser.send('GET', url)).body.includes(n)).toBe(false);
  });
});
