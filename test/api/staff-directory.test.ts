// The staff directory (issue 4): the centre's subject suggestions, by police number prefix or name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;

interface Entry {
  userId: string;
  displayName: string;
  policeNumber: string | null;
  unit: { id: string; name: string };
}

async function search(user: string, q: string) {
  return (await b.as(user)).send('GET', `/api/v1/staff-directory?q=${encodeURIComponent(q)}`);
}

async function found(q: string): Promise<Entry[]> {
  const res = await search('intake', q);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Entry[] }>().items;
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

describe('GET /api/v1/staff-directory', () => {
  it('finds a user by police number prefix, ordered by police number, with their unit and nothing else', async () => {
    const res = await search('intake', '91030');
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.json<{ items: Entry[] }>().items;
    const numbers = items.map((i) => i.policeNumber ?? '');
    expect(numbers.slice(0, 2)).toEqual(['910301', '910302']);
    expect(numbers.every((n) => n.startsWith('91030'))).toBe(true);
    expect(numbers).toEqual([...numbers].sort());
    expect(items[1]).toEqual({ userId: b.user('handler'), displayName: '韩承办', policeNumber: '910302', unit: { id: b.unit('pcs1a'), name: expect.any(String) as string } });
  });

  it('finds a user by part of the name, and trims the query', async () => {
    expect((await found(' 承办 ')).map((i) => i.userId)).toEqual(expect.arrayContaining([b.user('handler'), b.user('handler2')]));
    expect((await found('韩承')).map((i) => i.userId)).toEqual([b.user('handler')]);
  });

  it('does not list an inactive user', async () => {
    expect(await found('920301')).toHaveLength(1);
    await t.deps.pool.query(`UPDATE users SET active = false WHERE username = 'handler2'`);
    try {
      expect(await found('920301')).toEqual([]);
    } finally {
      await t.deps.pool.query(`UPDATE users SET active = true WHERE username = 'handler2'`);
    }
  });

  it('matches LIKE wildcards literally', async () => {
    expect(await found('%%')).toEqual([]);
    expect(await found('__')).toEqual([]);
    expect(await found('9%')).toEqual([]);
    expect(await found('\\%')).toEqual([]);
  });

  it('answers at most ten, the lowest police numbers first', async () => {
    // The demo has more than ten police numbers starting 90.
    const items = await found('90');
    expect(items).toHaveLength(10);
    const numbers = items.map((i) => i.policeNumber ?? '');
    expect(numbers).toEqual([...numbers].sort());
  });

  it('refuses a unit role with 403 problem+json', async () => {
    const res = await search('liaison', '9103');
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(['9', ' 9 ', '', '9'.repeat(21)])('refuses q=%j with 422 problem+json', async (q) => {
    const res = await search('intake', q);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a missing or unknown query parameter with 422', async () => {
    const intake = await b.as('intake');
    expect((await intake.send('GET', '/api/v1/staff-directory')).statusCode).toBe(422);
    expect((await intake.send('GET', '/api/v1/staff-directory?q=9103&x=1')).statusCode).toBe(422);
  });
});
