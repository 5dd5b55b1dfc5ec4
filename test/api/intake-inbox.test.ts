// The intake inbox (DESIGN §2, §5): adapters put messages in exactly once; clerks read them (audited
// before the bytes leave), register them as cases with their files, or mark them invalid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { CommandError } from '../../src/commands/command-error.js';
import { ingestIntakeMessage, type IntakeMessage } from '../../src/commands/intake/ingest-message.js';
import type { Anchor } from '../../src/store/audit-anchor.js';
import { sealAndVerify } from '../helpers/audit.js';
import type { TestUser } from '../helpers/factories.js';
import { signedInStaff, StaffClient } from '../helpers/staff.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

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

let minute = 0;
/** Each message a minute later than the one before, all before the fake clock's now. */
function message(o: Partial<IntakeMessage> = {}): IntakeMessage {
  minute += 1;
  return {
    channel: 'email',
    externalId: `<${randomUUID()}@mail.example.cn>`,
    receivedAt: new Date(Date.parse('2026-03-01T00:00:00Z') + minute * 60_000),
    contact: 'reporter@example.cn',
    text: '我于2月20日在某派出所办理居住证，民警要求我另交材料费200元且不开收据，请核查。',
    attachments: [],
    ...o,
  };
}

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(64)]);

async function superuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface AuditRow {
  actor_kind: string;
  actor_user_id: string | null;
  target: string | null;
  case_id: string | null;
}

async function auditOf(action: string): Promise<AuditRow[]> {
  return (await t.deps.pool.query<AuditRow>('SELECT actor_kind, actor_user_id, target, case_id FROM audit WHERE action = $1 ORDER BY seq', [action])).rows;
}

