// The marker sweep's mailbox (issue 9, DESIGN §7.1, channels.md §2.1): a mail carrying markers — the
// sender's address and name, a word of the subject and of the content, a PDF with unique bytes — is
// delivered to the loopback Dovecot, read by the e-mail channel (an intake item) and moved to the
// processed folder, where a person's mail client lists it; once it is older than the retention the reader
// expunges it. Then Dovecot's whole folder on disk (maildirs, index, transaction log and cache files,
// state, its log) is searched for the markers as text, hex and base64 (how mail carries them). Dovecot
// keeps the header fields a client fetched in dovecot.index.cache after the expunge (only there is
// allowed); once the cache is purged (`doveadm mailbox cache purge`, docs/email.md) none may remain.
// The database holds none in clear either. Before the expunge the same search finds every marker in the processed copy, and a
// planted file is found too: the search looks where the mail is. Runs as root with Dovecot, like the
// other e-mail tests (required in CI).
import { randomBytes, randomInt } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotMissing } from '../helpers/dovecot.js';
import { minimalPdf } from '../helpers/files.js';
import { rawMail, startMailRig, until, type MailRig } from '../helpers/mail-rig.js';
import { sweepDatabase, sweepFiles, type ExtraForms, type Finding, type Markers } from './sweep.js';

const skip = dovecotMissing();

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const word = (n: number): string => Array.from({ length: n }, () => LETTERS[randomInt(LETTERS.length)]).join('');

const M = {
  address: `mk${word(10).toLowerCase()}@mail.example.cn`,
  name: `上官${word(8)}`,
  subjectWord: `MKJ${word(10)}`,
  word: `MKE${word(10)}`,
  fileBytes: `ZTMAIL${randomBytes(16).toString('hex')}`,
} satisfies Markers;

/** As mail carries text: RFC 2047 words, base64 bodies and attachments. */
const MAIL_FORMS: ExtraForms = { base64: true };
const RETENTION_DAYS = 7;

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const wrapped = (b: Buffer): string => b.toString('base64').replace(/.{76}/gu, '$&\r\n');

function markedMail(): string {
  const body = [
    '--mk1', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '',
    wrapped(Buffer.from(`我要反映派出所办事拖延的问题，暗记${M.word}，请核查。`, 'utf8')),
    '--mk1', 'Content-Type: application/pdf; name="shuoming.pdf"', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="shuoming.pdf"', '',
    wrapped(minimalPdf([M.fileBytes])),
    '--mk1--', '',
  ].join('\r\n');
  return rawMail({ from: `=?UTF-8?B?${b64(M.name)}?= <${M.address}>`, subject: `反映问题${M.subjectWord}`, mime: { contentType: 'multipart/mixed; boundary="mk1"', body } });
}

