// One database server per API test project: the embedded one (our supervisor, in a temp folder)
// or the external one in TEST_DATABASE_URL. A per-run owner role and a migrated template database
// are made once; each test file copies the template. Everything is dropped at the end.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/store/embedded/index.js';
import { createMasterKeyFile, KeyRing } from '../../src/security/keys.js';
import { BUILTIN_JOB_QUEUES } from '../../src/jobs/builtin.js';
import { openStore } from '../../src/store/open.js';
import { ensureLoginRole, quoteIdent } from '../../src/store/roles.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTarget: 'embedded' | 'external';
    dbAdminUrl: string;
    dbOwnerUrl: string;
    dbTemplate: string;
    dbRun: string;
    keyFile: string;
  }
}

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const target = project.config.env.ZT_DB_TARGET === 'external' ? 'external' : 'embedded';
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zt-test-'));
  // Under root PostgreSQL runs as the postgres user, which must be able to pass through this folder.
  await chmod(tmp, 0o711);
  const keyFile = path.join(tmp, 'keys', 'master.key');
  const ring = new KeyRing(await createMasterKeyFile(keyFile));
  let embedded: EmbeddedPostgres | null = null;
  let adminUrl: string;
  if (target === 'external') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set for the external API test project');
    adminUrl = url;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg-data'), logger: quiet });
    const su = embedded.superuser;
    adminUrl = `postgres://${su.user}:${encodeURIComponent(su.password)}@localhost/postgres?host=${encodeURIComponent(embedded.socketDir)}`;
  }
  const run = `zt_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const owner = `${run}_owner`;
  const template = `${run}_tmpl`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await ensureLoginRole(admin, owner, ring.dbRolePassword(owner));
  await admin.query(`ALTER ROLE ${quoteIdent(owner)} CREATEROLE CREATEDB`);
  await admin.query(`CREATE DATABASE ${quoteIdent(template)} OWNER ${quoteIdent(owner)}`);
  const ownerUrl = (() => {
    const u = new URL(withDb(adminUrl, template));
    u.username = owner;
    u.password = ring.dbRolePassword(owner);
    return u.toString();
  })();
  const store = await openStore({ dataDir: path.join(tmp, 'data'), keyFile, databaseUrl: ownerUrl, logger: quiet, jobQueues: BUILTIN_JOB_QUEUES });
  await store.close();
  project.provide('dbTarget', target);
  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbOwnerUrl', ownerUrl);
  project.provide('dbTemplate', template);
  project.provide('dbRun', run);
  project.provide('keyFile', keyFile);

  return async () => {
    const dbs = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${run}%`]);
    for (const { datname } of dbs.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    }
    const roles = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY length(rolname) DESC', [`${run}%`]);
    for (const { rolname } of roles.rows) await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(rolname)}`);
    await admin.end();
    await embedded?.stop();
    await rm(tmp, { recursive: true, force: true });
  };
}
