// The per-process reference cache (src/store/reference-cache.ts) must never serve a unit tree, calendar or
// sealed group the database no longer has: a committed change shows at the next read, and a change that
// rolled back never shows, even when the rolled-back transaction itself filled the cache.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

const version = async (): Promise<string> => (await t.deps.pool.query<{ v: string }>('SELECT version::text AS v FROM reference_version')).rows[0]?.v ?? '';

async function addUnit(db: { query: (text: string, values: unknown[]) => Promise<unknown> }, code: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO units (id, code, name, parent_id, kind) VALUES ($1, $2, $3, $4, 'station')`, [id, code, `测试${code}派出所`, b.unit('fj1')]);
  return id;
}

describe('reference cache', () => {
  it('serves the same set while nothing changed, and the new one right after a committed change', async () => {
    const first = await t.deps.reference.get(t.deps.pool);
    expect(await t.deps.reference.get(t.deps.pool)).toBe(first);
    const id = await addUnit(t.deps.pool, 'cache1');
    const next = await t.deps.reference.get(t.deps.pool);
    expect(next).not.toBe(first);
    expect(next.org.units.get(id)?.code).toBe('cache1');
  });

  it('never serves a change that rolled back, even one the rolled-back transaction cached', async () => {
    const client = await t.deps.pool.connect();
    let ghost: string;
    try {
      await client.query('BEGIN');
      ghost = await addUnit(client, 'ghost');
      expect((await t.deps.reference.get(client)).org.units.has(ghost)).toBe(true);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await t.deps.reference.get(t.deps.pool)).org.units.has(ghost)).toBe(false);
    // The next committed change takes a fresh number, not the rolled-back one.
    const real = await addUnit(t.deps.pool, 'cache2');
    const set = await t.deps.reference.get(t.deps.pool);
    expect(set.org.units.has(real)).toBe(true);
    expect(set.org.units.has(ghost)).toBe(false);
  });

  it('moves on grants, deactivation and the sealed group, and not on a password change', async () => {
    const user = b.user('unit_head');
    let before = await version();
    await t.deps.pool.query('UPDATE users SET password_changed_at = now() WHERE id = $1', [user]);
    expect(await version()).toBe(before);
    await t.deps.pool.query('UPDATE users SET active = false WHERE id = $1', [user]);
    expect(await version()).not.toBe(before);
    before = await version();
    await t.deps.pool.query(`UPDATE role_grants SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [user]);
    expect(await version()).not.toBe(before);
    before = await version();
    await t.deps.pool.query('INSERT INTO sealed_group_members (user_id, added_at) VALUES ($1, now())', [b.user('assigner')]);
    expect(await version()).not.toBe(before);
    expect((await t.deps.reference.get(t.deps.pool)).sealedGroup).toContain(b.user('assigner'));
  });
});
