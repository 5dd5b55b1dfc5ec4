// A staff alert waits in the outbox, sometimes through retries: before it goes, the recipient must still
// be allowed to read the case. A user recused, linked as a subject, or outside a case sealed meanwhile gets
// no text about it (DESIGN §3.4 firewall), whatever was true when the alert was written.
import { CommandError } from '../../commands/command-error.js';
import type { Deps } from '../../commands/deps.js';
import type { Actor } from '../../domain/case-view.js';
import type { Role } from '../../domain/roles.js';
import { readableCase } from '../../queries/cases/readable.js';

export async function stillMayRead(deps: Deps, userId: string, caseNumber: string): Promise<boolean> {
  const user = (
    await deps.pool.query<{ unit_id: string; police_number: string | null; roles: Role[] | null }>(
      `SELECT u.unit_id, u.police_number, array_agg(g.role) FILTER (WHERE g.role IS NOT NULL) AS roles
         FROM users u LEFT JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL
        WHERE u.id = $1 AND u.active GROUP BY u.id`,
      [userId],
    )
  ).rows[0];
  if (user === undefined) return false;
  const actor: Actor = { userId, unitId: user.unit_id, roles: user.roles ?? [], policeNumber: user.police_number === null ? null : deps.blind.index('police-number', user.police_number).toString('hex') };
  const client = await deps.pool.connect();
  try {
    await readableCase(deps, client, actor, caseNumber);
    return true;
  } catch (err) {
    if (err instanceof CommandError && err.kind === 'not_found') return false;
    throw err;
  } finally {
    client.release();
  }
}
