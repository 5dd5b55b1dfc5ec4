// `audit verify` as the CLI runs it, after sealing every committed record the way the server does.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { expect } from 'vitest';
import type { Anchor } from '../../src/store/audit-anchor.js';
import { sealAudit } from '../../src/store/audit-seal.js';
import { verifyAudit, type VerifyReport } from '../../src/store/audit-verify.js';
import { ORIGIN, type TestApp } from './test-app.js';

async function unsealed(t: TestApp): Promise<number> {
  const r = await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE xid >= coalesce((SELECT to_xid FROM audit_seal ORDER BY id DESC LIMIT 1), '0'::xid8)`);
  return r.rows[0]!.n;
}

/** Another test file's open transaction on the same server can hold the horizon back for a moment, hence the loop. */
export async function sealAndVerify(t: TestApp, anchors: Anchor[] = []): Promise<VerifyReport> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const sealed = await sealAudit(t.deps.pool, t.deps.ring);
    if (sealed.sealId) anchors.push({ sealId: sealed.sealId, head: sealed.head.toString('hex'), at: new Date().toISOString() });
    if ((await unsealed(t)) === 0) return verifyAudit(t.deps.pool, t.deps.ring, anchors);
    await sleep(25);
  }
  throw new Error('audit rows stayed unsealed');
}

/** Runs fn as the server's superuser: for tests that plant a fault (a refusing trigger) the application role cannot. */
export async function asSuperuser<T>(t: TestApp, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Who did `action` on the case, and to what, in the order it was recorded. */
export async function auditTargets(t: TestApp, caseNumber: string, action: string): Promise<{ actor: string; target: string }[]> {
  const r = await t.deps.pool.query<{ actor: string; target: string }>(
    `SELECT u.username AS actor, a.target FROM audit a JOIN users u ON u.id = a.actor_user_id JOIN cases c ON c.id = a.case_id
     WHERE a.action = $2 AND c.case_number = $1 ORDER BY a.seq`,
    [caseNumber, action],
  );
  return r.rows;
}

/** A superuser session with triggers (append-only, foreign keys) switched off: the attacker of the audit tests. */
export function asAttacker<T>(t: TestApp, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return asSuperuser(t, async (c) => {
    await c.query('SET session_replication_role = replica');
    return fn(c);
  });
}

/** The n-th anonymous report of a test, each of them a new case with its own audit records. */
export async function submitNumbered(t: TestApp, n: number): Promise<{ caseNumber: string; queryCode: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/reports',
    headers: { origin: ORIGIN },
    payload: { type: 'complaint', content: `派出所窗口办事等候时间太长，态度不好，第${String(n)}份反映。`, anonymity: 'anonymous', subjects: [] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
