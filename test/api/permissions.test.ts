// The permission fixture (test/fixtures/permissions.csv, written by hand from DESIGN) replayed through HTTP:
// every (role, action, situation) row against a case built through the API by the demo accounts (issue 3).
//
// How the cases are built, so that a run stays well under a minute on the 2-core machine:
// - one complaint travels the main chain (东城分局 fj1 → 城关派出所 pcs1a) and stops at every state the fixture
//   names; the rows of a state are replayed while the case stands there (requests that must fail change nothing;
//   if one unexpectedly succeeds, the case is rebuilt by replaying the journey so far on a new case);
// - a row expecting 200 gets a fresh case of its own from a short recipe;
// - side cases: an accusation awaiting a second person, the same accusation replied, a directly handled complaint,
//   a not-accepted one, one assigned to 城南派出所 pcs2a (out of scope for pcs1a and fj1);
// - subject, recused and sealed: three cases assigned down to pcs1a that every role account could open (checked),
//   then the accounts are linked as subjects / declare a conflict / the case is reclassified as an accusation
//   against a 督察支队 officer and so sealed; a control account still opens each one.
// Rows expecting 403 or 404 are sent without If-Match (DESIGN §10: those outrank 428); rows expecting 200/422 are
// also sent without If-Match (428) and with a stale one (412) first. Every 404 must be byte-identical to the answer
// for a case number that does not exist, for the same user and route.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/commands/admin/add-user.js';
import { submitReport, type ReportInput } from '../../src/commands/submit-report.js';
import { STAFF_ACTIONS } from '../../src/domain/actions.js';
import { BATCH_PREFIX, loadPermissionRows, type PermissionRow } from '../helpers/permission-fixture.js';
import { Bureau, DEMO_PASSWORD } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** The account acting for each role: single-role accounts, so a row tests exactly one role. */
const USER_OF_ROLE: Readonly<Record<string, string>> = {
  intake: 'intake',
  assigner: 'assigner',
  duty_leader: 'duty_leader',
  supervision_head: 'supervision_head',
  bureau_leader: 'bureau_leader',
  followup: 'followup',
  archivist: 'archivist',
  // 东城分局's liaison (the demo 城关派出所 liaison is also a handler), 城关派出所's handler and head.
  liaison: 'fj1_liaison',
  handler: 'handler',
  unit_head: 'unit_head',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
};
const CASE_ROLES = ['intake', 'assigner', 'duty_leader', 'supervision_head', 'bureau_leader', 'liaison', 'handler', 'unit_head', 'followup', 'archivist'];
const HIDDEN_SITUATIONS = ['subject', 'recused', 'sealed'] as const;
/** A well-formed case number no case has. */
const NONEXISTENT = 'SL2026-999999';
/**
 * Replayed requests are marked as the console marks its polls: they leave the session's idle window alone, which
 * saves a durable commit per request and changes nothing else (the fake clock never moves, so no session goes idle).
 */
const BACKGROUND: Readonly<Record<string, string>> = { 'x-zhitong-background': '1' };
/** In the sealed group, to show the sealed case exists for someone; not one of the role accounts. */
const SEALED_READER = 'sealed_reader';

let t: TestApp;
let b: Bureau;
const rows = loadPermissionRows();

// ---------------------------------------------------------------------------------------------------------------
// Building cases through the API

const complaint: ReportInput = {
  type: 'complaint',
  anonymity: 'real_name',
  reporter: { name: '刘群众', phone: '13800138000' },
  content: '在城关派出所办理户口迁移，窗口民警让我跑了三趟，每次要求的材料都不一样，希望规范办理流程。',
  subjects: [],
};
const praise: ReportInput = { ...complaint, type: 'praise', content: '城关派出所民警帮我找回了丢失的钱包，态度热情，办事认真，特此表扬。' };
const accusation: ReportInput = { ...complaint, type: 'accusation', content: '城南派出所一名民警在处理纠纷时收受当事人财物，偏袒一方，请求查处。' };

async function report(input: ReportInput): Promise<string> {
  return (await submitReport(t.deps, input, [], { channel: 'web' })).caseNumber;
}

