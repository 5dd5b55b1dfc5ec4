// Which unit is competent for an accusation, by the subject's rank (DESIGN §3.4). Configuration the bureau confirms.
import type { CaseView, SubjectView } from './case-view.js';
import type { Bilingual } from './i18n-text.js';
import { unitEligibility } from './firewall.js';
import type { Rank } from './roles.js';
import { ancestorsOf, type UnitTree } from './units.js';

export type RoutingRule =
  /** The 督察大队 of the 分局/县局 the subject works in. */
  | { readonly route: 'branch_inspection' }
  /** The city 督察支队, optionally together with discipline inspection (纪检). */
  | { readonly route: 'city_inspection'; readonly withDisciplineInspection: boolean }
  /** 上报 to the superior organ, sealed. */
  | { readonly route: 'report_up' };

export type RoutingTable = Readonly<Record<Rank, RoutingRule>>;

export const ROUTES = ['branch_inspection', 'city_inspection', 'report_up'] as const satisfies readonly RoutingRule['route'][];

export const ROUTE_LABELS = {
  branch_inspection: { zh: '所在分局/县局督察大队', en: "The inspection squad of the subject's branch or county bureau" },
  city_inspection: { zh: '市局督察支队', en: 'The city inspection detachment' },
  report_up: { zh: '上报上级机关（密封）', en: 'Report up to the superior organ (sealed)' },
} as const satisfies Record<RoutingRule['route'], Bilingual>;

export const DEFAULT_ROUTING = {
  officer: { route: 'branch_inspection' },
  unit_leader: { route: 'city_inspection', withDisciplineInspection: false },
  branch_leader: { route: 'city_inspection', withDisciplineInspection: true },
  city_leader: { route: 'report_up' },
  inspector: { route: 'report_up' },
} as const satisfies RoutingTable;

export type RouteSuggestion =
  | { readonly mode: 'assign'; readonly unitId: string; readonly withDisciplineInspection: boolean }
  | { readonly mode: 'report_up'; readonly sealed: true }
  | { readonly mode: 'none'; readonly reason: 'rank_unknown' | 'unit_unknown' | 'no_inspection_unit' };

/** Seniority for choosing the subject that decides the route when there are several. */
const RANK_WEIGHT = { officer: 0, unit_leader: 1, branch_leader: 2, city_leader: 3, inspector: 3 } as const satisfies Record<Rank, number>;

/** The inspection unit directly under `unitId`, if any. */
function inspectionChild(tree: UnitTree, unitId: string): string | null {
  const child = (tree.children.get(unitId) ?? []).find((id) => tree.units.get(id)?.inspection === true);
  return child ?? null;
}

function cityInspection(tree: UnitTree): string | null {
  return inspectionChild(tree, tree.rootId);
}

/** The 督察大队 of the nearest 分局/县局 at or above the unit; null for units outside any branch or county. */
function branchInspection(tree: UnitTree, unitId: string): string | null {
  for (const id of [unitId, ...ancestorsOf(tree, unitId)]) {
    const kind = tree.units.get(id)?.kind;
    if (kind === 'branch' || kind === 'county') return inspectionChild(tree, id);
  }
  return null;
}

/** Suggests the competent unit for one subject; officers outside a branch (city detachments) go to the city 督察支队. */
export function suggestUnit(subject: Pick<SubjectView, 'unitId' | 'rank'>, tree: UnitTree, routing: RoutingTable = DEFAULT_ROUTING): RouteSuggestion {
  if (subject.rank === null) return { mode: 'none', reason: 'rank_unknown' };
  const rule = routing[subject.rank];
  if (rule.route === 'report_up') return { mode: 'report_up', sealed: true };
  if (subject.unitId === null || !tree.units.has(subject.unitId)) return { mode: 'none', reason: 'unit_unknown' };
  const city = cityInspection(tree);
  if (rule.route === 'branch_inspection') {
    const unitId = branchInspection(tree, subject.unitId) ?? city;
    return unitId === null ? { mode: 'none', reason: 'no_inspection_unit' } : { mode: 'assign', unitId, withDisciplineInspection: false };
  }
  return city === null ? { mode: 'none', reason: 'no_inspection_unit' } : { mode: 'assign', unitId: city, withDisciplineInspection: rule.withDisciplineInspection };
}

/** The route for a whole case: the most senior subject decides; a suggestion the firewall refuses falls back to the city. */
export function suggestRoute(c: CaseView, tree: UnitTree, routing: RoutingTable = DEFAULT_ROUTING): RouteSuggestion {
  const ranked = c.subjects.filter((s) => s.rank !== null);
  const senior = ranked.reduce<SubjectView | null>((best, s) => (best === null || weight(s) > weight(best) ? s : best), null);
  if (senior === null) return { mode: 'none', reason: 'rank_unknown' };
  const suggestion = suggestUnit(senior, tree, routing);
  if (suggestion.mode !== 'assign' || unitEligibility(c, tree, suggestion.unitId).eligible) return suggestion;
  const city = cityInspection(tree);
  if (city !== null && unitEligibility(c, tree, city).eligible) return { ...suggestion, unitId: city };
  return { mode: 'report_up', sealed: true };
}

function weight(s: SubjectView): number {
  return s.rank === null ? -1 : RANK_WEIGHT[s.rank];
}

/**
 * Whether the case must be sealed as its subjects are linked: a subject routed up, or one in the root or the city
 * 督察支队 (the centre itself). Otherwise the forbidden set would hide the case from the very people who must seal it.
 */
export function sealRequired(c: CaseView, tree: UnitTree, routing: RoutingTable = DEFAULT_ROUTING): boolean {
  if (!c.isAccusation) return false;
  const centre = cityInspection(tree);
  return c.subjects.some((s) => (s.rank !== null && routing[s.rank].route === 'report_up') || s.unitId === tree.rootId || (s.unitId !== null && s.unitId === centre));
}
