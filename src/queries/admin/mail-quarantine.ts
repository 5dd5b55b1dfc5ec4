// The sysadmin's e-mail quarantine (issue 7, DESIGN §7.3): messages that could not be read as mail, as
// metadata only — the reason, the size, when it arrived and which mailbox UID it had. No sender, subject
// or content leaves this query; the encrypted raw copy is for intake, not for the sysadmin.
import type { Deps } from '../../commands/deps.js';

export interface QuarantineItem {
  readonly id: string;
  readonly reason: string;
  readonly sizeBytes: number;
  readonly mailbox: string;
  readonly uid: number;
  readonly receivedAt: string;
  readonly quarantinedAt: string;
}

interface Row {
  id: string;
  reason: string;
  size_bytes: number;
  mailbox: string;
  uid: string;
  received_at: Date;
  created_at: Date;
}

/**
 * Mail that became nothing, listed beside the quarantine so it is never lost silently (issue 7): automatic
 * mail (out-of-office and other RFC 3834 robots; the reason names the marker) and forged bounces. The
 * same metadata only; `quarantinedAt` is then when it was recorded.
 */
export const UNACTED_OUTCOMES = ['automatic', 'forged_bounce'] as const;
export type MailLogKind = 'quarantined' | (typeof UNACTED_OUTCOMES)[number];

const QUARANTINE_SQL = `SELECT q.id, q.reason, q.size_bytes, m.mailbox, m.uid::text, q.received_at, q.created_at
       FROM mail_quarantine q JOIN mail_inbound m ON m.id = q.inbound_id
      WHERE ($1::uuid IS NULL OR q.id < $1) ORDER BY q.id DESC LIMIT $2`;

const UNACTED_SQL = `SELECT m.id, COALESCE(m.reason, m.outcome) AS reason, m.size_bytes, m.mailbox, m.uid::text, m.received_at, m.created_at
       FROM mail_inbound m
      WHERE m.outcome = $3 AND ($1::uuid IS NULL OR m.id < $1) ORDER BY m.id DESC LIMIT $2`;

/** Newest first; `before` is the id of the last row of the previous page (ids are time-ordered). */
export async function listMailQuarantine(
  deps: Deps,
  o: { readonly limit: number; readonly before?: string | undefined; readonly kind?: MailLogKind | undefined },
): Promise<{ items: QuarantineItem[]; nextCursor: string | null }> {
  const kind = o.kind ?? 'quarantined';
  const r = kind === 'quarantined'
    ? await deps.pool.query<Row>(QUARANTINE_SQL, [o.before ?? null, o.limit + 1])
    : await deps.pool.query<Row>(UNACTED_SQL, [o.before ?? null, o.limit + 1, kind]);
  const items = r.rows.slice(0, o.limit).map((x) => ({
    id: x.id,
    reason: x.reason,
    sizeBytes: x.size_bytes,
    mailbox: x.mailbox,
    uid: Number(x.uid),
    receivedAt: x.received_at.toISOString(),
    quarantinedAt: x.created_at.toISOString(),
  }));
  return { items, nextCursor: r.rows.length > o.limit ? (items.at(-1)?.id ?? null) : null };
}
