// The secadmin creates a staff account (DESIGN §7.3): a one-time password and a one-time TOTP
// enrolment code, both shown once and handed over out of band; the user changes the password and
// enrols at first sign-in. Case roles are granted as the grant rules say (central ones wait).
import { isAdminRole, type Rank, type Role } from '../../domain/roles.js';
import { randomToken } from '../../security/tokens.js';
import { issueEnrolmentCodeIn } from '../auth/enrol-totp.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { grantIn, grantRefused } from './role-grants.js';
import { setUserMobileIn } from './user-mobile.js';
import { auditAdmin, isUniqueViolation, lockTargetUser, refuse, requireAdmin, type AdminActor } from './support.js';

export interface NewStaffUser {
  readonly username: string;
  readonly displayName: string;
  readonly unitId: string;
  readonly policeNumber?: string | undefined;
  readonly rank?: Rank | undefined;
  /** normalised 11 digits (normaliseStaffMobile), for SMS alerts */
  readonly mobile?: string | undefined;
  readonly roles: readonly Role[];
}

export interface CreatedUser {
  readonly userId: string;
  readonly initialPassword: string;
  readonly enrolmentCode: string;
  readonly enrolmentExpiresAt: Date;
  readonly roles: Role[];
  readonly pendingRoles: Role[];
}

/** Random and long; its only life is until the first sign-in forces a change. */
function initialPassword(): string {
  return `Zt-${randomToken(16).replace(/[-_]/gu, 'x')}9a`;
}

const taken = (path: string) => refuse('wrong_state', path, 'taken', { zh: '该用户名或警号已被使用。', en: 'The username or police number is already taken.' });

export async function createStaffUser(deps: Deps, actor: AdminActor, u: NewStaffUser): Promise<CreatedUser> {
  requireAdmin(actor, 'secadmin');
  if (u.roles.some(isAdminRole)) throw grantRefused('admin_role');
  const password = initialPassword();
  const hash = await deps.passwords.hash(password);
  try {
    return await inTransaction(deps.pool, async (tx) => {
      const unit = await tx.query('SELECT 1 FROM units WHERE id = $1', [u.unitId]);
      if (unit.rowCount === 0) throw refuse('invalid', 'unitId', 'unknown_unit', { zh: '所选单位不存在。', en: 'The unit does not exist.' });
      if ((await tx.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [u.username])).rowCount !== 0) throw taken('username');
      if (u.policeNumber !== undefined && (await tx.query('SELECT 1 FROM users WHERE police_number = $1', [u.policeNumber])).rowCount !== 0) throw taken('policeNumber');
      const now = deps.clock.now();
      const userId = uuidv7(now.getTime());
      await tx.query(
        `INSERT INTO users (id, username, display_name, police_number, rank, unit_id, password_hash, must_change_password, totp_required, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, true, true, $8)`,
        [userId, u.username, u.displayName, u.policeNumber ?? null, u.rank ?? null, u.unitId, hash, now],
      );
      if (u.mobile !== undefined) await setUserMobileIn(tx, deps, actor, userId, u.mobile);
      const roles: Role[] = [];
      const pendingRoles: Role[] = [];
      for (const role of new Set(u.roles)) {
        const target = await lockTargetUser(tx, userId);
        const outcome = await grantIn(tx, deps, actor, target, role, now);
        (outcome.status === 'active' ? roles : pendingRoles).push(role);
      }
      const enrolment = await issueEnrolmentCodeIn(tx, deps, userId, { kind: 'staff', userId: actor.userId });
      if (!enrolment.ok) throw new Error('the new user vanished inside its own transaction');
      await auditAdmin(tx, deps, actor, 'admin.user_created', `user:${userId}`, {
        username: u.username,
        unitId: u.unitId,
        roles: roles.join(','),
        pendingRoles: pendingRoles.join(','),
      });
      return { userId, initialPassword: password, enrolmentCode: enrolment.code, enrolmentExpiresAt: enrolment.expiresAt, roles, pendingRoles };
    });
  } catch (err) {
    // Two administrators creating the same name at once: the index decides, the loser gets the same 409.
    if (isUniqueViolation(err)) throw taken('username');
    throw err;
  }
}
