// How the public deadline (承诺期限) is counted, per case type. Whether the bureau's 30 days are
// calendar or working days is open (domain-rules Q1), so the unit is data, not code.
import { DomainError } from '../calendar/errors.js';
import type { CaseType } from '../data/taxonomy.js';
import type { AcceptMode } from '../forms/codes.js';

export type DayUnit = 'calendar' | 'working';
export type ClockStart = 'acceptance' | 'receipt';

export interface DeadlinePolicy {
  readonly amount: number;
  readonly unit: DayUnit;
  readonly startsAt: ClockStart;
  /** 民法典 Art. 203: a period ending on a rest day ends on the next working day. */
  readonly rollForwardIfHoliday: boolean;
}

/** The seed's promise: an answer within 30 days of acceptance. */
export const DEFAULT_PUBLIC_POLICY: DeadlinePolicy = {
  amount: 30,
  unit: 'calendar',
  startsAt: 'acceptance',
  rollForwardIfHoliday: true,
};

/** null: praise is read, not answered, so it has no public deadline. */
export const DEFAULT_POLICIES = {
  accusation: DEFAULT_PUBLIC_POLICY,
  complaint: DEFAULT_PUBLIC_POLICY,
  suggestion: DEFAULT_PUBLIC_POLICY,
  praise: null,
  consultation: DEFAULT_PUBLIC_POLICY,
  other: DEFAULT_PUBLIC_POLICY,
} as const satisfies Readonly<Record<CaseType, DeadlinePolicy | null>>;

export type DeadlinePolicies = Readonly<Record<CaseType, DeadlinePolicy | null>>;

/** The policy that starts at acceptance, or null when the item gets no public deadline (DESIGN §4). */
export function publicPolicyFor(type: CaseType, mode: AcceptMode, policies: DeadlinePolicies = DEFAULT_POLICIES): DeadlinePolicy | null {
  switch (mode) {
    case 'for_information':
    case 'keep_on_file':
      return null;
    case 'direct':
    case 'assign':
    case 'transfer':
    case 'refer':
    case 'report_up':
      return policies[type];
  }
}

// A year is the longest clock any rule in domain-rules §5 needs, with room to spare.
const MAX_POLICY_DAYS = 366;

/** Throws unless the policy counts a whole number of days a deadline can sensibly have. */
export function checkPolicy(policy: DeadlinePolicy): void {
  if (!Number.isInteger(policy.amount) || policy.amount < 1 || policy.amount > MAX_POLICY_DAYS) {
    throw new DomainError('invalid_day_count', `policy amount ${policy.amount}`);
  }
}
