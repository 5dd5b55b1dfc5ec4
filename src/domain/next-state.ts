// Where the actions whose target depends on their form or on the case lead (DESIGN §3.2: by mode, by outcome).
import type { CaseState } from './case-states.js';
import type { CaseView, ReviewStage } from './case-view.js';
import type { AcceptMode, Approval, InstructMode, ReviewDecision } from './forms/codes.js';
import { PENDING_KIND_INFO, type PendingKind } from './pending-kinds.js';

/** accept: direct → direct_handling; assign and for_information wait for the duty leader; the rest end here. */
export function nextStateForAccept(mode: AcceptMode): CaseState {
  switch (mode) {
    case 'direct':
      return 'direct_handling';
    case 'assign':
    case 'for_information':
      return 'awaiting_instruction';
    case 'keep_on_file':
      return 'closed';
    case 'transfer':
    case 'refer':
    case 'report_up':
      return 'transferred_out';
  }
}

export interface InstructionProposal {
  readonly mode: InstructMode;
  readonly unitId: string | null;
}

/** instruct / record_instruction: a named unit is assigned at once; none → ready_to_assign; for_information closes. */
export function nextStateForInstruct(proposal: InstructionProposal): CaseState {
  if (proposal.mode === 'for_information') return 'closed';
  return proposal.unitId === null ? 'ready_to_assign' : 'assigned';
}

/** Review starts with the head of the level that handled the result; a case without a chain goes to the centre. */
export function firstReviewStage(chain: CaseView['chain']): ReviewStage {
  const levels = chain.filter((l) => l.granted).length;
  return levels === 0 ? { at: 'centre' } : { at: 'unit', level: levels - 1 };
}

export interface ReviewStep {
  readonly state: CaseState;
  /** null when the case leaves review (sent back). */
  readonly review: ReviewStage | null;
}

/** review: approval climbs one level, then to the centre, then "approved" (ready to reply); send-back returns to handling. */
export function nextStateForReview(stage: ReviewStage, decision: ReviewDecision): ReviewStep {
  if (decision === 'send_back') return { state: 'in_progress', review: null };
  switch (stage.at) {
    case 'unit':
      return { state: 'under_review', review: stage.level > 0 ? { at: 'unit', level: stage.level - 1 } : { at: 'centre' } };
    case 'centre':
    case 'approved':
      return { state: 'under_review', review: { at: 'approved' } };
  }
}

/** decide_return: approved → the level above takes it back (in_progress), or the centre at the top; rejected → stays. */
export function nextStateForReturn(decision: Approval, levelsAbove: number): CaseState | 'same' {
  if (decision === 'reject') return 'same';
  return levelsAbove > 0 ? 'in_progress' : 'ready_to_assign';
}

/** reopen: the same lead unit gets a new cycle; a case the centre handled directly goes back to it. */
export function nextStateForReopen(hasLeadUnit: boolean): CaseState {
  return hasLeadUnit ? 'assigned' : 'direct_handling';
}

export interface ConfirmedRequest {
  readonly kind: PendingKind;
  /** Set when the request was an accept: confirming it applies the whole accept, whatever rule held it. */
  readonly acceptMode?: AcceptMode;
  readonly levelsAbove?: number;
  readonly hasLeadUnit?: boolean;
}

/** confirm: the state the confirmed request leads to; 'same' for kinds that change flags, clocks or fields only. */
export function nextStateForConfirm(request: ConfirmedRequest): CaseState | 'same' {
  if (request.acceptMode !== undefined) return nextStateForAccept(request.acceptMode);
  const effect = PENDING_KIND_INFO[request.kind].effect;
  switch (effect) {
    case 'apply_accept_mode':
      return 'same';
    case 'apply_not_accept':
      return 'not_accepted';
    case 'apply_merge':
      return 'merged';
    case 'return_to_level_above':
      return nextStateForReturn('approve', request.levelsAbove ?? 0);
    case 'reopen_cycle':
      return nextStateForReopen(request.hasLeadUnit ?? true);
    case 'extend_deadlines':
    case 'suspend_clocks':
    case 'apply_reclassification':
    case 'accept_unidentified_subjects':
    case 'override_firewall':
    case 'record_received_at':
      return 'same';
  }
}
