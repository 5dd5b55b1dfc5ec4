// Reports and the common first steps of the case API tests: a case is brought to the state a test starts
// from through the same HTTP actions a console would take, never by writing the database.
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import type { Bureau, CaseDetailJson } from './demo-bureau.js';
import type { TestApp } from './test-app.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

export const COMPLAINT: ReportInput = {
  type: 'complaint',
  anonymity: 'real_name',
  reporter: { name: '刘群众', phone: '13800138000' },
  content: '在城关派出所办理户口迁移，窗口民警让我跑了三趟，每次要求的材料都不一样，希望规范办理流程。',
  subjects: [],
};

export const ACCUSATION: ReportInput = {
  type: 'accusation',
  anonymity: 'real_name',
  reporter: { name: '陈群众', phone: '13800138001' },
  content: '城关派出所一名民警在处理邻里纠纷时收受一方当事人财物，偏袒该方，请求查处。',
  subjects: [{ name: '韩某', unit: '城关派出所' }],
};

/** The classification an intake clerk enters for an ordinary complaint. */
export const COMPLAINT_FIELDS = { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false } as const;
export const ACCUSATION_FIELDS = { type: 'accusation', scope: 'misconduct', urgency: 'normal', businessRelated: false } as const;

export const REPLY = { outcome: 'replied', method: 'phone', answeredBy: '王受理', answeredAt: '2026-03-02T09:40:00+08:00', text: '经核实，已向您说明办理要求。' } as const;

export async function report(t: TestApp, input: ReportInput = COMPLAINT): Promise<string> {
  return (await submitReport(t.deps, input, [], { channel: 'web' })).caseNumber;
}

/** The kinds of notification a user got about a case, in alphabetical order. */
export async function notificationKinds(t: TestApp, userId: string, caseNumber: string): Promise<string[]> {
  const r = await t.deps.pool.query<{ kind: string }>(
    'SELECT n.kind FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.user_id = $1 AND c.case_number = $2 ORDER BY n.kind',
    [userId, caseNumber],
  );
  return r.rows.map((x) => x.kind);
}

/** Moves the fake clock; sessions idle out after 30 minutes, so every browser signs in again. */
export function advance(t: TestApp, b: Bureau, ms: number): void {
  t.clock.advance(ms);
  b.browsers.clear();
}

/** To the next Monday (the fake clock stands at 10:00 in Shanghai, so the UTC date is the local one). */
export function advanceToMonday(t: TestApp, b: Bureau): void {
  const day = t.clock.now().getUTCDay();
  advance(t, b, ((8 - day) % 7 || 7) * DAY_MS);
}

/** registered → awaiting_instruction → assigned to `unit` by the duty leader's instruction. */
export async function assignedTo(b: Bureau, n: string, unit: string, accept: object = COMPLAINT_FIELDS): Promise<CaseDetailJson> {
  await b.ok('intake', n, 'accept', { ...accept, mode: 'assign', proposal: '建议交办', proposedUnitId: b.unit(unit) });
  return b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit(unit) });
}

/** registered → ready_to_assign: the leader approves handling without naming the unit. */
export async function readyToAssign(b: Bureau, n: string, accept: object = COMPLAINT_FIELDS): Promise<CaseDetailJson> {
  await b.ok('intake', n, 'accept', { ...accept, mode: 'assign', proposal: '建议交办' });
  return b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意，请交办', mode: 'assign' });
}

/** The first subject of a web accusation linked to a demo user (screening, 甄别). */
export async function linkedSubject(b: Bureau, n: string, username: string): Promise<object[]> {
  const d = (await b.detail('intake', n)).json<CaseDetailJson>();
  const first = d.subjects[0];
  if (first === undefined) throw new Error(`${n} has no subject`);
  return [{ id: first.id, userId: b.user(username) }];
}

/** A real-name complaint handled directly by the centre, up to closed with its follow-up task open. */
export async function closedDirectly(b: Bureau, n: string): Promise<CaseDetailJson> {
  await b.ok('intake', n, 'accept', { ...COMPLAINT_FIELDS, mode: 'direct', proposal: '中心直接答复' });
  await b.ok('intake', n, 'reply', REPLY);
  return b.ok('assigner', n, 'close');
}
