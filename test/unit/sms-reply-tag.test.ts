// The reply-tag rules of the follow-up question (src/domain/sms/reply-tag.ts): a free tag from a random start,
// and an answer matched only when exactly one open, recent question fits.
import { describe, expect, it } from 'vitest';
import { chooseReplyTag, matchFollowUpAnswer, REPLY_WINDOW_DAYS, type SentQuestion } from '../../src/domain/sms/reply-tag.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-03-10T02:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const q = (followUpId: string, replyTag: string | null, sentAt: Date, open = true): SentQuestion => ({ followUpId, replyTag, sentAt, open });

describe('chooseReplyTag', () => {
  it('starts where the random number says and skips held tags', () => {
    expect(chooseReplyTag(new Set(), () => 0)).toBe('1000');
    expect(chooseReplyTag(new Set(['4321']), () => 3321)).toBe('4322');
    expect(chooseReplyTag(new Set(['9999']), () => 8999)).toBe('1000');
  });

  it('answers null when every tag is held, and refuses a random number out of range', () => {
    const all = new Set(Array.from({ length: 9000 }, (_, i) => String(1000 + i)));
    expect(chooseReplyTag(all, () => 5)).toBeNull();
    expect(() => chooseReplyTag(new Set(), () => 9000)).toThrow(RangeError);
    expect(() => chooseReplyTag(new Set(), () => 1.5)).toThrow(RangeError);
  });

  it('gives four digits without a leading zero', () => {
    for (const r of [0, 1, 4500, 8999]) expect(chooseReplyTag(new Set(), () => r)).toMatch(/^[1-9]\d{3}$/u);
  });
});

describe('matchFollowUpAnswer', () => {
  it('takes the question with the tag the answer was sent to', () => {
    const sent = [q('a', '1234', ago(1)), q('b', '5678', ago(2))];
    expect(matchFollowUpAnswer(sent, { replyTag: '5678', at: now })).toBe('b');
    expect(matchFollowUpAnswer(sent, { replyTag: '9999', at: now })).toBeNull();
  });

  it('without a tag, needs exactly one open question in the window', () => {
    expect(matchFollowUpAnswer([q('a', '1234', ago(1))], { replyTag: null, at: now })).toBe('a');
    expect(matchFollowUpAnswer([q('a', '1234', ago(1)), q('b', '5678', ago(2))], { replyTag: null, at: now })).toBeNull();
    expect(matchFollowUpAnswer([q('a', '1234', ago(1)), q('b', '5678', ago(2), false)], { replyTag: null, at: now })).toBe('a');
    // The same task asked twice (a resend) is still one task.
    expect(matchFollowUpAnswer([q('a', '1234', ago(3)), q('a', '2345', ago(1))], { replyTag: null, at: now })).toBe('a');
  });

  it('ignores settled tasks and questions older than the window', () => {
    expect(matchFollowUpAnswer([q('a', '1234', ago(1), false)], { replyTag: '1234', at: now })).toBeNull();
    expect(matchFollowUpAnswer([q('a', '1234', ago(REPLY_WINDOW_DAYS + 1))], { replyTag: '1234', at: now })).toBeNull();
    expect(matchFollowUpAnswer([q('a', '1234', ago(REPLY_WINDOW_DAYS - 1))], { replyTag: '1234', at: now })).toBe('a');
    expect(matchFollowUpAnswer([], { replyTag: null, at: now })).toBeNull();
  });
});
