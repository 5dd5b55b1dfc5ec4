// `npm run bench:seed -- --cases 1000000 [--keep] [--database-url URL] [--workers N] [--chunk N] [--since YYYY-MM-DD] [--seed N]`
// `npm run bench:seed -- --resume [FOLDER]`     continue a seed that stopped (the latest one without FOLDER)
// `npm run bench:seed -- --drop [FOLDER]`       drop a kept seed: database, roles, key folder
// `npm run bench:seed -- --rollup [FOLDER]`     migrate a kept seed and fold its statistics roll-ups again
//
// Creates a fresh, uniquely named database on an external PostgreSQL, runs Zhitong's migrations through
// openStore (so schema, roles and grants are production's), loads the scaled demo bureau and then the
// cases with COPY from worker threads, and rebuilds the indexes and constraints it dropped for the load.
// Without --keep the database is dropped at the end (the rates are still printed and written to
// bench/results/seed.json); keep it for `npm run bench:queues`.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { uuidv7 } from '../src/commands/ids.js';
import { BusinessCalendar } from '../src/domain/calendar/business-calendar.js';
import { createMasterKeyFile, KeyRing } from '../src/security/keys.js';
import { PasswordHasher, TEST_COST } from '../src/security/password.js';
import { openStore } from '../src/store/open.js';
import { ensureLoginRole, quoteIdent } from '../src/store/roles.js';
import { creationTimes, TABLE_NAMES, type OrgData } from './seed-cases.js';
import { adminUrlOf, caseNumbers, dropSeed, loadManifest, ownerUrl, ringOf, saveManifest, type DroppedObject, type SeedManifest } from './seed-manifest.js';
import { SEALED_GROUP, scaledUnits, scaledUsers } from './seed-org.js';
import type { WorkerInput, WorkerMessage } from './seed-worker.js';
import { rollUpSeed, type RollupResult } from './seed-rollup.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DAY = 86_400_000;

const { values: args, positionals } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    workers: { type: 'string', default: String(Math.max(1, os.availableParallelism())) },
    chunk: { type: 'string', default: '5000' },
    // The business calendar knows 2025 on (published notices, then years computed by rule).
    since: { type: 'string', default: '2025-01-01' },
    seed: { type: 'string', default: '12389' },
    resume: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    rollup: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const log = (msg: string): void => console.log(`[seed ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'zhitong-bench-seed' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Every index, key and foreign key on the bulk tables (and keys pointing at them), dropped for the load. */
async function captureAndDrop(c: pg.Client): Promise<DroppedObject[]> {
  const bulk = TABLE_NAMES;
  const fks = await c.query<DroppedObject>(
    `SELECT conname AS name, conrelid::regclass::text AS "table", 'fk' AS kind,
            format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS create
     FROM pg_constraint WHERE contype = 'f' AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1)) ORDER BY 1`,
    [bulk],
  );
  const keys = await c.query<DroppedObject>(
    `SELECT conname AS name, conrelid::regclass::text AS "table", 'key' AS kind,
            format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS create
     FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY($1) ORDER BY 1`,
    [bulk],
  );
  const indexes = await c.query<DroppedObject>(
    `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS "table", 'index' AS kind,
            format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS create
     FROM pg_index i WHERE i.indrelid::regclass::text = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x')) ORDER BY 1`,
    [bulk],
  );
  for (const o of [...fks.rows, ...keys.rows, ...indexes.rows]) await c.query(o.drop);
  return [...keys.rows, ...indexes.rows, ...fks.rows];
}

async function exists(c: pg.Client, o: DroppedObject): Promise<boolean> {
  const r = o.kind === 'index'
    ? await c.query(`SELECT 1 FROM pg_class WHERE relkind = 'i' AND oid::regclass::text = $1`, [o.name])
    : await c.query('SELECT 1 FROM pg_constraint WHERE conname = $1 AND conrelid::regclass::text = $2', [o.name, o.table]);
  return (r.rowCount ?? 0) > 0;
}

