// Marks the user's own notifications read. Ids of other users' notifications simply match nothing,
// so the answer cannot tell whether someone else's id exists.
import type { Deps } from './deps.js';

export async function markNotificationsRead(deps: Deps, userId: string, ids: readonly string[]): Promise<{ marked: number }> {
  const r = await deps.pool.query('UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL', [userId, ids, deps.clock.now()]);
  return { marked: r.rowCount ?? 0 };
}
