// The staff directory (issue 4): the centre picks a case's subject from the users by police number or name.
// Accounts only — no case, no reporter — so the suggestions tell the clerk nothing a case would.
import type { Deps } from '../../commands/deps.js';
import { likePattern } from '../admin/users.js';

export interface DirectoryEntry {
  readonly userId: string;
  readonly displayName: string;
  readonly policeNumber: string | null;
  readonly unit: { readonly id: string; readonly name: string };
}

/** A short list: the clerk types more rather than scrolls. */
export const DIRECTORY_LIMIT = 10;

interface Row {
  id: string;
  display_name: string;
  police_number: string | null;
  unit_id: string;
  unit_name: string;
}

/** LIKE prefix from a person's text: their % and _ are literal. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}

/** Active users whose police number starts with `q` or whose name contains it, by police number. */
export async function searchStaffDirectory(deps: Deps, q: string): Promise<DirectoryEntry[]> {
  const rows = await deps.pool.query<Row>(
    `SELECT u.id, u.display_name, u.police_number, n.id AS unit_id, n.name AS unit_name
     FROM users u JOIN units n ON n.id = u.unit_id
     WHERE u.active AND (u.police_number LIKE $1 OR u.display_name ILIKE $2)
     ORDER BY u.police_number NULLS LAST, u.display_name, u.id
     LIMIT $3::int`,
    [likePrefix(q), likePattern(q), DIRECTORY_LIMIT],
  );
  return rows.rows.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    policeNumber: r.police_number,
    unit: { id: r.unit_id, name: r.unit_name },
  }));
}