/** Keys and indexes on two connections (biggest first), then the foreign keys one by one. */
async function rebuild(m: SeedManifest, url: string): Promise<void> {
  const sizes = await withClient(url, async (c) => new Map((await c.query<{ t: string; b: string }>(`SELECT c.oid::regclass::text AS t, pg_table_size(c.oid)::text AS b FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`)).rows.map((r) => [r.t, Number(r.b)])));
  const indexLike = m.dropped.filter((o) => o.kind !== 'fk').sort((a, b) => (sizes.get(b.table) ?? 0) - (sizes.get(a.table) ?? 0) || (a.create.includes('gin') ? -1 : 1));
  let next = 0;
  const lane = async (): Promise<void> =>
    withClient(url, async (c) => {
      await c.query(`SET maintenance_work_mem = '1GB'`);
      for (;;) {
        const o = indexLike[next++];
        if (o === undefined) return;
        if (await exists(c, o)) continue;
        const t0 = performance.now();
        await c.query(o.create);
        log(`  ${o.kind} ${o.name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    });
  await Promise.all([lane(), lane()]);
  await withClient(url, async (c) => {
    await c.query(`SET maintenance_work_mem = '1GB'`);
    for (const o of m.dropped.filter((x) => x.kind === 'fk')) {
      if (await exists(c, o)) continue;
      const t0 = performance.now();
      await c.query(o.create);
      log(`  fk ${o.name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  });
}

async function insertOrg(c: pg.Client, nowMs: number): Promise<OrgData> {
  const units = scaledUnits().map((u) => ({ ...u, id: uuidv7(nowMs - 4 * 365 * DAY) }));
  const ids = new Map(units.map((u) => [u.code, u.id]));
  const hash = await new PasswordHasher({ cost: TEST_COST, maxConcurrent: 1 }).hash(randomBytes(24).toString('base64url'));
  await c.query('BEGIN');
  for (const u of units) {
    await c.query('INSERT INTO units (id, code, name, kind, parent_id, inspection) VALUES ($1, $2, $3, $4, $5, $6)', [u.id, u.code, u.name, u.kind, u.parent === null ? null : ids.get(u.parent), u.inspection]);
  }
  const users = scaledUsers().map((u) => ({ ...u, id: uuidv7(nowMs - 4 * 365 * DAY) }));
  for (const u of users) {
    await c.query(
      `INSERT INTO users (id, username, display_name, police_number, rank, unit_id, password_hash, must_change_password, totp_required) VALUES ($1, $2, $3, $4, $5, $6, $7, false, true)`,
      [u.id, u.username, u.displayName, u.policeNumber, u.rank, ids.get(u.unit), hash],
    );
    for (const role of u.roles) await c.query(`INSERT INTO role_grants (id, user_id, role, granted_by_os) VALUES ($1, $2, $3, 'bench-seed')`, [uuidv7(), u.id, role]);
  }
  for (const name of SEALED_GROUP) {
    const u = users.find((x) => x.username === name);
    if (u) await c.query('INSERT INTO sealed_group_members (user_id, added_at) VALUES ($1, now())', [u.id]);
  }
  await c.query('COMMIT');
  return {
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentCode: u.parent })),
    users: users.map((u) => ({ id: u.id, username: u.username, unitCode: u.unit, roles: u.roles, policeNumber: u.policeNumber, rank: u.rank })),
  };
}

async function orgOf(c: pg.Client): Promise<OrgData> {
  const units = await c.query<{ id: string; code: string; name: string; kind: string; parent_code: string | null }>('SELECT u.id, u.code, u.name, u.kind, p.code AS parent_code FROM units u LEFT JOIN units p ON p.id = u.parent_id');
  const users = await c.query<OrgData['users'][number] & { unit_code: string; police_number: string }>(
    `SELECT u.id, u.username, n.code AS unit_code, u.police_number, u.rank, array_agg(g.role ORDER BY g.role) AS roles
     FROM users u JOIN units n ON n.id = u.unit_id JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL GROUP BY u.id, n.code ORDER BY u.username`,
  );
  return {
    units: units.rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentCode: u.parent_code })),
    users: users.rows.map((u) => ({ id: u.id, username: u.username, unitCode: u.unit_code, roles: u.roles, policeNumber: u.police_number, rank: u.rank })),
  };
}

