// Floods from one sender (issue 7): kept, never dropped, but grouped under one thread key per sender and
// hour once the sender passes the hourly threshold, so the clerk sees one group instead of a wall.
import type { Deps } from '../../commands/deps.js';

const HOUR_MS = 3_600_000;

/** The group's thread key, or null while the sender is under the threshold this hour. */
export async function floodGroup(deps: Deps, from: string, perHour: number): Promise<string | null> {
  const now = deps.clock.now();
  const key = deps.blind.index('email', from);
  const r = await deps.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM mail_inbound WHERE from_key = $1 AND created_at > $2 AND outcome IN ('item', 'reply')`,
    [key, new Date(now.getTime() - HOUR_MS)],
  );
  if ((r.rows[0]?.n ?? 0) < perHour) return null;
  // The blind index is already keyed; a prefix of it names the sender without revealing the address.
  return `flood:${key.toString('hex').slice(0, 24)}:${String(Math.floor(now.getTime() / HOUR_MS))}`;
}
