// The accusation firewall of DESIGN §3.4 and the recusal of §3.3: the accused and their unit never see the case.
import type { Actor, CaseView } from './case-view.js';
import { descendantsOf, headsOf, isAtOrBelow, parentOf, type UnitTree } from './units.js';

/** Users who must never see the case or handle it: listed users, holders of a police number, every user of a unit. */
export interface ForbiddenSet {
  readonly userIds: ReadonlySet<string>;
  readonly policeNumbers: ReadonlySet<string>;
  /** Every user belonging to one of these units is forbidden. */
  readonly unitIds: ReadonlySet<string>;
}

export type UnitIneligibility = 'subject_unit' | 'below_subject_unit' | 'head_forbidden' | 'sealed';
export type UnitEligibility = { readonly eligible: true } | { readonly eligible: false; readonly reason: UnitIneligibility };

/** Units of the accused (S in DESIGN §3.4), each subject's linked unit. */
export function subjectUnits(c: CaseView): string[] {
  const ids = c.subjects.flatMap((s) => (s.unitId === null ? [] : [s.unitId]));
  return [...new Set(ids)];
}

/** The forbidden set of DESIGN §3.4; outside accusations only subjects and conflict declarers (§3.3). */
export function forbiddenSet(c: CaseView, tree: UnitTree): ForbiddenSet {
  const userIds = new Set<string>(c.conflicts);
  const policeNumbers = new Set<string>();
  for (const s of c.subjects) {
    if (s.userId !== null) userIds.add(s.userId);
    if (s.policeNumber !== null) policeNumbers.add(s.policeNumber);
  }
  const unitIds = new Set<string>();
  if (!c.isAccusation) return { userIds, policeNumbers, unitIds };
  for (const s of subjectUnits(c)) {
    unitIds.add(s);
    for (const d of descendantsOf(tree, s)) unitIds.add(d);
    // A subject heading S makes the head above S forbidden too: they answer for S.
    const subjectHeadsS = c.subjects.some((subject) => subject.userId !== null && headsOf(tree, s).includes(subject.userId));
    const above = parentOf(tree, s);
    if (subjectHeadsS && above !== null) for (const h of headsOf(tree, above)) userIds.add(h);
  }
  return { userIds, policeNumbers, unitIds };
}

export function isInForbiddenSet(actor: Actor, set: ForbiddenSet): boolean {
  if (set.userIds.has(actor.userId)) return true;
  if (actor.policeNumber !== null && set.policeNumbers.has(actor.policeNumber)) return true;
  return set.unitIds.has(actor.unitId);
}

/** Units that may not propose, lead, co-handle or take a redispatch: S, below S, any unit whose head is forbidden. */
export function forbiddenUnits(c: CaseView, tree: UnitTree): Set<string> {
  if (!c.isAccusation) return new Set();
  const set = forbiddenSet(c, tree);
  const out = new Set(set.unitIds);
  for (const [unitId, heads] of tree.heads) {
    if (heads.some((h) => set.userIds.has(h))) out.add(unitId);
  }
  return out;
}

/** Whether a unit may receive the case, and why not; the answer of the assignable-units endpoint (DESIGN §10). */
export function unitEligibility(c: CaseView, tree: UnitTree, unitId: string): UnitEligibility {
  if (c.sealed) return { eligible: false, reason: 'sealed' };
  if (!c.isAccusation) return { eligible: true };
  const subjects = subjectUnits(c);
  if (subjects.includes(unitId)) return { eligible: false, reason: 'subject_unit' };
  if (subjects.some((s) => isAtOrBelow(tree, unitId, s))) return { eligible: false, reason: 'below_subject_unit' };
  if (forbiddenUnits(c, tree).has(unitId)) return { eligible: false, reason: 'head_forbidden' };
  return { eligible: true };
}

export interface AssignableUnit {
  readonly unitId: string;
  readonly eligibility: UnitEligibility;
}

/** Every unit of the tree with its eligibility, in tree order. */
export function assignableUnits(c: CaseView, tree: UnitTree): AssignableUnit[] {
  const order = [tree.rootId, ...descendantsOfInOrder(tree, tree.rootId)];
  return order.map((unitId) => ({ unitId, eligibility: unitEligibility(c, tree, unitId) }));
}

function descendantsOfInOrder(tree: UnitTree, unitId: string): string[] {
  return (tree.children.get(unitId) ?? []).flatMap((child) => [child, ...descendantsOfInOrder(tree, child)]);
}

/** A subject (by user id or police number) or a conflict declarer: the case is nonexistent for them (DESIGN §3.3). */
export function isRecused(actor: Actor, c: CaseView): boolean {
  if (c.conflicts.includes(actor.userId)) return true;
  return c.subjects.some((s) => s.userId === actor.userId || (s.policeNumber !== null && s.policeNumber === actor.policeNumber));
}

/** Sealed cases exist only for their named group (DESIGN §3.4). */
export function passesSeal(actor: Actor, c: CaseView): boolean {
  return !c.sealed || c.sealedGroup.includes(actor.userId);
}

/**
 * The firewall's read guard: recusal first, then the seal, then the forbidden set. The named group of a
 * sealed case was chosen outside the accused chain, so the unit part of the forbidden set does not apply to it.
 */
export function passesFirewall(actor: Actor, c: CaseView, tree: UnitTree): boolean {
  if (isRecused(actor, c)) return false;
  if (c.sealed) return passesSeal(actor, c);
  return !isInForbiddenSet(actor, forbiddenSet(c, tree));
}
