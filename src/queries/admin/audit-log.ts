// The auditor's view of the audit trail (DESIGN §6, §7.3): filters by actor, action prefix, case number
// and time, newest first. Details are decrypted for the auditor alone, and the reading itself is
// audited in the same transaction before anything leaves.
import type pg from 'pg';
import { inTransaction, type Deps } from '../../commands/deps.js';
import { insertAudit } from '../../store/audit-rows.js';
import { decodeSeqCursor, encodeSeqCursor } from '../cursors.js';

export interface AuditFilters {
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly caseNumber?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface AuditItem {
  readonly seq: number;
  readonly at: string;
  readonly actorKind: string;
  readonly actor: { readonly id: string; readonly username: string; readonly displayName: string } | null;
  readonly actorRef: string | null;
  readonly action: string;
  readonly caseNumber: string | null;
  readonly target: string | null;
  readonly details: Record<string, string> | null;
  readonly detailsUnreadable: boolean;
  readonly stateChange: boolean;
}

interface Row {
  seq: string;
  at: Date;
  actor_kind: string;
  actor_user_id: string | null;
  username: string | null;
  display_name: string | null;
  actor_ref: string | null;
  action: string;
  case_id: string | null;
  case_number: string | null;
  target: string | null;
  details_enc: Buffer | null;
  has_digest: boolean;
}

/** Details were written flat (strings); anything else is shown as its JSON so nothing is hidden. */
function flatten(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { value: JSON.stringify(value) };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function detailsOf(deps: Deps, r: Row): { details: Record<string, string> | null; unreadable: boolean } {
  if (r.details_enc === null) return { details: null, unreadable: false };
  // Writers bind details to the case when there is one, else to the acting user (case actions, searches, admin writes).
  const rowId = r.case_id ?? r.actor_user_id;
  if (rowId === null) return { details: null, unreadable: true };
  try {
    return { details: flatten(deps.cipher.decryptJson<unknown>({ table: 'audit', column: 'details_enc', rowId }, r.details_enc)), unreadable: false };
  } catch {
    return { details: null, unreadable: true };
  }
}

export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}

async function selectRows(tx: pg.ClientBase, f: AuditFilters): Promise<Row[]> {
  const params: unknown[] = [];
  const add = (v: unknown): string => {
    params.push(v);
    return `$${String(params.length)}`;
  };
  const conds = ['true'];
  if (f.actor !== undefined) conds.push(`a.actor_user_id = (SELECT id FROM users WHERE lower(username) = lower(${add(f.actor)}))`);
  if (f.action !== undefined) conds.push(`a.action LIKE ${add(likePrefix(f.action))}`);
  if (f.caseNumber !== undefined) conds.push(`a.case_id = (SELECT id FROM cases WHERE case_number = ${add(f.caseNumber)})`);
  if (f.from !== undefined) conds.push(`a.at >= ${add(f.from)}::timestamptz`);
  if (f.to !== undefined) conds.push(`a.at < ${add(f.to)}::timestamptz`);
  const before = f.cursor === undefined ? null : decodeSeqCursor(f.cursor);
  if (before !== null) conds.push(`a.seq < ${add(before)}::bigint`);
  const r = await tx.query<Row>(
    `SELECT a.seq::text, a.at, a.actor_kind, a.actor_user_id, u.username, u.display_name, a.actor_ref, a.action, a.case_id, c.case_number,
            a.target, a.details_enc, a.case_digest IS NOT NULL AS has_digest
     FROM audit a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN cases c ON c.id = a.case_id
     WHERE ${conds.join(' AND ')} ORDER BY a.seq DESC LIMIT ${add(f.limit + 1)}::int`,
    params,
  );
  return r.rows;
}

export async function readAuditLog(deps: Deps, auditorId: string, f: AuditFilters): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
  return inTransaction(deps.pool, async (tx) => {
    const rows = await selectRows(tx, f);
    const filters: Record<string, string> = {};
    for (const [k, v] of Object.entries({ actor: f.actor, action: f.action, caseNumber: f.caseNumber, from: f.from?.toISOString(), to: f.to?.toISOString(), cursor: f.cursor })) {
      if (v !== undefined) filters[k] = v;
    }
    await insertAudit(tx, { actorKind: 'staff', actorUserId: auditorId, action: 'audit.read', detailsEnc: deps.cipher.encryptJson({ table: 'audit', column: 'details_enc', rowId: auditorId }, filters) });
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => {
        const { details, unreadable } = detailsOf(deps, r);
        return {
          seq: Number(r.seq),
          at: r.at.toISOString(),
          actorKind: r.actor_kind,
          actor: r.actor_user_id === null || r.username === null ? null : { id: r.actor_user_id, username: r.username, displayName: r.display_name ?? '' },
          actorRef: r.actor_ref,
          action: r.action,
          caseNumber: r.case_number,
          target: r.target,
          details,
          detailsUnreadable: unreadable,
          stateChange: r.has_digest,
        };
      }),
      nextCursor: rows.length > f.limit && last !== undefined ? encodeSeqCursor(Number(last.seq)) : null,
    };
  });
}
