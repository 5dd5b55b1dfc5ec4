// Who may see a case and take an action on it (DESIGN §1 scope, §3 table, §3.4 firewall, §10 precedence).
import { ACTION_GUARDS, forbidden, notInThisState, type Authorization, type Refusal } from './action-guards.js';
import { isCentreRole, isUnitRole, STAFF_ACTIONS, type CaseAction, type Performer } from './actions.js';
import { activeLevels, chainUnitIds, currentLevel, levelAbove, type Actor, type CaseView } from './case-view.js';
import { passesFirewall } from './firewall.js';
import type { Bilingual } from './i18n-text.js';
import { ACTION_TABLE, type Reach } from './lifecycle.js';
import { tailoredFields } from './offers.js';
import type { JsonSchema } from './forms/index.js';
import { isBelow, type UnitTree } from './units.js';

export type { Actor, CaseView } from './case-view.js';
export type { UnitTree } from './units.js';
export type { Authorization, Refusal } from './action-guards.js';

/** One entry of a case's `actions` (DESIGN §10): only what this user may do now. */
export interface ActionOffer {
  readonly code: CaseAction;
  readonly label: Bilingual;
  readonly fields: JsonSchema;
}

/** Byte-identical whatever else is wrong (DESIGN §10). */
export const NOT_FOUND: Refusal = { ok: false, reason: 'not_found', detail: { zh: '案件不存在', en: 'Case not found' } };
const OK: Authorization = { ok: true };

/**
 * Whether the case exists for this user: recusal, seal and forbidden set first (§3.3, §3.4); then centre roles see
 * everything; unit roles see what their unit holds a grant for or was told of for information, and a unit head what its
 * sub-units hold, except accusations.
 */
export function canSee(actor: Actor, c: CaseView, tree: UnitTree): boolean {
  const roles = actor.roles.filter((r) => isCentreRole(r) || isUnitRole(r));
  if (roles.length === 0) return false;
  if (!passesFirewall(actor, c, tree)) return false;
  if (roles.some(isCentreRole)) return true;
  const units = [...chainUnitIds(c), ...c.informedUnitIds];
  if (units.includes(actor.unitId)) return true;
  if (c.isAccusation || !roles.includes('unit_head')) return false;
  return units.some((u) => isBelow(tree, u, actor.unitId));
}

function reaches(reach: Reach, actor: Actor, c: CaseView): boolean {
  switch (reach) {
    case 'visible':
      return true;
    case 'on_chain':
      return activeLevels(c).some((l) => l.unitId === actor.unitId);
    case 'current_level':
      return currentLevel(c)?.unitId === actor.unitId;
    case 'current_handler':
      return currentLevel(c)?.unitId === actor.unitId && (c.handlerUserId === null || c.handlerUserId === actor.userId);
    case 'level_above':
      return levelAbove(c)?.unitId === actor.unitId;
  }
}

/** The role part of the decision (403 in DESIGN §10's order, before If-Match and the state); null when a role may act. */
export function roleRefusal(actor: Actor, action: CaseAction, c: CaseView): Refusal | null {
  const row = ACTION_TABLE[action];
  const byRole = actor.roles.filter((r) => row.roles.includes(r));
  if (byRole.length === 0) return forbidden('您的角色不能进行此操作', 'Your roles do not allow this action');
  const reaching = byRole.filter((r) => !isUnitRole(r) || reaches(row.reach, actor, c));
  if (reaching.length === 0) return forbidden('此操作应由案件当前所在单位进行', 'Only the unit that holds the case at this level may do this');
  return null;
}

/** The decision for one action, in the order of DESIGN §10: not_found, then forbidden (role), then wrong_state. */
export function authorize(actor: Actor, action: CaseAction, c: CaseView, tree: UnitTree): Authorization {
  if (!canSee(actor, c, tree)) return NOT_FOUND;
  const refusal = roleRefusal(actor, action, c);
  if (refusal !== null) return refusal;
  const row = ACTION_TABLE[action];
  if (!row.from.includes(c.state)) return notInThisState(c);
  const reaching = actor.roles.filter((r) => row.roles.includes(r) && (!isUnitRole(r) || reaches(row.reach, actor, c)));
  const inState = reaching.filter((r: Performer) => row.roleStates?.[r]?.includes(c.state) ?? true);
  if (inState.length === 0) return forbidden('您的角色在此状态下不能进行此操作', 'Your roles do not allow this action in this state');
  const guard = ACTION_GUARDS[action];
  return guard === null ? OK : (guard({ actor, roles: inState, caseView: c, tree }) ?? OK);
}

/** The `actions` of a case detail: every staff action the table and the policies allow this user now. */
export function availableActions(c: CaseView, actor: Actor, tree: UnitTree): ActionOffer[] {
  if (!canSee(actor, c, tree)) return [];
  return STAFF_ACTIONS.filter((a) => authorize(actor, a, c, tree).ok).map((code) => {
    const row = ACTION_TABLE[code];
    return { code, label: row.label, fields: tailoredFields(code, row.fields, c, actor, tree) };
  });
}
