// `zhitong demo`: the fictional bureau, its accounts and sample reports, on an empty database only.
import { insertAudit } from '../../store/audit-rows.js';
import { inTransaction, type Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { submitReport } from '../submit-report.js';
import { addUser } from './add-user.js';
import { walkDemoCases } from './demo-walkthrough.js';
import { DEMO_REPORTS, DEMO_UNITS, DEMO_USERS } from './demo-data.js';

export class DemoError extends Error {}

export interface DemoOptions {
  /** also walk sample cases through every state (the CLI's default; tests that count cases turn it off) */
  readonly walkthrough?: boolean;
}

export async function loadDemo(deps: Deps, password: string, osUser: string, options: DemoOptions = {}): Promise<{ users: number; units: number; cases: string[] }> {
  const used = await deps.pool.query('SELECT 1 FROM users UNION ALL SELECT 1 FROM cases UNION ALL SELECT 1 FROM units LIMIT 1');
  if ((used.rowCount ?? 0) > 0) throw new DemoError('the demo loads only into an empty database; this one already has units, users or cases');
  await inTransaction(deps.pool, async (tx) => {
    const ids = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const id = uuidv7();
      ids.set(u.code, id);
      await tx.query('INSERT INTO units (id, code, name, kind, parent_id, inspection) VALUES ($1, $2, $3, $4, $5, $6)', [id, u.code, u.name, u.kind, u.parent ? ids.get(u.parent) : null, u.inspection ?? false]);
    }
    await insertAudit(tx, { actorKind: 'cli', actorRef: osUser, action: 'demo.load', target: `units:${String(DEMO_UNITS.length)}` });
  });
  // secadmin first: the first user of an empty database must be one.
  const ordered = [...DEMO_USERS].sort((a, b) => Number(b.roles.includes('secadmin')) - Number(a.roles.includes('secadmin')));
  for (const u of ordered) {
    await addUser(deps, { username: u.username, displayName: u.displayName, unitCode: u.unit, roles: u.roles, password, policeNumber: u.policeNumber, rank: u.rank, mustChangePassword: false, totpRequired: false }, osUser);
  }
  const cases: string[] = [];
  for (const report of DEMO_REPORTS) {
    const r = await submitReport(deps, report, [], { channel: 'web' });
    cases.push(`${r.caseNumber} ${r.queryCode ?? ''}`);
  }
  if (options.walkthrough !== false) cases.push(...(await walkDemoCases(deps)));
  return { users: DEMO_USERS.length, units: DEMO_UNITS.length, cases };
}
