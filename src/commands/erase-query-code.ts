// The encrypted copy of a query code is kept only until the acknowledgement that carries it has been
// delivered (DESIGN §7.4), then erased: from then on only its keyed hash exists, which opens the case but
// cannot be read back. A reissued code (补发查询码) travels the same way in its own message. The relay calls
// this after marking such a message delivered; a sweep erases what a crash between the two left behind.
// Only the latest message counts: a code reissued while an earlier one is still on its way is the copy now
// stored, and it stays until the message meant for it has been delivered.
import type { OutboxKind } from '../domain/outbox-kinds.js';
import { caseDigest } from '../security/audit-digest.js';
import { insertAudit } from '../store/audit-rows.js';
import { findCaseRowById } from '../store/case-record.js';
import { canonicalStateBytes, loadChildren } from '../store/case-state.js';
import { inTransaction, type Deps } from './deps.js';

export const ACKNOWLEDGEMENT_KIND = 'reporter.acknowledgement' satisfies OutboxKind;
export const REISSUED_CODE_KIND = 'reporter.query_code' satisfies OutboxKind;
/** The outbox kinds whose message carries the case's query code. */
export const CODE_CARRYING_KINDS: readonly OutboxKind[] = [ACKNOWLEDGEMENT_KIND, REISSUED_CODE_KIND];

export function carriesQueryCode(kind: string): boolean {
  return (CODE_CARRYING_KINDS as readonly string[]).includes(kind);
}

/** The latest code-carrying message of each case, delivered. */
const LATEST_DELIVERED = `(SELECT o.delivered_at IS NOT NULL FROM outbox o WHERE o.case_id = c.id AND o.kind = ANY($1::text[]) ORDER BY o.id DESC LIMIT 1)`;

/** Erases the case's stored query code once an acknowledgement of it was delivered; answers whether it did. */
export async function eraseDeliveredQueryCode(deps: Deps, caseId: string): Promise<boolean> {
  return inTransaction(deps.pool, async (tx) => {
    const row = await findCaseRowById(tx, caseId, true);
    if (row?.queryCodeEnc === null || row === null) return false;
    const delivered = await tx.query<{ delivered: boolean | null }>(`SELECT ${LATEST_DELIVERED} AS delivered FROM cases c WHERE c.id = $2`, [[...CODE_CARRYING_KINDS], caseId]);
    if (delivered.rows[0]?.delivered !== true) return false;
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
    `SELECT c.id FROM cases c WHERE c.query_code_enc IS NOT NULL AND ${LATEST_DELIVERED} LIMIT $2::int`,
    [[...CODE_CARRYING_KINDS], limit],
  );
  let erased = 0;
  for (const { id } of r.rows) if (await eraseDeliveredQueryCode(deps, id)) erased++;
  return erased;
}
