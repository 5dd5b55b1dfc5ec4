// One staff action on one case, in one transaction, in the order of DESIGN §10: 404 (nonexistent, out of
// scope, recused, sealed), 403 (role), 428/412 (If-Match), 409 (state or guard), 422 (form), then the effect.
import type { StaffAction } from '../../domain/actions.js';
import { confirmationFor } from '../../domain/pending-decisions.js';
import { authorize, canSee, roleRefusal } from '../../domain/policies.js';
import { findCaseRow, loadCaseParts } from '../../store/case-record.js';
import { caseViewOf, localDateOf, type ViewContext } from '../../store/case-view-of.js';
import { CommandError } from '../command-error.js';
import { inTransaction, type Deps } from '../deps.js';
import { commitChange, type Committed } from './commit.js';
import { applyEffect } from './effects.js';
import { holdForDecision } from './decisions.js';
import { screenBeforeHolding } from './held-screening.js';
import { validateOffered } from './unit-choices.js';
import { CaseChange, type ActionScope, type StaffActor } from './scope.js';

export interface ActionRequest {
  readonly caseNumber: string;
  readonly action: StaffAction;
  readonly body: unknown;
  /** the If-Match version; null when the header is missing */
  readonly ifMatch: number | null;
}

export interface ActionOutcome extends Committed {
  /** the action was held as a pending decision instead of taking effect */
  readonly held: boolean;
  readonly extra: Record<string, unknown> | null;
}

const NOT_FOUND = new CommandError('not_found');

export async function runCaseAction(deps: Deps, actor: StaffActor, req: ActionRequest): Promise<ActionOutcome> {
  return inTransaction(deps.pool, async (tx) => {
    const row = await findCaseRow(tx, req.caseNumber, true);
    if (row === null) throw NOT_FOUND;
    const { org, calendar, policies, routing, sealedGroup } = await deps.reference.get(tx);
    const now = deps.clock.now();
    const today = localDateOf(now, deps.timezone);
    const ctx: ViewContext = { today, calendar, sealedGroup };
    const record = await loadCaseParts(tx, row);
    const view = caseViewOf(record, ctx, deps.timezone);
    if (!canSee(actor, view, org.tree)) throw NOT_FOUND;
    const refusal = roleRefusal(actor, req.action, view);
    if (refusal !== null) throw new CommandError('forbidden', refusal.detail);
    // A policy refusal (403) outranks the version check; a state refusal (409) comes after it (DESIGN §10).
    const auth = authorize(actor, req.action, view, org.tree);
    if (!auth.ok && auth.reason === 'forbidden') throw new CommandError('forbidden', auth.detail);
    if (req.ifMatch === null) throw new CommandError('precondition_required');
    if (req.ifMatch !== row.version) throw new CommandError('stale');
    if (!auth.ok) throw new CommandError(auth.reason === 'wrong_state' ? 'wrong_state' : auth.reason, auth.detail);
    const input = validateOffered(req.action, view, actor, org, req.body);
    const scope: ActionScope = { deps, tx, action: req.action, actor, record, view, org, calendar, policies, routing, now, today, input, change: new CaseChange() };
    const kind = confirmationFor(req.action, { caseView: view, input, now });
    if (kind === null) await applyEffect(req.action, scope);
    else {
      // A request that could never apply (an unknown master, unlinked subjects, a refused unit) is refused
      // now, not handed to the second person: the effect runs once against a change that is thrown away.
      await applyEffect(req.action, { ...scope, change: new CaseChange(), confirmed: kind });
      holdForDecision({ ...scope, input: await screenBeforeHolding(scope, kind) }, kind);
    }
    const committed = await commitChange(scope, ctx);
    return { ...committed, held: kind !== null, extra: scope.change.extra };
  });
}
