// The marker sweep (issue 9, DESIGN §7.1): unique markers — a reporter's name, mobile and landline numbers,
// e-mail address, WeChat OpenID, a word of the content, a file's unique bytes, the query codes, a channel
// secret — go in through the portal, a clerk's phone registration, the SMS channel, WeChat and the intake
// inbox; the flows run (acknowledgements by SMS and WeChat, a dead letter, tracking and added information,
// search, assignment, reply, closure, the follow-up question and its answer by SMS, indexing, statistics,
// audit sealing) and a backup is made; then every row of every schema of the database, the data and temp
// folders, the backup file, the application's log lines and PostgreSQL's log are searched. A marker in clear
// anywhere fails, naming where. The mailbox and Chromium's storage have files of their own (mail-sweep,
// browser-storage.e2e).
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackupCli } from '../../src/cli-backup.js';
import { ingestIntakeMessage } from '../../src/commands/intake/ingest-message.js';
import { createLogger } from '../../src/logger.js';
import { loadKey } from '../../src/security/backup-crypto.js';
import { verifyBackupFile } from '../../src/store/backup-restore.js';
import { asSuperuser } from '../helpers/audit.js';
import { assignedTo, closedDirectly } from '../helpers/case-steps.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { SP_NUMBER, startLoopbackSmsc, type LoopbackSmsc } from '../helpers/loopback-smsc.js';
import { multipartReport } from '../helpers/multipart.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';
import { startFakeWechatApi, type FakeWechatApi } from '../helpers/wechat-api.js';
import { securePush, textXml, type WechatAccount } from '../helpers/wechat-server.js';
import { searchText, sizeOf, sweepDatabase, sweepFiles, tailOf, type Finding, type Markers } from './sweep.js';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const word = (n: number): string => Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join('');
const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');

// Long enough that a chance match in ciphertext or hashes is out of the question.
const M = {
  name: `欧阳${word(8)}`,
  mobile: `139${digits(8)}`,
  email: `mk${word(10).toLowerCase()}@example.cn`,
  word: `MKW${word(10)}`,
  fileBytes: `ZTBYTES${randomBytes(16).toString('hex')}`,
  callerName: `司马${word(8)}`,
  landline: `010-6${digits(7)}`,
  inboxEmail: `in${word(10).toLowerCase()}@example.cn`,
  inboxWord: `MKI${word(10)}`,
  inboxBytes: `ZTINBOX${randomBytes(16).toString('hex')}`,
  smsWord: `MKS${word(10)}`,
  trackWord: `MKT${word(10)}`,
  openid: `oZt_${word(24)}`,
  wechatWord: `MKC${word(10)}`,
  // A channel secret is one too (DESIGN §7.1): it comes from the environment and must not be written anywhere.
  wechatSecret: `sec${randomBytes(14).toString('hex')}`,
};

const ACCOUNT: WechatAccount = { appId: 'wx2c2769f8efd9abc2', token: 'spamtest', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ghId: 'gh_0123456789ab' };

const PG_LOG_DIR = '/var/log/postgresql';
const logged: string[] = [];
const destination = { write: (line: string) => void logged.push(line) };
const started = Date.now();
let pgLogs: { file: string; from: number }[] = [];

let t: TestApp;
let b: Bureau;
let smsc: LoopbackSmsc;
let queryCode = '';
let smsCode = '';
let wechatCode = '';
let api: FakeWechatApi;
let backupDir = '';
const figures: string[] = [];

