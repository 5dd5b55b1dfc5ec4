// The auditor's "unusual access" view (DESIGN §7.3): insiders browsing. Four signals over a window —
// bursts of case reads against the reader's own baseline, break-glass reveals of a reporter, reads
// outside working hours, and many answers of "not found". Reading it is audited like the log.
import type pg from 'pg';
import { inTransaction, type Deps } from '../../commands/deps.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { withinWorkingHours } from '../../domain/working-hours.js';
import { insertAudit } from '../../store/audit-rows.js';
import { loadCalendar, loadWorkingHours } from '../../store/reference-data.js';

export const READ_ACTIONS = ['case.view', 'case.search'] as const;
/** A burst: at least this many reads in one hour … */
export const MIN_HOURLY_READS = 20;
/** … and this many times the reader's own average per active hour over the baseline period. */
export const BASELINE_FACTOR = 3;
export const BASELINE_DAYS = 28;
export const MIN_MISSES = 10;
const MAX_ROWS = 200;

export interface Person {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unitName: string;
}

export interface UnusualAccess {
  readonly from: string;
  readonly to: string;
  readonly bursts: { readonly user: Person; readonly hour: string; readonly reads: number; readonly baseline: number }[];
  readonly breakGlass: { readonly seq: number; readonly at: string; readonly user: Person | null; readonly caseNumber: string | null; readonly reason: string | null }[];
  readonly offHours: { readonly user: Person; readonly reads: number; readonly first: string; readonly last: string }[];
  readonly misses: { readonly user: Person; readonly count: number }[];
}

async function bursts(tx: pg.ClientBase, from: Date, to: Date): Promise<{ uid: string; hour: Date; n: number; baseline: number }[]> {
  const r = await tx.query<{ uid: string; hour: Date; n: number; baseline: number }>(
    `WITH w AS (
       SELECT actor_user_id AS uid, date_trunc('hour', at) AS hour, count(*)::int AS n FROM audit
       WHERE action = ANY($1::text[]) AND actor_user_id IS NOT NULL AND at >= $2 AND at < $3 GROUP BY 1, 2
     ), b AS (
       SELECT actor_user_id AS uid, count(*)::float8 / count(DISTINCT date_trunc('hour', at)) AS per_hour FROM audit
       WHERE action = ANY($1::text[]) AND actor_user_id IN (SELECT uid FROM w) AND at >= $2::timestamptz - make_interval(days => $6::int) AND at < $2
       GROUP BY 1
     )
     SELECT w.uid, w.hour, w.n, COALESCE(b.per_hour, 0) AS baseline FROM w LEFT JOIN b USING (uid)
     WHERE w.n >= $4 AND w.n >= $5 * COALESCE(b.per_hour, 0) ORDER BY w.n DESC, w.hour LIMIT ${String(MAX_ROWS)}`,
    [READ_ACTIONS, from, to, MIN_HOURLY_READS, BASELINE_FACTOR, BASELINE_DAYS],
  );
  return r.rows;
}

async function offHours(deps: Deps, tx: pg.ClientBase, from: Date, to: Date): Promise<Map<string, { reads: number; first: Date; last: Date }>> {
  const calendar = await loadCalendar(tx);
  const hours = await loadWorkingHours(tx);
  // One row per reader and local minute, so the bureau's calendar and hours decide in memory.
  const r = await tx.query<{ uid: string; d: LocalDate; t: string; n: number; first: Date; last: Date }>(
    `SELECT actor_user_id AS uid, to_char(at AT TIME ZONE $4, 'YYYY-MM-DD') AS d, to_char(at AT TIME ZONE $4, 'HH24:MI') AS t,
            count(*)::int AS n, min(at) AS first, max(at) AS last
     FROM audit WHERE action = ANY($1::text[]) AND actor_user_id IS NOT NULL AND at >= $2 AND at < $3 GROUP BY 1, 2, 3 LIMIT 100000`,
    [READ_ACTIONS, from, to, deps.timezone],
  );
  const out = new Map<string, { reads: number; first: Date; last: Date }>();
  for (const row of r.rows) {
    let inside: boolean;
    try {
      inside = withinWorkingHours(calendar, hours, row.d, row.t);
    } catch {
      // A year the calendar cannot answer for: flag the read rather than hide it.
      inside = false;
    }
    if (inside) continue;
    const seen = out.get(row.uid);
    out.set(row.uid, seen === undefined ? { reads: row.n, first: row.first, last: row.last } : { reads: seen.reads + row.n, first: row.first < seen.first ? row.first : seen.first, last: row.last > seen.last ? row.last : seen.last });
  }
  return out;
}

