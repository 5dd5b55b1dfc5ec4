// The signed-in staff user as the policies see them: roles, unit, and the police number as its keyed index,
// so recusal by police number compares indexes and never decrypts a subject (DESIGN §3.3).
import type { Deps } from '../../../commands/deps.js';
import type { StaffActor } from '../../../commands/case-actions/scope.js';
import { ROLES, type Role } from '../../../domain/roles.js';
import type { StaffSession } from '../../plugins/staff-session.js';

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

export function actorOf(deps: Deps, session: StaffSession): StaffActor {
  return {
    userId: session.userId,
    unitId: session.unit.id,
    roles: session.roles.filter(isRole),
    policeNumber: session.policeNumber === null ? null : deps.blind.index('police-number', session.policeNumber).toString('hex'),
    displayName: session.displayName,
  };
}