beforeAll(async () => {
  const logger = createLogger({ logLevel: 'debug' }, destination);
  api = await startFakeWechatApi(ACCOUNT.appId, M.wechatSecret);
  t = await createTestApp(
    { ZHITONG_REQUIRE_2FA: 'off', ZHITONG_WECHAT_APPID: ACCOUNT.appId, ZHITONG_WECHAT_SECRET: M.wechatSecret, ZHITONG_WECHAT_TOKEN: ACCOUNT.token, ZHITONG_WECHAT_AES_KEY: ACCOUNT.aesKey, ZHITONG_WECHAT_API_BASE: api.base },
    { logger },
  );
  // PostgreSQL's own log, when the server is a Debian cluster on this machine whose log we may read
  // (postgresql-<version>-<cluster>.log for /var/lib/postgresql/<version>/<cluster>): only what this file adds.
  const dataDirectory = await asSuperuser(t, async (c) => (await c.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]!.d);
  const cluster = /^\/var\/lib\/postgresql\/([^/]+)\/([^/]+)$/u.exec(dataDirectory);
  const file = cluster === null ? null : path.join(PG_LOG_DIR, `postgresql-${cluster[1]!}-${cluster[2]!}.log`);
  if (file !== null && (await sizeOf(file)) > 0) pgLogs = [{ file, from: await sizeOf(file) }];
  b = await Bureau.load(t);
  smsc = await startLoopbackSmsc(t, undefined, logger);
});
afterAll(async () => {
  await smsc.close();
  await t.close();
  await api.close();
  if (backupDir !== '') await rm(backupDir, { recursive: true, force: true });
});

async function relay(): Promise<void> {
  await smsc.runner.runNow('outbox.relay');
}

