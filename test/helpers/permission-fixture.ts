// Reads test/fixtures/permissions.csv, the permission fixture written by hand from DESIGN §1, §3, §7 and §10,
// and maps its rows to the staff case routes they exercise. Shared by the permission test and the route inventory.
import { readFileSync } from 'node:fs';

export const SITUATIONS = ['in_scope', 'out_of_scope', 'subject', 'recused', 'sealed'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** HTTP statuses, or for the queue: the case is listed / not listed. */
export const EXPECTATIONS = ['200', '403', '404', '422', 'listed', 'hidden'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

/**
 * The columns of permissions.csv:
 * - role: a case role, or sysadmin / secadmin / auditor; the test maps each to one single-role demo account.
 * - action: a staff action code of DESIGN §3.2 (the one-action route), or detail, list, assignable_units,
 *   documents and print (the case's documents; its 受理登记表), dial (click-to-dial the reporter), attachment (one attachment: an id no reader is
 *   shown, so 404 everywhere, byte-identical to a nonexistent case), register (POST /api/v1/cases) or batch_<action>
 *   (the batch forms of §3.2).
 * - situation: in_scope (the account may open the case), out_of_scope (its unit holds no grant; admins always),
 *   subject (linked as a subject), recused (declared a conflict), sealed (a sealed accusation, not in the group).
 * - state: the case the row runs against, `state@unit holding it now` on the chain 东城分局 fj1 → 城关派出所 pcs1a,
 *   with `+` for a pending request or flag (e.g. `in_progress@pcs1a+return_requested`); `-` for no case.
 * - expected: the HTTP status (for batch_*: the item's status), or for list: listed / hidden.
 * - note: why, with the DESIGN section; `ambiguous An` points at a reading the report explains.
 * - known_bug: empty, or the id of a reported application bug the row currently shows.
 */
export interface PermissionRow {
  /** line in the CSV, for the diff table */
  readonly line: number;
  readonly role: string;
  readonly action: string;
  readonly situation: Situation;
  readonly state: string;
  readonly expected: Expectation;
  readonly note: string;
  /** a bug id of the report (e.g. B1) when the application is known to answer otherwise */
  readonly knownBug: string;
}

/** Routes besides the one-action route, by their fixture name. */
const OTHER_ROUTES: Readonly<Record<string, string>> = {
  detail: 'GET /api/v1/cases/:number',
  list: 'GET /api/v1/cases',
  assignable_units: 'GET /api/v1/cases/:number/assignable-units',
  register: 'POST /api/v1/cases',
  documents: 'GET /api/v1/cases/:number/documents',
  // the 受理登记表, which every reader of a case may print (issue 4 打印)
  print: 'GET /api/v1/cases/:number/documents/:kind',
  // one attachment of a case; the fixture asks for an id the case does not have (DESIGN §3.4 §7.4)
  attachment: 'GET /api/v1/cases/:number/attachments/:attachmentId',
  // click-to-dial the reporter (issue 6): for whoever may now record the follow-up, or intake handling directly
  dial: 'POST /api/v1/cases/:number/dial',
};

export const BATCH_PREFIX = 'batch_';

/** The route pattern (as in the route inventory) a fixture action exercises. */
export function routeOfAction(action: string): string {
  if (action.startsWith(BATCH_PREFIX)) return 'POST /api/v1/cases/batch/:action';
  return OTHER_ROUTES[action] ?? 'POST /api/v1/cases/:number/actions/:action';
}

const FIXTURE = new URL('../fixtures/permissions.csv', import.meta.url);
const HEADER = 'role,action,situation,state,expected,note,known_bug';

function isOneOf<T extends string>(values: readonly T[], v: string): v is T {
  return (values as readonly string[]).includes(v);
}

export function loadPermissionRows(): PermissionRow[] {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  if (lines[0] !== HEADER) throw new Error(`permissions.csv: the header must be "${HEADER}"`);
  const rows: PermissionRow[] = [];
  const seen = new Set<string>();
  lines.forEach((text, i) => {
    if (i === 0 || text.trim() === '') return;
    // Notes never contain commas (the fixture uses semicolons), so a plain split is the whole grammar.
    const cells = text.split(',');
    const [role, action, situation, state, expected, note, knownBug] = cells;
    const where = `permissions.csv:${String(i + 1)}`;
    if (cells.length !== 7 || role === undefined || action === undefined || state === undefined || note === undefined || knownBug === undefined) {
      throw new Error(`${where}: expected 7 cells, got ${String(cells.length)}`);
    }
    if (situation === undefined || !isOneOf(SITUATIONS, situation)) throw new Error(`${where}: unknown situation ${String(situation)}`);
    if (expected === undefined || !isOneOf(EXPECTATIONS, expected)) throw new Error(`${where}: unknown expectation ${String(expected)}`);
    const key = `${role} ${action} ${situation}`;
    if (seen.has(key)) throw new Error(`${where}: a second row for ${key}`);
    seen.add(key);
    rows.push({ line: i + 1, role, action, situation, state, expected, note, knownBug: knownBug.trim() });
  });
  return rows;
}
