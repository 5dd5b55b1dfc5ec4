// 短信模板 (issue 6): the sysadmin reads every template and edits one as plain text; the domain's rules
// refuse a placeholder the template may not carry, accusatory words to the public and a written signature,
// with the reason in Chinese; an accepted text is what the next text message says once the senders reload,
// and a reset puts the built-in text back. Nobody but the sysadmin may do either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bureau } from '../helpers/demo-bureau.js';
import type { LoopbackSmsc } from '../helpers/loopback-smsc.js';
import { registerCall, startSmsBureau, type SmsBureau } from '../helpers/sms-bureau.js';
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

interface TemplateView {
  key: string;
  text: string;
  defaultText: string;
  custom: boolean;
  placeholders: { name: string }[];
}

const NEW_TEXT = '您的事项已受理，编号{caseNumber}，查询码{queryCode}，请凭编号和查询码查询进展。';

const registered = (phone: string): Promise<string> => registerCall(b, phone, { name: '陈先生', type: 'suggestion', content: '建议派出所公布户籍窗口所需材料清单。' });

describe('SMS templates', () => {
  it('lists every template with its placeholders, the built-in text in use', async () => {
    const res = await (await b.as('sysadmin')).send('GET', '/api/v1/admin/sms-templates');
    expect(res.statusCode).toBe(200);
    const list = res.json<{ signature: string; templates: TemplateView[] }>();
    expect(list.signature).toBe('示例市公安局');
    expect(list.templates).toHaveLength(12);
    expect(list.templates.find((x) => x.key === 'reporter.acknowledgement')).toMatchObject({ custom: false, placeholders: [{ name: 'caseNumber' }, { name: 'queryCode' }] });
  });

  it('refuses texts that would carry more, accuse, or forge the signature, and changes nothing', async () => {
    const admin = await b.as('sysadmin');
    const cases: [string, string, string][] = [
      ['reporter.reply', '您反映的事项（编号{caseNumber}）已办结，查询码{queryCode}。', 'TEMPLATE_PLACEHOLDER_NOT_ALLOWED'],
      ['reporter.reply', '您举报的民警问题（编号{caseNumber}）已办结。', 'TEMPLATE_WORD_FORBIDDEN'],
      ['reporter.reply', '【公安局】您反映的事项（编号{caseNumber}）已办结。', 'TEMPLATE_SYNTAX'],
      ['reporter.acknowledgement', '您反映的事项已受理。', 'TEMPLATE_PLACEHOLDER_MISSING'],
    ];
    for (const [key, text, code] of cases) {
      const res = await admin.send('PUT', `/api/v1/admin/sms-templates/${key}`, { text });
      expect([res.statusCode, res.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)], text).toEqual([422, expect.arrayContaining([code])]);
      expect(JSON.stringify(res.json()), text).toMatch(/[\u4e00-\u9fff]/u);
    }
    expect((await admin.send('PUT', '/api/v1/admin/sms-templates/reporter.nothing', { text: '编号{caseNumber}' })).statusCode).toBe(404);
    expect((await t.deps.pool.query('SELECT count(*)::int AS n FROM sms_templates')).rows[0]).toEqual({ n: 0 });
    for (const other of ['secadmin', 'intake', 'auditor']) {
      expect((await (await b.as(other)).send('PUT', '/api/v1/admin/sms-templates/reporter.acknowledgement', { text: NEW_TEXT })).statusCode, other).toBe(403);
    }
  });

  it('sends the edited text after the reload, and the built-in one again after a reset', async () => {
    const admin = await b.as('sysadmin');
    expect((await admin.send('PUT', '/api/v1/admin/sms-templates/reporter.acknowledgement', { text: NEW_TEXT })).statusCode).toBe(200);
    expect(await smsc.templates.reload(t.deps.pool)).toBe(true);
    const n = await registered('13700137101');
    await smsc.runner.runNow('outbox.relay');
    await expect.poll(() => smsc.sentTo('13700137101').map((m) => m.text)).toEqual([expect.stringMatching(new RegExp(`^【示例市公安局】您的事项已受理，编号${n}，查询码\\d{10}，请凭编号和查询码查询进展。$`, 'u'))]);
    const audit = await t.deps.pool.query("SELECT action, target FROM audit WHERE action LIKE 'admin.sms_template%'");
    expect(audit.rows).toEqual([{ action: 'admin.sms_template_set', target: 'sms_template:reporter.acknowledgement' }]);

    expect((await admin.send('PUT', '/api/v1/admin/sms-templates/reporter.acknowledgement', { text: null })).statusCode).toBe(200);
    await smsc.templates.reload(t.deps.pool);
    await registered('13700137102');
    await smsc.runner.runNow('outbox.relay');
    await expect.poll(() => smsc.sentTo('13700137102').map((m) => m.text).join('')).toContain('您反映的事项已受理，受理编号');
    const listed = (await admin.send('GET', '/api/v1/admin/sms-templates')).json<{ templates: TemplateView[] }>().templates;
    expect(listed.find((x) => x.key === 'reporter.acknowledgement')).toMatchObject({ custom: false });
  });
});
