// Conditions beyond state and role (DESIGN §3.2 notes): pending requests, windows, review level, follow-up due.
import type { CaseAction, Performer } from './actions.js';
import { STATE_INFO } from './case-states.js';
import { activeLevels, currentLevel, pendingOfKind, type Actor, type CaseView } from './case-view.js';
import { EXTENSION_MAX_DAYS } from './forms/handling-forms.js';
import type { Bilingual } from './i18n-text.js';
import { mayConfirm, pendingFor } from './pending-decisions.js';
import type { DecidingAction, PendingKind } from './pending-kinds.js';
import { mayRevealReporter } from './reporter-visibility.js';
import { hasSubUnits, type UnitTree } from './units.js';

export type RefusalReason = 'not_found' | 'forbidden' | 'wrong_state';
export interface Refusal {
  readonly ok: false;
  readonly reason: RefusalReason;
  readonly detail: Bilingual;
}
export type Authorization = { readonly ok: true } | Refusal;

export interface GuardContext {
  readonly actor: Actor;
  /** The actor's roles that the table lets act here, already narrowed by reach and state. */
  readonly roles: readonly Performer[];
  readonly caseView: CaseView;
  readonly tree: UnitTree;
}

export type Guard = (g: GuardContext) => Refusal | null;

export const forbidden = (zh: string, en: string): Refusal => ({ ok: false, reason: 'forbidden', detail: { zh, en } });
export const wrongState = (zh: string, en: string): Refusal => ({ ok: false, reason: 'wrong_state', detail: { zh, en } });

/** 409 naming the state (DESIGN §10). */
export function notInThisState(c: CaseView): Refusal {
  const label = STATE_INFO[c.state].label;
  return wrongState(`案件当前状态为“${label.zh}”，不能进行此操作`, `Not possible while the case is ${c.state} (${label.en})`);
}

/** Settling a pending decision: something must wait, and the actor must be an eligible second person. */
function decides(action: DecidingAction): Guard {
  return ({ actor, caseView: c }) => {
    const pending = pendingFor(c, action);
    if (pending.length === 0) return wrongState('没有待确认事项', 'Nothing is awaiting this decision');
    const checks = pending.map((d) => mayConfirm(actor, d, c));
    if (checks.some((x) => x.ok)) return null;
    if (checks.every((x) => !x.ok && x.why === 'requester')) return forbidden('申请人不能确认自己的申请', 'The requester cannot confirm their own request');
    return forbidden('您不是此事项的确认人', 'You are not an eligible confirmer');
  };
}

const reviewGuard: Guard = ({ actor, roles, caseView: c }) => {
  const stage = c.review;
  if (stage === null || stage.at === 'approved') return wrongState('审核已完成，待答复', 'Review is complete; the case awaits its reply');
  if (stage.at === 'centre') return roles.includes('assigner') ? null : wrongState('待中心终审', 'The centre reviews next');
  const unitId = activeLevels(c)[stage.level]?.unitId;
  if (roles.includes('unit_head') && unitId === actor.unitId) return null;
  return wrongState('待其他层级审核', 'Another level reviews next');
};

const afterDissatisfaction: Guard = ({ caseView: c }) =>
  c.flags.dissatisfied ? null : wrongState('没有待处理的不满意回访', 'No dissatisfied follow-up awaits a decision');

/** Pending kinds that hold the acceptance decision itself (accept's sensitive modes, not_accept, merge). */
const ACCEPTANCE_KINDS: readonly PendingKind[] = ['keep_on_file', 'transfer', 'refer', 'report_up', 'not_accept', 'merge', 'not_identifiable'];

// One acceptance decision at a time: a second one taken while the first waits would leave the first
// unconfirmable for good, the case showing "awaiting confirmation" that nobody can settle but by declining.
const oneAcceptanceDecision: Guard = ({ caseView: c }) =>
  c.pending.some((p) => ACCEPTANCE_KINDS.includes(p.kind)) ? wrongState('已有受理决定待确认', 'An acceptance decision is already awaiting confirmation') : null;

// Reopening and explaining answer the same dissatisfaction: neither while a reopening waits for its confirmation.
const reopenOrExplain: Guard = (g) =>
  pendingOfKind(g.caseView, 'reopen') === null ? afterDissatisfaction(g) : wrongState('重办申请待确认', 'A reopening is awaiting confirmation');

