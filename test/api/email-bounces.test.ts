// Mail that is not a person writing (issue 7): bounces mark our mail failed only through our signed VERP
// sender, a forged one changes nothing; notices go out as a person's mail (no Auto-Submitted, a VERP
// envelope sender); a message that cannot be read is quarantined with its reason; a flood from one
// sender is kept and grouped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotMissing } from '../helpers/dovecot.js';
import { BUREAU_ADDRESS, rawMail, startMailRig, until, type MailRig } from '../helpers/mail-rig.js';
import { signedInStaff, type StaffClient } from '../helpers/staff.js';

const skip = dovecotMissing();

/** A delivery status notification as an MTA writes it, to the envelope sender it was given. */
function dsn(to: string, original: string, status = '5.1.1'): string {
  const body = [
    '--dsn', 'Content-Type: text/plain; charset=us-ascii', '', 'This is the mail system at host mx.mail.example.cn. Your message could not be delivered.',
    '--dsn', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.mail.example.cn', '', 'Final-Recipient: rfc822; gone@mail.example.cn', 'Action: failed', `Status: ${status}`,
    '--dsn', 'Content-Type: text/rfc822-headers', '', `Message-ID: <${original}>`, `From: ${BUREAU_ADDRESS}`,
    '--dsn--', '',
  ].join('\r\n');
  return rawMail({ from: 'Mail Delivery System <MAILER-DAEMON@mx.mail.example.cn>', to, subject: 'Undelivered Mail Returned to Sender', headers: ['Return-Path: <>', 'Auto-Submitted: auto-replied'], mime: { contentType: 'multipart/report; report-type=delivery-status; boundary="dsn"', body } });
}

