// A signed-in staff user was answered "not found" (DESIGN §7.3): many of these in a short time are one
// of the auditor's unusual-access signals (someone trying case numbers). Nothing was disclosed, so the
// record follows the answer instead of preceding it.
import { insertAudit } from '../store/audit-rows.js';
import type { Deps } from './deps.js';

export async function recordNotFound(deps: Deps, userId: string, target: string): Promise<void> {
  await insertAudit(deps.pool, { actorKind: 'staff', actorUserId: userId, action: 'staff.not_found', target: target.slice(0, 200) });
}
