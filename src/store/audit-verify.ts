// `zhitong audit verify`: the chain against its seals and anchors, and every case row against
// the digest its last audit record carries.
import type pg from 'pg';
import { GENESIS_HEAD, caseDigest, chainStep, rowTag } from '../security/audit-digest.js';
import type { KeyRing } from '../security/keys.js';
import type { Anchor } from './audit-anchor.js';
import { auditProblemText } from './audit-problems.js';
import { AUDIT_SELECT, canonicalAuditBytes, type AuditDbRow } from './audit-rows.js';
import type { SealRow } from './audit-seal.js';
import { CASE_COLUMNS, caseRowOf, type CaseDbRow } from './case-row.js';
import { canonicalStateBytes, loadChildren } from './case-state.js';

export interface VerifyReport {
  readonly ok: boolean;
  readonly problems: string[];
  readonly seals: number;
  readonly sealedRows: number;
  readonly unsealedRows: number;
  readonly casesChecked: number;
}

async function verifyChain(db: pg.Pool, ring: KeyRing, problems: string[]): Promise<{ seals: SealRow[]; sealedRows: number; unsealedRows: number }> {
  const seals = (await db.query<SealRow>('SELECT id::text, from_xid::text, to_xid::text, row_count::text, last_seq::text, prev_head, head, row_macs, key_id::text FROM audit_seal ORDER BY id')).rows;
  let expectedPrev: Buffer = GENESIS_HEAD;
  let expectedFrom = '0';
  let sealedRows = 0;
  for (const seal of seals) {
    if (!seal.prev_head.equals(expectedPrev) || seal.from_xid !== expectedFrom) {
      problems.push(auditProblemText({ kind: 'seal_out_of_order', seal: seal.id }));
      break;
    }
    const rows = (await db.query<AuditDbRow>(`${AUDIT_SELECT} WHERE xid >= $1::xid8 AND xid < $2::xid8 ORDER BY xid, seq`, [seal.from_xid, seal.to_xid])).rows;
    let head = seal.prev_head;
    for (const r of rows) head = chainStep(ring, head, canonicalAuditBytes(r));
    if (String(rows.length) !== seal.row_count) {
      problems.push(auditProblemText({ kind: 'seal_records_missing', seal: seal.id, covered: Number(seal.row_count), remaining: rows.length, record: rows[0]?.seq ?? 'none' }));
      break;
    }
    if (!head.equals(seal.head)) {
      const bad = firstAlteredRow(ring, seal, rows);
      problems.push(auditProblemText({ kind: 'record_altered', record: bad, seal: seal.id }));
      break;
    }
    sealedRows += rows.length;
    expectedPrev = seal.head;
    expectedFrom = seal.to_xid;
  }
  const unsealed = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit WHERE xid >= $1::xid8', [expectedFrom]);
  return { seals, sealedRows, unsealedRows: Number(unsealed.rows[0]?.n ?? 0) };
}

/** Names the first record whose keyed tag no longer matches; recomputed plain hashes cannot hide it. */
function firstAlteredRow(ring: KeyRing, seal: SealRow, rows: AuditDbRow[]): string {
  for (const [i, r] of rows.entries()) {
    if (!rowTag(ring, canonicalAuditBytes(r)).equals(seal.row_macs.subarray(i * 8, i * 8 + 8))) return r.seq;
  }
  return rows[0]?.seq ?? 'unknown';
}

function verifyAnchors(seals: SealRow[], anchors: readonly Anchor[], problems: string[]): void {
  // The first seal is anchored at once; seals without any anchor mean the file or the id was tampered with.
  if (seals.length > 0 && anchors.length === 0) {
    problems.push(auditProblemText({ kind: 'anchor_missing' }));
    return;
  }
  const byId = new Map(seals.map((s) => [s.id, s]));
  for (const anchor of anchors) {
    const seal = byId.get(anchor.sealId);
    if (!seal) {
      problems.push(auditProblemText({ kind: 'anchored_seal_missing', seal: anchor.sealId, anchoredAt: anchor.at }));
      return;
    }
    if (seal.head.toString('hex') !== anchor.head) {
      problems.push(auditProblemText({ kind: 'seal_differs_from_anchor', seal: anchor.sealId, anchoredAt: anchor.at }));
      return;
    }
  }
}

const CASE_BATCH = 500;

/**
 * Each case must match the digest of its last audit record, computed over the case row and its
 * children; and that digest must not occur earlier in the case's history, since every audited
 * change bumps the version or adds a child: a repeat is an old audit record replayed.
 */
async function verifyCases(db: pg.Pool, ring: KeyRing, problems: string[]): Promise<number> {
  const history = await db.query<{ case_id: string; case_digest: Buffer }>(
    `SELECT case_id, case_digest FROM audit WHERE case_id IS NOT NULL AND case_digest IS NOT NULL ORDER BY case_id, seq`,
  );
  const digests = new Map<string, Buffer[]>();
  for (const r of history.rows) {
    const list = digests.get(r.case_id) ?? [];
    list.push(r.case_digest);
    digests.set(r.case_id, list);
  }
  let checked = 0;
  let after = '';
  for (;;) {
    const batch = (await db.query<CaseDbRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id::text > $1 ORDER BY id::text LIMIT ${String(CASE_BATCH)}`, [after])).rows.map(caseRowOf);
    if (batch.length === 0) break;
    const children = await loadChildren(db, batch.map((r) => r.id));
    for (const row of batch) {
      const list = digests.get(row.id);
      const latest = list?.at(-1);
      const actual = caseDigest(ring, canonicalStateBytes(row, children.get(row.id) ?? []));
      if (!list || !latest) problems.push(auditProblemText({ kind: 'case_unaudited', caseRef: row.caseNumber }));
      else if (list.slice(0, -1).some((d) => d.equals(latest))) problems.push(auditProblemText({ kind: 'case_replayed', caseRef: row.caseNumber }));
      else if (!latest.equals(actual)) problems.push(auditProblemText({ kind: 'case_changed', caseRef: row.caseNumber }));
      digests.delete(row.id);
    }
    checked += batch.length;
    after = batch.at(-1)?.id ?? after;
  }
  for (const id of digests.keys()) problems.push(auditProblemText({ kind: 'case_row_gone', caseRef: id }));
  return checked;
}

export async function verifyAudit(db: pg.Pool, ring: KeyRing, anchors: readonly Anchor[]): Promise<VerifyReport> {
  const problems: string[] = [];
  const chain = await verifyChain(db, ring, problems);
  verifyAnchors(chain.seals, anchors, problems);
  const casesChecked = await verifyCases(db, ring, problems);
  return { ok: problems.length === 0, problems, seals: chain.seals.length, sealedRows: chain.sealedRows, unsealedRows: chain.unsealedRows, casesChecked };
}