async function versionOf(n: string): Promise<number> {
  const r = await t.deps.pool.query<{ version: number }>('SELECT version FROM cases WHERE case_number = $1', [n]);
  const v = r.rows[0]?.version;
  if (v === undefined) throw new Error(`no case ${n}`);
  return v;
}

async function openDecisionId(n: string): Promise<string> {
  const r = await t.deps.pool.query<{ id: string }>(
    'SELECT d.id FROM pending_decisions d JOIN cases c ON c.id = d.case_id WHERE c.case_number = $1 AND d.settlement IS NULL',
    [n],
  );
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error(`no open decision on ${n}`);
  return id;
}

async function post(user: string, url: string, body: object, ifMatch?: string): Promise<LightMyRequestResponse> {
  return (await b.as(user)).send('POST', url, body, ifMatch === undefined ? {} : { 'if-match': ifMatch });
}

type Fields = object | ((n: string) => Promise<object>);
interface Step {
  readonly user: string;
  readonly action: string;
  readonly fields: Fields;
}

/** One setup step; it must succeed (204 when the actor has just hidden the case from themselves). */
async function perform(n: string, s: Step): Promise<void> {
  const fields = typeof s.fields === 'function' ? await s.fields(n) : s.fields;
  const res = await post(s.user, `/api/v1/cases/${n}/actions/${s.action}`, fields, `"${String(await versionOf(n))}"`);
  if (res.statusCode !== 200 && res.statusCode !== 204) throw new Error(`setup: ${s.user} ${s.action} on ${n}: ${String(res.statusCode)} ${res.body}`);
}

/** A case moving through states; rebuild() replays its steps so far on a new case. */
class Track {
  n = '';
  private readonly done: Step[] = [];
  constructor(private readonly input: ReportInput) {}
  async start(): Promise<this> {
    this.n = await report(this.input);
    for (const s of this.done) await perform(this.n, s);
    return this;
  }
  async step(user: string, action: string, fields: Fields = {}): Promise<void> {
    const s = { user, action, fields };
    await perform(this.n, s);
    this.done.push(s);
  }
}

const unit = (code: string): string => b.unit(code);
const id = (username: string): string => b.user(username);
const classified = { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false } as const;
const reply = { outcome: 'replied', method: 'phone', answeredBy: '李交办', answeredAt: '2026-03-02T09:40:00+08:00', text: '经核查，已责令整改并向您致歉。' };

async function acceptAndAssign(tr: Track, unitCode: string, input: object = classified): Promise<void> {
  await tr.step('intake', 'accept', { ...input, mode: 'assign', proposal: '拟交办', proposedUnitId: unit(unitCode) });
  await tr.step('duty_leader', 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: unit(unitCode) });
}

/** fj1 signs for and passes the case down to pcs1a, where it waits to be signed for. */
async function downToPcs1a(tr: Track, input: object = classified): Promise<void> {
  await acceptAndAssign(tr, 'fj1', input);
  await tr.step('fj1_liaison', 'sign_for');
  await tr.step('fj1_liaison', 'redispatch', { unitId: unit('pcs1a'), brief: '请城关派出所核实' });
}

