// Who may be named handler (承办人) of a case at a unit: the unit's active users holding the handler role who
// can see the case — recusal by police number and the forbidden set count (DESIGN §3.3, §3.4). One source
// for the assign_handler form's choices (case detail) and for the command's own check, so the form never
// offers a name the command would refuse, nor hides one it would take.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';
import type { CaseView } from '../../domain/case-view.js';
import { withProperty, choice, type JsonSchema } from '../../domain/forms/schema.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { canSee, type ActionOffer } from '../../domain/policies.js';
import type { Role } from '../../domain/roles.js';
import type { UnitTree } from '../../domain/units.js';

export interface EligibleHandler {
  readonly userId: string;
  readonly displayName: string;
  readonly policeNumber: string | null;
}

export async function eligibleHandlers(deps: Pick<Deps, 'blind'>, tx: pg.ClientBase, view: CaseView, tree: UnitTree, unitId: string): Promise<EligibleHandler[]> {
  const r = await tx.query<{ id: string; display_name: string; police_number: string | null; roles: Role[] }>(
    `SELECT u.id, u.display_name, u.police_number, array_agg(g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL
     WHERE u.unit_id = $1 AND u.active GROUP BY u.id HAVING 'handler' = ANY(array_agg(g.role)) ORDER BY u.display_name, u.id`,
    [unitId],
  );
  return r.rows.flatMap((u) => {
    const actor = { userId: u.id, unitId, roles: u.roles, policeNumber: u.police_number === null ? null : deps.blind.index('police-number', u.police_number).toString('hex') };
    return canSee(actor, view, tree) ? [{ userId: u.id, displayName: u.display_name, policeNumber: u.police_number }] : [];
  });
}

/** 韩某（警号012345）: two namesakes in one station stay apart. */
function handlerLabel(h: EligibleHandler): Bilingual {
  return h.policeNumber === null ? { zh: h.displayName, en: h.displayName } : { zh: `${h.displayName}（警号${h.policeNumber}）`, en: `${h.displayName} (No. ${h.policeNumber})` };
}

/**
 * The assign_handler offer with its handlerUserId narrowed from a bare UUID to an enum of the current unit's
 * eligible handlers, labelled with their names (DESIGN §10: choices the server restricts are in the schema).
 */
export async function withHandlerChoices(deps: Pick<Deps, 'blind'>, tx: pg.ClientBase, view: CaseView, tree: UnitTree, unitId: string | null, offers: ActionOffer[]): Promise<ActionOffer[]> {
  const i = offers.findIndex((o) => o.code === 'assign_handler');
  const offer = offers[i];
  if (offer === undefined || unitId === null) return offers;
  const handlers = await eligibleHandlers(deps, tx, view, tree, unitId);
  const field = offer.fields.properties?.handlerUserId;
  const label = field?.['x-label'] ?? { zh: '承办人', en: 'Handler' };
  const fields: JsonSchema = withProperty(offer.fields, 'handlerUserId', choice(label, Object.fromEntries(handlers.map((h) => [h.userId, handlerLabel(h)]))));
  return offers.map((o, j) => (j === i ? { ...o, fields } : o));
}
