// GET /api/v1/cases (DESIGN §10): the staff queues. Filters, scope and recusal run inside one query, sorted by
// the deadline that matters to the reader (unit deadline for unit users, public deadline for the centre).
import { CLOCK_STATES } from '../../domain/state-groups.js';
import { inTransaction, type Deps } from '../../commands/deps.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { STATE_INFO, type CaseState, type PublicStage } from '../../domain/case-states.js';
import type { Actor } from '../../domain/case-view.js';
import { AMBER_WORKING_DAYS, light, remainingText, type Light } from '../../domain/clocks/lights.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { insertAudit } from '../../store/audit-rows.js';
import { localDateOf } from '../../store/case-view-of.js';
import { unitRef, type UnitRef } from './case-parts.js';
import { caseScope } from './case-scope.js';

export interface CaseFilters {
  readonly states?: readonly CaseState[];
  readonly stage?: PublicStage;
  readonly type?: string;
  readonly scope?: string;
  readonly problemType?: string;
  readonly policeBranch?: string;
  readonly channel?: string;
  readonly unitId?: string;
  readonly light?: Exclude<Light, 'none'>;
  readonly dueBefore?: LocalDate;
  /** registered (created) on or after this local date in the bureau's zone, as the statistics count */
  readonly registeredFrom?: LocalDate;
  /** registered on or before this local date */
  readonly registeredTo?: LocalDate;
  readonly assignedToMe?: boolean;
  readonly q?: string;
  readonly limit: number;
  readonly cursor?: string;
  /** count the whole filtered list too (capped at TOTAL_CAP) */
  readonly withTotal?: boolean;
}

export interface CaseListItem {
  readonly caseNumber: string;
  readonly version: number;
  readonly title: string;
  readonly type: string;
  readonly scope: string | null;
  readonly channel: string;
  readonly state: CaseState;
  readonly stateLabel: Bilingual;
  readonly isAccusation: boolean;
  readonly urgency: string;
  readonly receivedAt: string;
  readonly publicDue: string | null;
  readonly unitDue: string | null;
  readonly light: Light;
  readonly dueText: Bilingual;
  readonly currentUnit: UnitRef | null;
  readonly flags: { chased: boolean; supervised: boolean; suspended: boolean; awaitingConfirmation: boolean; overdue: boolean };
}

const NO_DUE = '9999-12-31';

/**
 * Counting stops here: an exact count of a huge list costs a scan of all of it, and nobody acts on the
 * difference between 10,000 and 250,000 open cases; beyond it the answer says "more than".
 */
export const TOTAL_CAP = 10_000;

export interface CasePage {
  readonly items: CaseListItem[];
  readonly nextCursor: string | null;
  /** only when asked for: the filtered list's size, at most TOTAL_CAP */
  readonly total?: number;
  /** only with total: true when the list holds more than TOTAL_CAP cases and total says TOTAL_CAP */
  readonly totalCapped?: boolean;
}

interface Cursor {
  readonly due: string;
  readonly id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.due, c.id]), 'utf8').toString('base64url');
}

/** An unreadable cursor starts from the beginning rather than failing: it carries nothing secret. */
function decodeCursor(text: string | undefined): Cursor | null {
  if (text === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && /^[0-9a-f-]{36}$/u.test(parsed[1])) return { due: parsed[0], id: parsed[1] };
  } catch {
    return null;
  }
  return null;
}

