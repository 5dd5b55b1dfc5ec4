// The demo bureau's sample cases walked through the real commands, so the console has every state and the
// staff channels to show (issue 3): registered, awaiting instruction, ready to assign, handled directly,
// assigned, in progress, under review, replied, closed with a follow-up due, not accepted, transferred,
// merged, archived, an accusation held at the branch's 督察大队 and a pending extension.
import type { StaffAction } from '../../domain/actions.js';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { runCaseAction } from '../case-actions/run-action.js';
import { CommandError } from '../command-error.js';
import type { StaffActor } from '../case-actions/scope.js';
import type { Deps } from '../deps.js';
import { submitReport, type ReportInput } from '../submit-report.js';

type Step = readonly [username: string, action: StaffAction, fields: Readonly<Record<string, unknown>>];

interface Walk {
  readonly report: ReportInput;
  readonly channel: 'web' | 'phone' | 'letter' | 'mailbox' | 'visit';
  readonly channelDetails?: Readonly<Record<string, unknown>>;
  readonly steps: (ids: Ids, now: string) => readonly Step[];
  /** merged, as a repeated report, into the walk at this index */
  readonly mergeInto?: number;
}

type Ids = (code: string) => string;

const complaint = (content: string, branch?: ReportInput['reportedPoliceBranch']): ReportInput => ({
  type: 'complaint', anonymity: 'real_name', reporter: { name: '示例群众', phone: '13800000010' }, subjects: [], content, reportedPoliceBranch: branch,
});

const accept = (mode: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode, proposal: '拟办：按程序办理', ...extra });
const instruct = (unit: string): Record<string, unknown> => ({ decision: 'approve', text: '同意拟办意见，请认真办理', mode: 'assign', unitId: unit });

function toPcs1a(u: Ids): Step[] {
  return [['intake', 'accept', accept('assign', { proposedUnitId: u('pcs1a') })], ['duty_leader', 'instruct', instruct(u('pcs1a'))]];
}

function handled(u: Ids, now: string): Step[] {
  return [
    ...toPcs1a(u),
    ['liaison', 'sign_for', { handleMyself: true }],
    ['liaison', 'record_contact', { contactedAt: now, method: 'phone' }],
    ['liaison', 'submit_result', { finding: 'partly_substantiated', measures: '窗口增设引导员，实行一次性告知', draftReply: '经核查，窗口存在告知不清的问题，已整改。' }],
  ];
}

function replied(u: Ids, now: string): Step[] {
  return [
    ...handled(u, now),
    ['unit_head', 'review', { decision: 'approve' }],
    ['assigner', 'review', { decision: 'approve' }],
    ['assigner', 'reply', { outcome: 'replied', method: 'phone', answeredBy: '李交办', answeredAt: now, text: '您反映的问题经核查部分属实，已责令整改，感谢您的监督。' }],
  ];
}

const WALKS: readonly Walk[] = [
  { report: complaint('户籍窗口工作人员在办理业务时接打私人电话，让群众长时间等待。', 'household'), channel: 'phone', channelDetails: { callerNumber: '13800000010', calledAt: 'now' }, steps: (u) => [['intake', 'accept', accept('assign', { proposedUnitId: u('pcs1a') })]] },
  { report: complaint('交警一大队事故处理中心周末无人值班，群众无法及时处理事故。', 'traffic'), channel: 'letter', channelDetails: { postmarkDate: 'today', postmarkPlace: '示例市' }, steps: () => [['intake', 'accept', accept('assign')], ['duty_leader', 'instruct', { decision: 'approve', text: '请交办员确定承办单位', mode: 'assign' }]] },
  { report: { ...complaint('咨询居住证办理是否需要房东到场。'), type: 'consultation' }, channel: 'phone', channelDetails: { callerNumber: '13800000011', calledAt: 'now' }, steps: () => [['intake', 'accept', { ...accept('direct'), type: 'consultation', scope: 'other' }]] },
  { report: complaint('城关派出所出具无犯罪记录证明要求提供不必要的材料。', 'household'), channel: 'web', steps: (u) => toPcs1a(u) },
  { report: complaint('城关派出所民警出警时未出示证件。', 'public_order'), channel: 'visit', channelDetails: { visitedAt: 'now', place: '市局12389接待室', receivedBy: '王受理' }, steps: (u) => [...toPcs1a(u), ['liaison', 'sign_for', { handleMyself: true }]] },
  { report: complaint('城关派出所户籍室午休时间不办理业务，外地务工人员无法请假。', 'household'), channel: 'web', steps: (u, now) => handled(u, now) },
  { report: complaint('城关派出所对邻里纠纷调解不公，偏向一方。', 'public_order'), channel: 'mailbox', channelDetails: { boxLocation: '城关派出所门口举报箱', openedAt: 'now', openers: ['王受理', '孙督察'] }, steps: (u, now) => replied(u, now) },
  { report: complaint('城关派出所办理户口迁入时多次让群众补材料。', 'household'), channel: 'web', steps: (u, now) => [...replied(u, now), ['assigner', 'close', {}]] },
  { report: complaint('城关派出所开具证明收费，请核实是否合规。', 'household'), channel: 'web', steps: (u, now) => [...replied(u, now), ['assigner', 'close', {}], ['followup', 'record_follow_up', { outcome: 'satisfied', channel: 'phone' }], ['archivist', 'archive', {}]] },
  { report: complaint('楼上邻居装修噪音大，要求派出所罚款。'), channel: 'phone', channelDetails: { callerNumber: '13800000012', calledAt: 'now' }, steps: () => [['intake', 'not_accept', { reason: 'other_organ', explanation: '装修噪音属于物业和城管职责范围', whereToGo: '请向所在街道城管部门或物业反映' }]] },
  { report: complaint('小区物业乱收停车费。'), channel: 'web', steps: () => [['intake', 'accept', accept('transfer', { transferTo: '示例市市场监督管理局' })]] },
  { report: complaint('城关派出所出具无犯罪记录证明时要求提供不必要的材料，之前反映过还没有答复。', 'household'), channel: 'web', steps: () => [], mergeInto: 3 },
  {
    report: { type: 'accusation', anonymity: 'real_name', reporter: { name: '示例群众戊', phone: '13800000013' }, subjects: [{ name: '韩某', unit: '城关派出所' }], content: '城关派出所民警韩某在办理户口业务时暗示要“意思意思”，收受烟酒后才给办理。' },
    channel: 'phone',
    channelDetails: { callerNumber: '13800000013', calledAt: 'now' },
    steps: (u) => [
      ['intake', 'accept', { type: 'accusation', scope: 'misconduct', urgency: 'urgent', businessRelated: false, mode: 'assign', proposal: '交东城分局督察大队核查', proposedUnitId: u('fj1dc'), subjects: [{ id: u('#subject0'), name: '韩某', userId: u('@handler') }] }],
      ['duty_leader', 'instruct', instruct(u('fj1dc'))],
      ['fj1dc_liaison', 'sign_for', {}],
    ],
  },
  {
    report: complaint('新区派出所对报案不予立案也不出具书面告知。', 'case_handling'),
    channel: 'web',
    steps: (u) => [
      ['intake', 'accept', accept('assign', { proposedUnitId: u('fj1') })],
      ['duty_leader', 'instruct', instruct(u('fj1'))],
      ['fj1_liaison', 'sign_for', {}],
      ['fj1_liaison', 'redispatch', { unitId: u('pcs1a'), brief: '请城关派出所协助核实' }],
      ['liaison', 'sign_for', { handleMyself: true }],
      ['unit_head', 'request_extension', { days: 10, reason: '需调取报案材料和询问笔录', reasonForReporter: '需调取相关材料，办理时间顺延' }],
    ],
  },
];