describe('ingest', () => {
  it('stores a message once per (channel, externalId), however often and however concurrently it arrives', async () => {
    const m = message({ attachments: [{ name: '收据照片.png', mediaType: 'image/png', bytes: png }] });
    const first = await ingestIntakeMessage(t.deps, m);
    const again = await ingestIntakeMessage(t.deps, m);
    expect(first.created).toBe(true);
    expect(again).toEqual({ itemId: first.itemId, created: false });
    const twin = message();
    const both = await Promise.all([ingestIntakeMessage(t.deps, twin), ingestIntakeMessage(t.deps, twin)]);
    expect(both.map((r) => r.created).sort()).toEqual([false, true]);
    expect(both[0].itemId).toBe(both[1].itemId);
    const counts = await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_items WHERE external_id = ANY($1)', [[m.externalId, twin.externalId]]);
    expect(counts.rows[0]!.n).toBe(2);
    const files = await t.deps.pool.query('SELECT 1 FROM intake_attachments WHERE item_id = $1', [first.itemId]);
    expect(files.rowCount).toBe(1);
    // The same externalId on another channel is another message.
    expect((await ingestIntakeMessage(t.deps, { ...m, channel: 'wechat', contact: 'oAbc123_xyz' })).created).toBe(true);
    expect((await auditOf('intake.ingest')).filter((a) => a.target === first.itemId)).toEqual([{ actor_kind: 'system', actor_user_id: null, target: first.itemId, case_id: null }]);
  });

  it('keeps contact and text encrypted and the contact blind-indexed', async () => {
    const marker = `MK${randomUUID().slice(0, 8)}`;
    const { itemId } = await ingestIntakeMessage(t.deps, message({ channel: 'sms', contact: '13955556666', text: `短信内容${marker}`, details: { note: marker } }));
    const row = (await t.deps.pool.query<{ contact_bidx: Buffer }>('SELECT contact_bidx FROM intake_items WHERE id = $1', [itemId])).rows[0]!;
    expect(row.contact_bidx.equals(t.deps.blind.index('phone', '+86 139 5555 6666'))).toBe(true);
    const dump = await superuser(async (c) => {
      const parts: string[] = [];
      for (const table of ['intake_items', 'intake_attachments', 'audit']) parts.push(...(await c.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`)).rows.map((r) => r.row));
      return parts.join('\n');
    });
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain('13955556666');
    expect(dump).not.toContain('reporter@example.cn');
  });

  it('refuses a malformed message, naming the field', async () => {
    const bad = ingestIntakeMessage(t.deps, message({ channel: 'sms', contact: 'not a number' }));
    await expect(bad).rejects.toBeInstanceOf(CommandError);
    await expect(bad).rejects.toMatchObject({ kind: 'invalid', fieldErrors: [expect.objectContaining({ path: 'contact' })] });
  });
});

describe('the inbox list', () => {
  it('lists newest first with preview, contact, counts, and pages with an opaque cursor', async () => {
    const long = '长'.repeat(80);
    const a = await ingestIntakeMessage(t.deps, message({ contact: 'same@example.cn', text: long }));
    const b = await ingestIntakeMessage(t.deps, message({ contact: 'same@example.cn', attachments: [{ name: 'a.png', mediaType: 'image/png', bytes: png }] }));
    const res = await clerk.send('GET', '/api/v1/intake/items?limit=2&status=new');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([b.itemId, a.itemId]);
    expect(page.items[1]).toEqual({ id: a.itemId, channel: 'email', receivedAt: expect.any(String), status: 'new', preview: '长'.repeat(60), contact: 'same@example.cn', claimsCaseNumber: null, attachmentCount: 0, earlierItems: 1 });
    expect(page.items[0].attachmentCount).toBe(1);
    // Every page, walked to the end, lists every item once, in order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await clerk.send('GET', `/api/v1/intake/items?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const p = r.json<{ items: { id: string; receivedAt: string }[]; nextCursor: string | null }>();
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    const all = await t.deps.pool.query<{ id: string }>('SELECT id FROM intake_items ORDER BY received_at DESC, id DESC');
    expect(seen).toEqual(all.rows.map((r) => r.id));
  });

  it('filters by channel and refuses a bad cursor or an unknown parameter', async () => {
    const sms = await clerk.send('GET', '/api/v1/intake/items?channel=sms');
    expect(sms.json().items.every((i: { channel: string }) => i.channel === 'sms')).toBe(true);
    expect(sms.json().items.length).toBeGreaterThan(0);
    const bad = await clerk.send('GET', '/api/v1/intake/items?cursor=bm90LWEtY3Vyc29y');
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([422, 'cursor']);
    expect((await clerk.send('GET', '/api/v1/intake/items?sort=asc')).statusCode).toBe(422);
    expect((await clerk.send('GET', '/api/v1/intake/items?limit=1000')).statusCode).toBe(422);
  });

  it('audits which items were shown, by whom, with no content', async () => {
    const res = await clerk.send('GET', '/api/v1/intake/items?limit=2');
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect((await auditOf('intake.list')).at(-1)).toEqual({ actor_kind: 'staff', actor_user_id: clerkUser.id, target: ids.join(','), case_id: null });
  });
});

describe('one item', () => {
  it('shows everything of the item, audited', async () => {
    const { itemId } = await ingestIntakeMessage(t.deps, message({ details: { subject: '关于乱收费的投诉' }, claimsCaseNumber: 'SL2026-000001', attachments: [{ name: '收据.png', mediaType: 'image/png', bytes: png }] }));
    const res = await clerk.send('GET', `/api/v1/intake/items/${itemId}`);
    expect(res.statusCode).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({ id: itemId, status: 'new', contact: 'reporter@example.cn', details: { subject: '关于乱收费的投诉' }, claimsCaseNumber: 'SL2026-000001', invalidReason: null, note: null, handledAt: null });
    expect(item.text).toContain('材料费200元');
    expect(item.attachments).toEqual([{ id: expect.any(String), name: '收据.png', mediaType: 'image/png', size: png.length }]);
    expect((await auditOf('intake.view')).at(-1)).toEqual({ actor_kind: 'staff', actor_user_id: clerkUser.id, target: itemId, case_id: null });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      const res = await clerk.send('GET', `/api/v1/intake/items/${id}`);
      expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([404, 'application/problem+json; charset=utf-8', 'not_found']);
    }
  });

  it('sends nothing when the audit record cannot be written', async () => {
    const { itemId } = await ingestIntakeMessage(t.deps, message({ contact: 'secret-sender@example.cn' }));
    await superuser(async (c) => {
      await c.query(`CREATE FUNCTION zt_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
      await c.query(`CREATE TRIGGER zt_test_refuse BEFORE INSERT ON audit FOR EACH ROW WHEN (NEW.action IN ('intake.view', 'intake.list')) EXECUTE FUNCTION zt_test_refuse()`);
    });
    try {
      for (const url of [`/api/v1/intake/items/${itemId}`, '/api/v1/intake/items']) {
        const res = await clerk.send('GET', url);
        expect([res.statusCode, res.json().code]).toEqual([500, 'internal']);
        expect(res.body).not.toContain('secret-sender');
      }
    } finally {
      await superuser(async (c) => {
        await c.query('DROP TRIGGER zt_test_refuse ON audit');
        await c.query('DROP FUNCTION zt_test_refuse()');
      });
    }
  });
});

describe('register an item', () => {
  it('creates the case with the item’s files in one transaction and sends the code to the sender', async () => {
    const m = message({ attachments: [{ name: '收据照片.png', mediaType: 'image/png', bytes: png }] });
    const { itemId } = await ingestIntakeMessage(t.deps, m);
    const res = await clerk.send('POST', `/api/v1/intake/items/${itemId}/register`, { type: 'complaint', anonymity: 'real_name', reporter: { name: '孙八' } });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ caseNumber: string }>();
    expect(body).toEqual({ caseNumber: expect.stringMatching(/^SL2026-/), queryCode: null, codeDelivery: 'email' });
    const c = (await t.deps.pool.query<{ id: string; channel: string; received_at: Date; content_enc: Buffer; query_code_enc: Buffer | null }>('SELECT id, channel, received_at, content_enc, query_code_enc FROM cases WHERE case_number = $1', [body.caseNumber])).rows[0]!;
    expect([c.channel, c.received_at.toISOString(), c.query_code_enc === null]).toEqual(['email', m.receivedAt.toISOString(), false]);
    expect(t.deps.cipher.decryptText({ table: 'cases', column: 'content_enc', rowId: c.id }, c.content_enc)).toBe(m.text);
    const rep = (await t.deps.pool.query<{ id: string; email_enc: Buffer; email_bidx: Buffer }>('SELECT id, email_enc, email_bidx FROM reporters WHERE case_id = $1', [c.id])).rows[0]!;
    expect(t.deps.cipher.decryptText({ table: 'reporters', column: 'email_enc', rowId: rep.id }, rep.email_enc)).toBe('reporter@example.cn');
    // The case's file is the item's file: same id, same stored bytes, readable under the case.
    const itemFile = (await t.deps.pool.query<{ id: string; storage_key: string }>('SELECT id, storage_key FROM intake_attachments WHERE item_id = $1', [itemId])).rows[0]!;
    const caseFile = (await t.deps.pool.query<{ id: string; storage_key: string; name_enc: Buffer }>('SELECT id, storage_key, name_enc FROM attachments WHERE case_id = $1', [c.id])).rows[0]!;
    expect([caseFile.id, caseFile.storage_key]).toEqual([itemFile.id, itemFile.storage_key]);
    expect(t.deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: caseFile.id }, caseFile.name_enc)).toBe('收据照片.png');
    expect(t.deps.files.decryptBuffer(caseFile.id, await t.deps.attachments.get(caseFile.storage_key)).equals(png)).toBe(true);
    const item = (await t.deps.pool.query('SELECT status, case_id, handled_by, handled_at FROM intake_items WHERE id = $1', [itemId])).rows[0];
    expect(item).toEqual({ status: 'registered', case_id: c.id, handled_by: clerkUser.id, handled_at: t.clock.now() });
    const outbox = await t.deps.pool.query('SELECT kind, payload FROM outbox WHERE case_id = $1 ORDER BY id', [c.id]);
    expect(outbox.rows).toEqual([{ kind: 'case.registered', payload: { caseId: c.id } }, { kind: 'reporter.acknowledgement', payload: { caseId: c.id, delivery: 'email' } }]);
    expect((await auditOf('intake.register')).at(-1)).toEqual({ actor_kind: 'staff', actor_user_id: clerkUser.id, target: itemId, case_id: c.id });
    expect((await t.deps.pool.query(`SELECT actor_kind, actor_user_id FROM audit WHERE action = 'case.register' AND case_id = $1`, [c.id])).rows).toEqual([{ actor_kind: 'staff', actor_user_id: clerkUser.id }]);
    const listed = (await clerk.send('GET', '/api/v1/intake/items?status=registered')).json().items.find((i: { id: string }) => i.id === itemId);
    expect(listed).toMatchObject({ status: 'registered', caseNumber: body.caseNumber });

    const twice = await clerk.send('POST', `/api/v1/intake/items/${itemId}/register`, { type: 'complaint', anonymity: 'anonymous' });
    expect([twice.statusCode, twice.json().code, twice.json().errors]).toEqual([409, 'conflict', [{ path: 'status', code: 'registered', message: '已登记' }]]);
    expect(twice.json().detail).toContain('已登记');
  });

  it('takes the clerk’s text, shows the code when the sender left no contact, and needs some content', async () => {
    const { itemId } = await ingestIntakeMessage(t.deps, message({ channel: 'voicemail', contact: null, text: '' }));
    const empty = await clerk.send('POST', `/api/v1/intake/items/${itemId}/register`, { type: 'consultation', anonymity: 'anonymous' });
    expect([empty.statusCode, empty.json().errors]).toEqual([422, [expect.objectContaining({ path: 'content', code: 'required' })]]);
    const res = await clerk.send('POST', `/api/v1/intake/items/${itemId}/register`, { type: 'consultation', anonymity: 'anonymous', content: '留言询问户口迁移所需材料，未留号码。' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ caseNumber: expect.any(String), queryCode: expect.stringMatching(/^\d{10}$/) });
  });

  it('keeps a WeChat sender as the real-name reporter’s OpenID and answers by WeChat', async () => {
    const { itemId } = await ingestIntakeMessage(t.deps, message({ channel: 'wechat', contact: 'oWx_Sender-01', receivedAt: new Date('2026-03-09T00:00:00Z') }));
    const res = await clerk.send('POST', `/api/v1/intake/items/${itemId}/register`, { type: 'suggestion', anonymity: 'real_name', reporter: { name: '周九', phone: '13800001234' } });
    expect(res.json()).toEqual({ caseNumber: expect.any(String), queryCode: null, codeDelivery: 'wechat' });
    const rep = (await t.deps.pool.query<{ id: string; openid_enc: Buffer; openid_bidx: Buffer; phone_bidx: Buffer }>(
      'SELECT r.id, r.openid_enc, r.openid_bidx, r.phone_bidx FROM reporters r JOIN cases c ON c.id = r.case_id WHERE c.case_number = $1', [res.json().caseNumber],
    )).rows[0]!;
    expect(t.deps.cipher.decryptText({ table: 'reporters', column: 'openid_enc', rowId: rep.id }, rep.openid_enc)).toBe('oWx_Sender-01');
    expect([rep.openid_bidx.equals(t.deps.blind.index('openid', 'oWx_Sender-01')), rep.phone_bidx.equals(t.deps.blind.index('phone', '13800001234'))]).toEqual([true, true]);
    // A sender's clock a week ahead does not put the item in the future.
    const received = (await t.deps.pool.query<{ received_at: Date }>('SELECT received_at FROM intake_items WHERE id = $1', [itemId])).rows[0]!.received_at;
    expect(received.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('refuses a malformed form after the item is found, and an unknown item first', async () => {
    const { itemId } = await ingestIntakeMessage(t.deps, message());
    const bad = await clerk.send('POST', `/api/v1/intake/items/${itemId}/register`, { type: 'complaint', anonymity: 'anonymous', channel: 'email' });
    expect([bad.statusCode, bad.json().errors[0]]).toEqual([422, expect.objectContaining({ path: 'channel', code: 'unknown_field' })]);
    const unknown = await clerk.send('POST', `/api/v1/intake/items/${randomUUID()}/register`, { nonsense: true });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not_found']);
  });
});

describe('mark an item invalid', () => {
  it('keeps it, never numbers it, and refuses to handle it again', async () => {
    const { itemId } = await ingestIntakeMessage(t.deps, message({ text: '广告：低价代办各类证件' }));
    const res = await clerk.send('POST', `/api/v1/intake/items/${itemId}/invalid`, { reason: 'spam', note: '广告信息' });
    expect([res.statusCode, res.json()]).toEqual([200, { id: itemId, status: 'invalid' }]);
    const row = (await t.deps.pool.query('SELECT status, invalid_reason, case_id, handled_by FROM intake_items WHERE id = $1', [itemId])).rows[0];
    expect(row).toEqual({ status: 'invalid', invalid_reason: 'spam', case_id: null, handled_by: clerkUser.id });
    const view = (await clerk.send('GET', `/api/v1/intake/items/${itemId}`)).json();
    expect(view).toMatchObject({ status: 'invalid', invalidReason: 'spam', note: '广告信息' });
    for (const action of ['invalid', 'register']) {
      const again = await clerk.send('POST', `/api/v1/intake/items/${itemId}/${action}`, { reason: 'blank' });
      expect([again.statusCode, again.json().errors[0].code]).toEqual([409, 'invalid']);
    }
    expect((await auditOf('intake.invalid')).at(-1)).toEqual({ actor_kind: 'staff', actor_user_id: clerkUser.id, target: itemId, case_id: null });
    const wrongReason = await clerk.send('POST', `/api/v1/intake/items/${(await ingestIntakeMessage(t.deps, message())).itemId}/invalid`, { reason: 'boring' });
    expect([wrongReason.statusCode, wrongReason.json().errors[0].code]).toEqual([422, 'invalid_choice']);
    expect((await clerk.send('POST', `/api/v1/intake/items/${randomUUID()}/invalid`, { reason: 'spam' })).statusCode).toBe(404);
  });
});

describe('who may use the inbox', () => {
  it('refuses users without the intake role (403), no session (401) and writes without the CSRF token (403)', async () => {
    const { itemId } = await ingestIntakeMessage(t.deps, message());
    const { client: handler } = await signedInStaff(t, ['handler', 'assigner']);
    for (const [method, url] of [['GET', '/api/v1/intake/items'], ['GET', `/api/v1/intake/items/${itemId}`], ['POST', `/api/v1/intake/items/${itemId}/register`], ['POST', `/api/v1/intake/items/${itemId}/invalid`]] as const) {
      const forbidden = await handler.send(method, url, method === 'POST' ? { reason: 'spam' } : undefined);
      expect([forbidden.statusCode, forbidden.json().code, forbidden.json().errors[0].code]).toEqual([403, 'forbidden', 'intake']);
      const anonymous = await t.app.inject({ method, url, headers: { origin: ORIGIN }, ...(method === 'POST' ? { payload: {} } : {}) });
      expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'unauthenticated']);
    }
    const noCsrf = await clerk.send('POST', `/api/v1/intake/items/${itemId}/invalid`, { reason: 'spam' }, { noCsrf: true });
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'csrf_failed']);
    expect((await t.deps.pool.query('SELECT status FROM intake_items WHERE id = $1', [itemId])).rows[0]).toEqual({ status: 'new' });
  });
});

describe('the audit trail', () => {
  it('verifies clean after every registration above', async () => {
    const report = await sealAndVerify(t, anchors);
    expect(report.problems).toEqual([]);
    expect(report.casesChecked).toBe(3);
  });
});