async function people(tx: pg.ClientBase, ids: readonly string[]): Promise<Map<string, Person>> {
  const r = await tx.query<{ id: string; username: string; display_name: string; unit_name: string }>(
    'SELECT u.id, u.username, u.display_name, n.name AS unit_name FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = ANY($1::uuid[])',
    [[...new Set(ids)]],
  );
  return new Map(r.rows.map((p) => [p.id, { id: p.id, username: p.username, displayName: p.display_name, unitName: p.unit_name }]));
}

function reasonOf(deps: Deps, caseId: string | null, enc: Buffer | null): string | null {
  if (caseId === null || enc === null) return null;
  try {
    return deps.cipher.decryptJson<{ reason?: string }>({ table: 'audit', column: 'details_enc', rowId: caseId }, enc).reason ?? null;
  } catch {
    return null;
  }
}

/** The default window: the last day by the database's clock, which is the clock audit rows carry. */
export const DEFAULT_WINDOW_HOURS = 24;

export async function unusualAccess(deps: Deps, auditorId: string, window: { readonly from?: Date | undefined; readonly to?: Date | undefined }): Promise<UnusualAccess> {
  return inTransaction(deps.pool, async (tx) => {
    const dbNow = (await tx.query<{ now: Date }>('SELECT now() AS now')).rows[0]?.now ?? new Date();
    const to = window.to ?? dbNow;
    const from = window.from ?? new Date(to.getTime() - DEFAULT_WINDOW_HOURS * 3_600_000);
    const heavy = await bursts(tx, from, to);
    const glass = await tx.query<{ seq: string; at: Date; uid: string | null; case_id: string | null; case_number: string | null; details_enc: Buffer | null }>(
      `SELECT a.seq::text, a.at, a.actor_user_id AS uid, a.case_id, c.case_number, a.details_enc FROM audit a LEFT JOIN cases c ON c.id = a.case_id
       WHERE a.action = 'case.reveal_reporter' AND a.at >= $1 AND a.at < $2 ORDER BY a.seq DESC LIMIT ${String(MAX_ROWS)}`,
      [from, to],
    );
    const late = await offHours(deps, tx, from, to);
    const misses = await tx.query<{ uid: string; n: number }>(
      `SELECT actor_user_id AS uid, count(*)::int AS n FROM audit WHERE action = 'staff.not_found' AND actor_user_id IS NOT NULL AND at >= $1 AND at < $2
       GROUP BY 1 HAVING count(*) >= $3 ORDER BY 2 DESC LIMIT ${String(MAX_ROWS)}`,
      [from, to, MIN_MISSES],
    );
    const who = await people(tx, [...heavy.map((h) => h.uid), ...glass.rows.flatMap((g) => (g.uid === null ? [] : [g.uid])), ...late.keys(), ...misses.rows.map((m) => m.uid)]);
    await insertAudit(tx, {
      actorKind: 'staff',
      actorUserId: auditorId,
      action: 'audit.read_unusual',
      detailsEnc: deps.cipher.encryptJson({ table: 'audit', column: 'details_enc', rowId: auditorId }, { from: from.toISOString(), to: to.toISOString() }),
    });
    const known = <T extends { user: Person | undefined }>(x: T): x is T & { user: Person } => x.user !== undefined;
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      bursts: heavy.map((h) => ({ user: who.get(h.uid), hour: h.hour.toISOString(), reads: h.n, baseline: Math.round(h.baseline * 10) / 10 })).filter(known),
      breakGlass: glass.rows.map((g) => ({ seq: Number(g.seq), at: g.at.toISOString(), user: g.uid === null ? null : (who.get(g.uid) ?? null), caseNumber: g.case_number, reason: reasonOf(deps, g.case_id, g.details_enc) })),
      offHours: [...late].map(([uid, v]) => ({ user: who.get(uid), reads: v.reads, first: v.first.toISOString(), last: v.last.toISOString() })).filter(known).sort((a, b) => b.reads - a.reads),
      misses: misses.rows.map((m) => ({ user: who.get(m.uid), count: m.n })).filter(known),
    };
  });
}