async function runFlows(): Promise<void> {
  // 1. The portal: a real-name report with mobile and e-mail, a content word and a text file.
  const report = {
    type: 'complaint',
    anonymity: 'real_name',
    reporter: { name: M.name, phone: M.mobile, email: M.email },
    content: `我在派出所办理业务时遇到推诿，暗记${M.word}，请核查处理。`,
    subjects: [],
  };
  const { payload, contentType } = multipartReport(report, [{ name: '情况说明.txt', type: 'text/plain', bytes: Buffer.from(`补充材料 ${M.fileBytes} 完\n`, 'utf8') }]);
  const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': contentType }, payload });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const portal = submitted.json<{ caseNumber: string; queryCode: string }>();
  queryCode = portal.queryCode;
  expect(queryCode).toMatch(/^\d{10}$/u);

  // The portal's reporter reads the code from the screen; a caller registered by a clerk gets theirs by SMS
  // (the operator's SMSC is the one place it may go).
  const caller = await (await b.as('intake')).send('POST', '/api/v1/cases', {
    type: 'complaint', content: `来电反映派出所窗口推诿，暗记${M.word}。`, anonymity: 'real_name', reporter: { name: M.name, phone: M.mobile },
    channel: 'phone', receivedAt: '2026-03-02T09:20:00+08:00', channelDetails: { callerNumber: M.mobile, calledAt: '2026-03-02T09:20:00+08:00' },
  });
  expect(caller.statusCode, caller.body).toBe(201);
  await relay();
  const ack = smsc.sentTo(M.mobile).map((x) => x.text).join('');
  expect(ack).toContain(caller.json<{ caseNumber: string }>().caseNumber);
  smsCode = /\d{10}/u.exec(ack.replace(caller.json<{ caseNumber: string }>().caseNumber, ''))?.[0] ?? '';
  expect(smsCode).toMatch(/^\d{10}$/u);

  // 2. Tracking with the code, and information added to the case.
  const tracked = await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber: portal.caseNumber, queryCode } });
  expect(tracked.statusCode, tracked.body).toBe(200);
  const added = await t.app.inject({ method: 'POST', url: '/api/v1/public/track/messages', headers: { origin: ORIGIN }, payload: { caseNumber: portal.caseNumber, queryCode, text: `补充说明${M.trackWord}，另有证人。` } });
  expect(added.statusCode, added.body).toBe(201);

  // 3. A clerk searches for the word (the query text goes to the protected audit log) and opens the case and its file.
  await smsc.runner.runNow('search.index');
  const intake = await b.as('intake');
  const found = await intake.send('GET', `/api/v1/cases?q=${encodeURIComponent(M.word)}`);
  expect(found.statusCode, found.body).toBe(200);
  expect(found.body).toContain(portal.caseNumber);
  const detail = await intake.send('GET', `/api/v1/cases/${portal.caseNumber}`);
  expect(detail.body).toContain(M.name);
  const attachment = detail.json<{ attachments: { id: string }[] }>().attachments[0];
  expect(attachment).toBeDefined();
  const download = await intake.send('GET', `/api/v1/cases/${portal.caseNumber}/attachments/${attachment!.id}`);
  expect(download.rawPayload.includes(Buffer.from(M.fileBytes))).toBe(true);

  // 4. Reply and closure by the centre; the follow-up question by SMS and the reporter's answer.
  await closedDirectly(b, portal.caseNumber);
  await relay();
  const question = smsc.sentTo(M.mobile).at(-1);
  expect(question?.text).toContain('回复1满意');
  smsc.deliver(M.mobile, question!.sourceAddr, '1');
  // A free text from the same phone to the platform's number: an inbox item.
  smsc.deliver(M.mobile, SP_NUMBER, `还有情况反映${M.smsWord}`);
  await expect.poll(async () => (await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM intake_items WHERE channel = 'sms'")).rows[0]!.n, { timeout: 10_000 }).toBe(1);
  await expect.poll(async () => (await t.deps.pool.query<{ s: string }>('SELECT f.status AS s FROM follow_ups f JOIN cases c ON c.id = f.case_id WHERE c.case_number = $1', [portal.caseNumber])).rows[0]?.s, { timeout: 10_000 }).toBe('done');

  // 5. A clerk's phone registration from a landline: its acknowledgement is a dead letter; then assignment to a station.
  const call = await intake.send('POST', '/api/v1/cases', {
    type: 'complaint', content: `来电反映窗口办事拖延，暗记${M.word}。`, anonymity: 'real_name', reporter: { name: M.callerName, phone: M.landline },
    channel: 'phone', receivedAt: '2026-03-02T09:30:00+08:00', channelDetails: { callerNumber: M.landline, calledAt: '2026-03-02T09:30:00+08:00' },
  });
  expect(call.statusCode, call.body).toBe(201);
  const callNumber = call.json<{ caseNumber: string }>().caseNumber;
  await relay();
  const dead = await t.deps.pool.query<{ dead: boolean }>(`SELECT o.dead_at IS NOT NULL AS dead FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'reporter.acknowledgement'`, [callNumber]);
  expect(dead.rows[0]?.dead).toBe(true);
  await assignedTo(b, callNumber, 'pcs1a');
  expect((await (await b.as('handler')).send('GET', `/api/v1/cases/${callNumber}`)).statusCode).toBe(200);

  // 6. An e-mail in the intake inbox (the IMAP reader's hand-over) with an attachment, read by the clerk.
  const item = await ingestIntakeMessage(t.deps, {
    channel: 'email', externalId: `<${randomBytes(8).toString('hex')}@mail.example.cn>`, receivedAt: new Date('2026-03-01T08:00:00Z'),
    contact: M.inboxEmail, text: `我要反映派出所乱收费，暗记${M.inboxWord}。`, attachments: [{ name: '收据.txt', mediaType: 'text/plain', bytes: Buffer.from(`收据 ${M.inboxBytes}\n`) }],
  });
  const viewed = await intake.send('GET', `/api/v1/intake/items/${item.itemId}`);
  expect(viewed.body).toContain(M.inboxEmail);

  // 7. A WeChat message from an OpenID, registered by the clerk; the acknowledgement goes back as a customer-service text.
  const push = securePush(ACCOUNT, textXml(ACCOUNT, M.openid, Math.floor(t.clock.now().getTime() / 1000), `派出所乱罚款，暗记${M.wechatWord}。`, '8000000000000000077'), Math.floor(t.clock.now().getTime() / 1000), 'n1');
  const pushed = await t.app.inject({ method: 'POST', url: push.url, headers: { 'content-type': 'text/xml' }, payload: push.body });
  expect(pushed.statusCode).toBe(200);
  const wechatItem = (await t.deps.pool.query<{ id: string }>("SELECT id FROM intake_items WHERE channel = 'wechat' AND status = 'new'")).rows[0];
  const registered = await intake.send('POST', `/api/v1/intake/items/${wechatItem?.id ?? ''}/register`, { type: 'complaint', anonymity: 'real_name', reporter: { name: M.callerName } });
  expect(registered.statusCode, registered.body).toBe(201);
  await relay();
  const wechatNumber = registered.json<{ caseNumber: string }>().caseNumber;
  const wechatAck = api.texts.find((x) => x.touser === M.openid && x.content.includes(wechatNumber))?.content ?? '';
  wechatCode = /查询码(\d{10})/u.exec(wechatAck)?.[1] ?? '';
  expect(wechatCode).toMatch(/^\d{10}$/u);

  for (const job of ['outbox.relay', 'search.index', 'stats.rollup', 'clock.sweep', 'audit.seal']) await smsc.runner.runNow(job);
}

/** Every marker, each forbidden everywhere in clear; numbers also as the digits an index would normalise them to. */
function markers(): Markers {
  return { ...M, landlineDigits: M.landline.replace(/\D/gu, ''), queryCode, smsCode, wechatCode };
}

function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.marker} in ${f.where}`).sort();
}

/** Temp-folder entries this file's run may have written: created since it started; PostgreSQL clusters are read by SQL. */
async function sweepTemp(m: Markers): Promise<{ findings: Finding[]; files: number }> {
  const out: Finding[] = [];
  let files = 0;
  for (const name of await readdir(os.tmpdir()).catch(() => [])) {
    const p = path.join(os.tmpdir(), name);
    const s = await stat(p).catch(() => null);
    if (s === null || s.mtimeMs < started - 1000) continue;
    const r = await sweepFiles(p, m, (_dir, names) => names.includes('PG_VERSION'));
    out.push(...r.findings);
    files += r.files;
  }
  return { findings: out, files };
}

describe('the marker sweep', () => {
  it('carries the markers through the portal, a clerk, SMS, WeChat and the inbox, and runs the flows', async () => {
    await runFlows();
  });

  it('finds none in a backup of it all (encrypted and signed, as `zhitong backup` writes it)', async () => {
    backupDir = await mkdtemp(path.join(os.tmpdir(), 'zt-sweep-backup-'));
    const keys = path.join(backupDir, 'keys');
    await mkdir(keys, { mode: 0o700 });
    const said: string[] = [];
    const io = { log: (l: string) => void said.push(l), error: (l: string) => void said.push(l) };
    expect(await runBackupCli('backup', ['keygen', '--out', keys], undefined, io), said.join('\n')).toBe(0);
    const file = path.join(backupDir, 'zhitong.backup');
    const at = performance.now();
    expect(await runBackupCli('backup', ['--out', file, '--recipient', path.join(keys, 'backup-recipient.pub'), '--sign-key', path.join(keys, 'backup-signing.key')], t.config, io), said.join('\n')).toBe(0);
    // The file holds what was swept: every case and every stored file, by its own manifest.
    const v = await verifyBackupFile(file, await loadKey(path.join(keys, 'backup-recipient.key'), 'identity'), await loadKey(path.join(keys, 'backup-signing.pub'), 'verify'));
    const cases = (await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
    expect(v.manifest.tables.find((x) => x.schema === 'public' && x.name === 'cases')?.rows).toBe(cases);
    expect(v.manifest.attachments.length).toBeGreaterThanOrEqual(2);
    const r = await sweepFiles(file, markers());
    expect(r.files).toBe(1);
    figures.push(`backup: ${String((await stat(file)).size)} bytes, ${String(cases)} cases, ${String(v.manifest.attachments.length)} files, made and searched in ${String(Math.round(performance.now() - at))} ms`);
    expect(describeFindings(r.findings)).toEqual([]);
  });

  it('finds no marker in clear in any table of any schema (pg-boss’s included)', async () => {
    const at = performance.now();
    const r = await sweepDatabase(t.adminUrl, markers());
    figures.push(`database: schemas ${r.schemas.join(', ')}, ${String(r.tables)} tables, ${String(r.rows)} rows in ${String(Math.round(performance.now() - at))} ms`);
    expect(r.tables).toBeGreaterThan(30);
    expect(r.rows).toBeGreaterThan(100);
    expect(r.schemas).toEqual(expect.arrayContaining(['public', 'pgboss']));
    expect(describeFindings(r.findings)).toEqual([]);
  });

  it('finds none in the data folder or the temp folder', async () => {
    const data = await sweepFiles(t.dataDir, markers());
    expect(data.files).toBeGreaterThan(0);
    expect(describeFindings(data.findings)).toEqual([]);
    const temp = await sweepTemp(markers());
    figures.push(`files: ${String(data.files)} in the data folder, ${String(temp.files)} new in the temp folder`);
    expect(describeFindings(temp.findings)).toEqual([]);
  });

  it('finds none in the application’s log lines or in PostgreSQL’s log', async () => {
    const text = logged.join('');
    expect(logged.length).toBeGreaterThan(10);
    expect(describeFindings(searchText('application log', text, markers()))).toEqual([]);
    const pgFindings: Finding[] = [];
    let pgBytes = 0;
    for (const l of pgLogs) {
      const tail = await tailOf(l.file, l.from);
      if (tail === null) continue;
      pgBytes += tail.length;
      pgFindings.push(...searchText(l.file, tail.toString('utf8'), markers()));
    }
    figures.push(`logs: ${String(logged.length)} application lines, ${String(pgBytes)} bytes of PostgreSQL log (${pgLogs.length === 0 ? 'none readable here' : pgLogs.map((l) => l.file).join(', ')})`);
    expect(describeFindings(pgFindings)).toEqual([]);
  });

  it('cannot pass by looking in the wrong places: planted markers are found and named', async () => {
    const planted = { control: `PLANT${word(12)}`, controlBytes: `PLANTB${word(12)}` };
    await t.deps.pool.query(`INSERT INTO settings (key, value) VALUES ('sweep_control', to_jsonb($1::text))`, [`x ${planted.control} y`]);
    await asSuperuser(t, async (c) => {
      await c.query('CREATE SCHEMA sweep_control');
      await c.query('CREATE TABLE sweep_control.blobs (b bytea)');
      await c.query('INSERT INTO sweep_control.blobs VALUES ($1)', [Buffer.concat([randomBytes(7), Buffer.from(planted.controlBytes), randomBytes(5)])]);
    });
    const db = await sweepDatabase(t.adminUrl, planted);
    expect(describeFindings(db.findings)).toEqual(['control in public.settings.value', 'controlBytes in sweep_control.blobs.b']);
    await writeFile(path.join(t.dataDir, 'planted.bin'), Buffer.concat([randomBytes(9), Buffer.from(planted.control)]));
    expect(describeFindings((await sweepFiles(t.dataDir, planted)).findings)).toEqual([`control in ${path.join(t.dataDir, 'planted.bin')}`]);
    const logLine = createLogger({ logLevel: 'info' }, destination);
    logLine.info({ caseId: planted.control }, 'planted');
    expect(describeFindings(searchText('application log', logged.join(''), planted))).toEqual(['control in application log']);
    // PostgreSQL's log records a failing statement with the error (log_min_error_statement): a planted one is found there.
    if (pgLogs.length > 0) {
      await asSuperuser(t, (c) => c.query(`SELECT '${planted.control}'::int`).catch(() => undefined));
      await expect.poll(async () => describeFindings(searchText('postgresql log', (await tailOf(pgLogs[0]!.file, pgLogs[0]!.from))?.toString('utf8') ?? '', planted)), { timeout: 5000 }).toEqual(['control in postgresql log']);
    }
    console.log(`[figures] marker sweep: ${figures.join('; ')}`);
  });
});
