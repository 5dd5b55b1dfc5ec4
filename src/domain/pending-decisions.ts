// Two-person rules of DESIGN §3.3: which requests wait for a second person, and who that may be.
import type { CaseAction } from './actions.js';
import { chainUnitIds, levelAbove, type Actor, type CaseView, type PendingDecisionView } from './case-view.js';
import { isAccusation } from './classification.js';
import { CASE_SCOPE_CODES, CASE_TYPE_CODES, type CaseScope, type CaseType } from './data/taxonomy.js';
import { PENDING_KIND_INFO, type DecidingAction, type PendingKind } from './pending-kinds.js';
import type { CaseRole } from './roles.js';

export { PENDING_KINDS, PENDING_KIND_INFO, type DecidingAction, type PendingEffect, type PendingKind, type PendingKindInfo } from './pending-kinds.js';

/** What a confirmation rule reads: the case before the action and the submitted, schema-valid form. */
export interface ConfirmationContext {
  readonly caseView: CaseView;
  readonly input: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

export type ConfirmRefusal = 'requester' | 'already_confirmed' | 'role' | 'not_level_above' | 'on_chain';
export type ConfirmCheck = { readonly ok: true; readonly role: CaseRole } | { readonly ok: false; readonly why: ConfirmRefusal };

/** Accept modes that hand an accusation out of the normal handling path (DESIGN §3.2 accept). */
const SENSITIVE_MODES = ['keep_on_file', 'transfer', 'refer', 'report_up'] as const;
type SensitiveMode = (typeof SENSITIVE_MODES)[number];

/** A staff-entered receipt older than this needs a second person (DESIGN §3.3). */
export const BACKDATE_LIMIT_MS = 3 * 24 * 60 * 60 * 1000;

export function isBackdated(receivedAt: Date, now: Date): boolean {
  return now.getTime() - receivedAt.getTime() > BACKDATE_LIMIT_MS;
}

/** Whether the actor may confirm (or decide) this decision; the requester never may (DESIGN §3.3). */
export function mayConfirm(actor: Actor, d: PendingDecisionView, c: CaseView): ConfirmCheck {
  if (d.requestedBy === actor.userId) return { ok: false, why: 'requester' };
  if (d.confirmations.some((x) => x.userId === actor.userId)) return { ok: false, why: 'already_confirmed' };
  const info = PENDING_KIND_INFO[d.kind];
  const confirmers: readonly CaseRole[] = info.confirmers;
  const covered = new Set(d.confirmations.map((x) => x.role));
  const roles = actor.roles.filter((r): r is CaseRole => (confirmers as readonly string[]).includes(r) && !(info.everyRole && covered.has(r)));
  if (roles.length === 0) return { ok: false, why: 'role' };
  if (info.outsideChain && chainUnitIds(c).includes(actor.unitId)) return { ok: false, why: 'on_chain' };
  // A return below the top is decided by the level above; the assigner may always decide.
  const above = levelAbove(c);
  const fromAbove = above !== null && above.unitId === actor.unitId;
  const fitting = roles.filter((r) => (r !== 'liaison' && r !== 'unit_head') || fromAbove);
  const role = fitting[0];
  return role === undefined ? { ok: false, why: 'not_level_above' } : { ok: true, role };
}

/** True once the confirmations present are enough for the effect to apply. */
export function isSatisfied(d: PendingDecisionView): boolean {
  const info = PENDING_KIND_INFO[d.kind];
  if (!info.everyRole) return d.confirmations.length > 0;
  const roles = new Set(d.confirmations.map((x) => x.role));
  return info.confirmers.every((r) => roles.has(r));
}

/** Pending decisions settled by `action` (decide_* or confirm/decline). */
export function pendingFor(c: CaseView, action: DecidingAction): PendingDecisionView[] {
  return c.pending.filter((d) => PENDING_KIND_INFO[d.kind].decidedBy === action);
}

/** The ones among them this actor may settle. */
export function decidableBy(actor: Actor, c: CaseView, action: DecidingAction): PendingDecisionView[] {
  return pendingFor(c, action).filter((d) => mayConfirm(actor, d, c).ok);
}

/** The pending decision an action creates instead of taking effect, or null when it applies at once. */
export function confirmationFor(action: CaseAction, ctx: ConfirmationContext): PendingKind | null {
  const c = ctx.caseView;
  switch (action) {
    case 'accept':
      return acceptConfirmation(ctx);
    case 'not_accept':
      return c.isAccusation ? 'not_accept' : null;
    case 'merge':
      return c.isAccusation ? 'merge' : null;
    case 'reclassify':
      if (removesAccusationOrSubject(ctx)) return 'reclassify';
      return receivedAtIsBackdated(ctx) ? 'backdated_receipt' : null;
    case 'reopen':
      return c.reopenCount >= 2 ? 'reopen' : null;
    case 'request_return':
      return 'return';
    case 'request_extension':
      return 'extension';
    case 'request_suspension':
      return 'suspension';
    default:
      return null;
  }
}

function acceptConfirmation(ctx: ConfirmationContext): PendingKind | null {
  const after = accusationAfter(ctx);
  const mode = ctx.input.mode;
  const sensitive = SENSITIVE_MODES.find((m): m is SensitiveMode => m === mode);
  if ((ctx.caseView.isAccusation || after) && sensitive !== undefined) return sensitive;
  if (removesAccusationOrSubject(ctx)) return 'reclassify';
  if (after && ctx.input.notIdentifiable === true) return 'not_identifiable';
  return null;
}

/** Accusation status once the form applies; missing fields keep the case's own values. */
function accusationAfter(ctx: ConfirmationContext): boolean {
  const c = ctx.caseView;
  const type = CASE_TYPE_CODES.find((t): t is CaseType => t === ctx.input.type) ?? c.type;
  const scopeInput = ctx.input.scope;
  const scope = scopeInput === undefined ? c.scope : (CASE_SCOPE_CODES.find((s): s is CaseScope => s === scopeInput) ?? null);
  const subjects = subjectIdsOf(ctx.input);
  return isAccusation({ type, scope, subjectCount: subjects === null ? c.subjects.length : subjects.length });
}

function removesAccusationOrSubject(ctx: ConfirmationContext): boolean {
  const c = ctx.caseView;
  if (c.isAccusation && !accusationAfter(ctx)) return true;
  const kept = subjectIdsOf(ctx.input);
  if (kept === null) return false;
  return c.subjects.some((s) => !kept.includes(s.id));
}

/** Ids of existing subjects the form keeps (new subjects carry no id); null when the form leaves subjects alone. */
function subjectIdsOf(input: Readonly<Record<string, unknown>>): (string | null)[] | null {
  const subjects = input.subjects;
  if (!Array.isArray(subjects)) return null;
  return subjects.map((s: unknown) => {
    if (typeof s !== 'object' || s === null || !('id' in s)) return null;
    return typeof s.id === 'string' ? s.id : null;
  });
}

function receivedAtIsBackdated(ctx: ConfirmationContext): boolean {
  const at = ctx.input.receivedAt;
  if (typeof at !== 'string') return false;
  const when = new Date(at);
  return !Number.isNaN(when.getTime()) && isBackdated(when, ctx.now);
}
