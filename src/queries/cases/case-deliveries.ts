// Texts to the reporter and how they went (issue 6), for the centre's case detail: metadata only (which
// template, sent / delivered / failed, or a dead letter and its code), never the number or the words. A
// dead-lettered outbox row is a text that never left (no number, the daily cap, a provider's refusal).
import type pg from 'pg';

/** skipped: nothing could carry it (a WeChat user outside the 48-hour window without a subscription). */
export type DeliveryStatus = 'sent' | 'delivered' | 'failed' | 'dead' | 'skipped';

export type DeliveryChannel = 'sms' | 'email' | 'wechat';

export interface DeliveryEntry {
  readonly channel: DeliveryChannel;
  readonly template: string;
  readonly status: DeliveryStatus;
  readonly at: string;
  /** the carrier's code (DELIVRD, UNDELIV:001 …) or the dead letter's error tag */
  readonly code: string | null;
}

/** The reporter's outbox kinds and the template each sends; staff alerts are about a person's phone, not the case. */
const REPORTER_SMS_KINDS: Readonly<Record<string, string>> = {
  'reporter.acknowledgement': 'reporter.acknowledgement',
  'reporter.query_code': 'reporter.query_code',
  'reporter.followup_question': 'followup.question',
};

/** The dead letter of a WeChat acknowledgement nothing could carry: shown as skipped, its code kept for a later try. */
const WECHAT_NO_CHANNEL = 'WechatSendError:NO_CHANNEL';

/**
 * WeChat too (issue 8): what the account sent about the case and how (customer_service, subscription), or
 * that nothing could go (skipped, no_channel).
 * Mails too (issue 7): an acknowledgement or notice a bounce marked failed. A dead letter names the channel
 * its acknowledgement row was meant for (SMS, e-mail, WeChat).
 */
export async function deliveriesOf(tx: pg.ClientBase, caseId: string): Promise<DeliveryEntry[]> {
  const r = await tx.query<{ channel: DeliveryChannel; template: string; status: DeliveryStatus; at: Date; code: string | null }>(
    `SELECT 'sms' AS channel, s.template, s.status, COALESCE(s.status_at, s.sent_at) AS at, s.status_code AS code
       FROM sms_messages s WHERE s.case_id = $1 AND s.status IN ('sent', 'delivered', 'failed') AND (s.template LIKE 'reporter.%' OR s.template = 'followup.question')
     UNION ALL
     SELECT 'email', m.kind, m.status, COALESCE(m.status_at, m.sent_at), m.status_code
       FROM mail_outbound m WHERE m.case_id = $1 AND m.status IN ('sent', 'failed')
     UNION ALL
     SELECT 'wechat', w.template, w.status, w.at, w.code FROM wechat_deliveries w WHERE w.case_id = $1
     UNION ALL
     SELECT COALESCE(o.payload ->> 'delivery', 'sms'), ($2::jsonb ->> o.kind),
            CASE WHEN o.last_error = $4 THEN 'skipped' ELSE 'dead' END, o.dead_at, CASE WHEN o.last_error = $4 THEN 'no_channel' ELSE o.last_error END
       FROM outbox o WHERE o.case_id = $1 AND o.dead_at IS NOT NULL AND o.kind = ANY($3::text[])
        AND (o.kind NOT IN ('reporter.acknowledgement', 'reporter.query_code') OR o.payload ->> 'delivery' IN ('sms', 'email', 'wechat'))
     ORDER BY at`,
    [caseId, JSON.stringify(REPORTER_SMS_KINDS), Object.keys(REPORTER_SMS_KINDS), WECHAT_NO_CHANNEL],
  );
  return r.rows.map((x) => ({ channel: x.channel, template: x.template, status: x.status, at: x.at.toISOString(), code: x.code }));
}