export async function listCases(deps: Deps, actor: Actor, f: CaseFilters): Promise<CasePage> {
  const empty: CasePage = f.withTotal === true ? { items: [], nextCursor: null, total: 0, totalCapped: false } : { items: [], nextCursor: null };
  return inTransaction(deps.pool, async (tx) => {
    const { org, calendar, sealedGroup } = await deps.reference.get(tx);
    const today = localDateOf(deps.clock.now(), deps.timezone);
    const scope = caseScope(actor, org.tree, sealedGroup, 0);
    if (!scope.any) return empty;
    const params = [...scope.params];
    const add = (v: unknown): string => {
      params.push(v);
      return `$${String(params.length)}`;
    };
    const due = scope.centre ? 'c.public_due' : 'c.unit_due';
    const conds = [scope.where];
    const states = f.states ?? (f.stage === undefined ? undefined : (Object.keys(STATE_INFO) as CaseState[]).filter((s) => STATE_INFO[s].publicStage === f.stage));
    if (states !== undefined) conds.push(`c.state = ANY(${add(states)}::text[])`);
    for (const [column, value] of [['type', f.type], ['scope', f.scope], ['problem_type', f.problemType], ['police_branch', f.policeBranch], ['channel', f.channel], ['current_unit_id', f.unitId]] as const) {
      if (value !== undefined) conds.push(`c.${column} = ${add(value)}`);
    }
    if (f.assignedToMe === true) conds.push(`c.handler_user_id = ${add(actor.userId)}::uuid`);
    if (f.dueBefore !== undefined) conds.push(`${due} <= ${add(f.dueBefore)}::date`);
    // The statistics count registrations by created_at between the bureau-zone midnights of the period;
    // the same bounds here make a drill-down list exactly the number clicked.
    if (f.registeredFrom !== undefined || f.registeredTo !== undefined) {
      const zone = add(deps.timezone);
      if (f.registeredFrom !== undefined) conds.push(`c.created_at >= (${add(f.registeredFrom)}::date::timestamp AT TIME ZONE ${zone}::text)`);
      if (f.registeredTo !== undefined) conds.push(`c.created_at < ((${add(f.registeredTo)}::date + 1)::timestamp AT TIME ZONE ${zone}::text)`);
    }
    if (f.light !== undefined) {
      // Amber is "3 working days or fewer left": due before the 4th working day from today.
      const amberEnd = calendar.addWorkingDays(today, AMBER_WORKING_DAYS + 1);
      conds.push(`c.state = ANY(${add(CLOCK_STATES)}::text[]) AND c.suspended_since IS NULL`);
      if (f.light === 'red') conds.push(`${due} < ${add(today)}::date`);
      else if (f.light === 'amber') conds.push(`${due} >= ${add(today)}::date AND ${due} < ${add(amberEnd)}::date`);
      else conds.push(`${due} >= ${add(amberEnd)}::date`);
    }
    let searched = false;
    if (f.q !== undefined) {
      const query = deps.search.queryText(f.q);
      if (query === null) return empty;
      conds.push(`EXISTS (SELECT 1 FROM case_search cs WHERE cs.case_id = c.id AND cs.tokens @@ phraseto_tsquery('simple', ${add(query)}))`);
      searched = true;
    }
    // The total counts the filtered list (scope and firewall included, so hidden cases never count), before the
    // cursor narrows it to a page; LIMIT bounds the work at TOTAL_CAP + 1 rows.
    const counted = f.withTotal === true
      ? Number((await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM (SELECT 1 FROM cases c WHERE ${conds.join(' AND ')} LIMIT ${String(TOTAL_CAP + 1)}) s`, params)).rows[0]?.n ?? 0)
      : null;
    const cursor = decodeCursor(f.cursor);
    if (cursor !== null) conds.push(`(COALESCE(${due}, '${NO_DUE}'::date), c.id) > (${add(cursor.due)}::date, ${add(cursor.id)}::uuid)`);
    const rows = await tx.query<{
      id: string; case_number: string; version: number; title_enc: Buffer; type: string; scope: string | null; channel: string; state: CaseState;
      is_accusation: boolean; urgency: string; received_at: Date; public_due: string | null; unit_due: string | null; current_unit_id: string | null;
      chased: boolean; supervised: boolean; suspended_since: string | null; pending: boolean; sort_due: string;
    }>(
      `SELECT c.id, c.case_number, c.version, c.title_enc, c.type, c.scope, c.channel, c.state, c.is_accusation, c.urgency, c.received_at,
              c.public_due, c.unit_due, c.current_unit_id, c.chased, c.supervised, c.suspended_since,
              EXISTS (SELECT 1 FROM pending_decisions p WHERE p.case_id = c.id AND p.settled_at IS NULL) AS pending,
              COALESCE(${due}, '${NO_DUE}'::date)::text AS sort_due
       FROM cases c WHERE ${conds.join(' AND ')}
       ORDER BY COALESCE(${due}, '${NO_DUE}'::date), c.id LIMIT ${add(f.limit + 1)}::int`,
      params,
    );
    // Searches are audited with the query text, protected in the audit log (DESIGN §7.3).
    if (searched) await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'case.search', detailsEnc: deps.cipher.encryptJson({ table: 'audit', column: 'details_enc', rowId: actor.userId }, { q: f.q }) });
    const page = rows.rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => {
        const d = (scope.centre ? r.public_due : r.unit_due) as LocalDate | null;
        const active = CLOCK_STATES.includes(r.state) && r.suspended_since === null;
        return {
          caseNumber: r.case_number,
          version: r.version,
          title: deps.cipher.decryptText({ table: 'cases', column: 'title_enc', rowId: r.id }, r.title_enc),
          type: r.type,
          scope: r.scope,
          channel: r.channel,
          state: r.state,
          stateLabel: STATE_INFO[r.state].label,
          isAccusation: r.is_accusation,
          urgency: r.urgency,
          receivedAt: r.received_at.toISOString(),
          publicDue: r.public_due,
          unitDue: r.unit_due,
          light: active ? light(calendar, today, d) : 'none',
          dueText: { zh: remainingText(calendar, today, active ? d : null, 'zh'), en: remainingText(calendar, today, active ? d : null, 'en') },
          currentUnit: unitRef(org, r.current_unit_id),
          flags: { chased: r.chased, supervised: r.supervised, suspended: r.suspended_since !== null, awaitingConfirmation: r.pending, overdue: active && r.public_due !== null && r.public_due < today },
        };
      }),
      nextCursor: rows.rows.length > f.limit && last !== undefined ? encodeCursor({ due: last.sort_due, id: last.id }) : null,
      ...(counted === null ? {} : { total: Math.min(counted, TOTAL_CAP), totalCapped: counted > TOTAL_CAP }),
    };
  });
}
