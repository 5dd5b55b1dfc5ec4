import { describe, expect, it } from 'vitest';
import { isRetryableSmsError, normaliseCode, SmsSendError } from '../../src/channels/sms/errors.js';
import { FakeSmsProvider } from '../../src/channels/sms/fake.js';
import { aliyunNumber, toE164 } from '../../src/channels/sms/phone.js';
import { SmsRuleError } from '../../src/domain/sms/errors.js';
import { parseFollowupReply } from '../../src/domain/sms/followup-reply.js';
import { errorTag } from '../../src/jobs/errors.js';

describe('phone numbers at the edge', () => {
  it('normalises mainland and international forms to E.164 and refuses the rest', () => {
    for (const raw of ['13900000001', '8613900000001', '+8613900000001', '0086 139-0000-0001']) expect(toE164(raw)).toBe('+8613900000001');
    expect(toE164('91234567', '852')).toBe('+85291234567');
    for (const raw of ['', '123', '12900000001', 'abc', '+0123456789']) expect(toE164(raw)).toBeNull();
    expect(aliyunNumber(toE164('13900000001')!)).toBe('13900000001');
    expect(aliyunNumber(toE164('91234567', '852')!)).toBe('85291234567');
  });
});

describe('SMS errors', () => {
  it('keep only a class and a code shaped for errorTag, whatever the provider said', () => {
    expect(normaliseCode('isv.MOBILE_NUMBER_ILLEGAL')).toBe('ISV_MOBILE_NUMBER_ILLEGAL');
    expect(normaliseCode('404')).toBe('CODE_404');
    expect(errorTag(new SmsSendError('isv.BUSINESS_LIMIT_CONTROL', false))).toBe('SmsSendError:ISV_BUSINESS_LIMIT_CONTROL');
    expect(errorTag(new SmsRuleError('PARAM_INVALID', 'reporter.reply: caseNumber'))).toBe('SmsRuleError:PARAM_INVALID');
  });

  it('say which failures a resend can cure', () => {
    expect(isRetryableSmsError(new SmsSendError('TIMEOUT', true))).toBe(true);
    expect(isRetryableSmsError(new SmsSendError('ISV_X', false))).toBe(false);
    expect(isRetryableSmsError(new SmsRuleError('PARAM_MISSING', 'x'))).toBe(false);
    expect(isRetryableSmsError(new Error('socket hang up'))).toBe(true);
  });
});

describe('the fake provider', () => {
  it('renders what it sends, fails on request and passes events on', async () => {
    const fake = new FakeSmsProvider();
    const to = toE164('13900000001')!;
    const r = await fake.send({ to, template: { key: 'followup.question', params: { caseNumber: 'SL1' } }, idempotencyKey: 'f-1', replyTag: '7' });
    expect(r.providerMessageId).toBe('fake-1');
    expect(fake.sent[0]!.rendered.text).toContain('回复1满意 2基本满意 3不满意');
    fake.failNext.push('ISV_BUSINESS_LIMIT_CONTROL');
    await expect(fake.send({ to, template: { key: 'followup.question', params: { caseNumber: 'SL1' } }, idempotencyKey: 'f-2' })).rejects.toMatchObject({ retryable: false });
    await expect(fake.send({ to, template: { key: 'followup.question', params: { caseNumber: 'SL1' } }, idempotencyKey: 'bad key' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' });
    await expect(fake.send({ to, template: { key: 'followup.question', params: { caseNumber: 'SL1' } }, idempotencyKey: 'f-3', replyTag: 'x1' })).rejects.toMatchObject({ code: 'REPLY_TAG_INVALID' });
    const ratings: unknown[] = [];
    fake.subscribe((e) => {
      if (e.type === 'inbound') ratings.push([e.sms.replyTag, parseFollowupReply(e.sms.text)]);
    });
    await fake.emit({ type: 'inbound', sms: { from: to, text: '3', at: new Date(), replyTag: '7', externalId: null } });
    expect(ratings).toEqual([['7', 'dissatisfied']]);
  });
});
