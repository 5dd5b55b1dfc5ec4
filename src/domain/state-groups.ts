// The groups of states the DESIGN table names ("any active", "any before closed", "any"), spelled out per state.
import { CASE_STATES, type CaseState } from './case-states.js';

interface StateTraits {
  /** Work is still owed on the case: it takes chasing, notes, messages and the reporter's additions. */
  readonly active: boolean;
  /** Read-only for good: only recusal and break-glass reads remain. */
  readonly frozen: boolean;
}

export const STATE_TRAITS = {
  registered: { active: true, frozen: false },
  awaiting_instruction: { active: true, frozen: false },
  ready_to_assign: { active: true, frozen: false },
  direct_handling: { active: true, frozen: false },
  assigned: { active: true, frozen: false },
  in_progress: { active: true, frozen: false },
  under_review: { active: true, frozen: false },
  replied: { active: true, frozen: false },
  closed: { active: false, frozen: false },
  not_accepted: { active: false, frozen: false },
  transferred_out: { active: false, frozen: false },
  merged: { active: false, frozen: false },
  archived: { active: false, frozen: true },
} as const satisfies Record<CaseState, StateTraits>;

export const ANY_STATE: readonly CaseState[] = CASE_STATES;
/** "any active" and "any before closed" of DESIGN §3.2: the same states. */
export const ACTIVE_STATES: readonly CaseState[] = CASE_STATES.filter((s) => STATE_TRAITS[s].active);
export const NOT_FROZEN: readonly CaseState[] = CASE_STATES.filter((s) => !STATE_TRAITS[s].frozen);

/** A value for every state, typed as a full record. */
export function perState<T>(f: (state: CaseState) => T): Record<CaseState, T> {
  return Object.fromEntries(CASE_STATES.map((s) => [s, f(s)])) as Record<CaseState, T>;
}

/** States whose deadlines run (DESIGN §4): accepted and not yet answered. Lights, overdue and reminders count only these. */
export const CLOCK_STATES: readonly CaseState[] = ['awaiting_instruction', 'ready_to_assign', 'direct_handling', 'assigned', 'in_progress', 'under_review'];
