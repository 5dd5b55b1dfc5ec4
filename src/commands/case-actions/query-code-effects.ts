// 补发查询码 (DESIGN §7.4): a reporter-facing clerk who has checked a real-name reporter's identity gives them
// a new query code. One transaction: the new code's keyed hash replaces the old one (which from then on opens
// nothing, like any wrong code), the case's wrong-code lockout is lifted, the 流转记录 and the audit record say
// who did it, how the identity was checked and why — never the code — and the code goes to the reporter's
// stored contact through the outbox (its readable copy erased once delivered), or, when nothing can carry
// it, back to the clerk in this one answer and nowhere else.
import { isCodeDelivery, type CodeDelivery } from '../../domain/channels.js';
import { IDENTITY_CHECK_LABELS, type IdentityCheck } from '../../domain/forms/codes.js';
import { reissueDeliveryFor, type StoredContact } from '../../domain/query-code-reissue.js';
import { generateQueryCode } from '../../security/query-code.js';
import { need, str } from './support.js';
import type { ActionScope } from './scope.js';

interface ReporterContactRow {
  readonly id: string;
  readonly phone_enc: Buffer | null;
  readonly email_enc: Buffer | null;
  readonly has_openid: boolean;
}

/** The contact the case holds, decrypted in memory only to tell which channel can carry the code. */
async function storedContact(s: ActionScope): Promise<StoredContact | null> {
  const r = await s.tx.query<ReporterContactRow>('SELECT id::text AS id, phone_enc, email_enc, openid_enc IS NOT NULL AS has_openid FROM reporters WHERE case_id = $1 LIMIT 1', [s.record.row.id]);
  const row = r.rows[0];
  if (row === undefined) return null;
  const open = (column: string, value: Buffer | null): string | null => (value === null ? null : s.deps.cipher.decryptText({ table: 'reporters', column, rowId: row.id }, value));
  return { phone: open('phone_enc', row.phone_enc), email: open('email_enc', row.email_enc), openid: row.has_openid };
}

/** The channel the reporter's acknowledgement went by, if one did (as acknowledged-by.ts reads it). */
async function acknowledgedBy(s: ActionScope): Promise<CodeDelivery | null> {
  const r = await s.tx.query<{ delivery: string | null }>(`SELECT payload->>'delivery' AS delivery FROM outbox WHERE case_id = $1 AND kind = 'reporter.acknowledgement' ORDER BY id LIMIT 1`, [s.record.row.id]);
  const delivery = r.rows[0]?.delivery ?? null;
  return isCodeDelivery(delivery) ? delivery : null;
}

export async function reissueQueryCode(s: ActionScope): Promise<void> {
  const caseId = s.record.row.id;
  const check = need(s, 'identityCheck') as IdentityCheck;
  const checkNote = str(s, 'identityCheckNote');
  const reason = need(s, 'reason');
  const delivery = reissueDeliveryFor(await acknowledgedBy(s), await storedContact(s));
  const code = generateQueryCode();
  s.change
    .set('queryCodeHash', s.deps.codes.hash(`${caseId}:${code}`))
    // Readable only until the message carrying it is delivered; a code handed over by the clerk has no copy at all.
    .set('queryCodeEnc', delivery === null ? null : s.deps.cipher.encrypt({ table: 'cases', column: 'query_code_enc', rowId: caseId }, code));
  // The lockout counted guesses at the old code; the reporter must be able to use the new one at once.
  s.change.write((tx) => tx.query('DELETE FROM query_code_guards WHERE case_id = $1', [caseId]));
  const how = checkNote === undefined ? IDENTITY_CHECK_LABELS[check].zh : `${IDENTITY_CHECK_LABELS[check].zh}：${checkNote}`;
  s.change.event({ event: 'reissue_query_code', opinion: `身份核实方式：${how}；补发原因：${reason}` });
  s.change.auditTarget = 'query_code';
  s.change.auditDetails = { identityCheck: check, ...(checkNote === undefined ? {} : { identityCheckNote: checkNote }), reason, handOver: delivery ?? 'shown_once' };
  if (delivery !== null) s.change.outbox.push({ kind: 'reporter.query_code', payload: { caseId, delivery } });
  else s.change.extra = { queryCode: code };
}
