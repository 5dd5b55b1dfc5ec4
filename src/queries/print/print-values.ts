// The values a printed document may show for one reader of one case: the same parts as the case detail, with
// the same redaction — the reporter as DESIGN §7.2 lets this user see them, the proposal for the centre only.
import type pg from 'pg';
import type { StaffActor } from '../../commands/case-actions/scope.js';
import type { Deps } from '../../commands/deps.js';
import { isCentreRole } from '../../domain/actions.js';
import { CHANNEL_LABELS, type Channel } from '../../domain/channels.js';
import { POLICE_BRANCHES } from '../../domain/data/police-branches.js';
import { PROBLEM_TYPES } from '../../domain/data/problem-types.js';
import { CASE_SCOPES } from '../../domain/data/taxonomy.js';
import { FINDING_LABELS, NOT_ACCEPT_REASON_LABELS, REPLY_METHOD_LABELS, URGENCY_LABELS } from '../../domain/forms/codes.js';
import { WITHHELD, type Placeholder, type PrintableFacts } from '../../domain/print/documents.js';
import { reporterAccessFor, type ReporterAccess } from '../../domain/reporter-visibility.js';
import type { LevelRecord } from '../../store/case-record.js';
import { reporterOf, subjectsOf, timelineOf, userNames, type TimelineRow } from '../cases/case-parts.js';
import { repliesOf } from '../cases/case-outcomes.js';
import type { ReadableCase } from '../cases/readable.js';

export type PrintValues = Partial<Record<Placeholder, string>>;

export interface GatheredValues {
  readonly values: PrintValues;
  readonly facts: PrintableFacts;
  /** the dispatch level a 交办单 prints (the latest of the current cycle), or null */
  readonly level: LevelRecord | null;
  readonly reporterAccess: ReporterAccess;
}

const STAFF_TYPE_NAMES: Readonly<Record<string, string>> = { accusation: '举报', complaint: '投诉', suggestion: '建议', praise: '表扬', consultation: '咨询', other: '其他' };

function labelIn(labels: Readonly<Record<string, { zh: string }>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return labels[code]?.zh ?? code;
}

const byCode = (entries: readonly { code: string; name: { zh: string } }[]): Record<string, { zh: string }> => Object.fromEntries(entries.map((e) => [e.code, e.name]));
const SCOPES = byCode(CASE_SCOPES);
const BRANCHES = byCode(POLICE_BRANCHES);
const PROBLEMS = byCode(PROBLEM_TYPES.flatMap((p) => [p, ...(p.children ?? [])]));

function parts(at: Date | string, timezone: string): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return Object.fromEntries(f.formatToParts(typeof at === 'string' ? new Date(at) : at).map((p) => [p.type, p.value]));
}

/** 2026年3月2日 (a YYYY-MM-DD date, or an instant in the bureau's zone) */
export function zhDate(at: Date | string | null | undefined, timezone: string): string {
  if (at === null || at === undefined) return '';
  const m = typeof at === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/u.exec(at) : null;
  if (m !== null) return `${m[1] ?? ''}年${String(Number(m[2]))}月${String(Number(m[3]))}日`;
  const p = parts(at, timezone);
  return `${p.year ?? ''}年${String(Number(p.month))}月${String(Number(p.day))}日`;
}

/** 2026年3月2日 09:55 */
export function zhDateTime(at: Date | string | null | undefined, timezone: string): string {
  if (at === null || at === undefined) return '';
  const p = parts(at, timezone);
  return `${zhDate(at, timezone)} ${p.hour ?? ''}:${p.minute ?? ''}`;
}

const last = (timeline: readonly TimelineRow[], events: readonly string[]): TimelineRow | undefined => timeline.filter((t) => events.includes(t.event)).at(-1);

interface ExtensionRequest {
  readonly days: string;
  readonly reason: string;
  readonly reasonForReporter: string;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly settlement: string | null;
  readonly settledBy: string | null;
  readonly settledAt: Date | null;
}

