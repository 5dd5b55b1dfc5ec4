// A seeding worker thread: generates its share of the chunks (chunk % workers == index) and loads each
// chunk with COPY in one transaction, which also records the chunk as done — so a rerun with --resume
// loads exactly the chunks that are missing.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { BusinessCalendar } from '../src/domain/calendar/business-calendar.js';
import { copyIn } from './copy-in.js';
import { pooledProvider } from './seed-crypto.js';
import { CaseFactory, Org, TABLE_NAMES, creationTimes, newBuffers, type OrgData, type TableName } from './seed-cases.js';
import { caseNumbers, ownerUrl, ringOf, type SeedManifest } from './seed-manifest.js';

export interface WorkerInput {
  readonly manifest: SeedManifest;
  readonly org: OrgData;
  readonly index: number;
  readonly workers: number;
  readonly done: readonly number[];
}

export type WorkerMessage =
  | { readonly kind: 'chunk'; readonly chunk: number; readonly cases: number; readonly rows: Readonly<Record<TableName, number>>; readonly genMs: number; readonly copyMs: number }
  | { readonly kind: 'finished' };

async function run(input: WorkerInput): Promise<void> {
  const m = input.manifest;
  const ring = await ringOf(m, pooledProvider);
  const times = creationTimes(m.seed, m.cases, m.fromMs, m.nowMs, BusinessCalendar.fromData());
  const { numbers } = caseNumbers(times, m.prefix, m.width);
  const factory = new CaseFactory(ring, new Org(input.org), { seed: m.seed, nowMs: m.nowMs, prefix: m.prefix, width: m.width }, times, numbers);
  const client = new pg.Client({ connectionString: ownerUrl(m, ring), application_name: 'zhitong-bench-seed' });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  const done = new Set(input.done);
  const chunks = Math.ceil(m.cases / m.chunkSize);
  try {
    for (let chunk = input.index; chunk < chunks; chunk += input.workers) {
      if (done.has(chunk)) continue;
      const t0 = performance.now();
      const buffers = newBuffers();
      factory.startChunk(chunk, m.chunkSize);
      const end = Math.min(m.cases, (chunk + 1) * m.chunkSize);
      for (let i = chunk * m.chunkSize; i < end; i++) factory.generate(buffers, i);
      const payloads = TABLE_NAMES.map((t) => [t, buffers[t].toBuffer()] as const);
      const t1 = performance.now();
      const rows = {} as Record<TableName, number>;
      await client.query('BEGIN');
      for (const [t, payload] of payloads) rows[t] = await copyIn(client, t, buffers[t].columns, payload);
      await client.query('INSERT INTO zt_bench.seed_chunks (chunk, cases) VALUES ($1, $2)', [chunk, end - chunk * m.chunkSize]);
      await client.query('COMMIT');
      const msg: WorkerMessage = { kind: 'chunk', chunk, cases: end - chunk * m.chunkSize, rows, genMs: t1 - t0, copyMs: performance.now() - t1 };
      parentPort?.postMessage(msg);
    }
  } finally {
    await client.end();
  }
  parentPort?.postMessage({ kind: 'finished' } satisfies WorkerMessage);
}

await run(workerData as WorkerInput);
