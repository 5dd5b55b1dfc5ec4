// 打印 (issue 4): documents of a case read exactly like its detail, the reporter as DESIGN §7.2 allows, every
// print audited before its bytes leave, 交办单 numbers per year assigned once, templates the sysadmin's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { WITHHELD } from '../../src/domain/print/documents.js';
import { expectProblem } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { asSuperuser, auditTargets } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let n: string;
const PHONE = '13700137001';
const base: ReportInput = { type: 'complaint', anonymity: 'real_name', reporter: { name: '钱群众', phone: PHONE, address: '示例市东城区幸福路8号' }, subjects: [], content: '城关派出所办理暂住登记时，民警态度冷漠，说话生硬，请予以纠正。' };

interface Printed {
  title: string;
  organ: string;
  documentNumber: string | null;
  blocks: { type: string; label?: string; value?: string; text?: string }[];
}

async function print(user: string, kind: string, caseNumber = n) {
  return (await b.as(user)).send('GET', `/api/v1/cases/${caseNumber}/documents/${kind}`);
}

const row = (d: Printed, label: string): string | undefined => d.blocks.find((x) => x.type === 'row' && x.label === label)?.value;

async function dispatched(content: string): Promise<string> {
  const c = (await submitReport(t.deps, { ...base, content }, [], { channel: 'phone' })).caseNumber;
  await b.ok('intake', c, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, policeBranch: 'household', mode: 'assign', proposal: '建议交城关派出所核查', proposedUnitId: b.unit('pcs1a') });
  await b.ok('duty_leader', c, 'instruct', { decision: 'approve', text: '同意，请城关派出所认真核查并按期回复', mode: 'assign', unitId: b.unit('pcs1a') });
  return c;
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  n = await dispatched('城关派出所民警办理暂住登记时态度冷漠，请予以纠正。');
  await b.ok('liaison', n, 'sign_for', { handleMyself: true });
});
afterAll(async () => t.close());

describe('the 交办单', () => {
  it('prints the unit, deadline, instruction and sign-for box with a number of the year, kept on every later print', async () => {
    const res = await print('assigner', 'dispatch');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<Printed>();
    expect(d.title).toBe('交办单');
    expect(d.organ).toBe('示例市公安局');
    expect(d.documentNumber).toMatch(/^示例公督交〔2026〕\d+号$/u);
    expect(row(d, '承办单位')).toBe('东城分局城关派出所');
    expect(row(d, '领导批示')).toBe('同意，请城关派出所认真核查并按期回复');
    expect(row(d, '办理时限')).toMatch(/^请于2026年\d+月\d+日前办结并报送办理结果/u);
    expect(row(d, '签收人（签名）')).toBe('沈内勤');
    expect(d.blocks.filter((x) => x.type === 'sign').map((x) => x.text)).toEqual(['示例市公安局12389监督平台', expect.stringMatching(/^2026年[1-9]\d?月[1-9]\d?日$/u)]);
    // A 交办单 goes to the unit: it never carries the reporter (DESIGN §3.4).
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain('钱群众');
    const again = (await print('liaison', 'dispatch')).json<Printed>();
    expect(again.documentNumber).toBe(d.documentNumber);
    expect(await auditTargets(t, n, 'case.print')).toEqual([
      { actor: 'assigner', target: `print:dispatch;no:${String(d.documentNumber)}` },
      { actor: 'liaison', target: `print:dispatch;no:${String(d.documentNumber)}` },
    ]);
  });

  it('numbers dispatches uniquely within a year, also when first printed at the same moment', async () => {
    const cases = await Promise.all([dispatched('第一件：窗口民警推诿。'), dispatched('第二件：接警后迟迟不出警。'), dispatched('第三件：办证要求重复提交材料。'), dispatched('第四件：尚未打印。')]);
    const numbers = (await Promise.all(cases.slice(0, 3).map((c) => print('assigner', 'dispatch', c)))).map((r) => r.json<Printed>().documentNumber);
    expect(new Set(numbers).size).toBe(3);
    const seqs = (await t.deps.pool.query<{ year: number; seq: number }>('SELECT year, seq FROM dispatch_documents ORDER BY seq')).rows;
    expect(seqs.map((s) => s.seq)).toEqual(seqs.map((_, i) => i + 1));
    // The database refuses a second document with a year's number, and the application may not renumber one.
    await expect(t.deps.pool.query('UPDATE dispatch_documents SET seq = seq + 100')).rejects.toThrow(/permission denied/u);
    await expect(asSuperuser(t, (c) => c.query('INSERT INTO dispatch_documents SELECT d.id, 2026, 1, $1, now(), u.id FROM dispatch_levels d, users u WHERE NOT EXISTS (SELECT 1 FROM dispatch_documents x WHERE x.dispatch_level_id = d.id) LIMIT 1', ['重复']))).rejects.toThrow(/dispatch_documents_year_seq_key/u);
  });
});

