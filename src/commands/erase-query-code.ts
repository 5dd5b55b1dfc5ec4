// The encrypted copy of a query code is kept only until the acknowledgement that carries it has been
// delivered (DESIGN §7.4), then erased: from then on only its keyed hash exists, which opens the case but
// cannot be read back. The relay calls this after marking an acknowledgement delivered; a sweep erases what
// a crash between the two left behind.
import type { OutboxKind } from '../domain/outbox-kinds.js';
import { caseDigest } from '../security/audit-digest.js';
import { insertAudit } from '../store/audit-rows.js';
import { findCaseRowById } from '../store/case-record.js';
import { canonicalStateBytes, loadChildren } from '../store/case-state.js';
import { inTransaction, type Deps } from './deps.js';

export const ACKNOWLEDGEMENT_KIND = 'reporter.acknowledgement' satisfies OutboxKind;

/** Erases the case's stored query code once an acknowledgement of it was delivered; answers whether it did. */
export async function eraseDeliveredQueryCode(deps: Deps, caseId: string): Promise<boolean> {
  return inTransaction(deps.pool, async (tx) => {
    const row = await findCaseRowById(tx, caseId, true);
    if (row?.queryCodeEnc === null || row === null) return false;
    const delivered = await tx.query('SELECT 1 FROM outbox WHERE case_id = $1 AND kind = $2 AND delivered_at IS NOT NULL LIMIT 1', [caseId, ACKNOWLEDGEMENT_KIND]);
    if (delivered.rowCount === 0) return false;
    await tx.query('UPDATE cases SET query_code_enc = NULL WHERE id = $1', [caseId]);
    const erased = { ...row, queryCodeEnc: null };
    const children = (await loadChildren(tx, [caseId])).get(caseId) ?? [];
    // The audit record carries the digest of the state without the copy, so `audit verify` stays clean.
    await insertAudit(tx, { actorKind: 'system', action: 'case.query_code_erased', caseId, caseDigest: caseDigest(deps.ring, canonicalStateBytes(erased, children)) });
    return true;
  });
}

/** Erases every copy whose acknowledgement was delivered but not yet followed by the erasure. */
export async function sweepDeliveredQueryCodes(deps: Deps, limit = 200): Promise<number> {
  const r = await deps.pool.query<{ id: string }>(
    `SELECT c.id FROM cases c WHERE c.query_code_enc IS NOT NULL
       AND EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.kind = $1 AND o.delivered_at IS NOT NULL)
     LIMIT $2::int`,
    [ACKNOWLEDGEMENT_KIND, limit],
  );
  let erased = 0;
  for (const { id } of r.rows) if (await eraseDeliveredQueryCode(deps, id)) erased++;
  return erased;
}
