// Who sees the reporter by default, per role × type × state (DESIGN §7.2); everyone else uses reveal_reporter.
import { isUnitRole } from './actions.js';
import type { CaseState } from './case-states.js';
import { chainUnitIds, type Actor, type CaseView } from './case-view.js';
import { CASE_TYPE_CODES, type CaseType } from './data/taxonomy.js';
import { CASE_ROLES, type CaseRole } from './roles.js';
import { perState } from './state-groups.js';

/** 'contact': name and the means to call back (phone, e-mail); 'full' adds address, workplace, OpenID and originals. */
export type ReporterVisibility = 'full' | 'contact' | 'name_if_consented' | 'none';
/** The resolved answer for one user: consent turned into 'name' or 'none'. */
export type ReporterAccess = 'full' | 'contact' | 'name' | 'none';

type ByState = Readonly<Record<CaseState, ReporterVisibility>>;
type ByType = Readonly<Record<CaseType, ByState>>;

const everywhere = (v: ReporterVisibility): ByState => perState(() => v);
const only = (states: readonly CaseState[], v: ReporterVisibility): ByState => perState((s) => (states.includes(s) ? v : 'none'));
const byType = (f: (t: CaseType) => ByState): ByType => Object.fromEntries(CASE_TYPE_CODES.map((t) => [t, f(t)])) as Record<CaseType, ByState>;

/** Types whose handler calls the reporter back within a day (DESIGN §7.2). */
const CALL_BACK_TYPES: readonly CaseType[] = ['complaint', 'suggestion', 'consultation', 'other'];
/** While the unit works on the case; afterwards the centre talks to the reporter. */
const HANDLING_STATES: readonly CaseState[] = ['in_progress', 'under_review'];

const CENTRE = byType(() => everywhere('full'));
const NOBODY = byType(() => everywhere('none'));
/** The praised unit sees the name only if the reporter agreed. */
const PRAISED_UNIT = byType((t) => everywhere(t === 'praise' ? 'name_if_consented' : 'none'));

/** Accusations use the 'accusation' column whatever their public type: units never see the reporter without a grant. */
export const REPORTER_VISIBILITY = {
  intake: CENTRE,
  assigner: CENTRE,
  followup: CENTRE,
  supervision_head: CENTRE,
  duty_leader: NOBODY,
  bureau_leader: NOBODY,
  archivist: NOBODY,
  liaison: PRAISED_UNIT,
  unit_head: PRAISED_UNIT,
  handler: byType((t) => {
    if (t === 'praise') return everywhere('name_if_consented');
    return CALL_BACK_TYPES.includes(t) ? only(HANDLING_STATES, 'contact') : everywhere('none');
  }),
} as const satisfies Record<CaseRole, ByType>;

export function defaultReporterVisibility(role: CaseRole, type: CaseType, state: CaseState): ReporterVisibility {
  return REPORTER_VISIBILITY[role][type][state];
}

const RANK = { none: 0, name: 1, contact: 2, full: 3 } as const satisfies Record<ReporterAccess, number>;

function isCaseRole(role: string): role is CaseRole {
  return (CASE_ROLES as readonly string[]).includes(role);
}

/** What this user sees of the reporter of this case by default; the presenter redacts everything above it. */
export function reporterAccessFor(actor: Actor, c: CaseView): ReporterAccess {
  const type: CaseType = c.isAccusation ? 'accusation' : c.type;
  const onChain = chainUnitIds(c).includes(actor.unitId);
  let best: ReporterAccess = 'none';
  for (const role of actor.roles.filter(isCaseRole)) {
    const access = resolve(role, defaultReporterVisibility(role, type, c.state), actor, c, onChain);
    if (RANK[access] > RANK[best]) best = access;
  }
  return best;
}

function resolve(role: CaseRole, base: ReporterVisibility, actor: Actor, c: CaseView, onChain: boolean): ReporterAccess {
  if (isUnitRole(role)) {
    if (!onChain) return 'none';
    if (c.isAccusation) return c.reporterGrantUnitIds.includes(actor.unitId) ? 'full' : 'none';
    // Only the assigned handler calls back, not every handler of the unit.
    if (role === 'handler' && base === 'contact' && c.handlerUserId !== actor.userId) return 'none';
  }
  if (base === 'name_if_consented') return c.reporterConsentsToName ? 'name' : 'none';
  return base;
}

/** reveal_reporter is offered where the default shows nothing and there is an identity to reveal. */
export function mayRevealReporter(actor: Actor, c: CaseView): boolean {
  return c.anonymity === 'real_name' && reporterAccessFor(actor, c) === 'none';
}
