// The firewall and the unit scope of DESIGN §1, §3.3 and §3.4 as one SQL condition, so lists, search and
// statistics leave out inside the query what the detail would answer 404 for. It may hide more than the
// domain's canSee in one corner (a head whose subordinate head is accused elsewhere), never less.
import { isCentreRole, isUnitRole } from '../../domain/actions.js';
import type { Actor } from '../../domain/case-view.js';
import { ancestorsOf, descendantsOf, headsOf, type UnitTree } from '../../domain/units.js';

export interface ScopeSql {
  /** a condition on the case alias `c`, with $-placeholders starting after `offset` */
  readonly where: string;
  readonly params: unknown[];
  /** false when the user holds no case role: nothing to list */
  readonly any: boolean;
  readonly centre: boolean;
}

export function caseScope(actor: Actor, tree: UnitTree, sealedGroup: readonly string[], offset: number): ScopeSql {
  const centre = actor.roles.some(isCentreRole);
  const unitRole = actor.roles.some(isUnitRole);
  const head = actor.roles.includes('unit_head');
  const headed = [...tree.heads].filter(([, heads]) => heads.includes(actor.userId)).map(([unitId]) => unitId);
  const headsBelow = [...new Set(headed.flatMap((u) => (tree.children.get(u) ?? []).flatMap((child) => [...headsOf(tree, child)])))];
  const p = (i: number) => `$${String(offset + i)}`;
  const below = head ? descendantsOf(tree, actor.unitId) : [];
  const params: unknown[] = [
    actor.userId,
    actor.policeNumber === null ? null : Buffer.from(actor.policeNumber, 'hex'),
    sealedGroup.includes(actor.userId),
    [actor.unitId, ...ancestorsOf(tree, actor.unitId)],
    headsBelow,
  ];
  const common = `
    NOT EXISTS (SELECT 1 FROM case_conflicts cc WHERE cc.case_id = c.id AND cc.user_id = ${p(1)})
    AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.case_id = c.id AND (s.linked_user_id = ${p(1)} OR s.police_number_bidx = ${p(2)}::bytea))
    AND (NOT c.sealed OR ${p(3)}::boolean)
    AND (c.sealed OR NOT c.is_accusation OR NOT EXISTS (SELECT 1 FROM subjects s WHERE s.case_id = c.id AND (s.linked_unit_id = ANY(${p(4)}::uuid[]) OR s.linked_user_id = ANY(${p(5)}::uuid[]))))`;
  if (centre) return { where: `(${common}\n  )`, params, any: true, centre };
  // A unit user sees a case through a granted level of the current cycle at their unit (lead or co-handling),
  // or — for a head, and never for accusations — at a unit below theirs. Written as a top-level EXISTS on the
  // level alone (one of their units) and, for accusations only, a second test that the level is their own
  // unit: the same set as "own unit, or a unit below for non-accusations", but the first EXISTS correlates
  // by (case, cycle) only, so the planner can start a unit's list from its own dispatch levels (their indexes)
  // instead of testing every case. Containment (@>) rather than = ANY() lets the co-unit test use its GIN index.
  params.push(actor.unitId, [actor.unitId, ...below]);
  const level = 'd.case_id = c.id AND d.cycle = c.cycle AND d.granted';
  const where = `(${common}
    AND EXISTS (SELECT 1 FROM dispatch_levels d WHERE ${level} AND (d.unit_id = ANY(${p(7)}::uuid[]) OR d.co_unit_ids && ${p(7)}::uuid[]))
    AND (NOT c.is_accusation OR EXISTS (SELECT 1 FROM dispatch_levels d WHERE ${level} AND (d.unit_id = ${p(6)}::uuid OR d.co_unit_ids @> ARRAY[${p(6)}::uuid])))
  )`;
  return { where, params, any: unitRole, centre };
}
