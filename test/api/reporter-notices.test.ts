// Notices follow the acknowledgement's channel (issues 6 and 8): a reporter acknowledged by SMS gets the
// extension (with the new deadline) and the reply as the approved texts, and nothing for steps without one;
// a case acknowledged on screen gets its notices on the portal only, so nothing is sent and nothing waits.
// (WeChat's notice is in wechat-customer-service.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bureau } from '../helpers/demo-bureau.js';
import type { LoopbackSmsc } from '../helpers/loopback-smsc.js';
import { registerCall, startSmsBureau, type SmsBureau } from '../helpers/sms-bureau.js';
import { ORIGIN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let smsc: LoopbackSmsc;
let bureau: SmsBureau;
beforeAll(async () => {
  bureau = await startSmsBureau();
  ({ t, b, smsc } = bureau);
});
afterAll(async () => bureau.close());

async function byPhone(phone: string): Promise<{ id: string; number: string }> {
  const number = await registerCall(b, phone, { name: '林先生' });
  const id = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [number])).rows[0]?.id ?? '';
  return { id, number };
}

/** The notice row a case action writes (src/commands/case-actions/support.ts noticeToReporter). */
async function notice(caseId: string, kind: string): Promise<number> {
  const r = await t.deps.pool.query<{ id: string }>("INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ('reporter.notice', $1, $2::jsonb, $3, $3) RETURNING id", [caseId, JSON.stringify({ caseId, notice: kind }), t.clock.now()]);
  return Number(r.rows[0]?.id);
}

async function outcome(id: number): Promise<{ delivered: boolean; dead: boolean }> {
  return (await t.deps.pool.query<{ delivered: boolean; dead: boolean }>('SELECT delivered_at IS NOT NULL AS delivered, dead_at IS NOT NULL AS dead FROM outbox WHERE id = $1', [id])).rows[0] ?? { delivered: false, dead: true };
}

describe('notices to the reporter', () => {
  it('sends the extension with its new deadline and the reply by SMS to a reporter acknowledged by SMS', async () => {
    const c = await byPhone('13700137201');
    await smsc.runner.runNow('outbox.relay');
    await t.deps.pool.query("UPDATE cases SET public_due = '2026-04-30' WHERE id = $1", [c.id]);
    const extended = await notice(c.id, 'extended');
    const replied = await notice(c.id, 'replied');
    const explained = await notice(c.id, 'explained');
    await smsc.runner.runNow('outbox.relay');
    const texts = smsc.sentTo('13700137201').map((m) => m.text);
    expect(texts.some((x) => x.includes(`（编号${c.number}）办理期限延长至2026-04-30`))).toBe(true);
    expect(texts.some((x) => x.includes(`（编号${c.number}）已办结答复`))).toBe(true);
    // Acknowledgement, extension, reply: the explanation has no approved text and is not sent.
    const sent = await t.deps.pool.query<{ template: string }>('SELECT template FROM sms_messages WHERE case_id = $1 ORDER BY sent_at, template', [c.id]);
    expect(sent.rows.map((r) => r.template).sort()).toEqual(['reporter.acknowledgement', 'reporter.extension', 'reporter.reply']);
    for (const id of [extended, replied, explained]) expect(await outcome(id)).toEqual({ delivered: true, dead: false });
    expect(texts.join('')).not.toContain('居住证');
  });

  it('sends nothing for a case whose code was shown on the portal, and leaves nothing waiting', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'suggestion', content: '建议在派出所门口增设非机动车停放点。', anonymity: 'anonymous', subjects: [] }) });
    expect(res.statusCode).toBe(201);
    const id = (await t.deps.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_number = $1', [res.json<{ caseNumber: string }>().caseNumber])).rows[0]?.id ?? '';
    const before = smsc.submits.length;
    const row = await notice(id, 'replied');
    await smsc.runner.runNow('outbox.relay');
    expect(await outcome(row)).toEqual({ delivered: true, dead: false });
    expect(smsc.submits.length).toBe(before);
  });
});