describe.skipIf(skip !== null)('bounces, quarantine and floods', () => {
  let rig: MailRig;
  let clerk: StaffClient;
  beforeAll(async () => {
    rig = await startMailRig({}, { ZHITONG_MAIL_FLOOD_PER_HOUR: '3' });
    ({ client: clerk } = await signedInStaff(rig.t, ['intake']));
  });
  afterAll(async () => {
    await rig.close();
  });

  it('sends a notice as a person’s mail with a VERP sender; a forged bounce is ignored, a real one marks the mail failed', async () => {
    const from = 'gone@mail.example.cn';
    await rig.deliver(rawMail({ from, messageId: 'will-bounce@mail.example.cn' }));
    const [item] = await rig.itemsFrom(from);
    const res = await clerk.send('POST', `/api/v1/intake/items/${item!.id}/register`, { type: 'complaint', anonymity: 'real_name', reporter: { name: '钱退信' } });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = (await rig.t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [res.json<{ caseNumber: string }>().caseNumber])).rows[0]!.id;
    // What the extension action writes for the reporter (case-actions/decisions.ts).
    await rig.t.deps.pool.query(`INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ('reporter.notice', $1, $2, $3, $3)`, [caseId, JSON.stringify({ caseId, notice: 'extended' }), rig.t.clock.now()]);
    const before = rig.sink.received.length;
    await rig.runner.runNow('outbox.relay');
    await rig.sink.next(from, before);
    const notice = rig.sink.received.slice(before).find((r) => r.parsed.subject?.startsWith('办理进展告知'))!;
    expect(notice.parsed.headers.has('auto-submitted')).toBe(false);
    expect(notice.parsed.text).toContain('办理期限已依规延长');
    expect(notice.parsed.references).toContain('<will-bounce@mail.example.cn>');
    const verp = notice.mailFrom;
    expect(verp).toMatch(/^12389\+zt\.[0-9a-f]{32}\.[0-9a-f]{20}@gaj\.example\.gov\.cn$/u);
    const status = async () => (await rig.t.deps.pool.query<{ status: string; status_code: string | null }>("SELECT status, status_code FROM mail_outbound WHERE case_id = $1 AND kind = 'reporter.notice'", [caseId])).rows[0];
    expect(await status()).toEqual({ status: 'sent', status_code: null });
    const bounceNotices = async () => (await clerk.send('GET', '/api/v1/notifications')).json<{ items: { kind: string; caseNumber: string | null; label: { zh: string } }[] }>().items.filter((n) => n.kind === 'reporter_mail_failed');
    // Forged: the right shape, the wrong MAC.
    const forged = verp.replace(/\.[0-9a-f]{20}@/u, '.00000000000000000000@');
    await rig.deliver(dsn(forged, notice.parsed.messageId!.slice(1, -1)));
    expect(await status()).toEqual({ status: 'sent', status_code: null });
    expect((await rig.inboundOutcomes()).filter((o) => o.outcome === 'forged_bounce')).toHaveLength(1);
    expect(await bounceNotices()).toEqual([]);
    // Real: to the VERP address the notice was sent with.
    await rig.deliver(dsn(verp, notice.parsed.messageId!.slice(1, -1)));
    expect(await status()).toEqual({ status: 'failed', status_code: '5.1.1' });
    const audit = await rig.t.deps.pool.query("SELECT 1 FROM audit WHERE action = 'mail.bounced' AND case_id = $1", [caseId]);
    expect(audit.rowCount).toBe(1);
    // Shown to the case's staff as a failed delivery, not to the public.
    const step = await rig.t.deps.pool.query("SELECT actor_kind, public FROM timeline WHERE case_id = $1 AND event = 'reporter_mail_failed'", [caseId]);
    expect(step.rows).toEqual([{ actor_kind: 'system', public: false }]);
    // And on the case detail beside failed texts: which notice, when, the DSN status; never the address.
    const number = res.json<{ caseNumber: string }>().caseNumber;
    const detail = await clerk.send('GET', `/api/v1/cases/${number}`);
    const deliveries = detail.json<{ deliveries: { channel: string; template: string; status: string; code: string | null }[] }>().deliveries;
    expect(deliveries).toContainEqual(expect.objectContaining({ channel: 'email', template: 'reporter.notice', status: 'failed', code: '5.1.1' }));
    expect(JSON.stringify(deliveries)).not.toContain(from);
    // The centre's clerks are told in the console: which case, never the address or the status text.
    expect(await bounceNotices()).toEqual([expect.objectContaining({ caseNumber: number, label: expect.objectContaining({ zh: '邮件未能送达群众' }) })]);
    const rows = await rig.t.deps.pool.query("SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'reporter_mail_failed'", [caseId]);
    expect(rows.rowCount).toBeGreaterThan(0);
    // Neither bounce became an item.
    expect(await rig.itemsFrom('mailer-daemon@mx.mail.example.cn')).toEqual([]);
  });

  it('sends one acknowledgement per address per period; the next waits, untried, and goes once the period is over', async () => {
    const from = 'twice-acked@mail.example.cn';
    for (const id of ['ack-1', 'ack-2']) await rig.deliver(rawMail({ from, messageId: `${id}@mail.example.cn` }));
    const numbers: string[] = [];
    for (const item of await rig.itemsFrom(from)) {
      const res = await clerk.send('POST', `/api/v1/intake/items/${item.id}/register`, { type: 'complaint', anonymity: 'real_name', reporter: { name: '孙两件' } });
      numbers.push(res.json<{ caseNumber: string }>().caseNumber);
    }
    const before = rig.sink.received.length;
    await rig.runner.runNow('outbox.relay');
    await rig.sink.next(from, before);
    const acks = () => rig.sink.received.slice(before).filter((r) => r.rcptTo.includes(from));
    expect(acks()).toHaveLength(1);
    const waiting = await rig.t.deps.pool.query<{ attempts: number; delivered: boolean; dead: boolean }>(
      `SELECT o.attempts, o.delivered_at IS NOT NULL AS delivered, o.dead_at IS NOT NULL AS dead FROM outbox o JOIN cases c ON c.id = o.case_id
        WHERE c.case_number = ANY($1) AND o.kind = 'reporter.acknowledgement' AND o.delivered_at IS NULL`,
      [numbers],
    );
    expect(waiting.rows).toEqual([{ attempts: 0, delivered: false, dead: false }]);
    rig.t.clock.advance(25 * 3_600_000);
    await rig.runner.runNow('outbox.relay');
    await until(() => Promise.resolve(acks().length), (n) => n === 2);
    expect(new Set(acks().map((a) => /受理编号：(\S+)/u.exec(a.parsed.text ?? '')?.[1]))).toEqual(new Set(numbers));
  });

  it('quarantines a malformed MIME message with the reason, metadata only, and makes no item', async () => {
    const from = 'broken@mail.example.cn';
    await rig.deliver(rawMail({ from, messageId: 'broken@mail.example.cn', mime: { contentType: 'multipart/mixed', body: '--x\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--' } }));
    const q = await rig.t.deps.pool.query<{ reason: string; size_bytes: number; raw_key: string; inbound_id: string }>(
      'SELECT q.reason, q.size_bytes, m.raw_key, q.inbound_id FROM mail_quarantine q JOIN mail_inbound m ON m.id = q.inbound_id',
    );
    expect(q.rows).toHaveLength(1);
    expect(q.rows[0]).toMatchObject({ reason: 'multipart_without_boundary' });
    expect(q.rows[0]!.size_bytes).toBeGreaterThan(100);
    expect(await rig.itemsFrom(from)).toEqual([]);
    // The raw copy is kept for intake, encrypted.
    const sealed = await rig.t.deps.attachments.get(q.rows[0]!.raw_key);
    expect(sealed.includes(Buffer.from('hello'))).toBe(false);
    expect(rig.t.deps.files.decryptBuffer(q.rows[0]!.inbound_id, sealed).toString('latin1')).toContain('hello');
    // The sysadmin sees the metadata, and nothing of the sender or the content.
    const { client: sys } = await signedInStaff(rig.t, ['sysadmin']);
    const listed = await sys.send('GET', '/api/v1/admin/mail-quarantine');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ items: [{ reason: 'multipart_without_boundary', mailbox: 'INBOX', sizeBytes: q.rows[0]!.size_bytes }], nextCursor: null });
    for (const secret of ['broken', 'hello', 'example.cn']) expect(listed.body).not.toContain(secret);
    // A fresh clerk: the clock has moved past the first one's session.
    const { client: intake } = await signedInStaff(rig.t, ['intake']);
    expect((await intake.send('GET', '/api/v1/admin/mail-quarantine')).statusCode).toBe(403);
  });

  it('keeps every mail of a flood from one sender in one junk-flagged item per window, marked invalid or registered in one action', async () => {
    const from = 'flood@mail.example.cn';
    // A fresh clerk: the clock has moved past the first one's session.
    const { client: clerk } = await signedInStaff(rig.t, ['intake']);
    for (let i = 0; i < 6; i++) await rig.dovecot.append(rawMail({ from, subject: `第${String(i)}封`, text: `批量内容${String(i)}` }));
    await until(() => rig.dovecot.count('INBOX'), (n) => n === 0);
    // Three under the threshold as items of their own, then one group holding the other three.
    const items = await rig.itemsFrom(from);
    expect(items).toHaveLength(4);
    const groups = items.filter((i) => i.thread_key !== null);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.thread_key).toMatch(/^flood:[0-9a-f]{24}:\d+$/u);
    const group = groups[0]!.id;
    // Every mail kept: its own record and its encrypted raw copy.
    const records = await rig.t.deps.pool.query<{ id: string; raw_key: string; item_id: string }>(
      "SELECT id, raw_key, item_id FROM mail_inbound WHERE from_key = $1 AND outcome = 'item'", [rig.t.deps.blind.index('email', from)],
    );
    expect(records.rows).toHaveLength(6);
    expect(records.rows.filter((r) => r.item_id === group)).toHaveLength(3);
    for (const r of records.rows) expect((await rig.t.deps.attachments.get(r.raw_key)).includes(Buffer.from('flood@'))).toBe(false);
    // The inbox shows the group apart, with its count; the item holds each mail's words.
    const list = await clerk.send('GET', '/api/v1/intake/items?status=new&channel=email&limit=100');
    const listed = list.json<{ items: { id: string; floodCount?: number }[] }>().items.filter((i) => items.some((x) => x.id === i.id));
    expect(listed.filter((i) => i.floodCount !== undefined)).toEqual([expect.objectContaining({ id: group, floodCount: 3 })]);
    const view = (await clerk.send('GET', `/api/v1/intake/items/${group}`)).json<{ text: string; floodCount?: number; details: Record<string, string> }>();
    expect(view.floodCount).toBe(3);
    for (const n of [3, 4, 5]) expect(view.text).toContain(`批量内容${String(n)}`);
    expect(view.details.flood).toBeDefined();
    // One action marks the whole group invalid.
    const invalid = await clerk.send('POST', `/api/v1/intake/items/${group}/invalid`, { reason: 'spam' });
    expect(invalid.statusCode, invalid.body).toBe(200);
    // Still flooding within the hour: a new group, since the handled one is closed; it can be registered.
    for (let i = 6; i < 8; i++) await rig.dovecot.append(rawMail({ from, text: `批量内容${String(i)}` }));
    await until(() => rig.dovecot.count('INBOX'), (n) => n === 0);
    const after = (await rig.itemsFrom(from)).filter((i) => i.thread_key !== null && i.id !== group);
    expect(after).toHaveLength(1);
    expect(after[0]!.thread_key).toBe(groups[0]!.thread_key);
    const res = await clerk.send('POST', `/api/v1/intake/items/${after[0]!.id}/register`, { type: 'complaint', anonymity: 'real_name', reporter: { name: '批量' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await rig.itemsFrom(from)).toEqual(expect.arrayContaining([expect.objectContaining({ id: group, status: 'invalid' }), expect.objectContaining({ id: after[0]!.id, status: 'registered' })]));
  });

  it('expunges the processed copies older than the retention, and only those', async () => {
    await rig.dovecot.append(rawMail({ from: 'old@mail.example.cn' }), 'Processed', new Date(Date.now() - 30 * 86_400_000));
    const before = await rig.dovecot.count('Processed');
    // A new reader expunges on its first pass (then hourly).
    await rig.restart();
    await until(() => rig.dovecot.count('Processed'), (n) => n === before - 1);
  });
});