/** Short recipes for the rows whose request succeeds (and so changes the case): a new case each time. */
const FRESH: Readonly<Record<string, () => Promise<string>>> = {
  'assigned@fj1': async () => {
    const tr = await new Track(complaint).start();
    await acceptAndAssign(tr, 'fj1');
    return tr.n;
  },
  replied: async () => {
    const tr = await new Track(complaint).start();
    await tr.step('intake', 'accept', { ...classified, mode: 'direct', proposal: '中心直接答复' });
    await tr.step('intake', 'reply', reply);
    return tr.n;
  },
  'in_progress@pcs1a+suspended': async () => {
    const tr = await new Track(complaint).start();
    await acceptAndAssign(tr, 'pcs1a');
    await tr.step('liaison', 'sign_for');
    await tr.step('unit_head', 'request_suspension', { reason: '等待技术鉴定结果', expectedEnd: '2026-03-16' });
    await tr.step('supervision_head', 'decide_suspension', { decision: 'approve' });
    return tr.n;
  },
  not_accepted: async () => {
    const tr = await new Track(complaint).start();
    await tr.step('intake', 'not_accept', { reason: 'out_of_scope', explanation: '不属于公安机关职责', whereToGo: '请向市场监管部门反映' });
    return tr.n;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Replaying rows

interface Mismatch {
  readonly row: PermissionRow;
  readonly check: string;
  readonly expected: string;
  readonly got: string;
  readonly info: string;
}
const mismatches: Mismatch[] = [];
/** Rows whose known_bug marking held (the application still answers otherwise). */
const confirmedBugs = new Set<PermissionRow>();
let requests = 0;

function userOf(row: PermissionRow): string {
  const u = USER_OF_ROLE[row.role];
  if (u === undefined) throw new Error(`permissions.csv:${String(row.line)}: no account for role ${row.role}`);
  return u;
}

function problemCode(res: LightMyRequestResponse): string {
  try {
    const body = res.json<{ code?: unknown }>();
    return typeof body.code === 'string' ? body.code : '';
  } catch {
    return '';
  }
}

function differ(row: PermissionRow, check: string, expected: string, got: string, info = ''): void {
  mismatches.push({ row, check, expected, got, info });
}

/** What one request answers: status, and the raw body for the byte comparison. */
interface Answer {
  readonly got: string;
  readonly body: string;
  readonly code: string;
}

async function send(row: PermissionRow, n: string, opts: { ifMatch?: string }): Promise<Answer> {
  requests++;
  const user = userOf(row);
  const browser = await b.as(user);
  const h: Record<string, string> = opts.ifMatch === undefined ? BACKGROUND : { ...BACKGROUND, 'if-match': opts.ifMatch };
  if (isRead(row.action)) {
    const res = await browser.send('GET', `/api/v1/cases/${n}${READ_PATHS[row.action] ?? ''}`, undefined, BACKGROUND);
    return { got: String(res.statusCode), body: res.body, code: problemCode(res) };
  }
  if (row.action === 'dial') {
    const res = await browser.send('POST', `/api/v1/cases/${n}/dial`, {}, BACKGROUND);
    return { got: String(res.statusCode), body: res.body, code: problemCode(res) };
  }
  if (row.action === 'register') {
    const res = await browser.send('POST', '/api/v1/cases', {}, BACKGROUND);
    return { got: String(res.statusCode), body: res.body, code: problemCode(res) };
  }
  if (row.action.startsWith(BATCH_PREFIX)) {
    const version = n === NONEXISTENT ? 1 : await versionOf(n);
    const res = await browser.send('POST', `/api/v1/cases/batch/${row.action.slice(BATCH_PREFIX.length)}`, { items: [{ caseNumber: n, version }], fields: {} }, BACKGROUND);
    if (res.statusCode !== 200) return { got: `batch ${String(res.statusCode)}`, body: res.body, code: problemCode(res) };
    const item = res.json<{ results: { caseNumber: string; status: number; code: string | null }[] }>().results[0];
    // The item names the case it answers for; everything else must match a nonexistent case.
    const { caseNumber: _, ...rest } = item ?? { caseNumber: '' };
    return { got: String(item?.status ?? 'none'), body: JSON.stringify(rest), code: item?.code ?? '' };
  }
  const res = await browser.send('POST', `/api/v1/cases/${n}/actions/${row.action}`, {}, h);
  return { got: String(res.statusCode), body: res.body, code: problemCode(res) };
}

/** An attachment id no case has: every reader, in scope or not, gets the 404 of a nonexistent case. */
const ABSENT_ATTACHMENT = '5d1c0a3e-7f4b-4c2a-9e6d-0b8a1f2c3d4e';
/** Reads of one case: they change nothing, so every row of a case runs against the shared one. */
const READ_PATHS: Readonly<Record<string, string>> = { detail: '', assignable_units: '/assignable-units', documents: '/documents', print: '/documents/registration', attachment: `/attachments/${ABSENT_ATTACHMENT}` };
function isRead(action: string): boolean {
  return Object.hasOwn(READ_PATHS, action);
}

/** The kinds of request a row makes; a nonexistent case answers the same whatever the action (checked). */
function routeKind(action: string): string {
  if (action.startsWith(BATCH_PREFIX)) return 'batch';
  return isRead(action) || ['register', 'list', 'dial'].includes(action) ? action : 'action';
}

/** The answer for a case number that does not exist, per user and kind of request. */
const nonexistent = new Map<string, Promise<Answer>>();
function nonexistentAnswer(row: PermissionRow): Promise<Answer> {
  const key = `${userOf(row)} ${routeKind(row.action)}`;
  let known = nonexistent.get(key);
  if (known === undefined) {
    known = send(row, NONEXISTENT, {});
    nonexistent.set(key, known);
  }
  return known;
}

/** Each user's whole queue, read once per case group (other lanes move their cases meanwhile). */
const queues = new Map<string, Promise<Set<string> | string>>();
function queueOf(user: string, group: string): Promise<Set<string> | string> {
  let q = queues.get(`${user} ${group}`);
  if (q === undefined) {
    q = (async () => {
      const listed = new Set<string>();
      let cursor: string | null = null;
      do {
        requests++;
        const res = await (await b.as(user)).send('GET', `/api/v1/cases?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`, undefined, BACKGROUND);
        if (res.statusCode !== 200) return String(res.statusCode);
        const page = res.json<{ items: { caseNumber: string }[]; nextCursor: string | null }>();
        for (const i of page.items) listed.add(i.caseNumber);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return listed;
    })();
    queues.set(`${user} ${group}`, q);
  }
  return q;
}

/**
 * Replays one row against case n; true when the request changed the case (a success on a shared case).
 * Order of DESIGN §10: 404 and 403 outrank If-Match, so those rows go without it.
 */
async function replay(row: PermissionRow, n: string): Promise<boolean> {
  if (row.action === 'list') {
    const q = await queueOf(userOf(row), keyOf(row));
    const got = typeof q === 'string' ? q : q.has(n) ? 'listed' : 'hidden';
    if (got !== row.expected) differ(row, 'status', row.expected, got);
    return false;
  }
  const isAction = !isRead(row.action) && row.action !== 'register' && !row.action.startsWith(BATCH_PREFIX);
  if (row.expected === '404' || row.expected === '403') {
    const a = await send(row, n, {});
    if (a.got !== row.expected) {
      // Say what the same request answers with a valid If-Match, to tell precedence from permission.
      const again = isAction && row.expected === '403' && !a.got.startsWith('2') ? await send(row, n, { ifMatch: `"${String(await versionOf(n))}"` }) : null;
      differ(row, isAction ? 'status, no If-Match' : 'status', row.expected, a.got, `${a.code}${again === null ? '' : ` (with If-Match: ${again.got})`}`);
      return a.got.startsWith('2') || (again?.got.startsWith('2') ?? false);
    }
    if (row.expected === '404') {
      const ref = await nonexistentAnswer(row);
      if (ref.got !== '404' || ref.body !== a.body) differ(row, 'body = nonexistent case', ref.body, a.body);
    }
    return false;
  }
  if (isAction) {
    const version = await versionOf(n);
    for (const [check, ifMatch, want] of [
      ['no If-Match', undefined, '428'],
      ['stale If-Match', `"${String(version + 1000)}"`, '412'],
    ] as const) {
      const v = await send(row, n, ifMatch === undefined ? {} : { ifMatch });
      if (v.got !== want) differ(row, check, want, v.got, v.code);
      if (v.got.startsWith('2')) return true;
    }
  }
  const a = await send(row, n, isAction ? { ifMatch: `"${String(await versionOf(n))}"` } : {});
  if (a.got !== row.expected) differ(row, 'status', row.expected, a.got, a.code);
  if (row.action === 'detail' && a.got === '200') checkOffers(row, n, a.body);
  return a.got.startsWith('2') && !isRead(row.action);
}

/**
 * DESIGN §10: a detail's `actions` are exactly what this user may do now. Against the user's other rows on the
 * same case: those the fixture allows (200/422) must be offered, those it refuses (403) must not be.
 */
function checkOffers(detailRow: PermissionRow, n: string, body: string): void {
  const offered = new Set(JSON.parse(body).actions.map((x: { code: string }) => x.code) as string[]);
  for (const r of rows) {
    if (r.role !== detailRow.role || r.situation !== 'in_scope' || keyOf(r) !== keyOf(detailRow) || !(STAFF_ACTIONS as readonly string[]).includes(r.action)) continue;
    const allowed = r.expected === '200' || r.expected === '422';
    if (allowed !== offered.has(r.action)) differ(r, `offered in actions of ${n}`, allowed ? 'offered' : 'absent', offered.has(r.action) ? 'offered' : 'absent');
  }
}

/** Which case a row runs against: the hidden situations have their own cases; admins use the state's case. */
function keyOf(row: PermissionRow): string {
  if ((HIDDEN_SITUATIONS as readonly string[]).includes(row.situation)) return `situation:${row.situation}`;
  return row.state;
}

const byKey = new Map<string, PermissionRow[]>();
for (const row of rows) {
  const k = keyOf(row);
  byKey.set(k, [...(byKey.get(k) ?? []), row]);
}
const replayedKeys = new Set<string>();

/** Replays every row of one case: the refusals on the shared case, then each success on a fresh case. */
async function replayAt(key: string, shared: { n: string; rebuild?: () => Promise<void> }): Promise<void> {
  const t0 = Date.now();
  try {
    await replayGroup(key, shared);
  } finally {
    timings.push(`${key}: ${String(Date.now() - t0)} ms`);
  }
}
const timings: string[] = [];

async function replayGroup(key: string, shared: { n: string; rebuild?: () => Promise<void> }): Promise<void> {
  const group = byKey.get(key);
  if (group === undefined) throw new Error(`no fixture rows for ${key}`);
  replayedKeys.add(key);
  for (const row of group.filter((r) => r.expected !== '200' || isRead(r.action))) {
    // A situation case that a hidden user managed to change stays as it is: the row is already a mismatch.
    if ((await replay(row, shared.n)) && shared.rebuild !== undefined) await shared.rebuild();
  }
  for (const row of group.filter((r) => r.expected === '200' && !isRead(r.action))) {
    const recipe = FRESH[key];
    if (recipe === undefined) throw new Error(`permissions.csv:${String(row.line)}: no fresh-case recipe for ${key}`);
    await replay(row, await recipe());
  }
}

/** Replays at a track's current case, rebuilding it if a row changed it. */
async function replayTrack(key: string, tr: Track): Promise<void> {
  await replayAt(key, {
    get n() {
      return tr.n;
    },
    rebuild: async () => {
      await tr.start();
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The cases

/** The main chain: one complaint, stopping at each state of the fixture. */
async function mainChain(): Promise<void> {
  const tr = await new Track(complaint).start();
  await replayTrack('registered', tr);
  await tr.step('intake', 'accept', { ...classified, mode: 'assign', proposal: '拟交办，单位待定' });
  await replayTrack('awaiting_instruction', tr);
  await tr.step('duty_leader', 'instruct', { decision: 'approve', text: '同意，请交办员选定单位', mode: 'assign' });
  await replayTrack('ready_to_assign', tr);
  await tr.step('assigner', 'assign', { leadUnitId: unit('fj1'), unitDeadline: '2026-03-20', brief: '请东城分局核查' });
  await replayTrack('assigned@fj1', tr);
  await tr.step('fj1_liaison', 'sign_for');
  await replayTrack('in_progress@fj1', tr);
  await tr.step('fj1_liaison', 'redispatch', { unitId: unit('pcs1a'), brief: '请城关派出所核实' });
  await tr.step('liaison', 'sign_for');
  await tr.step('unit_head', 'assign_handler', { handlerUserId: id('handler') });
  await replayTrack('in_progress@pcs1a', tr);
  await tr.step('liaison', 'request_return', { reason: '不属于本所辖区' });
  await replayTrack('in_progress@pcs1a+return_requested', tr);
  await tr.step('assigner', 'decide_return', { decision: 'reject', note: '请继续办理' });
  await tr.step('unit_head', 'request_extension', { days: 10, reason: '需调取窗口监控', reasonForReporter: '需要调取相关记录核实' });
  await replayTrack('in_progress@pcs1a+extension_requested', tr);
  await tr.step('supervision_head', 'decide_extension', { decision: 'reject', note: '时限内可以办结' });
  await tr.step('unit_head', 'request_suspension', { reason: '等待技术鉴定结果', expectedEnd: '2026-03-16' });
  await replayTrack('in_progress@pcs1a+suspension_requested', tr);
  await tr.step('supervision_head', 'decide_suspension', { decision: 'approve' });
  await replayTrack('in_progress@pcs1a+suspended', tr);
  await tr.step('unit_head', 'resume');
  await tr.step('handler', 'submit_result', { finding: 'partly_substantiated', measures: '规范一次性告知', draftReply: '经核查，窗口存在告知不清问题，已整改。' });
  await replayTrack('under_review@pcs1a', tr);
  await tr.step('unit_head', 'review', { decision: 'approve' });
  await tr.step('fj1_head', 'review', { decision: 'approve' });
  await replayTrack('under_review@centre', tr);
  await tr.step('assigner', 'review', { decision: 'approve' });
  await replayTrack('under_review@approved', tr);
  await tr.step('assigner', 'reply', reply);
  await replayTrack('replied', tr);
  await tr.step('assigner', 'close');
  await replayTrack('closed+follow_up_due', tr);
  await tr.step('followup', 'record_follow_up', { outcome: 'dissatisfied', reasons: ['result'], channel: 'phone' });
  await replayTrack('closed+dissatisfied', tr);
}

/** An accusation: not accepted pending the supervision head, then declined, handled directly and replied. */
async function accusationCase(): Promise<void> {
  const tr = await new Track(accusation).start();
  await tr.step('intake', 'not_accept', { reason: 'unclear', explanation: '内容不清，无法核查', whereToGo: '可补充具体时间地点后再次反映' });
  await replayTrack('registered+accusation+not_accept_requested', tr);
  await tr.step('supervision_head', 'decline', async (n: string) => ({ decisionId: await openDecisionId(n), reason: '线索具体，应予受理' }));
  await tr.step('intake', 'accept', {
    type: 'accusation', scope: 'misconduct', urgency: 'normal', businessRelated: false, mode: 'direct', proposal: '中心直接核查',
    subjects: [{ name: '朱承办', userId: id('handler2') }],
  });
  await tr.step('intake', 'reply', reply);
  await replayTrack('replied+accusation', tr);
}

async function sideCases(): Promise<void> {
  const direct = await new Track(complaint).start();
  await direct.step('intake', 'accept', { ...classified, mode: 'direct', proposal: '中心直接答复' });
  await replayTrack('direct_handling', direct);
  const refused = await new Track(complaint).start();
  await refused.step('intake', 'not_accept', { reason: 'out_of_scope', explanation: '不属于公安机关职责', whereToGo: '请向市场监管部门反映' });
  await replayTrack('not_accepted', refused);
}

/** Whether the case exists for the user: any answer but 404 to a request every case role may make. */
async function exists(user: string, n: string): Promise<boolean> {
  requests++;
  return (await post(user, `/api/v1/cases/${n}/actions/add_note`, {})).statusCode !== 404;
}

async function expectVisible(users: readonly string[], n: string, what: string): Promise<void> {
  const seen = await Promise.all(users.map(async (u) => [u, await exists(u, n)] as const));
  const missing = seen.filter(([, ok]) => !ok).map(([u]) => u);
  if (missing.length > 0) throw new Error(`setup: ${what} ${n} should exist for ${missing.join(', ')}`);
}

const roleAccounts = CASE_ROLES.map((r) => USER_OF_ROLE[r] ?? r);

/** Out of scope: a case held by 城南派出所 (pcs2a); nobody of pcs1a or 东城分局 holds a grant. */
async function outOfScope(): Promise<void> {
  const tr = await new Track(complaint).start();
  await acceptAndAssign(tr, 'pcs2a');
  await expectVisible(['handler2'], tr.n, 'the out-of-scope case (control: its own unit)');
  await replayTrack('assigned@pcs2a', tr);
}

// Subject, recused, sealed: each case is first shown to exist for every role account, then hidden from them.

async function subjectSituation(): Promise<void> {
  // Praise is not an accusation (DESIGN §2), so linking the whole staff as its subjects is only recusal, no firewall.
  const subject = await new Track(praise).start();
  await downToPcs1a(subject, { ...classified, type: 'praise', scope: 'praise' });
  await expectVisible(roleAccounts, subject.n, 'the subject case before linking');
  const subjects = roleAccounts.map((u) =>
    // Subjects are linked to users by their police number (DESIGN §1): one account is recorded by it alone.
    u === 'followup' ? { name: '吴回访', policeNumber: '900106' } : { name: u, userId: id(u) },
  );
  await subject.step('assigner', 'reclassify', { reason: '补充关联被表扬民警', subjects });
  await expectVisible(['liaison', 'fj1_head'], subject.n, 'the subject case (control: accounts not linked)');
  await replayAt('situation:subject', { n: subject.n });
}

async function recusedSituation(): Promise<void> {
  const recused = await new Track(complaint).start();
  await downToPcs1a(recused);
  await expectVisible(roleAccounts, recused.n, 'the recusal case before the declarations');
  for (const u of roleAccounts) await recused.step(u, 'declare_conflict', { reason: '与反映人系亲属关系' });
  await expectVisible(['liaison', 'fj1_head'], recused.n, 'the recusal case (control: accounts that did not declare)');
  await replayAt('situation:recused', { n: recused.n });
}

async function sealedSituation(): Promise<void> {
  // Sealed while still with the centre: a case a unit holds cannot be sealed under it (no recall exists yet),
  // so unit accounts meet this one as out of their scope as well as sealed.
  const sealed = await new Track(complaint).start();
  const centreAccounts = roleAccounts.filter((_u, i) => !['liaison', 'handler', 'unit_head'].includes(CASE_ROLES[i] ?? ''));
  await expectVisible(centreAccounts, sealed.n, 'the sealed case before sealing');
  // An accusation against an officer of the city 督察支队 itself must be sealed (DESIGN §3.4).
  await sealed.step('intake', 'reclassify', {
    type: 'accusation', scope: 'misconduct', reason: '经甄别，属举报督察支队民警', subjects: [{ name: '施督察', userId: id('dcd_handler') }],
  });
  const row = await t.deps.pool.query<{ sealed: boolean }>('SELECT sealed FROM cases WHERE case_number = $1', [sealed.n]);
  if (row.rows[0]?.sealed !== true) throw new Error(`setup: ${sealed.n} is not sealed`);
  await expectVisible([SEALED_READER], sealed.n, 'the sealed case (control: a member of the sealed group)');
  await replayAt('situation:sealed', { n: sealed.n });
}

async function registerRows(): Promise<void> {
  await replayAt('-', { n: '' });
}

function table(list: readonly Mismatch[]): string {
  const cols: [string, number][] = [['line', 5], ['role/account', 34], ['action', 25], ['situation', 13], ['state', 43], ['check', 22], ['expected → got', 14], ['known_bug', 10], ['info', 0]];
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(cols[i]?.[1] ?? 0)).join(' ').trimEnd();
  const sorted = [...list].sort((x, y) => x.row.line - y.row.line);
  return [
    line(cols.map(([h]) => h)),
    ...sorted.map((m) =>
      line([String(m.row.line), `${m.row.role}/${userOf(m.row)}`, m.row.action, m.row.situation, m.row.state, m.check, `${m.expected.slice(0, 60)} → ${m.got.slice(0, 60)}`, m.row.knownBug || '-', m.info.slice(0, 120)]),
    ),
  ].join('\n');
}

let runtimeMs = 0;

beforeAll(async () => {
  const started = Date.now();
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  const { userId } = await addUser(
    t.deps,
    { username: SEALED_READER, displayName: '钱督察', unitCode: 'dcd', roles: ['supervision_head'], password: DEMO_PASSWORD, policeNumber: '900199', rank: 'inspector', mustChangePassword: false, totpRequired: false },
    'test',
  );
  await t.deps.pool.query('INSERT INTO sealed_group_members (user_id, added_by, added_at) VALUES ($1, $2, $3)', [userId, id('secadmin'), t.clock.now()]);
  b.userIds.set(SEALED_READER, userId);
  const accounts = [...new Set([...Object.values(USER_OF_ROLE), 'liaison', 'fj1_head', 'handler2', SEALED_READER])];
  await Promise.all(accounts.map((u) => b.as(u)));
  // Two lanes on different cases: the main chain, and everything else (row locks never meet).
  const timed = async (name: string, f: () => Promise<void>): Promise<void> => {
    const t0 = Date.now();
    await f();
    timings.push(`lane part ${name}: ${String(Date.now() - t0)} ms`);
  };
  // Lanes on different cases run side by side (their row locks never meet): the main chain, each hidden
  // situation, and the small cases.
  await Promise.all([
    timed('main chain', mainChain),
    timed('subject', subjectSituation),
    timed('recused', recusedSituation),
    timed('sealed', sealedSituation),
    (async () => {
      await timed('out of scope', outOfScope);
      await timed('accusation', accusationCase);
      await timed('side', sideCases);
      await timed('register', registerRows);
    })(),
  ]);
  runtimeMs = Date.now() - started;
  // Where the time goes, per case group and lane, when asked for.
  if (process.env.ZT_PERMISSION_TIMINGS === '1') console.log(timings.join('\n'));
}, 300_000);
afterAll(async () => t.close());

describe('the permission fixture (test/fixtures/permissions.csv)', () => {
  it('is replayed completely: every row ran against a case of its state', () => {
    expect([...byKey.keys()].filter((k) => !replayedKeys.has(k))).toEqual([]);
    console.log(`permissions: ${String(rows.length)} rows, ${String(requests)} requests, ${String(Math.round(runtimeMs / 1000))} s including setup`);
  });

  it('answers every row as the fixture says, or as its known_bug marking says', () => {
    const unexpected = mismatches.filter((m) => m.row.knownBug === '');
    for (const m of mismatches) if (m.row.knownBug !== '') confirmedBugs.add(m.row);
    if (mismatches.length > 0) console.log(`permission mismatches (${String(mismatches.length)}):\n${table(mismatches)}`);
    expect(unexpected.map((m) => `${String(m.row.line)} ${m.row.role} ${m.row.action} ${m.row.situation}: ${m.check} ${m.expected} → ${m.got}`)).toEqual([]);
  });

  it('has no stale known_bug marking: a marked row that now passes must be unmarked', () => {
    const stale = rows.filter((r) => r.knownBug !== '' && !confirmedBugs.has(r) && !mismatches.some((m) => m.row === r));
    expect(stale.map((r) => `${String(r.line)} ${r.role} ${r.action} ${r.situation} (${r.knownBug})`)).toEqual([]);
  });

  it('answers a nonexistent case with the same bytes whatever the action (so one reference per route suffices)', async () => {
    const differing: string[] = [];
    for (const user of ['assigner', 'handler', 'auditor']) {
      const browser = await b.as(user);
      const bodies = new Map<string, string[]>();
      for (const a of STAFF_ACTIONS) {
        const res = await browser.send('POST', `/api/v1/cases/${NONEXISTENT}/actions/${a}`, {});
        bodies.set(`${String(res.statusCode)} ${res.body}`, [...(bodies.get(`${String(res.statusCode)} ${res.body}`) ?? []), a]);
      }
      for (const a of ['instruct', 'sign_for', 'chase', 'assign']) {
        const res = await browser.send('POST', `/api/v1/cases/batch/${a}`, { items: [{ caseNumber: NONEXISTENT, version: 1 }], fields: {} });
        bodies.set(`batch ${res.body}`, [...(bodies.get(`batch ${res.body}`) ?? []), a]);
      }
      if (bodies.size !== 2) differing.push(`${user}: ${[...bodies.entries()].map(([body, actions]) => `${actions.join('/')} → ${body}`).join(' | ')}`);
    }
    expect(differing).toEqual([]);
  });

  it('has a fixture row for every batch form the server takes', async () => {
    // A batch form without rows would be an untested route: every other action code must not be a batch route.
    const batch = new Set(rows.filter((r) => r.action.startsWith(BATCH_PREFIX)).map((r) => r.action.slice(BATCH_PREFIX.length)));
    const browser = await b.as('assigner');
    const unexpected: string[] = [];
    for (const a of STAFF_ACTIONS.filter((x) => !batch.has(x))) {
      const res = await browser.send('POST', `/api/v1/cases/batch/${a}`, { items: [{ caseNumber: NONEXISTENT, version: 1 }] });
      if (res.statusCode !== 404) unexpected.push(`${a}: ${String(res.statusCode)}`);
    }
    expect(unexpected).toEqual([]);
  });
});
