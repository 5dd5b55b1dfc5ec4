// A bounce finds its mail through the VERP envelope sender (channels.md §2.4): only a recipient address
// whose MAC checks names one of our mails. Anything that merely looks like a bounce is recorded and
// otherwise ignored, so a forged DSN cannot mark a reporter's mail failed.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';
import { writeNotifications } from '../../commands/notify.js';
import { addressesIn, type HeaderFields } from '../../domain/email/headers.js';
import { checkVerpAddress, type Mac } from '../../domain/email/signed-ids.js';
import { insertAudit } from '../../store/audit-rows.js';
import { findCaseRowById, loadCaseParts } from '../../store/case-record.js';
import { caseViewOf, localDateOf } from '../../store/case-view-of.js';
import { loadReferenceSet } from '../../store/reference-data.js';

/** Where the envelope recipient of a delivered message shows up in its header. */
const RECIPIENT_FIELDS = ['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to', 'to'];

export function verpOutboundId(mac: Mac, h: HeaderFields, from: string): string | null {
  for (const field of RECIPIENT_FIELDS) {
    for (const value of h.get(field) ?? []) {
      for (const address of addressesIn(value)) {
        const id = checkVerpAddress(mac, address, from);
        if (id !== null) return id;
      }
    }
  }
  return null;
}

export interface DsnVerdict {
  readonly failed: boolean;
  /** the first Status code of the report, e.g. 5.1.1 */
  readonly status: string | null;
}

/** Failed unless the report says the delivery is only delayed (Action: delayed, or a 4.x.x status). */
export function dsnVerdict(raw: Buffer): DsnVerdict {
  const text = raw.toString('latin1');
  const status = /^Status[ \t]*:[ \t]*([245]\.\d{1,3}\.\d{1,3})/imu.exec(text)?.[1] ?? null;
  const delayed = /^Action[ \t]*:[ \t]*(delayed|relayed|delivered|expanded)\b/imu.test(text) || status?.startsWith('4') === true || status?.startsWith('2') === true;
  return { failed: !delayed, status };
}

/**
 * The clerks who face reporters hear of it in the console (DESIGN §5, ids and a kind only), since the
 * reporter must now be reached another way; only those the firewall lets see the case as it now is.
 */
async function tellCentre(deps: Deps, tx: pg.ClientBase, caseId: string, now: Date): Promise<void> {
  const row = await findCaseRowById(tx, caseId, false);
  if (row === null) return;
  const ref = await loadReferenceSet(tx);
  const view = caseViewOf(await loadCaseParts(tx, row), { today: localDateOf(now, deps.timezone), calendar: ref.calendar, sealedGroup: ref.sealedGroup }, deps.timezone);
  await writeNotifications(deps, tx, { caseId, view, tree: ref.org.tree, notices: [{ to: { roles: ['intake', 'followup'] }, kind: 'reporter_mail_failed' }], except: null, now });
}

/** Marks the mail failed; false when no such mail exists (the MAC checked, so this is an old or purged row). */
export async function markOutboundFailed(deps: Deps, tx: pg.ClientBase, outboundId: string, verdict: DsnVerdict, now: Date): Promise<{ caseId: string | null } | null> {
  const r = await tx.query<{ case_id: string | null }>(
    `UPDATE mail_outbound SET status = 'failed', status_code = $2, status_at = $3 WHERE id = $1 RETURNING case_id`,
    [outboundId, verdict.status ?? 'bounced', now],
  );
  const row = r.rows[0];
  if (row === undefined) return null;
  // The case's staff see it in the 流转记录: the reporter must be reached another way (channels.md §2.4).
  if (row.case_id !== null) {
    await tx.query(`INSERT INTO timeline (case_id, at, event, actor_kind, public) VALUES ($1, $2, 'reporter_mail_failed', 'system', false)`, [row.case_id, now]);
    await tellCentre(deps, tx, row.case_id, now);
  }
  await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:email', action: 'mail.bounced', caseId: row.case_id, target: outboundId });
  return { caseId: row.case_id };
}
