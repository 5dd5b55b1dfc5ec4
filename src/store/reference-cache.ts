// The reference set (unit tree and heads, calendar, deadline policies, routing, sealed group) kept per
// process and reused while the database's reference_version is unchanged: one small read per request
// instead of seven statements and a calendar build. Triggers move the version on every change to those
// tables (migration 0012), and the check runs inside the caller's transaction, so a committed change is
// seen by the next request on every node.
import type pg from 'pg';
import { loadReferenceSet, type ReferenceSet } from './reference-data.js';

type Db = pg.ClientBase | pg.Pool;

export class ReferenceCache {
  private cached: { readonly version: string; readonly set: ReferenceSet } | null = null;

  async get(db: Db): Promise<ReferenceSet> {
    // Read before the data: data newer than its tag only causes a reload, never the reverse.
    const r = await db.query<{ version: string }>('SELECT version::text AS version FROM reference_version');
    const version = r.rows[0]?.version;
    if (version === undefined) return loadReferenceSet(db);
    if (this.cached?.version === version) return this.cached.set;
    const set = await loadReferenceSet(db);
    this.cached = { version, set };
    return set;
  }
}