const described = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.marker} in ${f.where}`).sort();

describe.skipIf(skip !== null)('the mailbox after processing', () => {
  let rig: MailRig;
  const figures: string[] = [];
  beforeAll(async () => {
    rig = await startMailRig({}, { ZHITONG_MAIL_RETENTION_DAYS: String(RETENTION_DAYS) });
  });
  afterAll(async () => {
    await rig.close();
  });

  it('reads the marked mail into an intake item with its file and moves it to the processed folder', async () => {
    // A reader expunges on its first pass, then hourly: a mail of today, read first, lets that pass go by.
    await rig.deliver(rawMail({ from: 'first@mail.example.cn' }));
    await until(() => rig.dovecot.count('Processed'), (n) => n === 1);
    // The reader's expunge compares the message's arrival (Dovecot's internal date) with the wall clock:
    // a mail that arrived RETENTION_DAYS + 3 days ago is what the processed folder holds when the clock has
    // moved past its retention.
    await rig.dovecot.append(markedMail(), 'INBOX', new Date(Date.now() - (RETENTION_DAYS + 3) * 86_400_000));
    await until(() => rig.dovecot.count('INBOX'), (n) => n === 0);
    const items = await rig.itemsFrom(M.address);
    expect(items).toHaveLength(1);
    const files = await rig.t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_attachments WHERE item_id = $1', [items[0]!.id]);
    expect(files.rows[0]!.n).toBe(1);
    expect(await rig.dovecot.count('Processed')).toBe(2);
  });

  it('finds every marker in the processed copy before the expunge: the search reads where the mail is', async () => {
    const before = await sweepFiles(rig.dovecot.dir, M, undefined, MAIL_FORMS);
    const markersFound = [...new Set(before.findings.filter((f) => f.where.includes(`${path.sep}.Processed${path.sep}`)).map((f) => f.marker))].sort();
    expect(markersFound).toEqual(Object.keys(M).sort());
  });

  it('leaves no marker anywhere in Dovecot’s folder once the processed copy is expunged and the cache purged', async () => {
    // A person's mail client (webmail, a clerk's Outlook) lists the folder: Dovecot caches the headers it asked for.
    const c = await rig.dovecot.client();
    const lock = await c.getMailboxLock('Processed');
    const listed: string[] = [];
    try {
      for (let i = 0; i < 2; i += 1) for await (const m of c.fetch('1:*', { envelope: true, headers: ['from', 'subject'] })) listed.push(m.envelope?.from?.[0]?.address ?? '');
    } finally {
      lock.release();
      await c.logout();
    }
    expect(listed).toContain(M.address);
    // A new reader expunges on its first pass (then hourly).
    await rig.restart();
    await until(() => rig.dovecot.count('Processed'), (n) => n === 1);
    // Dovecot keeps an expunged message's cached header fields in dovecot.index.cache until the cache is
    // purged (docs/email.md says what a bureau's mail server needs): the one place allowed until then.
    const expunged = await sweepFiles(rig.dovecot.dir, M, undefined, MAIL_FORMS);
    figures.push(`after the expunge: ${expunged.findings.map((f) => `${f.marker} in ${path.basename(f.where)}`).join(', ') || 'nothing'}`);
    expect(expunged.findings.filter((f) => path.basename(f.where) !== 'dovecot.index.cache').map((f) => `${f.marker} in ${f.where}`)).toEqual([]);
    const purge = await rig.dovecot.doveadm(['mailbox', 'cache', 'purge', '-u', rig.dovecot.user, 'INBOX', 'Processed']);
    expect(purge.code, purge.output).toBe(0);
    const after = await sweepFiles(rig.dovecot.dir, M, undefined, MAIL_FORMS);
    figures.push(`Dovecot folder: ${String(after.files)} files searched after the purge`);
    expect(after.files).toBeGreaterThan(5);
    expect(described(after.findings)).toEqual([]);
  });

  it('finds none in clear in the database (the raw copy is the encrypted evidence)', async () => {
    const db = await sweepDatabase(rig.t.adminUrl, M);
    figures.push(`database: ${String(db.tables)} tables, ${String(db.rows)} rows`);
    const raw = await rig.t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_inbound');
    expect(raw.rows[0]!.n).toBeGreaterThan(0);
    expect(described(db.findings)).toEqual([]);
  });

  it('cannot pass by looking in the wrong places: a marker planted in the mail folder is found and named', async () => {
    const planted = { control: `PLANT${word(12)}` };
    // In the maildir's tmp/, where a delivery writes first and the reader never looks (in cur/ it would be read as new mail).
    const file = path.join(rig.dovecot.dir, 'mail', rig.dovecot.user, 'tmp', `planted.${String(Date.now())}`);
    await writeFile(file, rawMail({ from: 'planted@mail.example.cn', text: `植入${planted.control}。` }));
    expect(described((await sweepFiles(rig.dovecot.dir, planted, undefined, MAIL_FORMS)).findings)).toEqual([`control in ${file}`]);
    console.log(`[figures] mail sweep: ${figures.join('; ')}`);
  });
});
