// What every admin command shares: the acting administrator, coded refusals, and the audit row that
// goes into the same transaction as the write (DESIGN §7.3: ids and plain facts, never secrets or case content).
import type pg from 'pg';
import type { Bilingual } from '../../domain/i18n-text.js';
import { ROLE_LABELS, type AdminRole, type Role } from '../../domain/roles.js';
import { insertAudit } from '../../store/audit-rows.js';
import { CommandError, type CommandFailure } from '../command-error.js';
import type { Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';

export interface AdminActor {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** A refusal with one coded field error, so clients switch on `errors[0].code`. */
export function refuse(kind: CommandFailure, path: string, code: string, message: Bilingual): CommandError {
  return new CommandError(kind, message, [{ path, code, message }]);
}

/** The route's guard checked the role already; a command called from elsewhere checks it again. */
export function requireAdmin(actor: AdminActor, role: AdminRole): void {
  if (actor.roles.includes(role)) return;
  const label = ROLE_LABELS[role];
  throw refuse('forbidden', 'roles', role, { zh: `此操作需要“${label.zh}”角色。`, en: `This needs the ${label.en} role.` });
}

/**
 * The audit row of an admin write. Details are flat strings, encrypted like a search's details
 * (associated data bound to the actor), so the auditor reads them and nobody else.
 */
export async function auditAdmin(
  tx: pg.ClientBase,
  deps: Deps,
  actor: AdminActor,
  action: `admin.${string}`,
  target: string,
  details?: Readonly<Record<string, string>>,
): Promise<void> {
  await insertAudit(tx, {
    actorKind: 'staff',
    actorUserId: actor.userId,
    action,
    target,
    detailsEnc: details === undefined ? null : deps.cipher.encryptJson({ table: 'audit', column: 'details_enc', rowId: actor.userId }, details),
  });
}

export const notFound = (): CommandError => new CommandError('not_found');

/** A unique index refused the row: someone else took the value first. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

export function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23503';
}

/** In-app notices about administration carry no case: a kind and the recipient only. */
export async function notifyUsers(tx: pg.ClientBase, userIds: readonly string[], kind: string, now: Date): Promise<void> {
  for (const userId of new Set(userIds)) {
    await tx.query('INSERT INTO notifications (id, user_id, case_id, kind, created_at) VALUES ($1, $2, NULL, $3, $4::timestamptz)', [uuidv7(now.getTime()), userId, kind, now]);
  }
}

export interface TargetUser {
  readonly id: string;
  readonly username: string;
  readonly unitId: string;
  readonly active: boolean;
  readonly roles: Role[];
}

/** The user an admin acts on, locked so two administrators cannot interleave on one account. */
export async function lockTargetUser(tx: pg.ClientBase, userId: string): Promise<TargetUser> {
  const r = await tx.query<{ id: string; username: string; unit_id: string; active: boolean }>('SELECT id, username, unit_id, active FROM users WHERE id = $1 FOR UPDATE', [userId]);
  const row = r.rows[0];
  if (row === undefined) throw notFound();
  const roles = await tx.query<{ role: Role }>('SELECT role FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL ORDER BY role', [userId]);
  return { id: row.id, username: row.username, unitId: row.unit_id, active: row.active, roles: roles.rows.map((g) => g.role) };
}
