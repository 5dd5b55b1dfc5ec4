// The e-mail channel end to end (issue 7) against a real Dovecot on 127.0.0.1 and an SMTP sink: a mail
// becomes one inbox item, a clerk registers it and the acknowledgement goes out as automatic mail; the
// reporter's reply lands on the same case; copies, crashes and robots create nothing extra.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff, type StaffClient } from '../helpers/staff.js';
import { dovecotMissing } from '../helpers/dovecot.js';
import { BUREAU_ADDRESS, rawMail, startMailRig, until, type MailRig } from '../helpers/mail-rig.js';

const skip = dovecotMissing();

describe.skipIf(skip !== null)('the e-mail channel', () => {
  let rig: MailRig;
  let clerk: StaffClient;
  beforeAll(async () => {
    rig = await startMailRig();
    ({ client: clerk } = await signedInStaff(rig.t, ['intake']));
  });
  afterAll(async () => {
    await rig.close();
  });

  const register = async (itemId: string) => {
    const res = await clerk.send('POST', `/api/v1/intake/items/${itemId}/register`, { type: 'complaint', anonymity: 'real_name', reporter: { name: '赵邮件' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ caseNumber: string }>().caseNumber;
  };

  it('turns a new mail into an inbox item; registered, it is acknowledged by automatic mail to the stored address', async () => {
    const from = 'zhao@mail.example.cn';
    await rig.dovecot.append(rawMail({ from: `赵某 <${from}>`, subject: '反映某派出所乱收费', text: '民警要求另交材料费200元且不开收据。', messageId: 'first-mail@mail.example.cn' }));
    const [item] = await until(() => rig.itemsFrom(from), (r) => r.length === 1);
    // The mailbox copy moved to the processed folder once the item committed.
    await until(() => rig.dovecot.count('Processed'), (n) => n === 1);
    expect(await rig.dovecot.count('INBOX')).toBe(0);
    const caseNumber = await register(item!.id);
    const before = rig.sink.received.length;
    await rig.runner.runNow('outbox.relay');
    const ack = await rig.sink.next(from, before);
    expect(ack.mailFrom).toBe('');
    expect(ack.rcptTo).toEqual([from]);
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.parsed.inReplyTo).toBe('<first-mail@mail.example.cn>');
    expect(ack.parsed.messageId).toMatch(/^<zt\.[0-9a-f]{32}\.[0-9a-f]{20}@gaj\.example\.gov\.cn>$/u);
    expect(ack.parsed.from?.value[0]?.address).toBe(BUREAU_ADDRESS);
    expect(ack.parsed.subject).toContain(caseNumber);
    expect(ack.parsed.html).toBe(false);
    const text = ack.parsed.text ?? '';
    const code = /查询码：(\d{10})/u.exec(text)?.[1];
    expect(text).toContain(`受理编号：${caseNumber}`);
    expect(code).toMatch(/^\d{10}$/u);
    // The tracking link carries no code.
    expect(text).toContain('http://127.0.0.1:3000/track ');
    expect(text.match(/https?:\/\/\S+/gu)?.every((u) => !u.includes(code ?? '-'))).toBe(true);
    const sent = await rig.t.deps.pool.query<{ row: string }>("SELECT m::text AS row FROM mail_outbound m WHERE kind = 'reporter.acknowledgement'");
    expect(sent.rows).toHaveLength(1);
    for (const secret of [from, code ?? '']) expect(sent.rows[0]!.row).not.toContain(secret);
  });

  const caseByNumber = async (caseNumber: string) => (await rig.t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [caseNumber])).rows[0]!.id;
  const messagesOf = async (caseId: string) => {
    const r = await rig.t.deps.pool.query<{ id: string; body_enc: Buffer }>("SELECT id, body_enc FROM messages WHERE case_id = $1 AND direction = 'from_reporter' ORDER BY created_at, id", [caseId]);
    return r.rows.map((m) => rig.t.deps.cipher.decryptText({ table: 'messages', column: 'body_enc', rowId: m.id }, m.body_enc));
  };

  /** A registered case from a mail of `from`, with the acknowledgement that went back. */
  async function acknowledgedCase(from: string): Promise<{ caseNumber: string; caseId: string; ackId: string; originalId: string }> {
    const originalId = `orig-${from.replace(/[^a-z]/gu, '')}@mail.example.cn`;
    await rig.deliver(rawMail({ from, subject: '反映问题', text: '反映派出所办事拖延。', messageId: originalId }));
    const [item] = await rig.itemsFrom(from);
    const caseNumber = await register(item!.id);
    const before = rig.sink.received.length;
    await rig.runner.runNow('outbox.relay');
    const ack = await rig.sink.next(from, before);
    return { caseNumber, caseId: await caseByNumber(caseNumber), ackId: ack.parsed.messageId!.slice(1, -1), originalId };
  }

  it('puts a reply to the acknowledgement onto the same case, without the quoted history', async () => {
    const from = 'qian@mail.example.cn';
    const c = await acknowledgedCase(from);
    await rig.deliver(
      rawMail({
        from,
        subject: `回复：Auto: 来信已受理 [${c.caseNumber}]`,
        text: '补充一下：当天是下午三点左右。\n\n------------------ 原始邮件 ------------------\n发件人: 12389\n受理编号……',
        headers: [`In-Reply-To: <${c.ackId}>`, `References: <${c.originalId}> <${c.ackId}>`],
      }),
    );
    expect(await messagesOf(c.caseId)).toEqual(['补充一下：当天是下午三点左右。']);
    // One item only: the reply made none.
    expect(await rig.itemsFrom(from)).toHaveLength(1);
    const outbox = await rig.t.deps.pool.query("SELECT 1 FROM outbox WHERE case_id = $1 AND kind = 'case.reporter_message'", [c.caseId]);
    expect(outbox.rowCount).toBe(1);
  });

  it('makes one item of the same message delivered twice', async () => {
    const from = 'sun@mail.example.cn';
    const raw = rawMail({ from, messageId: 'twice@mail.example.cn' });
    await rig.dovecot.append(raw);
    await rig.deliver(raw);
    expect(await rig.itemsFrom(from)).toHaveLength(1);
    // Both copies left the inbox.
    expect(await rig.dovecot.count('INBOX')).toBe(0);
  });

  it('does not swallow another sender’s mail that reuses a known Message-ID as a copy, nor lets it swallow the reporter’s', async () => {
    const reporter = 'yang@mail.example.cn';
    const forger = 'forger@evil.example';
    // The forger writes first, under the id the reporter's mail will carry (a Message-ID is no secret).
    await rig.deliver(rawMail({ from: forger, messageId: 'known-id@mail.example.cn', text: '伪造的来信。' }));
    await rig.deliver(rawMail({ from: `杨某 <${reporter}>`, messageId: 'known-id@mail.example.cn', text: '真实的来信。' }));
    const [item] = await rig.itemsFrom(reporter);
    expect(item).toBeDefined();
    expect(await rig.itemsFrom(forger)).toHaveLength(1);
    const text = (await rig.t.deps.pool.query<{ text_enc: Buffer }>('SELECT text_enc FROM intake_items WHERE id = $1', [item!.id])).rows[0]!.text_enc;
    expect(rig.t.deps.cipher.decryptText({ table: 'intake_items', column: 'text_enc', rowId: item!.id }, text)).toBe('真实的来信。');
  });

  it('makes one item after a crash between the commit and the MOVE, once restarted', async () => {
    const from = 'li@mail.example.cn';
    let crashed = false;
    await rig.restart({
      afterCommit: () => {
        crashed = true;
        return Promise.reject(new Error('simulated crash'));
      },
    });
    await rig.dovecot.append(rawMail({ from, messageId: 'crash@mail.example.cn' }));
    await until(() => Promise.resolve(crashed), (v) => v);
    await rig.senders.close();
    // Committed, but still in the inbox: the cursor did not move and nothing was moved.
    expect(await rig.itemsFrom(from)).toHaveLength(1);
    expect(await rig.dovecot.count('INBOX')).toBe(1);
    await rig.restart();
    await until(() => rig.dovecot.count('INBOX'), (n) => n === 0);
    expect(await rig.itemsFrom(from)).toHaveLength(1);
  });

  it('makes a reply citing our signed Message-ID from another address an item claiming the case, not a message on it', async () => {
    const from = 'chen@mail.example.cn';
    const c = await acknowledgedCase(from);
    // Whoever the reporter forwarded the acknowledgement to holds its signed Message-ID.
    const other = 'neighbour@mail.example.cn';
    await rig.deliver(rawMail({ from: other, subject: '回复：Auto: 来信已受理', text: '我替他撤回。', headers: [`In-Reply-To: <${c.ackId}>`, `References: <${c.ackId}>`] }));
    expect(await messagesOf(c.caseId)).toEqual([]);
    expect(await rig.itemsFrom(other)).toMatchObject([{ claims_case_number: c.caseNumber, status: 'new' }]);
    // The same signed reference from the reporter's stored address is threaded.
    await rig.deliver(rawMail({ from: `陈某 <${from}>`, subject: '回复：Auto: 来信已受理', text: '再补充一点。', headers: [`In-Reply-To: <${c.ackId}>`] }));
    expect(await messagesOf(c.caseId)).toEqual(['再补充一点。']);
  });

  it('does nothing with an out-of-office reply', async () => {
    const from = 'zhou@mail.example.cn';
    const c = await acknowledgedCase(from);
    await rig.deliver(
      rawMail({ from, subject: `自动回复：Auto: 来信已受理 [${c.caseNumber}]`, text: '我正在休假，将于3月9日返回。', headers: ['Auto-Submitted: auto-replied', `In-Reply-To: <${c.ackId}>`] }),
    );
    expect(await messagesOf(c.caseId)).toEqual([]);
    expect(await rig.itemsFrom(from)).toHaveLength(1);
    expect((await rig.inboundOutcomes()).filter((o) => o.outcome === 'automatic')).toEqual([{ outcome: 'automatic', reason: 'auto-submitted' }]);
    // Not lost silently: the sysadmin's mail log lists it, as metadata only.
    const { client: sys } = await signedInStaff(rig.t, ['sysadmin']);
    const log = await sys.send('GET', '/api/v1/admin/mail-quarantine?kind=automatic');
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json()).toMatchObject({ items: [{ reason: 'auto-submitted', mailbox: 'INBOX' }], nextCursor: null });
    for (const secret of ['zhou', 'example.cn', '休假', c.caseNumber]) expect(log.body).not.toContain(secret);
    // The quarantine itself stays for what could not be read.
    expect((await sys.send('GET', '/api/v1/admin/mail-quarantine')).json()).toEqual({ items: [], nextCursor: null });
    expect((await sys.send('GET', '/api/v1/admin/mail-quarantine?kind=everything')).statusCode).toBe(422);
  });

  it('makes a new item marked with the case it claims when only the From and the subject say so; threads it when the bureau’s server vouches', async () => {
    const from = 'wu@mail.example.cn';
    const c = await acknowledgedCase(from);
    // Anyone can write the reporter's address into From.
    await rig.deliver(rawMail({ from, subject: `关于 ${c.caseNumber} 的补充`, text: '我撤回举报。' }));
    expect(await messagesOf(c.caseId)).toEqual([]);
    const items = await rig.itemsFrom(from);
    expect(items).toHaveLength(2);
    // Items of one fake instant have no order among themselves: the new one is the one not registered.
    expect(items.filter((i) => i.status === 'new')).toMatchObject([{ claims_case_number: c.caseNumber }]);
    // A verdict written by the sender further down does not count; the top one from our server does.
    await rig.deliver(rawMail({ from, subject: `关于 ${c.caseNumber} 的补充`, text: '再补充一句。', headers: ['Authentication-Results: mx.evil.example; spf=pass', 'Received: from x'] }));
    expect(await messagesOf(c.caseId)).toEqual([]);
    await rig.deliver(rawMail({ from, subject: `关于 ${c.caseNumber} 的补充`, text: '当天值班的是两位民警。', headers: ['Authentication-Results: mx.gaj.example.gov.cn; spf=pass smtp.mailfrom=mail.example.cn; dmarc=pass'] }));
    expect(await messagesOf(c.caseId)).toEqual(['当天值班的是两位民警。']);
    // The same vouching does not let another sender into the case.
    await rig.deliver(rawMail({ from: 'other@mail.example.cn', subject: `关于 ${c.caseNumber} 的补充`, headers: ['Authentication-Results: mx.gaj.example.gov.cn; dmarc=pass'] }));
    expect(await messagesOf(c.caseId)).toHaveLength(1);
    expect(await rig.itemsFrom('other@mail.example.cn')).toMatchObject([{ claims_case_number: c.caseNumber }]);
  });

  it('reads a GB2312-labelled mail with a GBK-only character as the right Chinese', async () => {
    const from = 'zheng@mail.example.cn';
    const body = Buffer.from('d6ece946bbf9c2b7c5c9b3f6cbf9b5c4c3f1beafccacb6c8b6f1c1d3a3acc7ebbacbb2e9a1a3', 'hex');
    const head = [`From: ${from}`, `To: ${BUREAU_ADDRESS}`, `Subject: =?GBK?B?${Buffer.from('b7b4d3b3c3f1beafccacb6c8cecacce2', 'hex').toString('base64')}?=`, 'Message-ID: <gbk@mail.example.cn>', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=gb2312', 'Content-Transfer-Encoding: 8bit', '', ''].join('\r\n');
    await rig.deliver(Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from('\r\n')]));
    const [item] = await rig.itemsFrom(from);
    const row = (await rig.t.deps.pool.query<{ text_enc: Buffer; details_enc: Buffer }>('SELECT text_enc, details_enc FROM intake_items WHERE id = $1', [item!.id])).rows[0]!;
    const ref = (column: string) => ({ table: 'intake_items', column, rowId: item!.id });
    expect(rig.t.deps.cipher.decryptText(ref('text_enc'), row.text_enc)).toBe('朱镕基路派出所的民警态度恶劣，请核查。');
    expect(rig.t.deps.cipher.decryptJson<Record<string, string>>(ref('details_enc'), row.details_enc)).toMatchObject({ subject: '反映民警态度问题' });
  });

  it('takes a 10 MB PDF attachment through the portal’s checks, encrypted', async () => {
    const from = 'feng@mail.example.cn';
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(10 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1024)]);
    const part = (name: string, type: string, bytes: Buffer) =>
      [`--b1`, `Content-Type: ${type}; name="${name}"`, 'Content-Transfer-Encoding: base64', `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(name)}`, '', bytes.toString('base64').replace(/.{76}/gu, '$&\r\n')].join('\r\n');
    const body = [
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', '材料见附件。',
      part('收据扫描件.pdf', 'application/pdf', pdf), part('说明.exe', 'application/octet-stream', exe), '--b1--', '',
    ].join('\r\n');
    await rig.deliver(rawMail({ from, messageId: 'pdf@mail.example.cn', mime: { contentType: 'multipart/mixed; boundary="b1"', body } }));
    const [item] = await until(() => rig.itemsFrom(from), (r) => r.length === 1);
    const files = await rig.t.deps.pool.query<{ id: string; media_type: string; size_bytes: string; storage_key: string; name_enc: Buffer }>('SELECT id, media_type, size_bytes, storage_key, name_enc FROM intake_attachments WHERE item_id = $1', [item!.id]);
    expect(files.rows).toHaveLength(1);
    const f = files.rows[0]!;
    expect({ type: f.media_type, size: Number(f.size_bytes) }).toEqual({ type: 'application/pdf', size: pdf.length });
    expect(rig.t.deps.cipher.decryptText({ table: 'intake_attachments', column: 'name_enc', rowId: f.id }, f.name_enc)).toBe('收据扫描件.pdf');
    const sealed = await rig.t.deps.attachments.get(f.storage_key);
    expect(sealed.includes(Buffer.from('%PDF-1.4'))).toBe(false);
    expect(rig.t.deps.files.decryptBuffer(f.id, sealed).equals(pdf)).toBe(true);
    // The refused file is named for the clerk; the raw message (encrypted) still holds it.
    const details = (await rig.t.deps.pool.query<{ details_enc: Buffer }>('SELECT details_enc FROM intake_items WHERE id = $1', [item!.id])).rows[0]!.details_enc;
    expect(rig.t.deps.cipher.decryptJson<Record<string, string>>({ table: 'intake_items', column: 'details_enc', rowId: item!.id }, details).refusedAttachments).toContain('说明.exe: not_allowed');
  });
});
