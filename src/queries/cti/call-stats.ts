// The hotline's figures (issue 6): calls, answered, answered within 15 seconds, lost and voicemail, by
// hour of the day in the bureau's zone and by agent. Answered and lost count inbound calls only: an
// outbound call-back is work, not a caller waiting. Lost is an inbound call that ended unanswered and
// did not reach the voicemail, which is counted on its own. Handling time runs from answer to hang-up.
import type { Deps } from '../../commands/deps.js';
import { addDays, type LocalDate } from '../../domain/calendar/local-date.js';
import { instantOf } from '../../domain/cti/zoned-time.js';

/** The service level the centre reports: answered within this many seconds of ringing. */
export const ANSWER_TARGET_SEC = 15;

export interface CallCounts {
  readonly calls: number;
  readonly answered: number;
  readonly answeredWithin15s: number;
  readonly lost: number;
}

export interface CallStats {
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  readonly totals: CallCounts & { readonly voicemail: number; readonly averageHandlingSec: number | null };
  readonly byHour: (CallCounts & { readonly hour: number })[];
  readonly byAgent: { userId: string; displayName: string; calls: number; answered: number; averageHandlingSec: number | null }[];
}

const COUNTS = `
  count(*)::int AS calls,
  count(*) FILTER (WHERE k.direction = 'in' AND k.answered_at IS NOT NULL)::int AS answered,
  count(*) FILTER (WHERE k.direction = 'in' AND k.answered_at IS NOT NULL AND k.answered_at - k.started_at <= make_interval(secs => ${String(ANSWER_TARGET_SEC)}))::int AS within,
  count(*) FILTER (WHERE k.direction = 'in' AND k.state = 'ended' AND k.answered_at IS NULL AND NOT k.voicemail)::int AS lost`;
const HANDLING = `avg(extract(epoch FROM k.ended_at - k.answered_at)) FILTER (WHERE k.direction = 'in' AND k.answered_at IS NOT NULL AND k.ended_at IS NOT NULL)::float8 AS handling`;
const PERIOD = 'k.started_at >= $1 AND k.started_at < $2';

interface CountRow {
  calls: number;
  answered: number;
  within: number;
  lost: number;
}

const counts = (r: CountRow | undefined): CallCounts => ({ calls: r?.calls ?? 0, answered: r?.answered ?? 0, answeredWithin15s: r?.within ?? 0, lost: r?.lost ?? 0 });
const seconds = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(v));

export async function callStats(deps: Deps, from: LocalDate, to: LocalDate): Promise<CallStats> {
  const start = instantOf(deps.timezone, from, '00:00');
  const end = instantOf(deps.timezone, addDays(to, 1), '00:00');
  const totals = await deps.pool.query<CountRow & { voicemail: number; handling: number | null }>(
    `SELECT ${COUNTS}, count(*) FILTER (WHERE k.voicemail)::int AS voicemail, ${HANDLING} FROM calls k WHERE ${PERIOD}`,
    [start, end],
  );
  const hours = await deps.pool.query<CountRow & { hour: number }>(
    `SELECT extract(hour FROM k.started_at AT TIME ZONE $3)::int AS hour, ${COUNTS} FROM calls k WHERE ${PERIOD} GROUP BY 1 ORDER BY 1`,
    [start, end, deps.timezone],
  );
  const agents = await deps.pool.query<CountRow & { user_id: string; display_name: string; handling: number | null }>(
    `SELECT u.id AS user_id, u.display_name, ${COUNTS}, ${HANDLING}
     FROM calls k JOIN users u ON u.id = k.agent_user_id WHERE ${PERIOD} GROUP BY u.id, u.display_name ORDER BY u.display_name, u.id`,
    [start, end],
  );
  const byHourMap = new Map(hours.rows.map((h) => [h.hour, h]));
  const t = totals.rows[0];
  return {
    period: { from, to },
    totals: { ...counts(t), voicemail: t?.voicemail ?? 0, averageHandlingSec: seconds(t?.handling) },
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, ...counts(byHourMap.get(hour)) })),
    byAgent: agents.rows.map((a) => ({ userId: a.user_id, displayName: a.display_name, calls: a.calls, answered: a.answered, averageHandlingSec: seconds(a.handling) })),
  };
}
