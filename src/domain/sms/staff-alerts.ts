// Which in-app notifications also go to a staff member's phone (issue 6), and as which template. The text
// carries the case number (and a date where the template has one), never content or names; the notice
// itself stays in the console. Kinds not listed here are in-app only.
import type { SmsTemplateKey } from './templates.js';

/** Which deadline a template's date is: the unit's, the public one, or the sign-for step's. */
export type AlertDue = 'unit' | 'public' | 'sign_for';

export interface StaffAlert {
  readonly template: SmsTemplateKey;
  readonly due?: AlertDue;
}

export const STAFF_SMS_ALERTS: Readonly<Record<string, StaffAlert>> = {
  to_sign_for: { template: 'staff.to_sign_for', due: 'sign_for' },
  to_instruct: { template: 'staff.to_instruct' },
  assigned_to_you: { template: 'staff.new_assignment' },
  to_assign_handler: { template: 'staff.new_assignment' },
  chased: { template: 'staff.chased' },
  supervised: { template: 'staff.supervised' },
  // Written by the clock sweep (src/commands/clock-sweep.ts).
  unit_amber: { template: 'staff.due_soon', due: 'unit' },
  unit_overdue: { template: 'staff.overdue', due: 'unit' },
  public_overdue: { template: 'staff.overdue', due: 'public' },
};

export function staffAlertFor(kind: string): StaffAlert | null {
  return Object.hasOwn(STAFF_SMS_ALERTS, kind) ? (STAFF_SMS_ALERTS[kind] ?? null) : null;
}

/** A mainland mobile as the secadmin types it (spaces, dashes, +86 allowed) → 11 digits, or null. */
export function normaliseStaffMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/gu, '').replace(/^(?:\+86|0086|86)(?=1\d{10}$)/u, '');
  return /^1[3-9]\d{9}$/u.test(digits) ? digits : null;
}

/** 138****5678: enough to recognise the number, not to dial it. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****';
}