/** The latest extension request of the case, settled or not; its form travels encrypted. */
async function extensionRequestOf(deps: Deps, db: pg.ClientBase, caseId: string): Promise<ExtensionRequest | null> {
  const r = await db.query<{ id: string; payload_enc: Buffer; requested_by: string; requested_at: Date; settlement: string | null; settled_by: string | null; settled_at: Date | null }>(
    "SELECT id, payload_enc, requested_by, requested_at, settlement, settled_by, settled_at FROM pending_decisions WHERE case_id = $1 AND kind = 'extension' ORDER BY requested_at DESC, id DESC LIMIT 1",
    [caseId],
  );
  const row = r.rows[0];
  if (row === undefined) return null;
  const held = deps.cipher.decryptJson<{ input?: Record<string, unknown> }>({ table: 'pending_decisions', column: 'payload_enc', rowId: row.id }, row.payload_enc);
  const input = held.input ?? {};
  const names = await userNames(db, [row.requested_by, row.settled_by]);
  const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return {
    days: text(input.days),
    reason: text(input.reason),
    reasonForReporter: text(input.reasonForReporter),
    requestedBy: names.get(row.requested_by) ?? '',
    requestedAt: row.requested_at,
    settlement: row.settlement,
    settledBy: row.settled_by === null ? null : (names.get(row.settled_by) ?? null),
    settledAt: row.settled_at,
  };
}

const SETTLEMENTS: Readonly<Record<string, string>> = { confirmed: '同意延期', declined: '不同意延期', lapsed: '申请已失效' };

