// The staff queues (issue 3): what each user lists is exactly what they may open, filters, search, paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPendingCases } from '../../src/commands/index-search.js';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { DEMO_USERS } from '../../src/commands/admin/demo-data.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
const cases: Record<string, string> = {};

const base: ReportInput = { type: 'complaint', anonymity: 'anonymous', subjects: [], content: '东城分局城关派出所户籍窗口态度生硬，办理居住证时推诿扯皮，要求多次补交材料。' };

async function report(input: Partial<ReportInput> = {}): Promise<string> {
  return (await submitReport(t.deps, { ...base, ...input }, [], { channel: 'web' })).caseNumber;
}

async function assignTo(n: string, unit: string, fields: object = {}): Promise<void> {
  await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '拟交办', proposedUnitId: b.unit(unit), ...fields });
  await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit(unit) });
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  cases.complaintPcs1a = await report();
  await assignTo(cases.complaintPcs1a, 'pcs1a');
  cases.complaintPcs2a = await report({ content: '示例县城南派出所出警慢，报警后四十分钟才到现场，希望改进。' });
  await assignTo(cases.complaintPcs2a, 'pcs2a');
  // An accusation against the demo handler of pcs1a, handled by the branch's 督察大队.
  cases.accusation = await report({ type: 'accusation', content: '城关派出所民警韩某在调解纠纷时索要好处费两千元，当事人不给就拖着不办。' });
  await b.ok('intake', cases.accusation, 'accept', {
    type: 'accusation', scope: 'misconduct', urgency: 'urgent', businessRelated: false, mode: 'assign', proposal: '交东城分局督察大队核查', proposedUnitId: b.unit('fj1dc'),
    subjects: [{ name: '韩某', userId: b.user('handler') }],
  });
  await b.ok('duty_leader', cases.accusation, 'instruct', { decision: 'approve', text: '同意，严肃核查', mode: 'assign', unitId: b.unit('fj1dc') });
  cases.fresh = await report({ content: '建议在新区派出所增设自助办证机，减少群众排队时间。', type: 'suggestion' });
});
afterAll(async () => t.close());

