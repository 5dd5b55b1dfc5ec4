// Staff alerts by text message (issue 6): the outbox row `staff.sms_alert` written beside an in-app
// notification (src/commands/notify.ts) names the user, the case and the template; the number is decrypted
// and the text rendered here, at send time. The text names the case number (and a date where the template
// has one): whoever picks up the phone learns no content, no name and no unit.
import { decryptStaffMobile } from '../../commands/admin/user-mobile.js';
import type { Deps } from '../../commands/deps.js';
import { signForDue } from '../../domain/clocks/step-clocks.js';
import type { AlertDue } from '../../domain/sms/staff-alerts.js';
import { isSmsTemplateKey, SMS_TEMPLATES, type SmsTemplateKey } from '../../domain/sms/templates.js';
import type { OutboxHandler } from '../../jobs/outbox-relay.js';
import { localDateOf } from '../../store/case-view-of.js';
import { loadReferenceSet } from '../../store/reference-data.js';
import { SmsSendError } from './errors.js';
import { stillMayRead } from './still-readable.js';
import { toE164 } from './phone.js';
import { alreadySent, assertUnderDailyCap, recordSent } from './send-log.js';
import type { SmsProvider } from './types.js';

interface AlertFacts {
  readonly case_number: string;
  readonly unit_due: string | null;
  readonly public_due: string | null;
  readonly mobile_enc: Buffer | null;
  readonly active: boolean;
  readonly unit_id: string;
}

/** The date the template shows; null when the step it is about is already done (nothing to alert). */
async function dueDate(deps: Deps, due: AlertDue, caseId: string, facts: AlertFacts): Promise<string | null> {
  if (due === 'unit') return facts.unit_due;
  if (due === 'public') return facts.public_due;
  const level = await deps.pool.query<{ assigned_at: Date }>(
    `SELECT d.assigned_at FROM dispatch_levels d JOIN cases c ON c.id = d.case_id AND c.cycle = d.cycle
      WHERE d.case_id = $1 AND d.granted AND d.signed_for_at IS NULL AND (d.unit_id = $2 OR $2 = ANY(d.co_unit_ids))
      ORDER BY d.assigned_at DESC LIMIT 1`,
    [caseId, facts.unit_id],
  );
  const at = level.rows[0]?.assigned_at;
  if (at === undefined) return null;
  const ref = await loadReferenceSet(deps.pool);
  return signForDue(ref.calendar, localDateOf(at, deps.timezone));
}

function isAlertDue(v: unknown): v is AlertDue {
  return v === 'unit' || v === 'public' || v === 'sign_for';
}

export function smsStaffAlertHandler(provider: SmsProvider, options: { readonly dailyCap: number }): OutboxHandler {
  return async (message, ctx) => {
    const { deps } = ctx;
    const p = message.payload as { userId?: unknown; template?: unknown; due?: unknown };
    if (message.caseId === null || typeof p.userId !== 'string' || typeof p.template !== 'string' || !isSmsTemplateKey(p.template)) throw new SmsSendError('BAD_PAYLOAD', false);
    const template: SmsTemplateKey = p.template;
    if (SMS_TEMPLATES[template].audience !== 'staff') throw new SmsSendError('BAD_PAYLOAD', false);
    if (await alreadySent(deps, message.id)) return;
    const facts = (
      await deps.pool.query<AlertFacts>(
        `SELECT c.case_number, c.unit_due::text AS unit_due, c.public_due::text AS public_due, u.mobile_enc, u.active, u.unit_id
           FROM cases c, users u WHERE c.id = $1 AND u.id = $2`,
        [message.caseId, p.userId],
      )
    ).rows[0];
    // Deactivated, or the number removed since: the in-app notice is all they get.
    if (facts === undefined || !facts.active || facts.mobile_enc === null) return;
    if (!(await stillMayRead(deps, p.userId, facts.case_number))) return;
    const params: Record<string, string> = { caseNumber: facts.case_number };
    if ((SMS_TEMPLATES[template].placeholders as readonly string[]).includes('dueDate')) {
      const date = await dueDate(deps, isAlertDue(p.due) ? p.due : 'unit', message.caseId, facts);
      if (date === null) return;
      params.dueDate = date;
    }
    const to = toE164(decryptStaffMobile(deps, p.userId, facts.mobile_enc));
    if (to === null) throw new SmsSendError('NOT_A_MOBILE', false);
    const phoneKey = deps.blind.index('phone', to);
    await assertUnderDailyCap(deps.pool, deps, phoneKey, options.dailyCap);
    const sent = await provider.send({ to, template: { key: template, params }, idempotencyKey: `outbox-${message.id}` });
    await recordSent(deps, provider, { outboxId: message.id, caseId: message.caseId, phoneKey, template }, sent);
  };
}
