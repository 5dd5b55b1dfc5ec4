// The audit chain of DESIGN §6 against an attacker with superuser rights: altered rows, recomputed
// seals, a deleted tail, vanished records, changed case rows; and the roles that cannot do any of it.
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { KeyRing } from '../../src/security/keys.js';
import { installationId, type Anchor } from '../../src/store/audit-anchor.js';
import { sealAudit } from '../../src/store/audit-seal.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { asAttacker as attack, submitNumbered } from '../helpers/audit.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const submit = (n: number) => submitNumbered(t, n);

async function submitMany(count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 1; i <= count; i += 1) numbers.push((await submit(i)).caseNumber);
  return numbers;
}

async function unsealedCount(): Promise<number> {
  const r = await t.deps.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit WHERE xid >= coalesce((SELECT to_xid FROM audit_seal ORDER BY id DESC LIMIT 1), '0'::xid8)`,
  );
  return r.rows[0]!.n;
}

/**
 * Seals until every committed record is sealed, anchoring each seal as the server would. Another
 * test file's open transaction on the same cluster can hold the horizon back for a moment, hence the loop.
 */
async function sealAll(ring: KeyRing = t.deps.ring): Promise<Anchor[]> {
  const anchors: Anchor[] = [];
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const sealed = await sealAudit(t.deps.pool, ring);
    if (sealed.sealId) anchors.push({ sealId: sealed.sealId, head: sealed.head.toString('hex'), at: new Date().toISOString() });
    if ((await unsealedCount()) === 0) return anchors;
    await sleep(25);
  }
  throw new Error('audit rows stayed unsealed');
}

async function verify(anchors: readonly Anchor[], ring: KeyRing = t.deps.ring) {
  return verifyAudit(t.deps.pool, ring, anchors);
}

const asAttacker = <T,>(fn: (c: pg.Client) => Promise<T>): Promise<T> => attack(t, fn);

async function connectAs(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

function ownerUrl(): string {
  const u = new URL(inject('dbOwnerUrl'));
  u.pathname = new URL(t.adminUrl).pathname;
  return u.toString();
}

async function auditSeqOf(caseNumber: string): Promise<string> {
  const r = await t.deps.pool.query<{ seq: string }>(
    `SELECT a.seq::text AS seq FROM audit a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1 ORDER BY a.seq`,
    [caseNumber],
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0]!.seq;
}

describe('a clean trail', () => {
  it('seals and verifies, checking every case against its last audit record', async () => {
    await submitMany(4);
    const anchors = await sealAll();
    expect(anchors.length).toBeGreaterThanOrEqual(1);
    const report = await verify(anchors);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.casesChecked).toBe(4);
    expect(report.sealedRows).toBe(4);
    expect(report.unsealedRows).toBe(0);
    expect(report.seals).toBe(anchors.length);
  });

  it('names the current head when there is nothing new to seal, so an idle anchor still has one', async () => {
    expect((await sealAudit(t.deps.pool, t.deps.ring)).headSealId).toBeNull();
    await submitMany(1);
    const anchors = await sealAll();
    const idle = await sealAudit(t.deps.pool, t.deps.ring);
    expect(idle.sealId).toBeNull();
    expect(idle.rows).toBe(0);
    expect(idle.headSealId).toBe(anchors.at(-1)!.sealId);
    expect(idle.head.toString('hex')).toBe(anchors.at(-1)!.head);
  });
});

describe('tampering', () => {
  it('names the record whose action was altered', async () => {
    const numbers = await submitMany(3);
    const anchors = await sealAll();
    const seq = await auditSeqOf(numbers[1]!);
    await asAttacker((c) => c.query(`UPDATE audit SET action = 'case.view' WHERE seq = $1`, [seq]));
    const report = await verify(anchors);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.stringContaining(`audit record ${seq} was altered`));
  });

  it('fails when a row is altered and the seals are rebuilt under another key', async () => {
    const numbers = await submitMany(3);
    const anchors = await sealAll();
    const seq = await auditSeqOf(numbers[1]!);
    await asAttacker(async (c) => {
      await c.query(`UPDATE audit SET action = 'case.view' WHERE seq = $1`, [seq]);
      await c.query('DELETE FROM audit_seal');
    });
    const forged = new KeyRing({ keyId: 1, bytes: randomBytes(32) });
    const forgedAnchors = await sealAll(forged);
    expect(forgedAnchors.length).toBeGreaterThanOrEqual(1);

    // Under the attacker's own key the rebuilt chain is self-consistent …
    const underForged = await verify([], forged);
    expect(underForged.problems.filter((p) => p.startsWith('audit'))).toEqual([]);
    // … but not under the real one, with or without the anchors outside the database.
    const withoutAnchors = await verify([]);
    expect(withoutAnchors.ok).toBe(false);
    expect(withoutAnchors.problems).toContainEqual(expect.stringMatching(/^audit record \d+ was altered/));
    const withAnchors = await verify(anchors);
    expect(withAnchors.ok).toBe(false);
    expect(withAnchors.problems.length).toBeGreaterThanOrEqual(2);
  });

  it('fails against the anchors when the tail (records, seal and cases) is deleted', async () => {
    await submitMany(2);
    const early = await sealAll();
    await submitMany(2);
    const late = await sealAll();
    expect(late.length).toBeGreaterThanOrEqual(1);
    const lastKept = early[early.length - 1]!;
    await asAttacker(async (c) => {
      const cut = await c.query<{ to_xid: string }>('SELECT to_xid::text FROM audit_seal WHERE id = $1', [lastKept.sealId]);
      const to = cut.rows[0]!.to_xid;
      await c.query('DELETE FROM cases WHERE id IN (SELECT case_id FROM audit WHERE xid >= $1::xid8)', [to]);
      const gone = await c.query('DELETE FROM audit WHERE xid >= $1::xid8', [to]);
      expect(gone.rowCount).toBe(2);
      await c.query('DELETE FROM audit_seal WHERE id > $1', [lastKept.sealId]);
    });
    const report = await verify([...early, ...late]);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.stringMatching(/is missing: the end of the audit trail was deleted/));
    // The shortened trail is consistent in itself: only an anchor kept outside the database reveals it.
    expect((await verify(early)).problems).toEqual([]);
  });

  it('fails when a sealed record is deleted', async () => {
    const numbers = await submitMany(2);
    const anchors = await sealAll();
    const seq = await auditSeqOf(numbers[0]!);
    await asAttacker((c) => c.query('DELETE FROM audit WHERE seq = $1', [seq]));
    const report = await verify(anchors);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.stringMatching(/^audit seal \d+ covers \d+ records but \d+ remain/));
    expect(report.problems).toContainEqual(`case ${numbers[0]!} has no audit record`);
  });

  it('fails when the only audit record of a case is deleted before it was sealed', async () => {
    const numbers = await submitMany(2);
    const seq = await auditSeqOf(numbers[1]!);
    await asAttacker((c) => c.query('DELETE FROM audit WHERE seq = $1', [seq]));
    const anchors = await sealAll();
    const report = await verify(anchors);
    // The seal never saw the record, so the chain itself is intact; the case row gives it away.
    expect(report.problems.filter((p) => p.startsWith('audit'))).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([`case ${numbers[1]!} has no audit record`]);
  });

  it('names a case whose row was changed outside Zhitong', async () => {
    const numbers = await submitMany(2);
    const anchors = await sealAll();
    const c = await connectAs(t.adminUrl);
    try {
      const r = await c.query(`UPDATE cases SET state = 'closed' WHERE case_number = $1`, [numbers[0]]);
      expect(r.rowCount).toBe(1);
    } finally {
      await c.end();
    }
    const report = await verify(anchors);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringContaining(`case ${numbers[0]!} was changed outside Zhitong`)]);
  });

  it('names a case whose accused or whose reporter’s added information was deleted', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/reports',
      headers: { origin: ORIGIN },
      payload: { type: 'accusation', content: '某派出所民警收受好处费，请调查处理。', anonymity: 'anonymous', subjects: [{ name: '王某', policeNumber: '012345' }] },
    });
    const { caseNumber, queryCode } = res.json<{ caseNumber: string; queryCode: string }>();
    const added = await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode, text: '补充：另有一名证人可以作证。' } });
    expect(added.statusCode).toBe(201);
    const anchors = await sealAll();
    expect((await verify(anchors)).ok).toBe(true);
    // As the application role, which may DELETE from these tables.
    await t.deps.pool.query(`DELETE FROM messages WHERE case_id = (SELECT id FROM cases WHERE case_number = $1)`, [caseNumber]);
    expect((await verify([...anchors, ...(await sealAll())])).problems).toEqual([expect.stringContaining(`case ${caseNumber} was changed outside Zhitong`)]);
  });

  it('fails when seals exist but no anchor does (file removed or installation id changed)', async () => {
    await submitMany(1);
    await sealAll();
    expect((await verify([])).problems).toEqual([expect.stringContaining('no audit anchor was found')]);
    await installationId(t.deps.pool);
    await expect(t.deps.pool.query(`UPDATE settings SET value = '"another"' WHERE key = 'installation_id'`)).rejects.toThrow(/cannot be changed/);
    await expect(t.deps.pool.query(`DELETE FROM settings WHERE key = 'installation_id'`)).rejects.toThrow(/cannot be changed/);
  });

  it('names a case rolled back to an earlier state with its earlier audit record replayed', async () => {
    const { caseNumber, queryCode } = await submit(1);
    const caseId = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [caseNumber])).rows[0]!.id;
    await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode, text: '补充的重要证据说明。' } });
    // The application role deletes the message and re-inserts the submission's audit record verbatim.
    await t.deps.pool.query('DELETE FROM messages WHERE case_id = $1', [caseId]);
    await t.deps.pool.query(
      `INSERT INTO audit (actor_kind, action, case_id, target, case_digest)
       SELECT actor_kind, action, case_id, target, case_digest FROM audit WHERE case_id = $1 AND action = 'case.submit'`,
      [caseId],
    );
    expect((await verify(await sealAll())).problems).toEqual([`case ${caseNumber} has an earlier audit record replayed as its latest`]);
  });
});

describe('who may change the append-only tables', () => {
  const changes: Record<string, string[]> = {
    audit: ['UPDATE audit SET action = action', 'DELETE FROM audit', 'TRUNCATE audit'],
    audit_seal: ['UPDATE audit_seal SET key_id = key_id', 'DELETE FROM audit_seal', 'TRUNCATE audit_seal'],
    timeline: ['UPDATE timeline SET event = event', 'DELETE FROM timeline', 'TRUNCATE timeline'],
  };

  async function refusal(c: pg.ClientBase, sql: string): Promise<{ code: string | undefined; message: string }> {
    await c.query('BEGIN');
    try {
      await c.query(sql);
      return { code: 'none', message: `${sql} was allowed` };
    } catch (err) {
      return { code: (err as { code?: string }).code, message: (err as Error).message };
    } finally {
      await c.query('ROLLBACK');
    }
  }

  it('does not let a writer choose the sequence, transaction id or time of its audit row', async () => {
    for (const column of ['seq', 'xid', 'at']) {
      const value = column === 'seq' ? '999999' : column === 'xid' ? `'3'::xid8` : `'2000-01-01'`;
      await expect(t.deps.pool.query(`INSERT INTO audit (${column}, actor_kind, action) VALUES (${value}, 'system', 'forged')`)).rejects.toThrow(/permission denied/);
    }
    await t.deps.pool.query(`INSERT INTO audit (actor_kind, action) VALUES ('system', 'allowed')`);
    expect((await t.deps.pool.query(`SELECT 1 FROM audit WHERE action = 'allowed'`)).rowCount).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role by privilege', async () => {
    await submitMany(1);
    const anchors = await sealAll();
    const app = await t.deps.pool.connect();
    try {
      for (const [table, statements] of Object.entries(changes)) {
        for (const sql of statements) {
          const r = await refusal(app, sql);
          expect.soft(r, sql).toEqual({ code: '42501', message: `permission denied for table ${table}` });
        }
      }
    } finally {
      app.release();
    }
    expect((await verify(anchors)).ok).toBe(true);
  });

  it('refuses them to the owner role by trigger', async () => {
    await submitMany(1);
    const anchors = await sealAll();
    const owner = await connectAs(ownerUrl());
    try {
      const me = await owner.query<{ owns: number }>(`SELECT count(*)::int AS owns FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit' AND tableowner = current_user`);
      expect(me.rows[0]!.owns).toBe(1);
      for (const [table, statements] of Object.entries(changes)) {
        for (const sql of statements) {
          const r = await refusal(owner, sql);
          expect.soft(r, sql).toEqual({ code: '42501', message: `table ${table} is append-only` });
        }
      }
    } finally {
      await owner.end();
    }
    expect((await verify(anchors)).ok).toBe(true);
  });

  it('connects the application as a role without superuser, role, schema or table-owner rights', async () => {
    const r = await t.deps.pool.query<{
      rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; rolreplication: boolean; create_in_public: boolean; owns: number;
    }>(
      `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication,
              has_schema_privilege(current_user, 'public', 'CREATE') AS create_in_public,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(r.rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false, create_in_public: false, owns: 0 }]);
    await expect(t.deps.pool.query('CREATE TABLE public.zt_probe (x int)')).rejects.toMatchObject({ code: '42501' });
    await expect(t.deps.pool.query('ALTER TABLE audit DISABLE TRIGGER audit_append_only')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('sealing around open and rolled-back transactions', () => {
  it('skips a rolled-back gap, waits for a transaction in flight, then seals it', async () => {
    await submit(1);
    const pool = t.deps.pool;
    const insert = `INSERT INTO audit (actor_kind, action) VALUES ('system', $1) RETURNING seq::text AS seq, xid::text AS xid`;

    const rolledBack = await pool.connect();
    let gapSeq: string;
    try {
      await rolledBack.query('BEGIN');
      gapSeq = (await rolledBack.query<{ seq: string }>(insert, ['test.rolled_back'])).rows[0]!.seq;
      await rolledBack.query('ROLLBACK');
    } finally {
      rolledBack.release();
    }

    const inFlight = await pool.connect();
    let flight: { seq: string; xid: string };
    try {
      await inFlight.query('BEGIN');
      flight = (await inFlight.query<{ seq: string; xid: string }>(insert, ['test.in_flight'])).rows[0]!;
      // Committed after the open one began: a higher sequence and transaction id.
      const later = await submit(2);
      expect(BigInt(await auditSeqOf(later.caseNumber))).toBeGreaterThan(BigInt(flight.seq));

      for (let i = 0; i < 3; i += 1) await sealAudit(pool, t.deps.ring);
      const seals = await pool.query<{ from_xid: string; to_xid: string; row_count: string }>('SELECT from_xid::text, to_xid::text, row_count::text FROM audit_seal ORDER BY id');
      for (const s of seals.rows) expect(BigInt(s.to_xid)).toBeLessThanOrEqual(BigInt(flight.xid));
      // Neither the open record nor the one committed after it is sealed yet; the earlier one may be.
      expect(seals.rows.reduce((n, s) => n + Number(s.row_count), 0)).toBeLessThanOrEqual(1);

      await inFlight.query('COMMIT');
    } finally {
      inFlight.release();
    }

    const anchors = await sealAll();
    const covering = await pool.query<{ id: string }>('SELECT id::text FROM audit_seal WHERE from_xid <= $1::xid8 AND to_xid > $1::xid8', [flight.xid]);
    expect(covering.rows).toHaveLength(1);
    const total = await pool.query<{ n: number; gap: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE seq = $1)::int AS gap FROM audit`, [gapSeq]);
    expect(total.rows[0]).toEqual({ n: 3, gap: 0 });

    const report = await verify(anchors);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.sealedRows).toBe(3);
    expect(report.unsealedRows).toBe(0);
    expect(report.casesChecked).toBe(2);
  });
});
