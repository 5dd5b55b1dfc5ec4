// An application role found in place must be as plain as one Zhitong would create.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { assertPlainRole, quoteIdent } from '../../src/store/roles.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: pg.Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = new pg.Client({ connectionString: t.adminUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  await t.close();
});

describe('application role', () => {
  it('accepts the role Zhitong created', async () => {
    await expect(assertPlainRole(admin, t.store.appRole, decodeURIComponent(new URL(inject('dbOwnerUrl')).username))).resolves.toBeUndefined();
  });

  it.each(['CREATEDB', 'CREATEROLE', 'BYPASSRLS'])('refuses a role that already has %s', async (right) => {
    const role = `${inject('dbRun')}_bad_${right.toLowerCase()}`;
    await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN ${right}`);
    try {
      await expect(assertPlainRole(admin, role, decodeURIComponent(new URL(inject('dbOwnerUrl')).username))).rejects.toThrow(/more rights than an application role may/);
    } finally {
      await admin.query(`DROP ROLE ${quoteIdent(role)}`);
    }
  });
});

describe('pg-boss’s schema', () => {
  it('belongs to the owner, and the application role may use its rows but create nothing, there or in public', async () => {
    const owner = decodeURIComponent(new URL(inject('dbOwnerUrl')).username);
    const r = await t.deps.pool.query<Record<string, unknown>>(
      `SELECT (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'pgboss') AS owner,
              has_database_privilege(current_user, current_database(), 'CREATE') AS create_schema,
              has_schema_privilege(current_user, 'public', 'CREATE') AS create_in_public,
              has_schema_privilege(current_user, 'pgboss', 'CREATE') AS create_in_pgboss,
              has_schema_privilege(current_user, 'pgboss', 'USAGE') AS use_pgboss,
              has_table_privilege(current_user, 'pgboss.job', 'SELECT, INSERT, UPDATE, DELETE') AS job_rows,
              has_table_privilege(current_user, 'pgboss.job', 'TRUNCATE') AS job_truncate,
              has_function_privilege(current_user, 'pgboss.create_queue(text, json)', 'EXECUTE') AS create_queue,
              (SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'pgboss'::regnamespace AND prosecdef) AS definer_functions`,
    );
    expect(r.rows[0]).toEqual({ owner, create_schema: false, create_in_public: false, create_in_pgboss: false, use_pgboss: true, job_rows: true, job_truncate: false, create_queue: false, definer_functions: 0 });
    for (const sql of ['CREATE SCHEMA zt_probe', 'CREATE TABLE pgboss.zt_probe (x int)', 'CREATE TABLE public.zt_probe (x int)', 'TRUNCATE pgboss.job', 'ALTER TABLE pgboss.job ADD COLUMN zt_probe int']) {
      await expect(t.deps.pool.query(sql), sql).rejects.toMatchObject({ code: '42501' });
    }
    await expect(t.deps.pool.query(`SELECT pgboss.create_queue('zt.probe', '{"policy": "standard"}'::json)`)).rejects.toMatchObject({ code: '42501' });
    expect((await t.deps.pool.query(`SELECT 1 FROM pgboss.queue WHERE name = 'zt.probe'`)).rowCount).toBe(0);
  });
});
