// The step clocks of DESIGN §4 on a fixture calendar; expected dates counted by hand.
import { describe, expect, it } from 'vitest';
import { fixtureCalendar } from '../fixtures/calendars.js';
import { DomainError } from '../../src/domain/calendar/errors.js';
import { parseLocalDate as d } from '../../src/domain/calendar/local-date.js';
import {
  acceptanceDecisionDue, firstContactDue, followUpDue, instructionDue, realNameAccusationNoticeDue, returnWindowEnd, signForDue, voicemailListenBy,
} from '../../src/domain/clocks/step-clocks.js';

const cal = fixtureCalendar();

describe('step clocks', () => {
  it('decides on acceptance within 15 calendar days of receipt, out of the break', () => {
    expect(acceptanceDecisionDue(cal, d('2025-09-16'))).toEqual({ due: '2025-10-09', provisional: false });
  });

  it('wants the instruction by the end of the next working day', () => {
    expect(instructionDue(cal, d('2025-09-30'))).toBe('2025-10-09');
    expect(instructionDue(cal, d('2025-09-26'))).toBe('2025-09-28');
  });

  it('gives 1 working day to sign for and 1 more to contact the reporter', () => {
    expect(signForDue(cal, d('2026-02-13'))).toBe('2026-02-14');
    expect(firstContactDue(cal, d('2026-02-14'))).toBe('2026-02-24');
  });

  it('keeps the return window at 2 working days, configurable up to the legal 5', () => {
    expect(returnWindowEnd(cal, d('2026-02-12'))).toBe('2026-02-14');
    expect(returnWindowEnd(cal, d('2026-02-12'), 5)).toBe('2026-02-26');
    expect(() => returnWindowEnd(cal, d('2026-02-12'), 6)).toThrow(DomainError);
    expect(() => returnWindowEnd(cal, d('2026-02-12'), 0)).toThrow(DomainError);
  });

  it('follows up within 5 working days of closing', () => {
    expect(followUpDue(cal, d('2025-09-26'))).toBe('2025-10-10');
  });

  it('has voicemail listened to by 10:00 on the next working day', () => {
    expect(voicemailListenBy(cal, d('2025-09-30'))).toEqual({ date: '2025-10-09', time: '10:00' });
    expect(voicemailListenBy(cal, d('2025-09-27'))).toEqual({ date: '2025-09-28', time: '10:00' });
    expect(voicemailListenBy(cal, d('2025-09-30'), { beforeOpening: true })).toEqual({ date: '2025-09-30', time: '10:00' });
    expect(voicemailListenBy(cal, d('2025-10-03'), { beforeOpening: true })).toEqual({ date: '2025-10-09', time: '10:00' });
  });

  it('tells a real-name accuser within 15 working days', () => {
    expect(realNameAccusationNoticeDue(cal, d('2026-02-09'))).toBe('2026-03-06');
  });
});
