// The screen pop (issue 6, DESIGN §5): the calls ringing at this user's seat or answered by them, each with
// the caller's earlier cases and calls found by the number's blind index, and the repeat-caller flag. The
// caller's history is identity (DESIGN §7.2): the first time it is shown to a user for a call, the audit
// row is written in the same transaction, before the answer leaves.
import type pg from 'pg';
import { inTransaction, type Deps } from '../../commands/deps.js';
import { callerOf } from '../../commands/cti/call-rows.js';
import { STATE_INFO, type CaseState } from '../../domain/case-states.js';
import type { Actor } from '../../domain/case-view.js';
import { isRepeatCaller, type CallDirection, type CallState } from '../../domain/cti/calls.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { ACTIVE_STATES } from '../../domain/state-groups.js';
import { insertAudit } from '../../store/audit-rows.js';
import { caseScope } from '../cases/case-scope.js';

/** A pop older than this is a call the PBX never reported ended; it no longer pops. */
const POP_WINDOW_MS = 2 * 3600_000;
const HISTORY_LIMIT = 10;
const REPEAT_WINDOW_MS = 30 * 24 * 3600_000;

export interface CallPop {
  readonly callId: string;
  readonly state: CallState;
  readonly direction: CallDirection;
  readonly callerNumber: string | null;
  readonly startedAt: string | null;
  readonly answeredAt: string | null;
  readonly line: string | null;
  readonly repeatCaller: boolean;
  readonly history: {
    readonly cases: { caseNumber: string; type: string; state: CaseState; stateLabel: Bilingual; receivedAt: string }[];
    readonly calls: { callId: string | null; startedAt: string | null; state: CallState; durationSec: number | null; caseNumber: string | null }[];
  };
  readonly register: { readonly channel: 'phone'; readonly receivedAt: string | null; readonly channelDetails: { callerNumber: string | null; calledAt: string | null; callId: string } };
}

interface PopRow {
  id: string;
  call_id: string;
  direction: CallDirection;
  caller_enc: Buffer | null;
  caller_bidx: Buffer | null;
  line: string | null;
  state: CallState;
  started_at: Date | null;
  answered_at: Date | null;
}

const CURRENT_SQL = `
SELECT k.id, k.call_id, k.direction, k.caller_enc, k.caller_bidx, k.line, k.state, k.started_at, k.answered_at
FROM calls k
WHERE k.call_id IS NOT NULL AND k.state IN ('ringing', 'answered') AND NOT k.voicemail
  AND COALESCE(k.started_at, k.created_at) > $2
  AND (k.agent_user_id = $1 OR (k.state = 'ringing' AND k.agent_user_id IS NULL AND k.line IS NOT NULL AND k.line = (SELECT seat_extension FROM users WHERE id = $1)))
ORDER BY COALESCE(k.started_at, k.created_at) DESC
LIMIT 5`;

/**
 * The caller's cases: as a reporter by phone, or registered from one of their calls. Cases this user may not
 * open are left out by the case list's own scope (`caseScope`: recusal by account, police number and declared
 * conflict, the accusation firewall); sealed ones are left out for everyone, members of the group included.
 * `scope` is that condition with its placeholders after the query's own.
 */
const casesSql = (scope: string): string => `
SELECT c.case_number, c.type, c.state, c.received_at
FROM cases c
WHERE NOT c.sealed AND ${scope}
  AND c.id IN (
  SELECT r.case_id FROM reporters r WHERE r.phone_bidx = $1
  UNION SELECT k.case_id FROM calls k WHERE k.caller_bidx = $1 AND k.case_id IS NOT NULL)
ORDER BY c.received_at DESC
LIMIT $2`;

const callsSql = (scope: string): string => `
SELECT k.call_id, k.started_at, k.state, k.duration_sec,
  (SELECT c.case_number FROM cases c WHERE c.id = k.case_id AND NOT c.sealed AND ${scope}) AS case_number
FROM calls k WHERE k.caller_bidx = $1 AND k.id <> $2
ORDER BY COALESCE(k.started_at, k.created_at) DESC
LIMIT $3`;

