// Keyed search tokens for cases not yet indexed under this ICU version (DESIGN §7.1): run by a job, so
// the intake hot path never pays for segmentation. Sealed cases are never indexed, and lose their row.
import type { Deps } from './deps.js';

export async function indexPendingCases(deps: Deps, limit = 200): Promise<number> {
  await deps.pool.query('DELETE FROM case_search s USING cases c WHERE c.id = s.case_id AND c.sealed');
  const r = await deps.pool.query<{ id: string; title_enc: Buffer; content_enc: Buffer }>(
    `SELECT c.id, c.title_enc, c.content_enc FROM cases c
     WHERE NOT c.sealed AND NOT EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id AND s.icu_version = $1)
     ORDER BY c.created_at LIMIT $2::int`,
    [deps.search.icuVersion, limit],
  );
  const now = deps.clock.now();
  for (const c of r.rows) {
    const ref = (column: string) => ({ table: 'cases', column, rowId: c.id });
    const text = `${deps.cipher.decryptText(ref('title_enc'), c.title_enc)}\n${deps.cipher.decryptText(ref('content_enc'), c.content_enc)}`;
    await deps.pool.query(
      `INSERT INTO case_search (case_id, tokens, icu_version, indexed_at) SELECT $1, $2::tsvector, $3, $4::timestamptz
       WHERE NOT EXISTS (SELECT 1 FROM cases WHERE id = $1 AND sealed)
       ON CONFLICT (case_id) DO UPDATE SET tokens = EXCLUDED.tokens, icu_version = EXCLUDED.icu_version, indexed_at = EXCLUDED.indexed_at`,
      [c.id, deps.search.documentVector(text), deps.search.icuVersion, now],
    );
  }
  return r.rows.length;
}
