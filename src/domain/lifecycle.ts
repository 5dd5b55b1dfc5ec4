// The lifecycle table of DESIGN §3.2: one row per action; a new action or state fails to compile until filled.
import { ACTION_LABELS, ALL_CASE_ROLES, CODE_REISSUING_ROLES, REPORTER_FACING_ROLES, type CaseAction, type Performer, type ReporterAction } from './actions.js';
import type { CaseState } from './case-states.js';
import type { CaseView } from './case-view.js';
import { ACTION_FIELDS, type JsonSchema } from './forms/index.js';
import type { Bilingual } from './i18n-text.js';
import { confirmationFor, type ConfirmationContext } from './pending-decisions.js';
import { ACTIVE_STATES, ANY_STATE, NOT_FROZEN, perState } from './state-groups.js';

export { CASE_ACTIONS, type CaseAction, type Performer } from './actions.js';

/**
 * Where a unit role (liaison, handler, unit_head) must sit for the row to apply to it; centre roles are not bound.
 * visible: anywhere it sees the case · on_chain: a lead unit of the chain · current_level: the level handling now ·
 * current_handler: that level, and the named handler if one is named · level_above: the level above the current one.
 */
export type Reach = 'visible' | 'on_chain' | 'current_level' | 'current_handler' | 'level_above';

/** 'by_mode': the form's mode or proposal decides; 'by_outcome': the decision or the case decides (see next-state.ts). */
export type Target = CaseState | 'same' | 'by_mode' | 'by_outcome';

export interface Transition {
  readonly action: CaseAction;
  readonly from: readonly CaseState[];
  readonly to: Target;
  readonly roles: readonly Performer[];
  /** Narrower states for a role (reply: intake only for directly handled cases). */
  readonly roleStates?: Readonly<Partial<Record<Performer, readonly CaseState[]>>>;
  readonly reach: Reach;
  readonly label: Bilingual;
  readonly fields: JsonSchema;
  /** Two-person rule of DESIGN §3.3: true when this submission waits for a second person. */
  readonly needsConfirmation?: (ctx: ConfirmationContext) => boolean;
  /** The rule above in words, for docs/lifecycle.md. */
  readonly confirmationRule?: string;
  /** Guards and effects in words; the checks live in action-guards.ts. */
  readonly notes: string;
}

type Row = Omit<Transition, 'action' | 'label' | 'fields'>;

const confirmedWhen = (action: CaseAction, rule: string): Pick<Row, 'needsConfirmation' | 'confirmationRule'> => ({
  needsConfirmation: (ctx) => confirmationFor(action, ctx) !== null,
  confirmationRule: rule,
});
const request = (rule: string): Pick<Row, 'needsConfirmation' | 'confirmationRule'> => ({ needsConfirmation: () => true, confirmationRule: rule });

const ACCUSATION_ONLY = 'for accusations: a second person (supervision_head)';
const DECIDERS: readonly Performer[] = ['supervision_head', 'bureau_leader', 'assigner'];

