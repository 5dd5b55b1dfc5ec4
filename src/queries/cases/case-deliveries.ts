// Texts to the reporter and how they went (issue 6), for the centre's case detail: metadata only (which
// template, sent / delivered / failed, or a dead letter and its code), never the number or the words. A
// dead-lettered outbox row is a text that never left (no number, the daily cap, a provider's refusal).
import type pg from 'pg';

export type DeliveryStatus = 'sent' | 'delivered' | 'failed' | 'dead';

export interface DeliveryEntry {
  readonly channel: 'sms';
  readonly template: string;
  readonly status: DeliveryStatus;
  readonly at: string;
  /** the carrier's code (DELIVRD, UNDELIV:001 …) or the dead letter's error tag */
  readonly code: string | null;
}

/** The reporter's SMS kinds and the template each sends; staff alerts are about a person's phone, not the case. */
const REPORTER_SMS_KINDS: Readonly<Record<string, string>> = {
  'reporter.acknowledgement': 'reporter.acknowledgement',
  'reporter.followup_question': 'followup.question',
};

export async function deliveriesOf(tx: pg.ClientBase, caseId: string): Promise<DeliveryEntry[]> {
  const r = await tx.query<{ template: string; status: DeliveryStatus; at: Date; code: string | null }>(
    `SELECT s.template, s.status, COALESCE(s.status_at, s.sent_at) AS at, s.status_code AS code
       FROM sms_messages s WHERE s.case_id = $1 AND s.status IN ('sent', 'delivered', 'failed') AND (s.template LIKE 'reporter.%' OR s.template = 'followup.question')
     UNION ALL
     SELECT ($2::jsonb ->> o.kind), 'dead', o.dead_at, o.last_error
       FROM outbox o WHERE o.case_id = $1 AND o.dead_at IS NOT NULL AND o.kind = ANY($3::text[])
        AND (o.kind <> 'reporter.acknowledgement' OR o.payload ->> 'delivery' = 'sms')
     ORDER BY at`,
    [caseId, JSON.stringify(REPORTER_SMS_KINDS), Object.keys(REPORTER_SMS_KINDS)],
  );
  return r.rows.map((x) => ({ channel: 'sms', template: x.template, status: x.status, at: x.at.toISOString(), code: x.code }));
}
