// The pure facts a decision about a case needs (DESIGN §2, §3): built by the store, read by the policies.
import type { CaseState } from './case-states.js';
import type { Anonymity } from './channels.js';
import type { CaseScope, CaseType } from './data/taxonomy.js';
import type { PendingKind } from './pending-kinds.js';
import type { Rank, Role } from './roles.js';

/** The signed-in staff user; one object passed down, never loose ids. */
export interface Actor {
  readonly userId: string;
  readonly unitId: string;
  readonly roles: readonly Role[];
  readonly policeNumber: string | null;
}

/** A subject (被反映人) after screening; unlinked fields stay null. */
export interface SubjectView {
  readonly id: string;
  readonly userId: string | null;
  readonly unitId: string | null;
  readonly policeNumber: string | null;
  readonly rank: Rank | null;
}

/** One level of the dispatch chain, top (assigned by the centre) first. */
export interface ChainLevel {
  readonly unitId: string;
  readonly coUnitIds: readonly string[];
  /** The unit's grant (DESIGN §3.4); false once an approved return revoked it. */
  readonly granted: boolean;
}

/** Where the result is in the review walk back up the chain (DESIGN §3.2 review). */
export type ReviewStage =
  | { readonly at: 'unit'; readonly level: number }
  | { readonly at: 'centre' }
  | { readonly at: 'approved' };

export interface PendingConfirmation {
  readonly userId: string;
  readonly role: Role;
}

/** A request or two-person rule waiting for an eligible second person (DESIGN §3.3). */
export interface PendingDecisionView {
  readonly id: string;
  readonly kind: PendingKind;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly confirmations: readonly PendingConfirmation[];
}

export interface CaseFlags {
  readonly chased: boolean;
  readonly supervised: boolean;
  readonly suspended: boolean;
  readonly overdue: boolean;
  /** The current level may still ask for a return without having signed for (DESIGN §4 step clocks). */
  readonly returnWindowOpen: boolean;
  readonly unitDeadlinePassed: boolean;
  /** A follow-up task is open (closed, not anonymous, not yet done or ended). */
  readonly followUpDue: boolean;
  /** The latest follow-up or rating was dissatisfied and the assigner has not yet reopened or explained. */
  readonly dissatisfied: boolean;
  readonly rated: boolean;
  readonly falseAccusationDeclared: boolean;
}

export interface CaseView {
  readonly state: CaseState;
  readonly type: CaseType;
  readonly scope: CaseScope | null;
  readonly anonymity: Anonymity;
  /** The reporter agreed that a praised unit may see their name (DESIGN §7.2). */
  readonly reporterConsentsToName: boolean;
  readonly subjects: readonly SubjectView[];
  readonly isAccusation: boolean;
  readonly sealed: boolean;
  /** User ids of the named group that alone sees a sealed case (DESIGN §3.4). */
  readonly sealedGroup: readonly string[];
  readonly chain: readonly ChainLevel[];
  /** Users who declared a conflict of interest (DESIGN §3.3). */
  readonly conflicts: readonly string[];
  readonly handlerUserId: string | null;
  /** Units the supervision_head let see the reporter of an accusation (DESIGN §7.2). */
  readonly reporterGrantUnitIds: readonly string[];
  /** Units a leader's instruction told of the case (呈阅/阅知, e.g. the praised unit): they may read it (DESIGN §3.2 instruct). */
  readonly informedUnitIds: readonly string[];
  readonly pending: readonly PendingDecisionView[];
  readonly review: ReviewStage | null;
  readonly reopenCount: number;
  readonly extensionDaysUsedThisCycle: number;
  readonly flags: CaseFlags;
}

/** Levels whose grant is live; the last is the level now handling the case. */
export function activeLevels(c: CaseView): readonly ChainLevel[] {
  return c.chain.filter((l) => l.granted);
}

export function currentLevel(c: CaseView): ChainLevel | null {
  return activeLevels(c).at(-1) ?? null;
}

/** The level above the current one, which decides a return below the top (DESIGN §3.2). */
export function levelAbove(c: CaseView): ChainLevel | null {
  const levels = activeLevels(c);
  return levels.length >= 2 ? (levels.at(-2) ?? null) : null;
}

/** Every unit holding a live grant: lead units of each level and their co-handling units. */
export function chainUnitIds(c: CaseView): string[] {
  return activeLevels(c).flatMap((l) => [l.unitId, ...l.coUnitIds]);
}

export function pendingOfKind(c: CaseView, kind: PendingKind): PendingDecisionView | null {
  return c.pending.find((p) => p.kind === kind) ?? null;
}
