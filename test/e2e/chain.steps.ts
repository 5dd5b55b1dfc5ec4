// The end-to-end chain (issue 4, "Done when"), every step through the console: intake registers
// a phone complaint and proposes a unit; duty_leader approves in a batch; liaison signs for; handler
// records contact and asks for an extension, which unit_head requests and supervision_head approves;
// handler submits a result; the review goes up; assigner replies and closes; followup records a visit;
// archivist archives; auditor sees each step. Registered inside the suite of console.e2e.test.ts, so
// the one server and the one browser serve it too.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ingestIntakeMessage } from '../../src/commands/intake/ingest-message.js';
import type { E2E } from './harness.js';
import { act, bureauTime, choose, pickPhrase, settle, typeDate } from './ui.js';

const CALLER = '13912345678';
const CONTENT = '我在城关派出所户籍窗口办理身份证时，工作人员长时间玩手机，让群众排队等候一个多小时。';

export function chainSteps(env: () => E2E): void {
  let caseNumber = '';
  let intake: Page;
  const now = (): Date => env().t.clock.now();
  const state = async (): Promise<string | undefined> =>
    (await env().t.deps.pool.query<{ state: string }>('SELECT state FROM cases WHERE case_number = $1', [caseNumber])).rows[0]?.state;
  async function as(username: string): Promise<Page> {
    const page = await env().open(`/console/cases/${caseNumber}`);
    await env().signIn(page, username);
    await page.locator('.zt-case-number').filter({ hasText: caseNumber }).waitFor();
    return page;
  }

  it('chain 1: intake sees the inbox with its channel data and registers a voicemail item', async () => {
    const e = env();
    await ingestIntakeMessage(e.t.deps, { channel: 'voicemail', externalId: 'call-e2e-1', receivedAt: new Date(now().getTime() - 3_600_000), contact: '13700001111', text: '（电话留言转写）想咨询一下办理居住证需要哪些材料。', details: { durationSeconds: '42' }, attachments: [] });
    intake = await e.open('/console/intake');
    // The bell's poll is not the user's doing: it must not keep an idle session alive (DESIGN §7.3).
    const poll = intake.waitForRequest((r) => r.url().includes('/api/v1/notifications'));
    await e.signIn(intake, 'intake');
    expect((await poll).headers()['x-zhitong-background']).toBe('1');
    const row = intake.locator('[data-item]').filter({ hasText: '13700001111' });
    await row.waitFor();
    await settle(intake);
    await e.shot(intake, '10-inbox');
    await row.click();
    await intake.getByTestId('item-text').filter({ hasText: '居住证' }).waitFor();
    expect(await intake.getByText('留言时长（秒）').count()).toBe(1);
    await intake.getByTestId('item-register').click();
    const dialog = intake.getByRole('dialog');
    await dialog.locator('[data-type="consultation"]').click();
    await dialog.getByLabel('姓名', { exact: true }).fill('刘女士');
    await dialog.getByTestId('item-register-submit').click();
    // The sender's number is known: the code goes out by SMS, never onto this screen.
    await intake.getByTestId('code-delivery').waitFor();
    expect(await intake.getByTestId('query-code').count()).toBe(0);
  });

  it('chain 2: intake registers a phone complaint; the query code goes by SMS, browser storage holds nothing of it', async () => {
    const e = env();
    await intake.goto(`${e.origin}/console/register`);
    await intake.getByTestId('register-submit').waitFor();
    await typeDate(intake.locator('form'), '收件时间', bureauTime(now(), -30));
    await intake.getByLabel('来电号码').fill(CALLER);
    await typeDate(intake.locator('form'), '来电时间', bureauTime(now(), -30));
    await intake.locator('[data-type="complaint"]').click();
    await intake.getByLabel('反映内容').fill(CONTENT);
    await intake.getByLabel('姓名', { exact: true }).fill('张先生');
    await intake.getByLabel('联系电话').fill(CALLER);
    // The subject comes from the staff directory: a police-number prefix suggests them, and choosing one
    // fills the row's name, number and unit (issue 4).
    await intake.getByRole('button', { name: '添加被反映人' }).click();
    const subject = intake.locator('[data-subject-row="0"]');
    await subject.getByLabel('警号', { exact: true }).fill('91020');
    await intake.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '何督察（910202）' }).waitFor();
    await settle(intake);
    await e.shot(intake, '11a-subject-suggestions');
    await intake.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '何督察（910202）东城分局督察大队' }).click();
    await expect.poll(() => subject.getByLabel('姓名', { exact: true }).inputValue()).toBe('何督察');
    expect(await subject.getByLabel('警号', { exact: true }).inputValue()).toBe('910202');
    expect(await subject.getByLabel('所在单位', { exact: true }).inputValue()).toBe('东城分局督察大队');
    // A named subject makes a complaint an accusation (DESIGN §3.4), which is not the path this chain walks.
    await subject.getByRole('button', { name: '删除' }).click();
    await subject.waitFor({ state: 'detached' });
    // The draft lives in the page's memory (DESIGN §7.1): nothing of the case or the caller in browser storage.
    const storage = String(await intake.evaluate('JSON.stringify({ ...window.sessionStorage, ...window.localStorage })'));
    for (const secret of ['户籍窗口', CALLER, '张先生']) expect(storage).not.toContain(secret);
    await settle(intake);
    await e.shot(intake, '11-register-form');
    await intake.getByTestId('register-submit').click();
    await intake.getByTestId('code-delivery').waitFor();
    caseNumber = ((await intake.getByTestId('registered-number').textContent()) ?? '').replace(/^.*：/u, '').trim();
    expect(caseNumber).toMatch(/^[A-Z0-9-]+$/u);
    expect(await intake.getByTestId('query-code').count()).toBe(0);
    await e.shot(intake, '12-registered');
    expect(await state()).toBe('registered');
  });

  it('chain 3: intake accepts it and proposes 城关派出所 through the unit picker', async () => {
    await intake.getByTestId('open-registered').click();
    await intake.locator('.zt-case-number').filter({ hasText: caseNumber }).waitFor();
    await act(intake, 'accept', async (d) => {
      await choose(intake, d, '类型', '我要投诉');
      await choose(intake, d, '受理范围', '意见建议与批评');
      await choose(intake, d, '问题类别', '态度', true);
      await choose(intake, d, '紧急程度', '一般');
      await choose(intake, d, '办理方式', '交办');
      // 关联民警 is picked from the staff directory and links the officer's unit; the row then goes again,
      // so the complaint stays a complaint (a subject would make it an accusation, DESIGN §3.4).
      await d.getByRole('button', { name: /添加\s*被反映人/u }).click();
      const row = d.locator('.zt-list-row').first();
      await row.getByLabel('关联民警', { exact: true }).click();
      await intake.keyboard.type('92030');
      await intake.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '朱承办（920301）' }).click();
      await settle(intake);
      await env().shot(intake, '13a-subject-link');
      // 关联单位 is the officer's unit, shown by its name (a select of the bureau's units, not an id box).
      const pcs2a = (await env().t.deps.pool.query<{ name: string }>("SELECT name FROM units WHERE code = 'pcs2a'")).rows[0]?.name ?? '';
      await expect.poll(() => row.getByText(pcs2a, { exact: true }).count()).toBeGreaterThan(0);
      expect(await row.getByLabel('姓名', { exact: true }).inputValue()).toBe('朱承办');
      expect(await row.getByLabel('警号', { exact: true }).inputValue()).toBe('920301');
      await row.getByLabel('remove').click();
      await row.waitFor({ state: 'detached' });
      await pickPhrase(intake, d, '拟办意见');
      await d.getByTestId('choose-unit').first().click();
      const picker = intake.getByRole('dialog').filter({ has: intake.locator('.zt-unit-tree') });
      await picker.locator('[data-unit="pcs1a"]').waitFor();
      await settle(intake);
      await picker.locator('[data-unit="pcs1a"]').click();
      await picker.getByRole('button', { name: /确\s*定/u }).click();
    });
    await intake.locator('[data-state="awaiting_instruction"]').waitFor();
  });

  it('chain 4: duty_leader approves it in a batch and reads the per-case result', async () => {
    const e = env();
    const leader = await e.open('/console/?queue=to_instruct');
    await e.signIn(leader, 'duty_leader');
    const row = leader.getByRole('row').filter({ hasText: caseNumber });
    await row.locator('.ant-checkbox-input').check();
    await leader.getByTestId('batch-open').click();
    const dialog = leader.getByRole('dialog');
    await dialog.getByLabel('批示内容').fill('同意拟办意见，请城关派出所认真核查。');
    await dialog.getByTestId('batch-submit').click();
    await dialog.getByTestId('batch-summary').filter({ hasText: /(^|[^未])成功1件，未成功0件/u }).waitFor();
    await settle(leader);
    await e.shot(leader, '13-batch-result');
    await dialog.getByTestId('batch-close').click();
    expect(await state()).toBe('assigned');
  });

  it('chain 5: liaison signs for; handler records contact, and a draft survives an expired session', async () => {
    const e = env();
    const liaison = await as('liaison');
    await act(liaison, 'sign_for');
    await liaison.locator('[data-state="in_progress"]').waitFor();
    e.t.clock.advance(2 * 3_600_000);
    const handler = await as('handler');
    await handler.locator('[data-action="record_contact"]').click();
    let dialog = handler.getByRole('dialog');
    await dialog.getByLabel('备注').fill('已电话联系反映人，了解具体情况。');
    // The session ends while the form is open: the sign-in page, then the same form with what was typed.
    await handler.context().clearCookies();
    await typeDate(dialog, '联系时间', bureauTime(now(), -60));
    await choose(handler, dialog, '联系方式', '电话');
    await dialog.getByTestId('action-submit').click();
    await handler.getByText('登录已失效，请重新登录。').waitFor();
    await e.signIn(handler, 'handler');
    await handler.locator('[data-action="record_contact"]').click();
    dialog = handler.getByRole('dialog');
    expect(await dialog.getByLabel('备注').inputValue()).toBe('已电话联系反映人，了解具体情况。');
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await act(handler, 'add_note', async (d) => {
      await d.getByLabel('备注内容').fill('承办人申请延期：需调取窗口监控，请所领导审批。');
    });
    await handler.getByTestId('notes').getByText('需调取窗口监控').waitFor();
  });

  it('chain 6: unit_head requests the extension; supervision_head approves it', async () => {
    const e = env();
    const head = await as('unit_head');
    await act(head, 'request_extension', async (d) => {
      await d.getByLabel('延期天数（自然日）').fill('10');
      await d.getByLabel('理由', { exact: true }).fill('需调取窗口监控录像，无法在期限内办结。');
      await d.getByLabel('告知反映人的延期理由').fill('因需进一步核实情况，办理期限依规延长。');
    });
    await head.locator('.zt-pending').first().waitFor();
    const sup = await as('supervision_head');
    await act(sup, 'decide_extension', async (d) => {
      await choose(sup, d, '审批意见', '同意');
      await d.getByLabel('批准天数').fill('10');
    });
    await settle(sup);
    await e.shot(sup, '14-extension-approved');
    const detail = await (await e.api('supervision_head')).detail<{ pending: unknown[]; timeline: { event: string }[] }>(caseNumber);
    expect(detail.pending).toEqual([]);
  });

  it('chain 7: handler submits the result; unit_head and then the assigner approve it', async () => {
    const handler = await as('handler');
    await act(handler, 'submit_result', async (d) => {
      await choose(handler, d, '核查结论', '属实');
      await d.getByLabel('整改措施').fill('已对窗口民警批评教育，并完善窗口服务制度。');
      await d.getByLabel('答复意见（草稿）').fill('您反映的问题经核查属实，我们已责令整改。感谢您的监督。');
    });
    expect(await state()).toBe('under_review');
    const head = await as('unit_head');
    await act(head, 'review', async (d) => choose(head, d, '审核意见', '审核通过'));
    const assigner = await as('assigner');
    await act(assigner, 'review', async (d) => choose(assigner, d, '审核意见', '审核通过'));
    expect(await state()).toBe('under_review');
  });

  it('chain 8: the assigner replies and closes; followup records the visit; archivist archives', async () => {
    const e = env();
    const assigner = await as('assigner');
    await act(assigner, 'reply', async (d) => {
      await choose(assigner, d, '答复结果', '已答复');
      await choose(assigner, d, '答复方式', '电话');
      await d.getByLabel('答复人').fill('李交办');
      await typeDate(d, '答复时间', bureauTime(now(), -5));
      await d.getByLabel('答复内容').fill('您反映的问题经核查属实，已责令整改。');
    });
    await act(assigner, 'close');
    expect(await state()).toBe('closed');
    const followup = await as('followup');
    await act(followup, 'record_follow_up', async (d) => {
      await choose(followup, d, '回访结果', '满意');
      await choose(followup, d, '回访方式', '电话回访');
    });
    const archivist = await as('archivist');
    await act(archivist, 'archive');
    await archivist.locator('[data-state="archived"]').waitFor();
    await settle(archivist);
    await e.shot(archivist, '15-archived-case');
  });

  it('chain 9: the auditor sees each step in the audit log', async () => {
    const e = env();
    const auditor = await e.open(`/console/audit?case=${caseNumber}`);
    await e.signIn(auditor, 'auditor');
    await auditor.locator('[data-audit-action="case.archive"]').first().waitFor();
    const actions = await Promise.all((await auditor.locator('[data-audit-action]').all()).map((row) => row.getAttribute('data-audit-action')));
    for (const step of ['case.register', 'case.accept', 'case.instruct', 'case.sign_for', 'case.record_contact', 'case.add_note', 'case.request_extension', 'case.decide_extension', 'case.submit_result', 'case.review', 'case.reply', 'case.close', 'case.record_follow_up', 'case.archive']) {
      expect(actions, step).toContain(step);
    }
    // The chain's status above the log: no scheduled verification has run on this fresh server yet.
    expect(await auditor.getByTestId('audit-chain').textContent()).toContain('审计链尚未进行定期校验');
    await settle(auditor);
    await e.shot(auditor, '16-audit-log');
  });
}
