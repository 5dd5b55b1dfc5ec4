// The pure parts of the job layer: what a failure may leave behind, what a payload may carry,
// how long a failed outbox row waits.
import { describe, expect, it } from 'vitest';
import { errorTag } from '../../src/jobs/errors.js';
import { assertIdsOnly, defineJob, JobPayloadError } from '../../src/jobs/job.js';
import { retryDelayMs } from '../../src/jobs/outbox-relay.js';

describe('errorTag', () => {
  it('keeps a class name and a code of a known shape, never the message', () => {
    const smtp = Object.assign(new Error('550 <zhangsan@example.cn> unknown'), { name: 'SmtpError', code: 'EENVELOPE' });
    expect(errorTag(smtp)).toBe('SmtpError:EENVELOPE');
    expect(errorTag(Object.assign(new Error('duplicate key (phone)=(13812345678)'), { code: '23505' }))).toBe('Error:23505');
    expect(errorTag(Object.assign(new Error('x'), { code: 503 }))).toBe('Error:503');
    expect(errorTag(new TypeError('cannot read 张三'))).toBe('TypeError');
  });

  it('drops names and codes that could carry content', () => {
    expect(errorTag(Object.assign(new Error('x'), { name: '张三' }))).toBe('Error');
    expect(errorTag(Object.assign(new Error('x'), { code: '13812345678' }))).toBe('Error');
    expect(errorTag(Object.assign(new Error('x'), { code: 'mailbox of wang' }))).toBe('Error');
    expect(errorTag('a thrown string with content')).toBe('NonError');
    expect(errorTag(null)).toBe('NonError');
  });
});

describe('job payloads', () => {
  it('accept ids: UUIDs, lower-case codes, small integers, booleans, null', () => {
    const payload = { caseId: '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b', kind: 'case.registered', outboxId: 42, urgent: true, messageId: null };
    expect(assertIdsOnly(payload)).toBe(payload);
  });

  it.each([
    ['free text', { note: '请尽快处理' }],
    ['a name', { name: 'Wang Wu' }],
    ['a phone number as text', { phone: '13812345678' }],
    ['a phone number as a number', { phone: 13812345678 }],
    ['a nested object', { reporter: { id: 1 } }],
    ['an array', { ids: [1, 2] }],
    ['a case number', { caseNumber: 'SL2026-000123' }],
    ['an odd key', { 'Case Id': 1 }],
  ])('refuse %s', (_what, payload) => {
    expect(() => assertIdsOnly(payload)).toThrow(JobPayloadError);
  });
});

describe('outbox backoff', () => {
  it('doubles from the base delay up to the maximum', () => {
    const o = { baseDelayMs: 30_000, maxDelayMs: 60 * 60_000 };
    expect([1, 2, 3, 4, 8, 9, 20].map((a) => retryDelayMs(a, o))).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000]);
  });
});

describe('defineJob', () => {
  it('gives a periodic job a stately queue and refuses odd names', () => {
    const tick = defineJob('demo.tick', () => Promise.resolve(), { schedule: { everySeconds: 5, firstAfterSeconds: 0 } });
    expect(tick.queue).toMatchObject({ name: 'demo.tick', policy: 'stately' });
    expect(defineJob('demo.once', () => Promise.resolve()).queue.policy).toBe('standard');
    expect(() => defineJob('Demo Job', () => Promise.resolve())).toThrow(/invalid job name/);
  });
});