/** Everything a template may show of this case to this reader; kinds take what they need. */
export async function gatherPrintValues(deps: Deps, tx: pg.ClientBase, readable: ReadableCase, actor: StaffActor): Promise<GatheredValues> {
  const { record, view, org } = readable;
  const row = record.row;
  const tz = deps.timezone;
  const ref = (column: string) => ({ table: 'cases', column, rowId: row.id });
  const timeline = await timelineOf(deps, tx, org, row.id);
  const access = reporterAccessFor(actor, view);
  const reporter = access === 'none' ? null : await reporterOf(deps, tx, row.id, access);
  const subjects = await subjectsOf(deps, tx, org, row.id);
  const replies = await repliesOf(deps, tx, row.id);
  const extension = await extensionRequestOf(deps, tx, row.id);
  const centre = actor.roles.some(isCentreRole);
  const details = deps.cipher.decryptJson<{ occurredAt: string | null; location: string | null }>(ref('details_enc'), row.detailsEnc);
  const proposal = row.proposalEnc === null ? null : deps.cipher.decryptJson<{ text?: string }>(ref('proposal_enc'), row.proposalEnc);
  const levels = record.levels.filter((l) => l.cycle === row.cycle);
  const level = levels.at(-1) ?? null;
  const unitName = (id: string | null | undefined): string => (id === null || id === undefined ? '' : (org.units.get(id)?.name ?? ''));
  const root = org.units.get(org.tree.rootId)?.name ?? '';
  const accepted = last(timeline, ['accept']);
  const instruction = last(timeline, ['instruct', 'record_instruction']);
  const chase = last(timeline, ['chase']);
  const supervise = last(timeline, ['supervise']);
  const extended = last(timeline, ['extended']);
  const notAccepted = replies.filter((r) => r.outcome === 'not_accepted').at(-1);
  const reply = replies.filter((r) => r.outcome === 'replied').at(-1);
  const registered = last(timeline, ['register', 'submit']);
  const levelAbove = level === null ? null : levels.find((l) => l.depth === level.depth - 1);
  const signedFor = level?.signedForAt === null || level === null ? null : last(timeline, ['sign_for']);
  // The reporter's fields as this reader may see them: withheld, never blank, so a form shows it was redacted.
  const rep = (v: string | null | undefined, shown: boolean): string => (row.anonymity === 'anonymous' ? '匿名' : shown ? (v ?? '') : WITHHELD);
  const values: PrintValues = {
    bureauName: root,
    caseNumber: row.caseNumber,
    channel: CHANNEL_LABELS[row.channel as Channel].zh,
    type: STAFF_TYPE_NAMES[row.type] ?? row.type,
    scope: labelIn(SCOPES, row.scope),
    problemType: labelIn(PROBLEMS, row.problemType),
    policeBranch: labelIn(BRANCHES, row.policeBranch),
    urgency: labelIn(URGENCY_LABELS, row.urgency),
    receivedAt: zhDateTime(row.receivedAt, tz),
    receivedDate: zhDate(row.receivedAt, tz),
    registeredAt: zhDateTime(row.createdAt, tz),
    registeredBy: registered?.actor ?? '',
    acceptedDate: zhDate(row.acceptedAt, tz),
    title: deps.cipher.decryptText(ref('title_enc'), row.titleEnc),
    content: deps.cipher.decryptText(ref('content_enc'), row.contentEnc),
    occurredAt: details.occurredAt === null ? '' : zhDateTime(details.occurredAt, tz),
    location: details.location ?? '',
    subjects: subjects.map((s) => [s.name, s.policeNumber === null ? null : `警号${s.policeNumber}`, s.linkedUnit?.name ?? s.unitText, s.position].filter((x) => x !== null && x !== '').join('，')).join('；'),
    anonymity: row.anonymity === 'anonymous' ? '匿名' : '实名',
    reporterName: rep(reporter?.name, reporter !== null),
    reporterPhone: rep(reporter?.phone, reporter?.phone !== null && reporter !== null),
    reporterAddress: rep(reporter?.address, reporter?.address !== null && reporter !== null),
    reporterWorkplace: rep(reporter?.workplace, reporter?.workplace !== null && reporter !== null),
    proposal: centre ? (proposal?.text ?? accepted?.opinion ?? '') : WITHHELD,
    proposedBy: accepted?.actor ?? '',
    instruction: instruction?.opinion ?? '',
    instructedBy: instruction?.actor ?? '',
    instructedAt: zhDateTime(instruction?.at, tz),
    leadUnit: unitName(level?.unitId),
    coUnits: level === null || level.coUnitIds.length === 0 ? '无' : level.coUnitIds.map(unitName).join('、'),
    currentUnit: unitName(row.currentUnitId ?? level?.unitId),
    // The centre dispatches the first level in the platform's name; a 下转 comes from the unit above.
    issuer: levelAbove === null || levelAbove === undefined ? `${root}12389监督平台` : unitName(levelAbove.unitId),
    brief: (level === null ? null : await briefOf(deps, tx, level.id)) ?? instruction?.opinion ?? '',
    assignedAt: zhDateTime(level?.assignedAt, tz),
    assignedDate: zhDate(level?.assignedAt, tz),
    unitDue: zhDate(level?.unitDue ?? row.unitDue, tz),
    publicDue: zhDate(row.publicDue, tz),
    signedForBy: signedFor?.actor ?? '',
    signedForAt: zhDateTime(level?.signedForAt, tz),
    chaseOpinion: chase?.opinion ?? '',
    chasedBy: chase?.actor ?? '',
    chasedAt: zhDateTime(chase?.at, tz),
    superviseOpinion: supervise?.opinion ?? '',
    supervisedBy: supervise?.actor ?? '',
    supervisorUnit: supervise?.unit?.name ?? root,
    supervisedDate: zhDate(supervise?.at, tz),
    extensionDays: extension?.days ?? '',
    extensionReason: extension?.reason ?? '',
    extensionReasonForReporter: extension?.reasonForReporter ?? '',
    extensionRequestedBy: extension?.requestedBy ?? '',
    extensionRequestedAt: zhDateTime(extension?.requestedAt, tz),
    extensionDecision: extension?.settlement === null || extension === null ? '' : (SETTLEMENTS[extension.settlement] ?? ''),
    extensionDecidedBy: extension?.settledBy ?? '',
    extensionDecidedAt: zhDateTime(extension?.settledAt, tz),
    extendedDate: zhDate(extended?.at, tz),
    notAcceptReason: notAccepted === undefined ? '' : [labelIn(NOT_ACCEPT_REASON_LABELS, notAccepted.body.reason), notAccepted.body.explanation].filter((x) => x !== '' && x !== null && x !== undefined).join('。'),
    whereToGo: notAccepted?.body.whereToGo ?? '',
    notAcceptedDate: zhDate(notAccepted?.answeredAt, tz),
    finding: '',
    replyText: reply?.body.text ?? '',
    replyMethod: labelIn(REPLY_METHOD_LABELS, reply?.method),
    repliedDate: zhDate(reply?.answeredAt, tz),
    today: zhDate(deps.clock.now(), tz),
    printedBy: actor.displayName,
  };
  const finding = await tx.query<{ finding: string }>('SELECT finding FROM case_results WHERE case_id = $1 ORDER BY submitted_at DESC LIMIT 1', [row.id]);
  values.finding = labelIn(FINDING_LABELS, finding.rows[0]?.finding);
  const facts: PrintableFacts = {
    accepted: row.acceptedAt !== null,
    hasProposal: row.proposalEnc !== null || accepted !== undefined,
    hasDispatch: level !== null,
    chased: chase !== undefined,
    supervised: supervise !== undefined,
    hasExtensionRequest: extension !== null,
    extended: extended !== undefined,
    notAccepted: notAccepted !== undefined,
    replied: reply !== undefined,
  };
  return { values, facts, level, reporterAccess: access };
}

async function briefOf(deps: Deps, db: pg.ClientBase, levelId: string): Promise<string | null> {
  const r = await db.query<{ brief_enc: Buffer | null }>('SELECT brief_enc FROM dispatch_levels WHERE id = $1', [levelId]);
  const enc = r.rows[0]?.brief_enc ?? null;
  return enc === null ? null : deps.cipher.decryptText({ table: 'dispatch_levels', column: 'brief_enc', rowId: levelId }, enc);
}
