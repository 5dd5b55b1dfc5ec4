// A request held for a second person (DESIGN §3.3) waits only for what its rule is about. The screening that
// came with it (subjects linked, type, scope) applies at once, so the firewall and the seal protect the case
// from the moment a clerk names the accused, not from the moment someone confirms the handling mode.
import type { PendingKind } from '../../domain/pending-kinds.js';
import { sealRequired } from '../../domain/routing.js';
import { applyClassification } from './classification.js';
import type { ActionInput } from './form-validation.js';
import { reclassifyCase } from './intake-effects.js';
import type { ActionScope } from './scope.js';

/** Rules about the handling mode or the receipt time: the subjects they carry are not what waits. */
const SCREEN_AT_ONCE: readonly PendingKind[] = ['keep_on_file', 'transfer', 'refer', 'report_up', 'backdated_receipt'];

/** Applies the screening part of a held accept or reclassify; returns the input left for the confirmer. */
export async function screenBeforeHolding(s: ActionScope, kind: PendingKind): Promise<ActionInput> {
  if (!SCREEN_AT_ONCE.includes(kind)) return s.input;
  if (s.action === 'reclassify') {
    const { receivedAt, reason, ...now } = s.input;
    if (Object.keys(now).length > 0) await reclassifyCase({ ...s, input: { ...now, reason } });
    return { receivedAt, reason };
  }
  if (s.action !== 'accept') return s.input;
  const after = await applyClassification(s);
  if (after.isAccusation && !s.record.row.sealed && sealRequired(after, s.org.tree, s.routing)) s.change.set('sealed', true);
  // The confirmer's accept names the same subjects by their ids, so nothing is inserted twice.
  return Array.isArray(s.input.subjects) ? { ...s.input, subjects: after.subjects.map((x) => ({ id: x.id })) } : s.input;
}
