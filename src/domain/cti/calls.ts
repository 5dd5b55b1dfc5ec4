// The rules of a hotline call (issue 6, DESIGN §5): what a PBX event may change, who the outside party
// is, and when a caller counts as a repeat caller. Events arrive out of order and twice, so every rule
// here is a merge: a later event never takes a call back to an earlier state.

export const CALL_STATES = ['ringing', 'answered', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];

export const CALL_DIRECTIONS = ['in', 'out'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** Zammad's (and sipgate's) hangup causes, which the PBX adapter passes on unchanged. */
export const HANGUP_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded'] as const;
export type HangupCause = (typeof HANGUP_CAUSES)[number];

/** The answering party that is the voicemail system, in Zammad's convention. */
export const VOICEMAIL_ANSWERER = 'voicemail';

const RANK: Readonly<Record<CallState, number>> = { ringing: 0, answered: 1, ended: 2 };

/** The state after an event that reports `reported`: the further of the two. */
export function laterState(current: CallState, reported: CallState): CallState {
  return RANK[reported] > RANK[current] ? reported : current;
}

/** `anonymous` or a withheld number: no one to look up or call back. */
export function isWithheld(number: string): boolean {
  return number === 'anonymous' || number === '';
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/u;

/**
 * A PBX number as E.164 where it can be told: `+…` as it is, `00…` international, a mainland mobile,
 * and a domestic number with its trunk prefix 0 (landlines: 010…, 0571…). Anything else (an internal
 * extension, a short code) stays the digits it was, still indexable for the caller's history.
 */
export function callerE164(number: string): string | null {
  if (isWithheld(number)) return null;
  if (number.startsWith('+')) return number;
  if (number.startsWith('00')) return `+${number.slice(2)}`;
  if (MAINLAND_MOBILE.test(number)) return `+86${number}`;
  if (/^0[1-9]\d{8,10}$/u.test(number)) return `+86${number.slice(1)}`;
  if (/^861[3-9]\d{9}$/u.test(number)) return `+${number}`;
  return number;
}

/** The outside party and our side of a call: the caller of an inbound call, the called number of an outbound one. */
export function partiesOf(direction: CallDirection, from: string, to: string): { outside: string; line: string } {
  return direction === 'in' ? { outside: from, line: to } : { outside: to, line: from };
}

export interface CallerHistoryFacts {
  /** earlier calls from the same number within the last 30 days, this call not counted */
  readonly earlierCalls30d: number;
  readonly earlierOpenCases: number;
}

export const REPEAT_CALLS_IN_30_DAYS = 2;

/** A repeat caller: two earlier calls within 30 days, or an earlier case still open. */
export function isRepeatCaller(f: CallerHistoryFacts): boolean {
  return f.earlierCalls30d >= REPEAT_CALLS_IN_30_DAYS || f.earlierOpenCases > 0;
}

/** A seat extension as a sysadmin enters it: 2–10 digits. */
export const SEAT_EXTENSION = /^\d{2,10}$/u;

/** The inbox text of a voicemail: the clerk listens to the recording; the text only says what it is. */
export function voicemailText(durationSec: number): string {
  return `电话留言，时长${String(durationSec)}秒`;
}
