// A clerk registers cases from every hand-registered channel (DESIGN §5): channel records kept
// encrypted, the query code shown or sent, received times checked, the right people only.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Anchor } from '../../src/store/audit-anchor.js';
import { sealAndVerify } from '../helpers/audit.js';
import { multipartReport } from '../helpers/multipart.js';
import { signedInStaff, StaffClient } from '../helpers/staff.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';
import type { TestUser } from '../helpers/factories.js';

let t: TestApp;
let clerk: StaffClient;
let clerkUser: TestUser;
const anchors: Anchor[] = [];
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  ({ client: clerk, user: clerkUser } = await signedInStaff(t, ['intake']));
});
afterAll(async () => {
  await t.close();
});

// The fake clock stands at 2026-03-02T02:00Z, 10:00 in the bureau's zone.
const RECEIVED = '2026-03-02T09:30:00+08:00';
const base = { type: 'complaint', content: '来电反映户籍窗口办理业务时工作人员态度生硬。', anonymity: 'anonymous' } as const;

interface CaseDb {
  id: string;
  channel: string;
  received_at: Date;
  created_at: Date;
  channel_details_enc: Buffer | null;
  query_code_enc: Buffer | null;
  query_code_hash: Buffer;
}

async function caseRow(caseNumber: string): Promise<CaseDb> {
  const r = await t.deps.pool.query<CaseDb>('SELECT id, channel, received_at, created_at, channel_details_enc, query_code_enc, query_code_hash FROM cases WHERE case_number = $1', [caseNumber]);
  return r.rows[0]!;
}

function register(body: unknown, o: { headers?: Record<string, string>; client?: StaffClient } = {}) {
  return (o.client ?? clerk).send('POST', '/api/v1/cases', body, { headers: o.headers ?? {} });
}

