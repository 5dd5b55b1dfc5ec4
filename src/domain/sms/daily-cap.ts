// A per-number daily cap on SMS: a number typed into many reports (or a runaway job) must not turn
// the bureau's SMS account into a way to flood someone's phone. The count lives with the caller
// (keyed by the number's blind index and the local day); this decides only.

/** The day the count belongs to, in the bureau's time zone (a count resets at local midnight). */
export function capDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export type CapDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly remaining: 0 };

/** `sentToday` counts messages already sent (or claimed) to the number today; `cap` 0 means no SMS at all. */
export function decideDailyCap(sentToday: number, cap: number): CapDecision {
  if (!Number.isInteger(sentToday) || sentToday < 0 || !Number.isInteger(cap) || cap < 0) throw new RangeError('counts are non-negative integers');
  return sentToday < cap ? { allowed: true, remaining: cap - sentToday - 1 } : { allowed: false, remaining: 0 };
}
