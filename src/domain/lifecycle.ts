// The lifecycle table of DESIGN §3. A new state fails to compile until its row is filled.
// This foundation carries the entry of a case and the reporter's own additions; the staff
// actions (accept, instruct, assign …) are added as rows by the case-handling issue.
import type { CaseState } from './case-states.js';
import type { Role } from './roles.js';
import type { Bilingual } from './i18n-text.js';

export const CASE_ACTIONS = ['add_information'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Who performs a transition: staff roles, or the reporter holding number and code. */
export type Performer = Role | 'reporter';

export interface Transition {
  readonly action: CaseAction;
  /** 'same' keeps the state (messages, notes, flags). */
  readonly to: CaseState | 'same';
  readonly by: readonly Performer[];
  readonly label: Bilingual;
}

const addInformation: Transition = {
  action: 'add_information',
  to: 'same',
  by: ['reporter'],
  label: { zh: '补充材料', en: 'Add information' },
};

/** States in which the case still takes the reporter's additions. */
const OPEN_TO_REPORTER = [addInformation];

export const LIFECYCLE = {
  registered: OPEN_TO_REPORTER,
  awaiting_instruction: OPEN_TO_REPORTER,
  ready_to_assign: OPEN_TO_REPORTER,
  direct_handling: OPEN_TO_REPORTER,
  assigned: OPEN_TO_REPORTER,
  in_progress: OPEN_TO_REPORTER,
  under_review: OPEN_TO_REPORTER,
  replied: OPEN_TO_REPORTER,
  closed: [],
  not_accepted: [],
  transferred_out: [],
  merged: [],
  archived: [],
} as const satisfies Record<CaseState, readonly Transition[]>;

/** Every case starts here, whatever the channel (DESIGN §2). */
export const INITIAL_STATE: CaseState = 'registered';

export function transitionFor(state: CaseState, action: CaseAction, by: Performer): Transition | null {
  const rows: readonly Transition[] = LIFECYCLE[state];
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- one action today; the case-handling issue adds the rest
  return rows.find((t) => t.action === action && t.by.includes(by)) ?? null;
}
