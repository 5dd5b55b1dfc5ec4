// A staff user's own in-app notifications (DESIGN §5), newest first. A notification about a case the
// user can no longer see — recused since, sealed, moved out of the unit's reach — is left out inside
// the query by the same scope as the case lists (DESIGN §3.3), so it is neither listed nor counted.
import type { Deps } from '../../commands/deps.js';
import type { Actor } from '../../domain/case-view.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { notificationLabel } from '../../domain/notification-kinds.js';
import { caseScope } from '../cases/case-scope.js';
import { decodeTimeCursor, encodeTimeCursor } from '../cursors.js';

export interface NotificationFilters {
  readonly unread: boolean;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface NotificationItem {
  readonly id: string;
  readonly kind: string;
  readonly label: Bilingual;
  readonly caseNumber: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export async function listNotifications(deps: Deps, actor: Actor, f: NotificationFilters): Promise<{ items: NotificationItem[]; unreadCount: number; nextCursor: string | null }> {
  const { org, sealedGroup } = await deps.reference.get(deps.pool);
  const scope = caseScope(actor, org.tree, sealedGroup, 1);
  const params: unknown[] = [actor.userId, ...(scope.any ? scope.params : [])];
  const add = (v: unknown): string => {
    params.push(v);
    return `$${String(params.length)}`;
  };
  // Without a case role nothing about a case is visible; notices without a case (administration) stay.
  const visible = `(n.case_id IS NULL OR ${scope.any ? `EXISTS (SELECT 1 FROM cases c WHERE c.id = n.case_id AND ${scope.where})` : 'false'})`;
  const base = `n.user_id = $1 AND ${visible}`;
  const unread = await deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications n WHERE ${base} AND n.read_at IS NULL`, params);
  const conds = [base];
  if (f.unread) conds.push('n.read_at IS NULL');
  const cursor = f.cursor === undefined ? null : decodeTimeCursor(f.cursor);
  if (cursor !== null) conds.push(`(n.created_at, n.id) < (${add(cursor.at)}::timestamptz, ${add(cursor.id)}::uuid)`);
  const rows = await deps.pool.query<{ id: string; kind: string; case_number: string | null; created_at: Date; created_us: string; read_at: Date | null }>(
    `SELECT n.id, n.kind, c.case_number, n.created_at, to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_us, n.read_at
     FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
     WHERE ${conds.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${add(f.limit + 1)}::int`,
    params,
  );
  const page = rows.rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ id: r.id, kind: r.kind, label: notificationLabel(r.kind), caseNumber: r.case_number, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null })),
    unreadCount: unread.rows[0]?.n ?? 0,
    nextCursor: rows.rows.length > f.limit && last !== undefined ? encodeTimeCursor({ at: last.created_us, id: last.id }) : null,
  };
}
