// The units' copies of a case's originals (DESIGN §3.4), made once the case goes to a unit: images
// without metadata, docx as text, PDFs as page images. Ids derive from the original's, so a retry or a
// second assignment finds them made and adds nothing. Stored encrypted like every file; audited with
// the digest of the case's new state.
import { createHash } from 'node:crypto';
import { makeDerivatives } from '../security/file-checks/derivatives.js';
import { caseDigest } from '../security/audit-digest.js';
import { insertAudit } from '../store/audit-rows.js';
import { findCaseRowById } from '../store/case-record.js';
import { canonicalStateBytes, loadChildren } from '../store/case-state.js';
import { yearIn } from './case-number.js';
import { inTransaction, type Deps } from './deps.js';

/** A name-based id (RFC 9562 version 8): the n-th derivative of an original always has the same one. */
export function derivativeId(originalId: string, n: number): string {
  const h = createHash('sha256').update(`zhitong-derivative:${originalId}:${String(n)}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

interface Original {
  readonly id: string;
  readonly name_enc: Buffer;
  readonly media_type: string;
  readonly storage_key: string;
}

interface Made {
  readonly id: string;
  readonly nameEnc: Buffer;
  readonly mediaType: string;
  readonly size: number;
  readonly fingerprint: Buffer;
  readonly storageKey: string;
}

async function derive(deps: Deps, o: Original, year: number): Promise<Made[]> {
  const plain = deps.files.decryptBuffer(o.id, await deps.attachments.get(o.storage_key));
  const name = deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: o.id }, o.name_enc);
  const made: Made[] = [];
  for (const [i, d] of (await makeDerivatives(o.media_type, plain)).entries()) {
    const id = derivativeId(o.id, i);
    const stem = name.replace(/\.[^.]{1,8}$/u, '');
    const label = d.page === undefined ? `${stem}.${d.ext}` : `${stem}-第${String(d.page)}页.${d.ext}`;
    made.push({
      id,
      nameEnc: deps.cipher.encrypt({ table: 'attachments', column: 'name_enc', rowId: id }, label),
      mediaType: d.mediaType,
      size: d.bytes.length,
      fingerprint: deps.blind.index('attachment', d.bytes),
      storageKey: await deps.attachments.put(year, id, deps.files.encryptBuffer(id, d.bytes)),
    });
  }
  return made;
}

/** Makes what is missing; returns how many derivatives were added. */
export async function makeCaseDerivatives(deps: Deps, caseId: string): Promise<number> {
  const originals = await deps.pool.query<Original>(
    // Files the reporter added with a later message stay with the centre like the message itself (DESIGN
    // §3.4: the reporter's own messages are shared only through grant_original).
    `SELECT a.id, a.name_enc, a.media_type, a.storage_key FROM attachments a
     WHERE a.case_id = $1 AND a.origin = 'original' AND a.message_id IS NULL ORDER BY a.created_at, a.id`,
    [caseId],
  );
  const now = deps.clock.now();
  const made: Made[] = [];
  for (const o of originals.rows) {
    const exists = await deps.pool.query('SELECT 1 FROM attachments WHERE id = $1', [derivativeId(o.id, 0)]);
    if ((exists.rowCount ?? 0) > 0) continue;
    made.push(...(await derive(deps, o, yearIn(deps.timezone, now))));
  }
  if (made.length === 0) return 0;
  try {
    return await inTransaction(deps.pool, async (tx) => {
      const row = await findCaseRowById(tx, caseId, true);
      if (row === null) throw new Error('case vanished while its derivatives were made');
      let added = 0;
      for (const m of made) {
        const r = await tx.query(
          `INSERT INTO attachments (id, case_id, name_enc, media_type, size_bytes, fingerprint, origin, storage_key, created_at)
           VALUES ($1, $2, $3, $4, $5::bigint, $6, 'derivative', $7, $8::timestamptz) ON CONFLICT (id) DO NOTHING`,
          [m.id, caseId, m.nameEnc, m.mediaType, m.size, m.fingerprint, m.storageKey, now],
        );
        added += r.rowCount ?? 0;
      }
      const children = (await loadChildren(tx, [caseId])).get(caseId) ?? [];
      await insertAudit(tx, { actorKind: 'system', action: 'case.derivatives', caseId, target: String(added), caseDigest: caseDigest(deps.ring, canonicalStateBytes(row, children)) });
      return added;
    });
  } catch (err) {
    await Promise.all(made.map((m) => deps.attachments.remove(m.storageKey).catch(() => undefined)));
    throw err;
  }
}
