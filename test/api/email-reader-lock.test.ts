// One reader per mailbox however many nodes run the jobs (issue 7, DESIGN §8 many nodes): while one node's
// reader holds the mailbox, the others stand by and read nothing; when it stops, one of them takes over and
// the next mail is read once, by that one.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapWorker } from '../../src/channels/email/imap-worker.js';
import type { ReceiveResult } from '../../src/channels/email/receive.js';
import { dovecotMissing } from '../helpers/dovecot.js';
import { rawMail, startMailRig, until, type MailRig } from '../helpers/mail-rig.js';

const skip = dovecotMissing();

describe.skipIf(skip !== null)('the mailbox reader lock', () => {
  let rig: MailRig;
  const standby: { worker: ImapWorker; got: number }[] = [];
  beforeAll(async () => {
    rig = await startMailRig();
    for (let i = 0; i < 2; i++) {
      const counter = { got: 0 };
      const worker = new ImapWorker({
        config: rig.t.config.mail,
        deps: rig.t.deps,
        logger: pino({ level: 'silent' }),
        standbyMs: 300,
        // A standby node's reader would store the mail itself; here it only counts what it was handed.
        receive: () => {
          counter.got += 1;
          const outcome: ReceiveResult = 'automatic';
          return Promise.resolve(outcome);
        },
      });
      standby.push(Object.assign(counter, { worker }));
    }
  });
  afterAll(async () => {
    for (const s of standby) await s.worker.stop();
    await rig.close();
  });

  it('lets only the first reader read while the others stand by, and hands over when it stops', async () => {
    // The first node's reader has read a mail, so it holds the mailbox; then two more nodes start.
    await rig.deliver(rawMail({ from: 'first@example.cn', subject: '第一封', text: '第一封信的内容。' }));
    for (const s of standby) s.worker.start();
    await rig.deliver(rawMail({ from: 'second@example.cn', subject: '第二封', text: '第二封信的内容。' }));
    expect((await rig.itemsFrom('first@example.cn')).length + (await rig.itemsFrom('second@example.cn')).length).toBe(2);
    expect(standby.map((s) => s.got)).toEqual([0, 0]);

    // The reading node goes: one standby takes the mailbox and reads the next mail, alone.
    await rig.senders.close();
    await rig.dovecot.append(rawMail({ from: 'third@example.cn', subject: '第三封', text: '第三封信的内容。' }));
    await until(() => Promise.resolve(standby.reduce((n, s) => n + s.got, 0)), (n) => n >= 1, 20_000);
    expect(standby.map((s) => s.got).sort()).toEqual([0, 1]);
  });
});