export const ACTION_GUARDS = {
  accept: oneAcceptanceDecision,
  not_accept: oneAcceptanceDecision,
  merge: oneAcceptanceDecision,
  instruct: null,
  record_instruction: null,
  assign: null,
  sign_for: null,
  redispatch: ({ caseView: c, tree }) => {
    const level = currentLevel(c);
    return level !== null && hasSubUnits(tree, level.unitId) ? null : forbidden('本单位没有下级单位', 'Your unit has no sub-units');
  },
  request_return: ({ caseView: c }) => {
    if (pendingOfKind(c, 'return') !== null) return wrongState('已有退回申请待审批', 'A return request is already pending');
    if (c.state === 'assigned' && !c.flags.returnWindowOpen) return wrongState('已超过退回时限', 'The return window has closed');
    return null;
  },
  decide_return: decides('decide_return'),
  assign_handler: null,
  record_contact: null,
  submit_result: null,
  review: reviewGuard,
  reply: ({ caseView: c }) =>
    c.state === 'under_review' && c.review?.at !== 'approved' ? wrongState('尚未审核通过', 'The result is not yet approved') : null,
  close: null,
  request_extension: ({ caseView: c }) => {
    if (pendingOfKind(c, 'extension') !== null) return wrongState('已有延期申请待审批', 'An extension request is already pending');
    if (c.flags.unitDeadlinePassed) return wrongState('承办时限已过，不能申请延期', 'The unit deadline has passed');
    if (c.extensionDaysUsedThisCycle >= EXTENSION_MAX_DAYS) return wrongState('本轮延期天数已用完', 'No extension days are left in this cycle');
    return null;
  },
  decide_extension: decides('decide_extension'),
  request_suspension: ({ caseView: c }) => {
    if (c.flags.suspended) return wrongState('案件已挂起', 'The case is already suspended');
    return pendingOfKind(c, 'suspension') === null ? null : wrongState('已有挂起申请待审批', 'A suspension request is already pending');
  },
  decide_suspension: decides('decide_suspension'),
  resume: ({ caseView: c }) => (c.flags.suspended ? null : wrongState('案件未挂起', 'The case is not suspended')),
  record_follow_up: ({ caseView: c }) => (c.flags.followUpDue ? null : wrongState('没有待回访任务', 'No follow-up is due')),
  reopen: reopenOrExplain,
  explain: reopenOrExplain,
  chase: null,
  supervise: null,
  dispatch_onsite: null,
  declare_false_accusation: ({ caseView: c }) => {
    if (!c.isAccusation) return wrongState('仅适用于举报件', 'Only for accusations');
    return c.flags.falseAccusationDeclared ? wrongState('已作出诬告陷害认定', 'Already declared') : null;
  },
  reclassify: null,
  declare_conflict: null,
  reveal_reporter: ({ actor, caseView: c }) => {
    if (c.anonymity === 'anonymous') return wrongState('匿名反映，无身份信息', 'Anonymous: there is no identity to reveal');
    return mayRevealReporter(actor, c) ? null : forbidden('您已可查看反映人信息', 'You already see the reporter');
  },
  grant_original: ({ caseView: c }) => (activeLevels(c).length > 0 ? null : wrongState('尚未交办到任何单位', 'No unit is on the dispatch chain')),
  add_note: null,
  message_reporter: ({ caseView: c }) => {
    const reviewed = c.state === 'replied' || c.review?.at === 'approved';
    return c.isAccusation && !reviewed ? wrongState('举报件审核通过后方可留言', 'Accusations take messages only after review') : null;
  },
  // No identity to check behind an anonymous report: a new code would go to whoever asks (DESIGN §7.4).
  reissue_query_code: ({ caseView: c }) => (c.anonymity === 'anonymous' ? wrongState('匿名反映，无法核实身份，不能补发查询码', 'Anonymous: there is no identity to check, so no code can be reissued') : null),
  confirm: decides('confirm'),
  decline: decides('confirm'),
  archive: ({ caseView: c }) => {
    if (c.state === 'closed' && c.flags.followUpDue) return wrongState('回访尚未完成', 'The follow-up is not done');
    // A dissatisfied reporter is owed a reopening or an explanation first; a waiting decision must be settled.
    if (c.flags.dissatisfied) return wrongState('不满意回访尚待重办或解释说明', 'A dissatisfied follow-up awaits a reopening or an explanation');
    return c.pending.length > 0 ? wrongState('有待确认事项', 'A decision is awaiting confirmation') : null;
  },
  add_information: null,
  rate: null,
} as const satisfies Record<CaseAction, Guard | null>;
