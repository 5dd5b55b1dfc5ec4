// 补发查询码 (DESIGN §7.4): a clerk who has checked a real-name reporter's identity reissues the query code.
// The old code then gets exactly the answer of any wrong code, the new one opens the case (even one locked by
// guesses), and the new code reaches the reporter's phone through the loopback SMSC, its readable copy erased
// once delivered; a reporter nothing can reach gets it from the clerk, shown once in the action's answer.
// Neither the 流转记录 nor the audit trail holds a code; anonymous reports and units never get the action.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { registerCall, startSmsBureau, type SmsBureau } from '../helpers/sms-bureau.js';
import { ORIGIN } from '../helpers/test-app.js';

let s: SmsBureau;
beforeAll(async () => {
  s = await startSmsBureau();
});
afterAll(async () => s.close());

const PHONE_CHECK = { identityCheck: 'phone_registered_details', reason: '反映人来电称查询码短信已删除，核对登记的姓名和手机号后补发。' };
const IN_PERSON = { identityCheck: 'in_person_id', reason: '反映人来访称遗失查询码，现场核验身份证件后补发。' };
const NEVER_ISSUED = '0000000001';

async function track(caseNumber: string, queryCode: string): Promise<LightMyRequestResponse> {
  return s.t.app.inject({ method: 'POST', url: '/api/v1/public/track', headers: { origin: ORIGIN }, payload: { caseNumber, queryCode } });
}

/** What anyone holding a code that opens nothing sees: status and bytes. */
async function sameAsWrongCode(caseNumber: string, queryCode: string): Promise<void> {
  const tried = await track(caseNumber, queryCode);
  const wrong = await track(caseNumber, NEVER_ISSUED);
  expect(tried.statusCode).not.toBe(200);
  expect([tried.statusCode, tried.body]).toEqual([wrong.statusCode, wrong.body]);
}

async function caseRow(caseNumber: string): Promise<{ id: string; kept: boolean }> {
  return (await s.t.deps.pool.query<{ id: string; kept: boolean }>('SELECT id, query_code_enc IS NOT NULL AS kept FROM cases WHERE case_number = $1', [caseNumber])).rows[0]!;
}

const codeIn = (text: string): string | undefined => /查询码(\d{10})/u.exec(text)?.[1];

/** Every stored trace of the reissue, as text: the timeline rows and their decrypted opinions, the audit rows and their decrypted details. */
async function tracesOf(caseId: string): Promise<string> {
  const { pool, cipher } = s.t.deps;
  const timeline = await pool.query<{ id: string; row: string; opinion_enc: Buffer | null }>('SELECT t.id::text AS id, t::text AS row, t.opinion_enc FROM timeline t WHERE t.case_id = $1', [caseId]);
  const audit = await pool.query<{ row: string; details_enc: Buffer | null }>('SELECT a::text AS row, a.details_enc FROM audit a WHERE a.case_id = $1', [caseId]);
  return [
    ...timeline.rows.map((r) => `${r.row} ${r.opinion_enc === null ? '' : cipher.decryptText({ table: 'timeline', column: 'opinion_enc', rowId: r.id }, r.opinion_enc)}`),
    ...audit.rows.map((r) => `${r.row} ${r.details_enc === null ? '' : cipher.decryptText({ table: 'audit', column: 'details_enc', rowId: caseId }, r.details_enc)}`),
  ].join('\n');
}

