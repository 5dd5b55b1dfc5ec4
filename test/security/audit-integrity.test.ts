// Audit integrity (issue 9, DESIGN §6), only what test/api/audit-chain.test.ts and process.test.ts do not
// already prove: the real `zhitong audit verify` command against an altered record (exit code and the first bad
// record named), and the latest of several records of a case deleted right after it was written, before sealing.
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { anchorFile, appendAnchor, installationId, type Anchor } from '../../src/store/audit-anchor.js';
import { asAttacker as attack, sealAndVerify, submitNumbered } from '../helpers/audit.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

const run = promisify(execFile);

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const submit = (n: number) => submitNumbered(t, n);
const asAttacker = <T,>(fn: (c: pg.Client) => Promise<T>): Promise<T> => attack(t, fn);

async function seqsOf(caseNumber: string): Promise<string[]> {
  const r = await t.deps.pool.query<{ seq: string }>('SELECT a.seq::text AS seq FROM audit a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1 ORDER BY a.seq', [caseNumber]);
  return r.rows.map((x) => x.seq);
}

/** `zhitong audit verify` as an operator runs it: its own process, the installation's key folder and anchors. */
async function cliVerify(keyFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    DATABASE_URL: t.config.databaseUrl ?? '',
    ZHITONG_DATA_DIR: t.dataDir,
    ZHITONG_KEY_FILE: keyFile,
    ZHITONG_LOG_LEVEL: 'warn',
  };
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'audit', 'verify'], { env, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('audit verify, the command', () => {
  it('exits 1 naming the first altered record when two are altered, and nothing else', async () => {
    // The installation's key in a folder of its own, so its anchor file is this test's alone.
    const keyFile = path.join(t.dataDir, 'keys', 'master.key');
    await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    await copyFile(inject('keyFile'), keyFile);
    const numbers: string[] = [];
    for (let i = 1; i <= 4; i += 1) numbers.push((await submit(i)).caseNumber);
    const anchors: Anchor[] = [];
    expect((await sealAndVerify(t, anchors)).ok).toBe(true);
    const file = anchorFile(keyFile, await installationId(t.deps.pool));
    for (const a of anchors) await appendAnchor(file, a);

    const second = (await seqsOf(numbers[1]!))[0]!;
    const third = (await seqsOf(numbers[2]!))[0]!;
    await asAttacker(async (c) => {
      await c.query(`UPDATE audit SET target = 'nothing here' WHERE seq = $1`, [third]);
      await c.query(`UPDATE audit SET action = 'case.view' WHERE seq = $1`, [second]);
    });
    const tampered = await cliVerify(keyFile);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`audit verify: FAILED — audit record ${second} was altered`);
    // One problem only: the anchors were found and matched (a missing anchor file would be a second line),
    // and the later altered record is not reported, since the first one breaks the chain.
    const lines = tampered.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^audit verify: FAILED — audit record ${second} was altered \\(seal \\d+ no longer matches\\)$`, 'u'));
  });
});

describe('a record deleted right after it was written', () => {
  it('names the case whose latest of several records was deleted before sealing', async () => {
    const { caseNumber, queryCode } = await submit(1);
    const other = await submit(2);
    const added = await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode, text: '补充：另有一名证人可以作证。' } });
    expect(added.statusCode, added.body).toBe(201);
    const seqs = await seqsOf(caseNumber);
    expect(seqs.length).toBeGreaterThanOrEqual(2);
    // Before any seal saw it: the chain itself stays intact, the case row gives it away.
    await asAttacker((c) => c.query('DELETE FROM audit WHERE seq = $1', [seqs.at(-1)]));
    const report = await sealAndVerify(t);
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.startsWith('audit'))).toEqual([]);
    expect(report.problems).toEqual([expect.stringContaining(`case ${caseNumber} was changed outside Zhitong`)]);
    expect(report.problems.join('\n')).not.toContain(other.caseNumber);
  });
});