/** Every stored byte of these tables as text, read as a superuser: what a stolen backup shows. */
async function dump(tables: readonly string[]): Promise<string> {
  const db = new pg.Client({ connectionString: t.adminUrl });
  await db.connect();
  try {
    const parts: string[] = [];
    for (const table of tables) parts.push(...(await db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`)).rows.map((r) => r.row));
    return parts.join('\n');
  } finally {
    await db.end();
  }
}

describe('registration per channel', () => {
  const marker = `MK${randomUUID().slice(0, 8)}`;
  const channels = {
    phone: { callerNumber: '13711112222', calledAt: '2026-03-02T09:28:00+08:00', callId: `call-${marker}` },
    voicemail: { callerNumber: '0755-88881234', calledAt: '2026-03-01T22:10:00+08:00' },
    letter: { postmarkDate: '2026-02-26', postmarkPlace: '示例市邮政局', envelopeNote: `信封背面写有${marker}` },
    mailbox: { boxLocation: `市局大厅举报箱${marker}`, openedAt: '2026-03-02T09:00:00+08:00', openers: ['张警官', '李警官'] },
    visit: { visitedAt: '2026-03-02T09:15:00+08:00', place: `接待室${marker}`, receivedBy: '王警官' },
    superior_transfer: { fromOrgan: `省公安厅督察总队${marker}`, documentNumber: '督转〔2026〕12号', transferredAt: '2026-02-28T16:00:00+08:00' },
  } as const;

  it.each(Object.entries(channels))('registers a %s case with its channel record encrypted', async (channel, details) => {
    const res = await register({ ...base, channel, receivedAt: RECEIVED, channelDetails: details });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ caseNumber: string; queryCode: string }>();
    expect(Object.keys(body).sort()).toEqual(['caseNumber', 'queryCode']);
    expect(body.queryCode).toMatch(/^\d{10}$/);
    const row = await caseRow(body.caseNumber);
    expect(row.channel).toBe(channel);
    expect(row.received_at.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(row.created_at.toISOString()).toBe(t.clock.now().toISOString());
    expect(row.query_code_enc).toBeNull();
    const stored = t.deps.cipher.decryptJson<Record<string, unknown>>({ table: 'cases', column: 'channel_details_enc', rowId: row.id }, row.channel_details_enc!);
    const expected: Record<string, unknown> = { ...details };
    for (const k of ['calledAt', 'openedAt', 'visitedAt', 'transferredAt']) if (typeof expected[k] === 'string') expected[k] = new Date(expected[k]).toISOString();
    expect(stored).toEqual(expected);
  });

  it('keeps no channel record in clear', async () => {
    const text = await dump(['cases', 'timeline', 'audit', 'outbox']);
    expect(text).not.toContain(marker);
    expect(text).not.toContain('13711112222');
  });

  it('writes the timeline and audit rows of the clerk, and the public view shows the registration', async () => {
    const res = await register({ ...base, channel: 'phone', receivedAt: RECEIVED, channelDetails: channels.phone });
    const { caseNumber, queryCode } = res.json<{ caseNumber: string; queryCode: string }>();
    const row = await caseRow(caseNumber);
    const tl = await t.deps.pool.query('SELECT event, actor_kind, actor_user_id, public, to_state FROM timeline WHERE case_id = $1', [row.id]);
    expect(tl.rows).toEqual([{ event: 'register', actor_kind: 'staff', actor_user_id: clerkUser.id, public: true, to_state: 'registered' }]);
    const audit = await t.deps.pool.query('SELECT action, actor_kind, actor_user_id, target FROM audit WHERE case_id = $1', [row.id]);
    expect(audit.rows).toEqual([{ action: 'case.register', actor_kind: 'staff', actor_user_id: clerkUser.id, target: 'phone' }]);
    const outbox = await t.deps.pool.query('SELECT kind FROM outbox WHERE case_id = $1', [row.id]);
    expect(outbox.rows).toEqual([{ kind: 'case.registered' }]);
    const view = await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode } });
    expect(view.json().timeline).toEqual([expect.objectContaining({ event: 'register', label: { zh: '来件登记', en: 'Report registered' } })]);
  });

  it('takes a letter with its scan as multipart', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const { payload, contentType } = multipartReport({ ...base, channel: 'letter', receivedAt: RECEIVED, channelDetails: channels.letter }, [{ name: '来信扫描.png', type: 'image/png', bytes: png }]);
    const res = await register(payload, { headers: { 'content-type': contentType } });
    expect(res.statusCode).toBe(201);
    const row = await caseRow(res.json<{ caseNumber: string }>().caseNumber);
    const files = await t.deps.pool.query<{ id: string; name_enc: Buffer; media_type: string }>('SELECT id, name_enc, media_type FROM attachments WHERE case_id = $1', [row.id]);
    expect(files.rows).toHaveLength(1);
    expect(t.deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: files.rows[0]!.id }, files.rows[0]!.name_enc)).toBe('来信扫描.png');
  });
});

describe('the query code', () => {
  const call = { callerNumber: '13711112222', calledAt: '2026-03-02T09:28:00+08:00' };

  it.each([
    ['sms', { name: '赵六', phone: '13600001111' }],
    ['email', { name: '赵六', email: 'zhao@example.cn' }],
  ] as const)('goes out by %s when the reporter can be reached, never to the clerk', async (delivery, reporter) => {
    const res = await register({ ...base, anonymity: 'real_name', reporter, channel: 'phone', receivedAt: RECEIVED, channelDetails: call });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ caseNumber: string; queryCode: null; codeDelivery: string }>();
    expect(body).toEqual({ caseNumber: expect.stringMatching(/^SL2026-/), queryCode: null, codeDelivery: delivery });
    const row = await caseRow(body.caseNumber);
    const outbox = await t.deps.pool.query('SELECT kind, payload FROM outbox WHERE case_id = $1 ORDER BY id', [row.id]);
    expect(outbox.rows).toEqual([{ kind: 'case.registered', payload: { caseId: row.id } }, { kind: 'reporter.acknowledgement', payload: { caseId: row.id, delivery } }]);
    // The encrypted copy is the code that opens the case, and it is nowhere in clear.
    const code = t.deps.cipher.decryptText({ table: 'cases', column: 'query_code_enc', rowId: row.id }, row.query_code_enc!);
    expect(t.deps.codes.hash(`${row.id}:${code}`).equals(row.query_code_hash)).toBe(true);
    const tracked = await t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber: body.caseNumber, queryCode: code } });
    expect(tracked.statusCode).toBe(200);
    expect(await dump(['cases', 'reporters', 'outbox', 'audit', 'timeline'])).not.toContain(code);
  });

  it('is shown for a real-name reporter reachable only by letter or in person', async () => {
    const res = await register({ ...base, anonymity: 'real_name', reporter: { name: '钱七', address: '示例市幸福路1号' }, channel: 'visit', receivedAt: RECEIVED, channelDetails: { visitedAt: RECEIVED, place: '接待室', receivedBy: '王警官' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().queryCode).toMatch(/^\d{10}$/);
    const row = await caseRow(res.json().caseNumber);
    expect(row.query_code_enc).toBeNull();
    expect((await t.deps.pool.query(`SELECT 1 FROM outbox WHERE case_id = $1 AND kind = 'reporter.acknowledgement'`, [row.id])).rowCount).toBe(0);
  });
});

describe('received time', () => {
  const letter = { postmarkDate: '2026-02-26' };

  it('refuses a time in the future, in Chinese by default and in English on request', async () => {
    const body = { ...base, channel: 'letter', receivedAt: '2026-03-02T10:30:00+08:00', channelDetails: letter };
    const zh = await register(body);
    expect([zh.statusCode, zh.headers['content-type'], zh.json().code]).toEqual([422, 'application/problem+json; charset=utf-8', 'validation_failed']);
    expect(zh.json().errors).toEqual([{ path: 'receivedAt', code: 'in_future', message: '时间不能晚于当前时间' }]);
    expect(zh.json().title).toBe('填写内容有误');
    const en = await register(body, { headers: { 'accept-language': 'en' } });
    expect(en.json().errors).toEqual([{ path: 'receivedAt', code: 'in_future', message: 'The time cannot be in the future' }]);
  });

  it('needs an offset', async () => {
    const res = await register({ ...base, channel: 'letter', receivedAt: '2026-03-02 09:00', channelDetails: letter });
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'receivedAt', code: 'invalid_datetime' })]);
  });

  it('keeps a time more than three days back as entered', async () => {
    const res = await register({ ...base, channel: 'letter', receivedAt: '2026-02-20T09:00:00+08:00', channelDetails: letter });
    expect(res.statusCode).toBe(201);
    const row = await caseRow(res.json().caseNumber);
    expect([row.received_at.toISOString(), row.created_at.toISOString()]).toEqual(['2026-02-20T01:00:00.000Z', t.clock.now().toISOString()]);
  });
});

describe('strict fields', () => {
  it('names each wrong field of the channel record, and unknown fields', async () => {
    const res = await register({ ...base, channel: 'mailbox', receivedAt: RECEIVED, channelDetails: { boxLocation: '大厅', openedAt: RECEIVED, openers: ['张警官', '张警官'], key: 1 } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['channelDetails.key unknown_field', 'channelDetails.openers two_openers']);
    const unknown = await register({ ...base, channel: 'fax', receivedAt: RECEIVED, channelDetails: {}, extra: true });
    expect(unknown.json().errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['channel invalid_choice', 'extra unknown_field']);
    const nameless = await register({ ...base, anonymity: 'real_name', reporter: { phone: '13600001111' }, channel: 'letter', receivedAt: RECEIVED, channelDetails: { postmarkDate: '2026-02-26' } });
    expect(nameless.json().errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['reporter name_required']);
    const bare = await register({ ...base, channel: 'phone', receivedAt: RECEIVED });
    expect(bare.json().errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['channelDetails required']);
  });
});

describe('who may register', () => {
  const body = { ...base, channel: 'letter', receivedAt: RECEIVED, channelDetails: { postmarkDate: '2026-02-26' } };

  it('refuses a user without the intake role, naming the role', async () => {
    const { client } = await signedInStaff(t, ['handler']);
    const res = await register(body, { client });
    expect([res.statusCode, res.json().code, res.json().errors]).toEqual([403, 'forbidden', [{ path: 'roles', code: 'intake', message: '受理员' }]]);
    expect(res.json().detail).toBe('此操作需要“受理员”角色。');
  });

  it('refuses without a session (401) and without the CSRF token (403)', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { origin: ORIGIN }, payload: body });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'unauthenticated']);
    const noCsrf = await clerk.send('POST', '/api/v1/cases', body, { noCsrf: true });
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'csrf_failed']);
  });
});

describe('Idempotency-Key', () => {
  const body = { ...base, channel: 'letter', receivedAt: RECEIVED, channelDetails: { postmarkDate: '2026-02-26' } };

  it('replays the first answer for the same clerk, refuses another body, and is the clerk’s own', async () => {
    const key = randomUUID();
    const first = await register(body, { headers: { 'idempotency-key': key } });
    const again = await register(body, { headers: { 'idempotency-key': key.toUpperCase() } });
    expect(first.statusCode).toBe(201);
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json()]).toEqual([201, 'true', first.json()]);
    const changed = await register({ ...body, content: '另一份内容' }, { headers: { 'idempotency-key': key } });
    expect([changed.statusCode, changed.json().code]).toEqual([422, 'idempotency_mismatch']);
    const { client } = await signedInStaff(t, ['intake']);
    const other = await register(body, { client, headers: { 'idempotency-key': key } });
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.json().caseNumber).not.toBe(first.json().caseNumber);
  });
});

describe('the audit trail', () => {
  it('verifies clean after every registration above', async () => {
    const report = await sealAndVerify(t, anchors);
    expect(report.problems).toEqual([]);
    expect(report.casesChecked).toBeGreaterThanOrEqual(10);
  });
});