describe('reissuing a query code (补发查询码)', () => {
  it('sends a new code by SMS, voids the old one, lifts the lockout and erases the readable copy once delivered', async () => {
    const phone = '13700137101';
    const caseNumber = await registerCall(s.b, phone, { name: '陈补码' });
    await s.smsc.runner.runNow('outbox.relay');
    const oldCode = codeIn(s.smsc.sentTo(phone).map((m) => m.text).join(''));
    expect(oldCode).toMatch(/^\d{10}$/u);
    // Someone guessed until the case locked: even the right code is refused now.
    for (let i = 0; i < 5; i++) await track(caseNumber, NEVER_ISSUED);
    expect((await track(caseNumber, oldCode!)).statusCode).not.toBe(200);

    expect(await s.b.actionsOf('intake', caseNumber)).toContain('reissue_query_code');
    const res = await s.b.act('intake', caseNumber, 'reissue_query_code', PHONE_CHECK);
    expect(res.statusCode, res.body).toBe(200);
    // It goes to the registered phone: the clerk is not shown it.
    expect(res.json<Record<string, unknown>>()).not.toHaveProperty('issuedQueryCode');
    const { id, kept } = await caseRow(caseNumber);
    expect(kept).toBe(true);

    const before = s.smsc.sentTo(phone).length;
    await s.smsc.runner.runNow('outbox.relay');
    const texts = s.smsc.sentTo(phone).slice(before).map((m) => m.text).join('');
    expect(texts).toContain('补发查询码');
    expect(texts).toContain(caseNumber);
    const newCode = codeIn(texts);
    expect(newCode).toMatch(/^\d{10}$/u);
    expect(newCode).not.toBe(oldCode);
    expect(res.body).not.toContain(newCode!);

    expect((await track(caseNumber, newCode!)).statusCode).toBe(200);
    await sameAsWrongCode(caseNumber, oldCode!);
    expect((await caseRow(caseNumber)).kept).toBe(false);
    const outbox = await s.t.deps.pool.query<{ delivered: boolean; payload: unknown }>(`SELECT delivered_at IS NOT NULL AS delivered, payload FROM outbox WHERE case_id = $1 AND kind = 'reporter.query_code'`, [id]);
    expect(outbox.rows).toEqual([{ delivered: true, payload: { caseId: id, delivery: 'sms' } }]);

    // Who, how the identity was checked and why: in the staff-only 流转记录 and the audit record, never a code.
    const detail = (await s.b.detail('intake', caseNumber)).json<{ timeline: { event: string; opinion: string | null }[] }>();
    expect(detail.timeline.find((e) => e.event === 'reissue_query_code')?.opinion).toContain('电话核对身份信息');
    const publicView = (await track(caseNumber, newCode!)).body;
    expect(publicView).not.toContain('reissue');
    const audit = await s.t.deps.pool.query<{ actor_user_id: string; details_enc: Buffer }>(`SELECT actor_user_id, details_enc FROM audit WHERE case_id = $1 AND action = 'case.reissue_query_code'`, [id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.actor_user_id).toBe(s.b.user('intake'));
    expect(s.t.deps.cipher.decryptJson({ table: 'audit', column: 'details_enc', rowId: id }, audit.rows[0]!.details_enc)).toMatchObject({ identityCheck: 'phone_registered_details', handOver: 'sms' });
    const traces = await tracesOf(id);
    for (const code of [oldCode!, newCode!]) expect(traces).not.toContain(code);
  });

  it('shows the code once to the clerk when nothing can carry it, and no later view has it', async () => {
    const registered = await (await s.b.as('intake')).send('POST', '/api/v1/cases', {
      type: 'complaint', content: '来访反映户籍窗口办理业务时工作人员态度生硬。', anonymity: 'real_name', reporter: { name: '钱来访', address: '示例市幸福路1号' },
      channel: 'visit', receivedAt: '2026-03-02T09:30:00+08:00', channelDetails: { visitedAt: '2026-03-02T09:30:00+08:00', place: '接待室', receivedBy: '王警官' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { caseNumber, queryCode: oldCode } = registered.json<{ caseNumber: string; queryCode: string }>();

    const other = await s.b.act('followup', caseNumber, 'reissue_query_code', { identityCheck: 'other', reason: '反映人委托书经核对。' });
    expect(other.statusCode).toBe(422);
    expect(other.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).join(' ')).toContain('identityCheckNote');

    const res = await s.b.act('followup', caseNumber, 'reissue_query_code', IN_PERSON);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const newCode = res.json<{ issuedQueryCode?: string }>().issuedQueryCode;
    expect(newCode).toMatch(/^\d{10}$/u);
    expect(newCode).not.toBe(oldCode);
    // No readable copy and no message: the clerk hands it over.
    const { id, kept } = await caseRow(caseNumber);
    expect(kept).toBe(false);
    expect((await s.t.deps.pool.query(`SELECT 1 FROM outbox WHERE case_id = $1 AND kind = 'reporter.query_code'`, [id])).rowCount).toBe(0);

    for (const user of ['followup', 'intake']) {
      const again = await s.b.detail(user, caseNumber);
      expect(again.statusCode).toBe(200);
      expect(again.json<Record<string, unknown>>()).not.toHaveProperty('issuedQueryCode');
      expect(again.body).not.toContain(newCode!);
    }
    expect((await track(caseNumber, newCode!)).statusCode).toBe(200);
    await sameAsWrongCode(caseNumber, oldCode);
    const audit = await s.t.deps.pool.query<{ details_enc: Buffer }>(`SELECT details_enc FROM audit WHERE case_id = $1 AND action = 'case.reissue_query_code'`, [id]);
    expect(s.t.deps.cipher.decryptJson({ table: 'audit', column: 'details_enc', rowId: id }, audit.rows[0]!.details_enc)).toMatchObject({ identityCheck: 'in_person_id', handOver: 'shown_once' });
    const traces = await tracesOf(id);
    for (const code of [oldCode, newCode!]) expect(traces).not.toContain(code);
  });

  it('is not offered for an anonymous report, and refused in the state conventions (409)', async () => {
    const { caseNumber } = await submitReport(s.t.deps, { type: 'complaint', content: '户籍窗口推诿扯皮。', anonymity: 'anonymous', subjects: [] }, [], { channel: 'web' });
    expect(await s.b.actionsOf('intake', caseNumber)).not.toContain('reissue_query_code');
    const res = await s.b.act('intake', caseNumber, 'reissue_query_code', IN_PERSON);
    expect(res.statusCode).toBe(409);
    expect(res.body).not.toMatch(/"issuedQueryCode"/u);
  });

  it('does not exist for a unit user whose unit holds no grant, and is refused to centre roles that do not meet the reporter', async () => {
    const caseNumber = await registerCall(s.b, '13700137102');
    const handler = await s.b.act('handler', caseNumber, 'reissue_query_code', PHONE_CHECK);
    const nonexistent = await s.b.act('handler', 'SL2026-999999', 'reissue_query_code', PHONE_CHECK, 1);
    expect(handler.statusCode).toBe(404);
    expect(handler.body).toBe(nonexistent.body);
    expect(await s.b.actionsOf('assigner', caseNumber)).not.toContain('reissue_query_code');
    expect((await s.b.act('assigner', caseNumber, 'reissue_query_code', PHONE_CHECK)).statusCode).toBe(403);
  });
});
