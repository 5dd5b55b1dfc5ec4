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