const FACTS_SQL = `
SELECT
  (SELECT count(*)::int FROM calls k WHERE k.caller_bidx = $1 AND k.id <> $2 AND k.started_at >= $3 AND k.started_at <= $4) AS earlier_calls,
  (SELECT count(*)::int FROM cases c WHERE c.state = ANY($5::text[]) AND c.received_at <= $4
    AND c.id IS DISTINCT FROM (SELECT case_id FROM calls WHERE id = $2) AND c.id IN (
    SELECT r.case_id FROM reporters r WHERE r.phone_bidx = $1
    UNION SELECT k.case_id FROM calls k WHERE k.caller_bidx = $1 AND k.case_id IS NOT NULL AND k.id <> $2)) AS open_cases`;

type History = CallPop['history'];

async function historyOf(tx: pg.ClientBase, deps: Deps, row: PopRow, actor: Actor, now: Date): Promise<{ history: History; repeat: boolean }> {
  if (row.caller_bidx === null) return { history: { cases: [], calls: [] }, repeat: false };
  const { org, sealedGroup } = await deps.reference.get(tx);
  const forCases = caseScope(actor, org.tree, sealedGroup, 2);
  const forCalls = caseScope(actor, org.tree, sealedGroup, 3);
  const cases = await tx.query<{ case_number: string; type: string; state: CaseState; received_at: Date }>(casesSql(forCases.where), [row.caller_bidx, HISTORY_LIMIT, ...forCases.params]);
  const calls = await tx.query<{ call_id: string | null; started_at: Date | null; state: CallState; duration_sec: number | null; case_number: string | null }>(callsSql(forCalls.where), [row.caller_bidx, row.id, HISTORY_LIMIT, ...forCalls.params]);
  const at = row.started_at ?? now;
  const facts = (await tx.query<{ earlier_calls: number; open_cases: number }>(FACTS_SQL, [row.caller_bidx, row.id, new Date(at.getTime() - REPEAT_WINDOW_MS), at, ACTIVE_STATES])).rows[0];
  return {
    history: {
      cases: cases.rows.map((c) => ({ caseNumber: c.case_number, type: c.type, state: c.state, stateLabel: STATE_INFO[c.state].label, receivedAt: c.received_at.toISOString() })),
      calls: calls.rows.map((k) => ({ callId: k.call_id, startedAt: k.started_at?.toISOString() ?? null, state: k.state, durationSec: k.duration_sec, caseNumber: k.case_number })),
    },
    repeat: isRepeatCaller({ earlierCalls30d: facts?.earlier_calls ?? 0, earlierOpenCases: facts?.open_cases ?? 0 }),
  };
}

/** The first showing of a caller's history to this user for this call is on record. */
async function auditFirstPop(tx: pg.ClientBase, row: PopRow, userId: string, now: Date): Promise<void> {
  const r = await tx.query('INSERT INTO call_pops (call_row_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [row.id, userId, now]);
  if ((r.rowCount ?? 0) > 0) await insertAudit(tx, { actorKind: 'staff', actorUserId: userId, action: 'call.pop', target: `call:${row.id}` });
}

export async function currentCalls(deps: Deps, actor: Actor): Promise<CallPop[]> {
  const { userId } = actor;
  const now = deps.clock.now();
  return inTransaction(deps.pool, async (tx) => {
    const rows = (await tx.query<PopRow>(CURRENT_SQL, [userId, new Date(now.getTime() - POP_WINDOW_MS)])).rows;
    const pops: CallPop[] = [];
    for (const row of rows) {
      const { history, repeat } = await historyOf(tx, deps, row, actor, now);
      if (row.caller_enc !== null) await auditFirstPop(tx, row, userId, now);
      const callerNumber = callerOf(deps, row);
      const startedAt = row.started_at?.toISOString() ?? null;
      pops.push({
        callId: row.call_id,
        state: row.state,
        direction: row.direction,
        callerNumber,
        startedAt,
        answeredAt: row.answered_at?.toISOString() ?? null,
        line: row.line,
        repeatCaller: repeat,
        history,
        register: { channel: 'phone', receivedAt: startedAt, channelDetails: { callerNumber, calledAt: startedAt, callId: row.call_id } },
      });
    }
    return pops;
  });
}