const ROWS = {
  accept: {
    from: ['registered'], to: 'by_mode', roles: ['intake'], reach: 'visible',
    ...confirmedWhen('accept', 'accusation with mode keep_on_file, transfer, refer or report_up; removing accusation status or a subject; "not identifiable" subjects of an accusation'),
    notes: 'sets classification, subjects, mode and proposal; starts the public clock; emits the acceptance notice; an accusation needs linked subjects or confirmed "not identifiable"; the proposed unit passes the firewall; when held, the screening (subjects, type, scope, seal) applies at once and only the mode waits; one acceptance decision at a time',
  },
  not_accept: {
    from: ['registered'], to: 'not_accepted', roles: ['intake'], reach: 'visible', ...confirmedWhen('not_accept', ACCUSATION_ONLY),
    notes: 'reason and where to go; notice to the reporter; one acceptance decision at a time',
  },
  merge: {
    from: ['registered'], to: 'merged', roles: ['intake'], reach: 'visible', ...confirmedWhen('merge', ACCUSATION_ONLY),
    notes: 'into a master case (visible to the user; every unit holding it passes the firewall); the merged reporter gets the master reply after review; one acceptance decision at a time',
  },
  instruct: {
    from: ['awaiting_instruction'], to: 'by_mode', roles: ['duty_leader', 'bureau_leader'], reach: 'visible',
    notes: 'approve takes the units of the proposal unless others are named; assign with a unit → assigned; without → ready_to_assign; for_information → closed (已阅, no follow-up), the informed units may read it; units pass the firewall',
  },
  record_instruction: {
    from: ['awaiting_instruction'], to: 'by_mode', roles: ['intake', 'assigner'], reach: 'visible',
    notes: "as instruct, on a leader's behalf: names the leader and how it was given",
  },
  assign: {
    from: ['ready_to_assign'], to: 'assigned', roles: ['assigner'], reach: 'visible',
    notes: 'lead and co-handling units (firewall), unit deadline; creates the grants and the 交办单',
  },
  sign_for: { from: ['assigned'], to: 'in_progress', roles: ['liaison'], reach: 'current_level', notes: 'the liaison of the level; "handle myself" names them handler' },
  redispatch: {
    from: ['in_progress'], to: 'assigned', roles: ['liaison'], reach: 'current_level',
    notes: 'to a unit below (firewall); adds a chain level with its own nested deadline; the level above keeps its grant',
  },
  request_return: {
    from: ['assigned', 'in_progress'], to: 'same', roles: ['liaison'], reach: 'current_level', ...request('always: decided by decide_return'),
    notes: 'before sign-for only within the return window; after sign-for any time, always by approval; one pending at a time',
  },
  decide_return: {
    from: ['assigned', 'in_progress'], to: 'by_outcome', roles: ['assigner', 'liaison', 'unit_head'], reach: 'level_above',
    notes: 'approve → the level above (in_progress) or ready_to_assign at the top, grant revoked; reject → stays; never the requester',
  },
  assign_handler: { from: ['in_progress'], to: 'same', roles: ['liaison', 'unit_head'], reach: 'current_level', notes: 'names the handler inside the unit' },
  record_contact: {
    from: ['in_progress', 'direct_handling'], to: 'same', roles: ['handler', 'intake'], roleStates: { handler: ['in_progress'], intake: ['direct_handling'] }, reach: 'current_handler',
    notes: 'first contact with the reporter (step clock: 1 working day after sign-for)',
  },
  submit_result: {
    from: ['in_progress'], to: 'under_review', roles: ['handler'], reach: 'current_handler',
    notes: 'finding, report (required for accusations), measures, outcomes per officer, draft reply; review starts at the level that handled it',
  },
  review: {
    from: ['under_review'], to: 'by_outcome', roles: ['unit_head', 'assigner'], reach: 'on_chain',
    notes: 'unit_head of each level bottom-up, then the assigner; approve climbs one level, the assigner approves for reply; send_back → in_progress at the handling level; deadlines do not move',
  },
  reply: {
    from: ['under_review', 'direct_handling'], to: 'replied', roles: ['assigner', 'intake'], roleStates: { intake: ['direct_handling'] }, reach: 'visible',
    notes: 'under_review only once approved by the assigner; method, who and when, text, reaction; or cannot_reply with the reason',
  },
  close: { from: ['replied'], to: 'closed', roles: ['assigner'], reach: 'visible', notes: 'creates the follow-up task (not for anonymous reporters)' },
  request_extension: {
    from: ['in_progress', 'under_review'], to: 'same', roles: ['unit_head'], reach: 'current_level', ...request('always: decided by decide_extension'),
    notes: 'before the unit deadline; ≤ 30 calendar days per cycle; the reporter is told why',
  },
  decide_extension: {
    from: ['in_progress', 'under_review'], to: 'same', roles: ['supervision_head'], reach: 'visible',
    notes: 'moves the public and unit deadlines by the same calendar days',
  },
  request_suspension: {
    from: ['in_progress'], to: 'same', roles: ['unit_head'], reach: 'current_level', ...request('always: decided by decide_suspension'),
    notes: 'reason and expected end',
  },
  decide_suspension: { from: ['in_progress'], to: 'same', roles: ['supervision_head'], reach: 'visible', notes: 'approval stops the clocks' },
  resume: {
    from: ['in_progress'], to: 'same', roles: ['unit_head', 'supervision_head'], reach: 'current_level',
    notes: 'restarts the clocks (also at the expected end)',
  },
  record_follow_up: {
    from: ['closed'], to: 'same', roles: ['followup'], reach: 'visible',
    notes: 'while a follow-up task is open; three failed attempts end it; dissatisfied goes to the assigner',
  },
  reopen: {
    from: ['closed'], to: 'by_outcome', roles: ['assigner'], reach: 'visible', ...confirmedWhen('reopen', 'the third and every later reopening: supervision_head'),
    notes: 'after a dissatisfied outcome, not while a reopening waits; same live lead unit, which passes the firewall again (or the centre for a directly handled case); new cycle, new deadlines',
  },
  explain: { from: ['closed'], to: 'same', roles: ['assigner'], reach: 'visible', notes: 'after a dissatisfied outcome, not while a reopening waits: explains instead of reopening' },
  chase: { from: ACTIVE_STATES, to: 'same', roles: ['assigner'], reach: 'visible', notes: '催办' },
  supervise: { from: ACTIVE_STATES, to: 'same', roles: ['supervision_head'], reach: 'visible', notes: '督办' },
  dispatch_onsite: {
    from: ['registered', 'in_progress'], to: 'same', roles: ['intake', 'assigner'], reach: 'visible',
    notes: '现场督察 for misconduct happening now; report to the duty leader within 4 hours',
  },
  declare_false_accusation: {
    from: ['replied', 'closed'], to: 'same', roles: ['supervision_head'], reach: 'visible',
    notes: "accusations only; clears the officer's name; never acts against the reporter by itself",
  },
  reclassify: {
    from: ACTIVE_STATES, to: 'same', roles: ['intake', 'assigner'], reach: 'visible', ...confirmedWhen('reclassify', 'removing accusation status or a subject; a receivedAt more than 3 days back'),
    notes: 'type, scope, subjects, channel data; audited; the firewall runs again',
  },
  declare_conflict: { from: ANY_STATE, to: 'same', roles: ALL_CASE_ROLES, reach: 'visible', notes: 'recuses the user: the case becomes nonexistent for them' },
  reveal_reporter: {
    from: ANY_STATE, to: 'same', roles: ALL_CASE_ROLES, reach: 'visible',
    notes: 'break-glass with a reason, for whoever the §7.2 defaults show nothing; audited',
  },
  grant_original: {
    from: ANY_STATE, to: 'same', roles: ['assigner', 'supervision_head'], reach: 'visible',
    notes: "one original (or, by the supervision_head, the reporter's identity) to a unit on the chain, with a reason",
  },
  add_note: { from: ACTIVE_STATES, to: 'same', roles: ALL_CASE_ROLES, reach: 'visible', notes: 'internal; never shown to the public' },
  message_reporter: {
    from: ACTIVE_STATES, to: 'same', roles: REPORTER_FACING_ROLES, reach: 'visible',
    notes: 'centre roles; for accusations only after the centre approved the result',
  },
  reissue_query_code: {
    from: ANY_STATE, to: 'same', roles: CODE_REISSUING_ROLES, reach: 'visible',
    notes: 'real-name reporters only, once their identity is checked (how is audited); a new code replaces the old one, which stops opening the case; the new code goes to the stored contact (SMS, e-mail, WeChat) or is shown once to the clerk to hand over',
  },
  confirm: {
    from: NOT_FROZEN, to: 'by_outcome', roles: DECIDERS, reach: 'visible',
    notes: 'an eligible second person, never the requester; the effect of the pending decision applies',
  },
  decline: { from: NOT_FROZEN, to: 'same', roles: DECIDERS, reach: 'visible', notes: 'the request lapses; the case stays where it is' },
  archive: {
    from: ['closed', 'not_accepted', 'transferred_out', 'merged'], to: 'archived', roles: ['archivist'], reach: 'visible',
    notes: 'closed cases once the follow-up is done or not due and a dissatisfied outcome has been answered; never while a decision waits',
  },
  add_information: { from: ACTIVE_STATES, to: 'same', roles: ['reporter'], reach: 'visible', notes: 'the reporter, with number and query code' },
  rate: {
    from: ['replied', 'closed'], to: 'same', roles: ['reporter'], reach: 'visible',
    notes: 'once; recorded as an online follow-up outcome and fulfils an open follow-up task',
  },
} as const satisfies Record<CaseAction, Row>;