async function create(adminUrl: string, cases: number): Promise<SeedManifest> {
  const run = `zt_seed_${randomBytes(3).toString('hex')}`;
  const folder = await mkdtemp(path.join(os.tmpdir(), `${run}-`));
  await chmod(folder, 0o700);
  const keyFile = path.join(folder, 'keys', 'master.key');
  const ring = new KeyRing(await createMasterKeyFile(keyFile));
  const owner = `${run}_owner`;
  await withClient(adminUrl, async (c) => {
    await ensureLoginRole(c, owner, ring.dbRolePassword(owner));
    await c.query(`ALTER ROLE ${quoteIdent(owner)} CREATEROLE`);
    await c.query(`CREATE DATABASE ${quoteIdent(run)} OWNER ${quoteIdent(owner)} ENCODING 'UTF8' TEMPLATE template0`);
  });
  const nowMs = Date.now();
  const m: SeedManifest = {
    database: run, owner, adminUrl, folder, keyFile, cases, chunkSize: Number(args.chunk), seed: Number(args.seed), nowMs,
    fromMs: Date.parse(`${args.since}T00:00:00+08:00`), prefix: 'SL', width: 6, phase: 'loading', dropped: [],
  };
  const url = ownerUrl(m, ring);
  // Zhitong's own start-up path: key check, application role, migrations, grants, case-number sequences.
  const quiet = { info: () => undefined, warn: (s: string) => log(s), error: (s: string) => log(s) };
  const store = await openStore({ dataDir: path.join(folder, 'data'), keyFile, databaseUrl: url, logger: quiet, poolMax: 1 });
  await store.close();
  const dropped = await withClient(url, async (c) => {
    await insertOrg(c, nowMs);
    await c.query('CREATE SCHEMA zt_bench');
    await c.query('CREATE TABLE zt_bench.seed_chunks (chunk int PRIMARY KEY, cases int NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())');
    return captureAndDrop(c);
  });
  const full: SeedManifest = { ...m, dropped };
  await saveManifest(full);
  log(`database ${run} created and migrated through openStore; ${String(dropped.length)} indexes and constraints dropped for the load; folder ${folder}`);
  return full;
}