function resolveTimes(v: Readonly<Record<string, unknown>> | undefined, now: Date, today: string): Record<string, unknown> | undefined {
  if (v === undefined) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === 'now' ? now.toISOString() : x === 'today' ? today : x]));
}

async function actorFor(deps: Deps, username: string): Promise<StaffActor> {
  const r = await deps.pool.query<{ id: string; unit_id: string; display_name: string; police_number: string | null; roles: string[] }>(
    `SELECT u.id, u.unit_id, u.display_name, u.police_number, array_agg(g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL WHERE u.username = $1 GROUP BY u.id`,
    [username],
  );
  const u = r.rows[0];
  if (u === undefined) throw new Error(`demo user ${username} is missing`);
  const roles = u.roles.filter((x): x is Role => (ROLES as readonly string[]).includes(x));
  return { userId: u.id, unitId: u.unit_id, roles, displayName: u.display_name, policeNumber: u.police_number === null ? null : deps.blind.index('police-number', u.police_number).toString('hex') };
}

/** Registers the walks' reports on their channels and takes each step as the named demo account. */
export async function walkDemoCases(deps: Deps): Promise<string[]> {
  const units = new Map((await deps.pool.query<{ code: string; id: string }>('SELECT code, id FROM units')).rows.map((r) => [r.code, r.id]));
  const users = new Map((await deps.pool.query<{ username: string; id: string }>('SELECT username, id FROM users')).rows.map((r) => [r.username, r.id]));
  const numbers: string[] = [];
  for (const walk of WALKS) {
    const now = deps.clock.now();
    const today = now.toISOString().slice(0, 10);
    const staff = walk.channel === 'web' ? undefined : await actorFor(deps, 'intake');
    const details = resolveTimes(walk.channelDetails, now, isLocalDate(today) ? today : '');
    const r = await submitReport(deps, walk.report, [], { channel: walk.channel, ...(staff ? { actor: staff, receivedAt: now } : {}), ...(details ? { channelDetails: details } : {}) });
    const subjects = (await deps.pool.query<{ id: string }>('SELECT s.id FROM subjects s JOIN cases c ON c.id = s.case_id WHERE c.case_number = $1 ORDER BY s.position', [r.caseNumber])).rows;
    // '@user' names a demo account, '#subjectN' the report's own subject record (kept, then linked), else a unit code.
    const ids: Ids = (code) => (code.startsWith('@') ? users.get(code.slice(1)) : code.startsWith('#subject') ? subjects[Number(code.slice(8))]?.id : units.get(code)) ?? '';
    const master = walk.mergeInto === undefined ? undefined : numbers[walk.mergeInto];
    const steps: readonly Step[] = master === undefined ? walk.steps(ids, now.toISOString()) : [['intake', 'merge', { masterCaseNumber: master, reason: '同一事项重复反映' }]];
    for (const [username, action, fields] of steps) {
      const row = await deps.pool.query<{ version: number }>('SELECT version FROM cases WHERE case_number = $1', [r.caseNumber]);
      try {
        await runCaseAction(deps, await actorFor(deps, username), { caseNumber: r.caseNumber, action, body: fields, ifMatch: row.rows[0]?.version ?? 1 });
      } catch (err) {
        const why = err instanceof CommandError ? `${err.kind} ${err.detail?.en ?? ''} ${err.fieldErrors.map((f) => `${f.path}: ${f.code}`).join(', ')}` : String(err);
        throw new Error(`demo case ${r.caseNumber}: ${username} could not ${action} (${why})`, { cause: err });
      }
    }
    numbers.push(r.caseNumber);
  }
  return numbers;
}
