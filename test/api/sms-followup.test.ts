// The follow-up question by text message (issue 6, DESIGN §3.2): closing a case whose reporter left a mobile
// number asks them from the SP number with a reply tag; "1" sent to that tag is a satisfied follow-up record
// that fulfils the task, once however often the SMSC delivers it; anything else stays an inbox item.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannelSenders } from '../../src/channels/senders.js';
import { FakeSmsProvider } from '../../src/channels/sms/fake.js';
import type { ReportInput } from '../../src/commands/submit-report.js';
import { closedDirectly, COMPLAINT, report } from '../helpers/case-steps.js';
import type { Bureau } from '../helpers/demo-bureau.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { SP_NUMBER, type LoopbackSmsc } from '../helpers/loopback-smsc.js';
import { startSmsBureau, type SmsBureau } from '../helpers/sms-bureau.js';
import type { TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let smsc: LoopbackSmsc;
let bureau: SmsBureau;
beforeAll(async () => {
  bureau = await startSmsBureau();
  ({ t, b, smsc } = bureau);
});
afterAll(async () => bureau.close());

const withPhone = (phone: string, name = '刘群众'): ReportInput => ({ ...COMPLAINT, reporter: { name, phone } });

/** A case closed with its follow-up task; the question that went to the phone and the tag it carried. */
async function asked(phone: string): Promise<{ caseNumber: string; text: string; tag: string }> {
  const n = await report(t, withPhone(phone));
  await closedDirectly(b, n);
  await smsc.runner.runNow('outbox.relay');
  const sent = smsc.sentTo(phone);
  const tag = sent[0]?.sourceAddr.slice(SP_NUMBER.length) ?? '';
  return { caseNumber: n, text: sent.map((s) => s.text).join(''), tag };
}

async function followUp(caseNumber: string) {
  const task = await t.deps.pool.query<{ status: string; records: string[] | null; channels: string[] | null }>(
    `SELECT f.status, array_agg(r.outcome) FILTER (WHERE r.id IS NOT NULL) AS records, array_agg(r.channel) FILTER (WHERE r.id IS NOT NULL) AS channels
       FROM follow_ups f JOIN cases c ON c.id = f.case_id LEFT JOIN follow_up_records r ON r.follow_up_id = f.id WHERE c.case_number = $1 GROUP BY f.id`,
    [caseNumber],
  );
  return task.rows[0];
}

const smsItems = async (): Promise<number> => (await t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM intake_items WHERE channel = 'sms'")).rows[0]?.n ?? 0;

describe('the follow-up question by text message', () => {
  it('asks the reporter with a reply tag, and "1" to that tag is a satisfied follow-up, recorded once', async () => {
    const q = await asked('13900139001');
    expect(q.text).toContain(q.caseNumber);
    expect(q.text).toContain('回复1满意');
    expect(q.tag).toMatch(/^[1-9]\d{3}$/u);
    // The sent row keeps the tag and the task, never the number.
    const row = await t.deps.pool.query<{ reply_tag: string; row: string }>(`SELECT s.reply_tag, s::text AS row FROM sms_messages s JOIN cases c ON c.id = s.case_id WHERE c.case_number = $1 AND s.template = 'followup.question'`, [q.caseNumber]);
    expect(row.rows[0]?.reply_tag).toBe(q.tag);
    expect(row.rows[0]?.row).not.toContain('13900139001');

    const before = await smsItems();
    smsc.deliver('13900139001', SP_NUMBER + q.tag, '１');
    await expect.poll(() => followUp(q.caseNumber), { timeout: 5000 }).toEqual({ status: 'done', records: ['satisfied'], channels: ['sms'] });
    // The SMSC sends it again (it got no answer in time): no second record, no inbox item.
    smsc.deliver('13900139001', SP_NUMBER + q.tag, '１');
    await new Promise((r) => setTimeout(r, 500));
    expect(await followUp(q.caseNumber)).toEqual({ status: 'done', records: ['satisfied'], channels: ['sms'] });
    expect(await smsItems()).toBe(before);
    const d = (await b.detail('assigner', q.caseNumber)).json<{ flags: Record<string, boolean>; timeline: { event: string }[] }>();
    expect(d.flags).toMatchObject({ followUpDue: false, dissatisfied: false });
    const rated = await t.deps.pool.query<{ rated: boolean }>('SELECT rated FROM cases WHERE case_number = $1', [q.caseNumber]);
    expect(rated.rows[0]?.rated).toBe(true);
    expect(d.timeline.map((e) => e.event)).toContain('rate');
    const audit = await t.deps.pool.query<{ target: string }>(`SELECT a.target FROM audit a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1 AND a.action = 'case.rate'`, [q.caseNumber]);
    expect(audit.rows.map((r) => r.target)).toEqual(['sms:satisfied']);
  });

  it('files anything that is not an answer in the inbox, and leaves the task open', async () => {
    const q = await asked('13900139002');
    const before = await smsItems();
    smsc.deliver('13900139002', SP_NUMBER + q.tag, '好的谢谢');
    await expect.poll(smsItems, { timeout: 5000 }).toBe(before + 1);
    expect(await followUp(q.caseNumber)).toEqual({ status: 'open', records: null, channels: null });
  });

  it('matches an answer without a tag to the only open question of that number; "3" tells the assigners', async () => {
    const q = await asked('13900139003');
    smsc.deliver('13900139003', SP_NUMBER, '3不满意');
    await expect.poll(() => followUp(q.caseNumber), { timeout: 5000 }).toMatchObject({ status: 'done', records: ['dissatisfied'] });
    const notes = await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_number = $1 AND n.kind = 'dissatisfied'`, [q.caseNumber]);
    expect(notes.rows[0]?.n).toBeGreaterThan(0);
  });

  it('files an answer from another phone, or to a tag nobody was given, in the inbox', async () => {
    const q = await asked('13900139004');
    const before = await smsItems();
    smsc.deliver('13900139005', SP_NUMBER + q.tag, '1');
    const unused = q.tag === '1000' ? '1001' : '1000';
    smsc.deliver('13900139004', SP_NUMBER + unused, '1');
    await expect.poll(smsItems, { timeout: 5000 }).toBe(before + 2);
    expect(await followUp(q.caseNumber)).toMatchObject({ status: 'open' });
  });

  // Last: a second relay with the fake provider claims every due SMS row from here on.
  it('frees the reserved tag and the day’s count when the provider refuses the question', async () => {
    const fake = new FakeSmsProvider();
    const runner = createTestRunner(t);
    registerChannelSenders(t.config, t.deps, runner, pino({ level: 'silent' }), fake);
    const n = await report(t, withPhone('13900139006'));
    await closedDirectly(b, n);
    fake.failNext.push('ISV_MOBILE_NUMBER_ILLEGAL');
    await runner.runNow('outbox.relay');
    const rows = await t.deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sms_messages s JOIN cases c ON c.id = s.case_id WHERE c.case_number = $1', [n]);
    expect(rows.rows[0]?.n).toBe(0);
    const dead = await t.deps.pool.query<{ last_error: string }>(`SELECT o.last_error FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.case_number = $1 AND o.kind = 'reporter.followup_question' AND o.dead_at IS NOT NULL`, [n]);
    expect(dead.rows.map((r) => r.last_error)).toEqual(['SmsSendError:ISV_MOBILE_NUMBER_ILLEGAL']);
  });
});
