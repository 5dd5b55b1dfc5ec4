// What the senders share: the facts of the case's mail conversation and the record of a mail sent.
// The record keeps the recipient's blind index and our (public) ids, never the address or the text.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';
import { signedMessageId, verpAddress, type Mac } from '../../domain/email/signed-ids.js';
import { loadSiteSettings } from '../../store/site-settings.js';

/** The reporter's own Message-ID (from the mail that became the case) and our earlier ids, oldest first. */
export async function conversationOf(deps: Deps, caseId: string, mac: Mac, from: string): Promise<string[]> {
  const r = await deps.pool.query<{ id: string; message_id_enc: Buffer }>(
    `SELECT m.id, m.message_id_enc FROM mail_inbound m JOIN intake_items i ON i.id = m.item_id
      WHERE i.case_id = $1 AND m.message_id_enc IS NOT NULL ORDER BY m.created_at LIMIT 1`,
    [caseId],
  );
  const original = r.rows.map((row) => deps.cipher.decryptText({ table: 'mail_inbound', column: 'message_id_enc', rowId: row.id }, row.message_id_enc));
  const ours = await deps.pool.query<{ id: string }>(`SELECT id FROM mail_outbound WHERE case_id = $1 ORDER BY sent_at LIMIT 5`, [caseId]);
  return [...original, ...ours.rows.map((o) => signedMessageId(mac, o.id, from))];
}

export async function alreadySent(db: pg.Pool, outboxId: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM mail_outbound WHERE outbox_id = $1', [outboxId])).rowCount !== 0;
}

export async function recordSent(deps: Deps, o: { id: string; outboxId: number; caseId: string; kind: string; toKey: Buffer; automatic: boolean; at: Date }): Promise<void> {
  await deps.pool.query(
    `INSERT INTO mail_outbound (id, outbox_id, case_id, kind, to_key, automatic, status, sent_at) VALUES ($1, $2::bigint, $3, $4, $5, $6, 'sent', $7)`,
    [o.id, o.outboxId, o.caseId, o.kind, o.toKey, o.automatic, o.at],
  );
}

export function idsFor(mac: Mac, outboundId: string, from: string): { messageId: string; verp: string } {
  return { messageId: signedMessageId(mac, outboundId, from), verp: verpAddress(mac, outboundId, from) };
}

export async function bureauName(deps: Deps): Promise<string> {
  return (await loadSiteSettings(deps.pool)).settings.bureauName.zh;
}

/** The reporter's stored address: replies go there only, never to a Reply-To of an incoming mail. */
export async function reporterAddress(deps: Deps, caseId: string): Promise<{ caseNumber: string; queryCodeEnc: Buffer | null; address: string | null } | null> {
  const r = await deps.pool.query<{ case_number: string; query_code_enc: Buffer | null; reporter_id: string | null; email_enc: Buffer | null }>(
    `SELECT c.case_number, c.query_code_enc, r.id::text AS reporter_id, r.email_enc FROM cases c LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = $1`,
    [caseId],
  );
  const row = r.rows[0];
  if (row === undefined) return null;
  const address = row.reporter_id === null || row.email_enc === null ? null : deps.cipher.decryptText({ table: 'reporters', column: 'email_enc', rowId: row.reporter_id }, row.email_enc);
  return { caseNumber: row.case_number, queryCodeEnc: row.query_code_enc, address };
}
