// Adds a staff user with roles. On an empty database this bootstraps the first secadmin;
// afterwards it is the break-glass path, audited with the OS user (DESIGN §7.3).
import { rolesAreSeparated, RANKS, ROLES, type Rank, type Role } from '../../domain/roles.js';
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly unitCode: string;
  readonly roles: readonly Role[];
  readonly password: string;
  readonly policeNumber?: string | undefined;
  readonly rank?: Rank | undefined;
  readonly mustChangePassword: boolean;
  readonly totpRequired: boolean;
}

export class AddUserError extends Error {}

export function parseRoles(list: string): Role[] {
  const roles = list.split(',').map((r) => r.trim()).filter(Boolean);
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new AddUserError(`unknown role "${r}"; roles are ${ROLES.join(', ')}`);
  return roles as Role[];
}

export function parseRank(rank: string | undefined): Rank | undefined {
  if (rank === undefined) return undefined;
  if (!(RANKS as readonly string[]).includes(rank)) throw new AddUserError(`unknown rank "${rank}"; ranks are ${RANKS.join(', ')}`);
  return rank as Rank;
}

/** Creates the user and their grants in one transaction; the grant names the OS user who ran it. */
export async function addUser(deps: Deps, u: NewUser, osUser: string): Promise<{ userId: string; bootstrap: boolean }> {
  if (!/^[a-z][a-z0-9_.-]{1,31}$/u.test(u.username)) throw new AddUserError('a username is 2–32 lowercase letters, digits, dot, dash or underscore, starting with a letter');
  if (u.roles.length === 0) throw new AddUserError('give at least one role');
  if (!rolesAreSeparated(u.roles)) throw new AddUserError('admin roles (sysadmin, secadmin, auditor) and case roles cannot be held by one user');
  const hash = await deps.passwords.hash(u.password);
  return inTransaction(deps.pool, async (tx) => {
    const existing = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    const bootstrap = (existing.rows[0]?.n ?? 0) === 0;
    if (bootstrap && !u.roles.includes('secadmin')) throw new AddUserError('the first user of an empty database must be a secadmin');
    const unit = await tx.query<{ id: string }>('SELECT id FROM units WHERE code = $1', [u.unitCode]);
    const unitId = unit.rows[0]?.id;
    if (!unitId) throw new AddUserError(`no unit with code "${u.unitCode}"`);
    const taken = await tx.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [u.username]);
    if ((taken.rowCount ?? 0) > 0) throw new AddUserError(`the username "${u.username}" is taken`);
    const userId = uuidv7();
    const now = deps.clock.now();
    await tx.query(
      `INSERT INTO users (id, username, display_name, police_number, rank, unit_id, password_hash, must_change_password, totp_required, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [userId, u.username, u.displayName, u.policeNumber ?? null, u.rank ?? null, unitId, hash, u.mustChangePassword, u.totpRequired, now],
    );
    for (const role of u.roles) {
      await tx.query('INSERT INTO role_grants (id, user_id, role, granted_by_os, granted_at) VALUES ($1, $2, $3, $4, $5)', [uuidv7(), userId, role, osUser, now]);
    }
    await insertAudit(tx, { actorKind: 'cli', actorRef: osUser, action: bootstrap ? 'user.bootstrap' : 'user.add_break_glass', target: `${u.username}:${u.roles.join(',')}` });
    return { userId, bootstrap };
  });
}

/** The root unit of an empty installation, so the first secadmin has somewhere to belong. */
export async function ensureRootUnit(deps: Deps, code: string, name: string): Promise<void> {
  const any = await deps.pool.query('SELECT 1 FROM units LIMIT 1');
  if ((any.rowCount ?? 0) > 0) return;
  await deps.pool.query(`INSERT INTO units (id, code, name, kind) VALUES ($1, $2, $3, 'city')`, [uuidv7(), code, name]);
}
