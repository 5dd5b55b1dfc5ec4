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
});
