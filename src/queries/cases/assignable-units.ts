// GET /api/v1/cases/:number/assignable-units (DESIGN §10): every unit with `eligible` and the reason, and
// the routing table's suggestion first (§3.4).
import type { Deps } from '../../commands/deps.js';
import { inTransaction } from '../../commands/deps.js';
import type { Actor } from '../../domain/case-view.js';
import { assignableUnits, type UnitIneligibility } from '../../domain/firewall.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { suggestRoute } from '../../domain/routing.js';
import { ancestorsOf } from '../../domain/units.js';
import { loadRouting } from '../../store/reference-data.js';
import { readableCase } from './readable.js';

const REASONS: Readonly<Record<UnitIneligibility, Bilingual>> = {
  subject_unit: { zh: '被反映人所在单位', en: "The subject's own unit" },
  below_subject_unit: { zh: '隶属于被反映人所在单位', en: "Below the subject's unit" },
  head_forbidden: { zh: '单位负责人须回避', en: 'Its head is barred from this case' },
  sealed: { zh: '密封件不交办', en: 'Sealed cases are not assigned' },
};

export interface AssignableUnitsView {
  readonly suggestion: { mode: string; unitId: string | null; withDisciplineInspection: boolean } | null;
  readonly items: { id: string; code: string; name: string; parentId: string | null; depth: number; eligible: boolean; reason: { code: string; zh: string; en: string } | null }[];
}

export async function assignableUnitsFor(deps: Deps, actor: Actor, caseNumber: string): Promise<AssignableUnitsView> {
  return inTransaction(deps.pool, async (tx) => {
    const { view, org } = await readableCase(deps, tx, actor, caseNumber);
    const route = view.isAccusation ? suggestRoute(view, org.tree, await loadRouting(tx)) : null;
    const suggestion =
      route === null || route.mode === 'none'
        ? null
        : route.mode === 'assign'
          ? { mode: 'assign', unitId: route.unitId, withDisciplineInspection: route.withDisciplineInspection }
          : { mode: 'report_up', unitId: null, withDisciplineInspection: false };
    return {
      suggestion,
      items: assignableUnits(view, org.tree).map(({ unitId, eligibility }) => {
        const unit = org.units.get(unitId);
        return {
          id: unitId,
          code: unit?.code ?? '',
          name: unit?.name ?? '',
          parentId: unit?.parentId ?? null,
          depth: ancestorsOf(org.tree, unitId).length,
          eligible: eligibility.eligible,
          reason: eligibility.eligible ? null : { code: eligibility.reason, ...REASONS[eligibility.reason] },
        };
      }),
    };
  });
}
