// 补发查询码 (DESIGN §7.4): who may reissue a query code, in which states, and which way the new code goes.
import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../src/domain/case-states.js';
import { transitionFor } from '../../src/domain/lifecycle.js';
import { reissueDeliveryFor, takesSms } from '../../src/domain/query-code-reissue.js';
import { SMS_TEMPLATES, templateProblems } from '../../src/domain/sms/templates.js';

describe('the reissue_query_code row', () => {
  it('is open to intake and followup in every state, closed and archived included, and to nobody else', () => {
    for (const state of CASE_STATES) {
      expect([state, transitionFor(state, 'reissue_query_code', 'intake') !== null]).toEqual([state, true]);
      expect([state, transitionFor(state, 'reissue_query_code', 'followup') !== null]).toEqual([state, true]);
      for (const role of ['assigner', 'supervision_head', 'handler', 'liaison', 'unit_head', 'archivist', 'reporter'] as const) {
        expect([state, role, transitionFor(state, 'reissue_query_code', role)]).toEqual([state, role, null]);
      }
    }
  });
});

describe('the way a reissued code goes', () => {
  const none = { phone: null, email: null, openid: false };

  it('follows the acknowledgement while its contact is still there, else a mobile, an address, WeChat', () => {
    expect(reissueDeliveryFor('email', { ...none, phone: '13800138000', email: 'a@example.invalid' })).toBe('email');
    expect(reissueDeliveryFor('wechat', { ...none, phone: '13800138000', openid: true })).toBe('wechat');
    expect(reissueDeliveryFor('email', { ...none, phone: '13800138000' })).toBe('sms');
    expect(reissueDeliveryFor(null, { ...none, email: 'a@example.invalid', openid: true })).toBe('email');
    expect(reissueDeliveryFor(null, { ...none, openid: true })).toBe('wechat');
  });

  it('is nowhere (shown to the clerk once) for no reporter, a landline or an address only', () => {
    expect(reissueDeliveryFor(null, null)).toBeNull();
    expect(reissueDeliveryFor('sms', { ...none, phone: '010-62345678' })).toBeNull();
    expect(reissueDeliveryFor(null, none)).toBeNull();
  });

  it('takes for SMS what the SMS sender takes', () => {
    expect(['13800138000', '+8613800138000', '8613800138000', '+85291234567', '138 0013 8000'].map(takesSms)).toEqual([true, true, true, true, true]);
    expect(['010-62345678', '12389', ''].map(takesSms)).toEqual([false, false, false]);
  });

  it('has an SMS text within the reporter rules', () => {
    expect(templateProblems('reporter.query_code', SMS_TEMPLATES['reporter.query_code'].text)).toEqual([]);
  });
});