function transitionOf(action: CaseAction): Transition {
  return { action, label: ACTION_LABELS[action], fields: ACTION_FIELDS[action], ...(ROWS[action] as Row) };
}

/** The table, keyed by action. */
export const ACTION_TABLE: Readonly<Record<CaseAction, Transition>> = Object.fromEntries(
  (Object.keys(ROWS) as CaseAction[]).map((a) => [a, transitionOf(a)]),
) as Record<CaseAction, Transition>;

/** The same table by state: what may happen in each. */
export const LIFECYCLE: Readonly<Record<CaseState, readonly Transition[]>> = perState((s) => Object.values(ACTION_TABLE).filter((t) => t.from.includes(s)));

/** Every case starts here, whatever the channel (DESIGN §2). */
export const INITIAL_STATE: CaseState = 'registered';

/** The row for this action in this state by this performer, or null; state and role only (policies add the rest). */
export function transitionFor(state: CaseState, action: CaseAction, by: Performer): Transition | null {
  const row = ACTION_TABLE[action];
  return row.from.includes(state) && row.roles.includes(by) ? row : null;
}

/** The reporter's own actions: state from the table, plus "rate once". */
export function reporterMay(action: ReporterAction, c: { readonly state: CaseState; readonly flags: Pick<CaseView['flags'], 'rated'> }): boolean {
  if (transitionFor(c.state, action, 'reporter') === null) return false;
  return action !== 'rate' || !c.flags.rated;
}