async function load(m: SeedManifest, workers: number): Promise<{ seconds: number; cases: number }> {
  const ring = await ringOf(m);
  const url = ownerUrl(m, ring);
  const { org, done } = await withClient(url, async (c) => ({ org: await orgOf(c), done: (await c.query<{ chunk: number }>('SELECT chunk FROM zt_bench.seed_chunks')).rows.map((r) => r.chunk) }));
  const chunks = Math.ceil(m.cases / m.chunkSize);
  const already = done.reduce((s, k) => s + Math.min(m.chunkSize, m.cases - k * m.chunkSize), 0);
  if (done.length === chunks) return { seconds: 0, cases: 0 };
  log(`loading ${String(m.cases - already)} cases (${String(chunks - done.length)} chunks of ${String(m.chunkSize)}) with ${String(workers)} worker threads${already > 0 ? `, ${String(already)} already loaded` : ''}`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let loaded = 0;
  let lastLog = 0;
  const rows: Record<string, number> = {};
  let gen = 0;
  let copy = 0;
  const tsx = import.meta.resolve('tsx/esm/api');
  const file = new URL('./seed-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
  await Promise.all(
    Array.from({ length: workers }, (_, index) => new Promise<void>((resolve, reject) => {
      const input: WorkerInput = { manifest: m, org, index, workers, done };
      const w = new Worker(code, { eval: true, workerData: input });
      w.on('message', (msg: WorkerMessage) => {
        if (msg.kind === 'finished') return;
        loaded += msg.cases;
        gen += msg.genMs;
        copy += msg.copyMs;
        for (const [t, n] of Object.entries(msg.rows)) rows[t] = (rows[t] ?? 0) + n;
        const s = (performance.now() - t0) / 1000;
        if (s - lastLog >= 10 || already + loaded === m.cases) {
          lastLog = s;
          const rate = loaded / s;
          const left = m.cases - already - loaded;
          log(`${String(already + loaded)}/${String(m.cases)} cases, ${rate.toFixed(0)} cases/s, ${String(rows.timeline ?? 0)} timeline rows, generate ${(gen / 1000).toFixed(0)} s / copy ${(copy / 1000).toFixed(0)} s (worker time), eta ${(left / rate / 60).toFixed(1)} min`);
        }
      });
      w.on('error', reject);
      w.on('exit', (codeNo) => (codeNo === 0 ? resolve() : reject(new Error(`seed worker ${String(index)} exited with ${String(codeNo)}`))));
    })),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  log(`load: ${seconds.toFixed(0)} s wall, the seed's threads used ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of CPU (${((cpu.user + cpu.system) / 1e6 / seconds).toFixed(2)} cores on average; PostgreSQL's share not counted)`);
  return { seconds, cases: loaded };
}

async function finish(m: SeedManifest, loadSeconds: number, loadedCases: number, started: number): Promise<SeedManifest> {
  const ring = await ringOf(m);
  const url = ownerUrl(m, ring);
  m.phase = 'indexing';
  await saveManifest(m);
  log('rebuilding indexes and constraints');
  const t1 = performance.now();
  await rebuild(m, url);
  const indexSeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const result = await withClient(url, async (c) => {
    await c.query(`SELECT setval(pg_get_serial_sequence('timeline', 'id'), GREATEST((SELECT max(id) FROM timeline), 1))`);
    const times = creationTimes(m.seed, m.cases, m.fromMs, m.nowMs, BusinessCalendar.fromData());
    for (const [year, last] of caseNumbers(times, m.prefix, m.width).lastPerYear) {
      const seq = `case_number_${String(year)}`;
      if ((await c.query('SELECT 1 FROM pg_class WHERE relkind = $1 AND relname = $2', ['S', seq])).rowCount) await c.query(`SELECT setval($1::regclass, $2)`, [seq, last]);
    }
    log('VACUUM (ANALYZE)');
    for (const t of [...TABLE_NAMES, 'units', 'users', 'role_grants']) await c.query(`VACUUM (ANALYZE) ${t}`);
    const vacuumSeconds = (performance.now() - t2) / 1000;
    await c.query('DROP SCHEMA zt_bench CASCADE');
    const rows: Record<string, number> = {};
    const tableBytes: Record<string, number> = {};
    for (const t of [...TABLE_NAMES, 'units', 'users']) {
      rows[t] = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`)).rows[0]?.n ?? 0);
      tableBytes[t] = Number((await c.query<{ b: string }>(`SELECT pg_total_relation_size($1::regclass)::text AS b`, [t])).rows[0]?.b ?? 0);
    }
    const databaseBytes = Number((await c.query<{ b: string }>('SELECT pg_database_size(current_database())::text AS b')).rows[0]?.b ?? 0);
    return { vacuumSeconds, rows, tableBytes, databaseBytes };
  });
  log('folding the statistics roll-ups');
  const statistics = await rollUpSeed(m, log);
  m.phase = 'done';
  m.result = {
    statistics,
    loadSeconds: Math.round(loadSeconds), casesPerSecond: loadSeconds > 0 ? Math.round(loadedCases / loadSeconds) : 0, indexSeconds: Math.round(indexSeconds),
    vacuumSeconds: Math.round(result.vacuumSeconds), totalSeconds: Math.round((performance.now() - started) / 1000), rows: result.rows, databaseBytes: result.databaseBytes, tableBytes: result.tableBytes,
  };
  await saveManifest(m);
  return m;
}

async function main(): Promise<void> {
  const started = performance.now();
  if (args.drop) {
    await dropSeed(await loadManifest(positionals[0]));
    return;
  }
  if (args.rollup) {
    const kept = await loadManifest(positionals[0]);
    const statistics: RollupResult = await rollUpSeed(kept, log);
    if (kept.result) kept.result = { ...kept.result, statistics };
    await saveManifest(kept);
    log(`statistics: ${String(statistics.cases)} cases folded in ${String(statistics.seconds)} s into ${String(statistics.rollupRows)} roll-up rows; ${JSON.stringify(statistics.bytes)}`);
    return;
  }
  const workers = Number(args.workers);
  const m = args.resume ? await loadManifest(positionals[0]) : await create(args['database-url'], Number(args.cases));
  try {
    const loaded = m.phase === 'loading' ? await load(m, workers) : { seconds: 0, cases: 0 };
    const done = m.phase === 'done' ? m : await finish(m, loaded.seconds, loaded.cases, started);
    const r = done.result;
    if (r) {
      const version = await withClient(adminUrlOf(m, 'postgres'), async (c) => (await c.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '');
      const out = {
        benchmark: 'seed', at: new Date().toISOString(), node: process.version, postgres: version,
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30) },
        cases: m.cases, workers, chunkSize: m.chunkSize, from: new Date(m.fromMs).toISOString(), now: new Date(m.nowMs).toISOString(), ...r,
        databaseGb: Number((r.databaseBytes / 2 ** 30).toFixed(2)),
        note: 'load = generation (text, encryption, keyed search tokens) and COPY with indexes dropped; index = rebuilding every index, key and foreign key; vacuum = VACUUM (ANALYZE)',
      };
      if (loaded.cases > 0) await writeFile(path.join(ROOT, 'bench', 'results', `seed-${String(m.cases)}.json`), `${JSON.stringify(out, null, 2)}\n`);
      log(`done: ${String(m.cases)} cases; load ${String(r.loadSeconds)} s (${String(r.casesPerSecond)} cases/s), indexes ${String(r.indexSeconds)} s, vacuum ${String(r.vacuumSeconds)} s, total ${String(r.totalSeconds)} s, database ${(r.databaseBytes / 2 ** 30).toFixed(2)} GB`);
      log(`rows: ${JSON.stringify(r.rows)}`);
    }
    if (!args.keep) await dropSeed(m);
    else log(`kept: ${m.database} (manifest ${path.join(m.folder, 'seed.json')}); run npm run bench:queues, then npm run bench:seed -- --drop`);
  } catch (err) {
    log(`stopped: ${err instanceof Error ? err.message : String(err)}; resume with npm run bench:seed -- --resume ${m.folder}`);
    throw err;
  }
}

await main();
