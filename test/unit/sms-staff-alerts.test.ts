// Which notifications text a staff member, and the staff mobile's input and masked forms
// (src/domain/sms/staff-alerts.ts).
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_LABELS } from '../../src/domain/notification-kinds.js';
import { maskMobile, normaliseStaffMobile, STAFF_SMS_ALERTS, staffAlertFor } from '../../src/domain/sms/staff-alerts.js';
import { SMS_TEMPLATES } from '../../src/domain/sms/templates.js';

describe('staff SMS alerts', () => {
  it('map the alerting kinds to staff templates, with a deadline where the template shows one', () => {
    expect(staffAlertFor('to_sign_for')).toEqual({ template: 'staff.to_sign_for', due: 'sign_for' });
    expect(staffAlertFor('assigned_to_you')?.template).toBe('staff.new_assignment');
    expect(staffAlertFor('dissatisfied')).toBeNull();
    expect(staffAlertFor('toString')).toBeNull();
    for (const [kind, alert] of Object.entries(STAFF_SMS_ALERTS)) {
      const def = SMS_TEMPLATES[alert.template];
      expect([kind, def.audience]).toEqual([kind, 'staff']);
      expect([kind, (def.placeholders as readonly string[]).includes('dueDate')]).toEqual([kind, alert.due !== undefined]);
    }
    // The case-action kinds are in-app kinds too (the clock sweep's are its own).
    for (const kind of ['to_sign_for', 'to_instruct', 'assigned_to_you', 'to_assign_handler', 'chased', 'supervised']) expect(Object.hasOwn(NOTIFICATION_LABELS, kind)).toBe(true);
  });

  it('take a mainland mobile as typed and show it masked', () => {
    expect(normaliseStaffMobile('138 0013 5678')).toBe('13800135678');
    expect(normaliseStaffMobile('+86 138-0013-5678')).toBe('13800135678');
    expect(normaliseStaffMobile('8613800135678')).toBe('13800135678');
    expect(normaliseStaffMobile('010-62345678')).toBeNull();
    expect(normaliseStaffMobile('12800135678')).toBeNull();
    expect(maskMobile('13800135678')).toBe('138****5678');
  });
});