describe('scope and the reporter', () => {
  it('answers every case the reader may not open with the byte-identical 404 of a nonexistent one', async () => {
    const outside = await print('handler2', 'registration');
    const nothing = await print('handler2', 'registration', 'SL2026-999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toBe(nothing.body);
    const unknownKind = await (await b.as('assigner')).send('GET', `/api/v1/cases/${n}/documents/memo`);
    expect(unknownKind.statusCode).toBe(404);
    expect((await print('sysadmin', 'registration')).body).toBe((await print('sysadmin', 'registration', 'SL2026-999999')).body);
    expect(await auditTargets(t, n, 'case.print').then((a) => a.filter((x) => x.actor === 'handler2'))).toEqual([]);
  });

  it('shows the reporter to the centre, withholds them from the unit, and records what was shown', async () => {
    const centre = (await print('intake', 'registration')).json<Printed>();
    expect(row(centre, '联系电话')).toBe(PHONE);
    expect(row(centre, '反映人')).toBe('钱群众（实名）');
    const unit = await print('unit_head', 'registration');
    expect(unit.body).not.toContain(PHONE);
    expect(unit.body).not.toContain('钱群众');
    expect(row(unit.json<Printed>(), '联系电话')).toBe(WITHHELD);
    expect(row(unit.json<Printed>(), '拟办意见')).toBe(WITHHELD);
    const audits = await auditTargets(t, n, 'case.print');
    expect(audits).toContainEqual({ actor: 'intake', target: 'print:registration;reporter:full' });
    expect(audits).toContainEqual({ actor: 'unit_head', target: 'print:registration' });
  });

  it('leaves notices to the roles that write to the reporter, and a document without its record to later', async () => {
    expectProblem(await print('liaison', 'acceptance_notice'), 403, 'forbidden');
    const notice = (await print('intake', 'acceptance_notice')).json<Printed>();
    expect(notice.blocks[0]).toEqual({ type: 'text', text: '钱群众：' });
    expect(notice.blocks.filter((x) => x.type === 'sign').map((x) => x.text)).toEqual(['示例市公安局', expect.stringMatching(/^2026年/u)]);
    expectProblem(await print('assigner', 'chase'), 409, 'conflict');
    const offers = (await (await b.as('liaison')).send('GET', `/api/v1/cases/${n}/documents`)).json<{ items: { kind: string; available: boolean }[] }>().items;
    expect(offers.filter((o) => o.available).map((o) => o.kind)).toEqual(['registration', 'dispatch']);
  });

  it('sends nothing when the print cannot be put on record', async () => {
    await asSuperuser(t, async (c) => {
      await c.query(`CREATE FUNCTION zt_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
      await c.query(`CREATE TRIGGER zt_test_refuse BEFORE INSERT ON audit FOR EACH ROW WHEN (NEW.action = 'case.print') EXECUTE FUNCTION zt_test_refuse()`);
    });
    try {
      const fresh = await dispatched('首次打印时审计失败的一件。');
      const res = await print('intake', 'dispatch', fresh);
      expect([res.statusCode, res.json().code]).toEqual([500, 'internal']);
      expect(res.body).not.toContain('城关派出所');
      // The number a failed print drew went back with it.
      expect((await t.deps.pool.query("SELECT 1 FROM dispatch_documents d JOIN dispatch_levels l ON l.id = d.dispatch_level_id JOIN cases c ON c.id = l.case_id WHERE c.case_number = $1", [fresh])).rowCount).toBe(0);
    } finally {
      await asSuperuser(t, async (c) => {
        await c.query('DROP TRIGGER zt_test_refuse ON audit');
        await c.query('DROP FUNCTION zt_test_refuse()');
      });
    }
  });
});

describe('templates', () => {
  it('are edited by the sysadmin only, with known placeholders, and reset to the default', async () => {
    const body = { title: '交办通知单', body: '受理编号｜{{caseNumber}}\n承办单位｜{{leadUnit}}\n\n>{{issuer}}', numberPrefix: '示例督交' };
    expectProblem(await (await b.as('assigner')).send('PUT', '/api/v1/admin/print-templates/dispatch', body), 403, 'forbidden');
    expectProblem(await (await b.as('secadmin')).send('PUT', '/api/v1/admin/print-templates/dispatch', body), 403, 'forbidden');
    const sys = await b.as('sysadmin');
    const bad = await sys.send('PUT', '/api/v1/admin/print-templates/dispatch', { ...body, body: '反映人｜{{reporterIdCard}}' });
    expectProblem(bad, 422, 'validation_failed');
    expect(bad.json().errors[0]).toMatchObject({ path: 'body', code: 'unknown_placeholder' });
    expectProblem(await sys.send('PUT', '/api/v1/admin/print-templates/chase', { ...body, numberPrefix: '示例' }), 422, 'validation_failed');
    expect((await sys.send('PUT', '/api/v1/admin/print-templates/dispatch', body)).statusCode).toBe(200);
    const list = (await sys.send('GET', '/api/v1/admin/print-templates')).json<{ items: { kind: string; title: string; source: string }[]; placeholders: { name: string }[] }>();
    expect(list.items.find((i) => i.kind === 'dispatch')).toMatchObject({ title: '交办通知单', source: 'bureau' });
    expect(list.placeholders.map((p) => p.name)).toContain('documentNumber');
    const fresh = await dispatched('模板修改后交办的一件。');
    const d = (await print('assigner', 'dispatch', fresh)).json<Printed>();
    expect(d.title).toBe('交办通知单');
    expect(d.documentNumber).toMatch(/^示例督交〔2026〕\d+号$/u);
    // The number first printed stays, whatever the prefix is now.
    expect((await print('assigner', 'dispatch')).json<Printed>().documentNumber).toMatch(/^示例公督交/u);
    expect((await sys.send('DELETE', '/api/v1/admin/print-templates/dispatch')).statusCode).toBe(200);
    expect((await print('assigner', 'dispatch', fresh)).json<Printed>().title).toBe('交办单');
    const audit = await t.deps.pool.query<{ action: string }>("SELECT action FROM audit WHERE action LIKE 'admin.print_template%' ORDER BY seq");
    expect(audit.rows.map((r) => r.action)).toEqual(['admin.print_template_set', 'admin.print_template_reset']);
  });
});