async function list(user: string, query = ''): Promise<{ items: { caseNumber: string; light: string; state: string }[]; nextCursor: string | null; total?: number; totalCapped?: boolean }> {
  const res = await (await b.as(user)).send('GET', `/api/v1/cases${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function listAll(user: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(user, `?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`);
    out.push(...page.items.map((i) => i.caseNumber));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

describe('what each user lists', () => {
  it('is exactly what they may open, for every demo account (list scope and the detail firewall agree)', async () => {
    const all = (await t.deps.pool.query<{ case_number: string }>('SELECT case_number FROM cases')).rows.map((r) => r.case_number);
    for (const u of DEMO_USERS) {
      const listed = new Set(await listAll(u.username));
      const openable = new Set<string>();
      for (const n of all) if ((await b.detail(u.username, n)).statusCode === 200) openable.add(n);
      expect([u.username, [...listed].sort()]).toEqual([u.username, [...openable].sort()]);
    }
  });

  it('hides the accusation from the accused, their station and its head; shows it to the handling 督察大队', async () => {
    for (const user of ['handler', 'liaison', 'unit_head']) expect(await listAll(user)).not.toContain(cases.accusation);
    expect(await listAll('fj1dc_liaison')).toContain(cases.accusation);
    // The branch head sees sub-unit complaints through their scope, never accusations that way.
    expect(await listAll('fj1_head')).toEqual(expect.arrayContaining([cases.complaintPcs1a]));
    expect(await listAll('fj1_head')).not.toContain(cases.accusation);
    expect(await listAll('liaison')).toEqual([cases.complaintPcs1a]);
  });

  it('pages by cursor without repeats, sorted by the reader’s deadline', async () => {
    const paged = await listAll('intake');
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.length).toBe(Number((await t.deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]!.n));
  });
});

describe('filters', () => {
  it('by state, stage, type, unit, light and assigned-to-me', async () => {
    expect((await list('intake', '?state=registered')).items.map((i) => i.state)).toSatisfy((s: string[]) => s.length > 0 && s.every((x) => x === 'registered'));
    expect((await list('intake', '?stage=in_progress')).items.map((i) => i.caseNumber).sort()).toEqual([cases.accusation, cases.complaintPcs1a, cases.complaintPcs2a].sort());
    const suggestions = (await list('intake', '?type=suggestion')).items as unknown as { caseNumber: string; type: string }[];
    expect(suggestions.map((i) => i.caseNumber)).toContain(cases.fresh);
    expect(suggestions.every((i) => i.type === 'suggestion')).toBe(true);
    expect((await list('assigner', `?unit=${b.unit('pcs2a')}`)).items.map((i) => i.caseNumber)).toEqual([cases.complaintPcs2a]);
    expect((await list('liaison', '?unit=mine&state=assigned')).items.map((i) => i.caseNumber)).toEqual([cases.complaintPcs1a]);
    expect((await list('intake', '?light=green')).items.every((i) => i.light === 'green')).toBe(true);
    expect((await list('intake', '?light=red')).items).toEqual([]);
    // Forty days on, every session has expired: sign in again then, and again after coming back.
    t.clock.advance(40 * 24 * 3600_000);
    b.browsers.clear();
    try {
      expect((await list('intake', '?light=red')).items.map((i) => i.caseNumber).sort()).toEqual([cases.accusation, cases.complaintPcs1a, cases.complaintPcs2a].sort());
    } finally {
      t.clock.advance(-40 * 24 * 3600_000);
      b.browsers.clear();
    }
    expect((await list('handler', '?assignedToMe=true')).items).toEqual([]);
  });

  it('refuses unknown filters and bad values with 422', async () => {
    const browser = await b.as('intake');
    expect((await browser.send('GET', '/api/v1/cases?colour=red')).statusCode).toBe(422);
    expect((await browser.send('GET', '/api/v1/cases?state=nonsense')).statusCode).toBe(422);
    expect((await browser.send('GET', '/api/v1/cases?limit=1000')).statusCode).toBe(422);
  });
});

describe('Chinese search over keyed tokens', () => {
  it('finds split words as phrases, within the reader’s scope, and audits the query', async () => {
    await indexPendingCases(t.deps);
    expect((await list('intake', `?q=${encodeURIComponent('好处费')}`)).items.map((i) => i.caseNumber)).toEqual([cases.accusation]);
    expect((await list('intake', `?q=${encodeURIComponent('索要好处费')}`)).items.map((i) => i.caseNumber)).toEqual([cases.accusation]);
    expect((await list('intake', `?q=${encodeURIComponent('好处费索要')}`)).items).toEqual([]);
    // The accused's own station searches for the very words and finds nothing.
    expect((await list('unit_head', `?q=${encodeURIComponent('好处费')}`)).items).toEqual([]);
    const audits = await t.deps.pool.query<{ action: string; details_enc: Buffer | null }>(`SELECT action, details_enc FROM audit WHERE action = 'case.search'`);
    expect(audits.rows.length).toBeGreaterThanOrEqual(4);
    expect(audits.rows.every((r) => r.details_enc !== null && !r.details_enc.includes(Buffer.from('好处费')))).toBe(true);
    const tokens = await t.deps.pool.query<{ tokens: string }>('SELECT tokens::text FROM case_search');
    expect(tokens.rows.some((r) => /[\u4e00-\u9fff]/u.test(r.tokens))).toBe(false);
  });
});

describe('totals (withTotal=1)', () => {
  it('counts the filtered list within the reader’s scope, the same on every page, and only when asked', async () => {
    const first = await list('intake', '?limit=2&withTotal=1');
    const all = await listAll('intake');
    expect(first).toMatchObject({ total: all.length, totalCapped: false });
    expect(await list('intake', `?limit=2&withTotal=1&cursor=${first.nextCursor ?? ''}`)).toMatchObject({ total: all.length });
    expect(await list('intake', '?limit=2')).not.toHaveProperty('total');
    // Hidden cases never count: the accused's station counts only what it lists.
    const liaison = await list('liaison', '?withTotal=1');
    expect(liaison).toMatchObject({ total: (await listAll('liaison')).length, totalCapped: false });
    expect(await list('unit_head', '?withTotal=1&type=accusation')).toMatchObject({ items: [], total: 0 });
    const suggestions = await list('intake', '?limit=100&withTotal=1&type=suggestion');
    expect(suggestions.total).toBe(suggestions.items.length);
    expect((await (await b.as('intake')).send('GET', '/api/v1/cases?withTotal=yes')).statusCode).toBe(422);
  });
});

describe('registration period (registeredFrom / registeredTo)', () => {
  it('lists the cases registered between the bureau-zone midnights, as the statistics count them', async () => {
    const r = await t.deps.pool.query<{ case_number: string; day: string }>(
      `SELECT case_number, to_char(created_at AT TIME ZONE $1::text, 'YYYY-MM-DD') AS day FROM cases WHERE case_number = $2`,
      [t.deps.timezone, cases.fresh],
    );
    const day = r.rows[0]!.day;
    const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const numbers = async (q: string) => (await list('intake', `?limit=100&withTotal=1&${q}`)).items.map((i) => i.caseNumber);
    expect(await numbers(`registeredFrom=${day}&registeredTo=${day}`)).toContain(cases.fresh);
    expect(await numbers(`registeredFrom=${shift(day, 1)}`)).not.toContain(cases.fresh);
    expect(await numbers(`registeredTo=${shift(day, -1)}`)).not.toContain(cases.fresh);
    expect(await numbers(`registeredFrom=${day}`)).toContain(cases.fresh);
  });

  it('refuses malformed dates and a period ending before it starts with problem+json 422', async () => {
    const browser = await b.as('intake');
    for (const q of ['registeredFrom=2026-02-30', 'registeredFrom=2026-3-1', 'registeredTo=yesterday', 'registeredFrom=2026-03-02&registeredTo=2026-03-01']) {
      const res = await browser.send('GET', `/api/v1/cases?${q}`);
      expect([q, res.statusCode]).toEqual([q, 422]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/u);
    }
  });
});
