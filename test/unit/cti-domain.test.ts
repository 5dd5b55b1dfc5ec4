// The pure rules of the hotline (issue 6): call states only move forward, numbers become E.164, repeat
// callers, the recording host rule, the voicemail clock with the working hours, local time in the zone.
import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../../src/domain/calendar/local-date.js';
import { callerE164, isRepeatCaller, laterState, partiesOf } from '../../src/domain/cti/calls.js';
import { isPbxRecordingUrl, storedRecordingType } from '../../src/domain/cti/recording-host.js';
import { beforeOpening, voicemailDue } from '../../src/domain/cti/voicemail.js';
import { instantOf, localDateTimeOf } from '../../src/domain/cti/zoned-time.js';
import { DEFAULT_WORKING_HOURS } from '../../src/domain/working-hours.js';
import { fixtureCalendar } from '../fixtures/calendars.js';

const cal = fixtureCalendar();
const d = parseLocalDate;

describe('call state', () => {
  it('never goes back: an answer after the hangup keeps the call ended', () => {
    expect(laterState('ringing', 'answered')).toBe('answered');
    expect(laterState('ended', 'answered')).toBe('ended');
    expect(laterState('answered', 'ringing')).toBe('answered');
    expect(laterState('answered', 'ended')).toBe('ended');
  });

  it('takes the outside party from the direction of the call', () => {
    expect(partiesOf('in', '13900001111', '12389')).toEqual({ outside: '13900001111', line: '12389' });
    expect(partiesOf('out', '8001', '13900001111')).toEqual({ outside: '13900001111', line: '8001' });
  });

  it('writes numbers as E.164 where it can tell, and withheld numbers as none', () => {
    expect(callerE164('13900001111')).toBe('+8613900001111');
    expect(callerE164('8613900001111')).toBe('+8613900001111');
    expect(callerE164('+8613900001111')).toBe('+8613900001111');
    expect(callerE164('00852 1234 5678'.replace(/ /gu, ''))).toBe('+85212345678');
    expect(callerE164('01088886666')).toBe('+861088886666');
    expect(callerE164('057188886666')).toBe('+8657188886666');
    expect(callerE164('8001')).toBe('8001');
    expect(callerE164('anonymous')).toBeNull();
  });

  it('calls a caller with two earlier calls in 30 days, or an open case, a repeat caller', () => {
    expect(isRepeatCaller({ earlierCalls30d: 1, earlierOpenCases: 0 })).toBe(false);
    expect(isRepeatCaller({ earlierCalls30d: 2, earlierOpenCases: 0 })).toBe(true);
    expect(isRepeatCaller({ earlierCalls30d: 0, earlierOpenCases: 1 })).toBe(true);
  });
});

describe('recording host rule', () => {
  const pbx = 'https://pbx.example.gov.cn:8443';
  it('accepts the PBX origin only, however the URL is spelled', () => {
    expect(isPbxRecordingUrl('https://pbx.example.gov.cn:8443/rec/1.wav', pbx)).toBe(true);
    expect(isPbxRecordingUrl('https://PBX.example.gov.cn:8443/rec/1.wav?x=1', pbx)).toBe(true);
    expect(isPbxRecordingUrl('http://pbx.example.gov.cn:8443/rec/1.wav', pbx)).toBe(false);
    expect(isPbxRecordingUrl('https://pbx.example.gov.cn/rec/1.wav', pbx)).toBe(false);
    expect(isPbxRecordingUrl('https://pbx.example.gov.cn:8443@evil.example/rec/1.wav', pbx)).toBe(false);
    expect(isPbxRecordingUrl('https://user:pw@pbx.example.gov.cn:8443/rec/1.wav', pbx)).toBe(false);
    expect(isPbxRecordingUrl('https://pbx.example.gov.cn.evil.example:8443/rec/1.wav', pbx)).toBe(false);
    expect(isPbxRecordingUrl('not a url', pbx)).toBe(false);
    expect(isPbxRecordingUrl('https://pbx.example.gov.cn/rec/1.wav', 'https://pbx.example.gov.cn:443')).toBe(true);
  });

  it('keeps audio of the PBX kinds only, wav spelled one way', () => {
    expect(storedRecordingType('audio/x-wav')).toBe('audio/wav');
    expect(storedRecordingType('audio/mpeg; charset=binary')).toBe('audio/mpeg');
    expect(storedRecordingType('audio/ogg')).toBe('audio/ogg');
    expect(storedRecordingType('text/html')).toBeNull();
    expect(storedRecordingType('video/mp4')).toBeNull();
  });
});

describe('voicemail clock', () => {
  it('is 10:00 the next working day after hours, the same day before opening', () => {
    // Tuesday 30 September 2025, evening: the National Day break follows, so 9 October.
    expect(voicemailDue(cal, DEFAULT_WORKING_HOURS, d('2025-09-30'), '20:15')).toEqual({ date: '2025-10-09', time: '10:00' });
    expect(voicemailDue(cal, DEFAULT_WORKING_HOURS, d('2025-09-30'), '07:50')).toEqual({ date: '2025-09-30', time: '10:00' });
    // A make-up working day (Sunday 28 September) opens like any working day.
    expect(beforeOpening(cal, DEFAULT_WORKING_HOURS, d('2025-09-28'), '08:00')).toBe(true);
    expect(beforeOpening(cal, DEFAULT_WORKING_HOURS, d('2025-10-04'), '08:00')).toBe(false);
    expect(voicemailDue(cal, DEFAULT_WORKING_HOURS, d('2025-10-04'), '08:00')).toEqual({ date: '2025-10-09', time: '10:00' });
  });
});

describe('local time in the bureau zone', () => {
  it('reads and writes wall-clock times in Asia/Shanghai', () => {
    expect(localDateTimeOf('Asia/Shanghai', new Date('2026-03-02T13:05:00Z'))).toEqual({ date: '2026-03-02', time: '21:05', hour: 21 });
    expect(localDateTimeOf('Asia/Shanghai', new Date('2026-03-02T17:30:00Z'))).toEqual({ date: '2026-03-03', time: '01:30', hour: 1 });
    expect(instantOf('Asia/Shanghai', d('2026-03-03'), '10:00').toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(instantOf('Europe/Berlin', d('2026-07-01'), '10:00').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(instantOf('Europe/Berlin', d('2026-01-15'), '00:00').toISOString()).toBe('2026-01-14T23:00:00.000Z');
  });
});
