// Reply tags for follow-up questions (channels.md §4.4): the question goes out from the bureau's number
// with a short extension appended, and the carrier hands the extension back with the answer, so "1"
// finds its case without the reporter typing a case number. The tags are few (9,000), so a tag is held
// only while its question can still be answered: its task open and the question younger than the window.

/** Four digits: short enough for every carrier's 20-digit sender limit after a long service number. */
export const REPLY_TAG_MIN = 1000;
export const REPLY_TAG_MAX = 9999;

/** How long a question can be answered by SMS; after it the answer is read by a person in the inbox. */
export const REPLY_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export function replyWindowStart(at: Date): Date {
  return new Date(at.getTime() - REPLY_WINDOW_DAYS * DAY_MS);
}

/**
 * A tag no open question holds, starting at a random one so tags do not tell how many questions went
 * out (and a guessed tag is unlikely to be live); null when all are held, which the caller treats as a
 * temporary failure. No leading zero: some SMSCs drop one from a source address.
 */
export function chooseReplyTag(taken: ReadonlySet<string>, randomBelow: (n: number) => number): string | null {
  const size = REPLY_TAG_MAX - REPLY_TAG_MIN + 1;
  const start = randomBelow(size);
  if (!Number.isInteger(start) || start < 0 || start >= size) throw new RangeError('randomBelow(n) answers an integer in [0, n)');
  for (let i = 0; i < size; i++) {
    const tag = String(REPLY_TAG_MIN + ((start + i) % size));
    if (!taken.has(tag)) return tag;
  }
  return null;
}

/** A follow-up question sent to the number an answer came from. */
export interface SentQuestion {
  readonly followUpId: string;
  readonly replyTag: string | null;
  readonly sentAt: Date;
  /** whether its task still waits for an answer */
  readonly open: boolean;
}

/**
 * The task an answer from this number belongs to, or null (the text then goes to the inbox). With a tag,
 * only the question sent with that tag counts: a tag that matches nothing is not rescued by guessing.
 * Without one (a carrier that drops extensions), the number must have exactly one open question in the
 * window: two open questions make "1" ambiguous, and a wrong rating is worse than a clerk reading it.
 */
export function matchFollowUpAnswer(questions: readonly SentQuestion[], answer: { readonly replyTag: string | null; readonly at: Date }): string | null {
  const since = replyWindowStart(answer.at).getTime();
  const live = questions.filter((q) => q.open && q.sentAt.getTime() >= since && q.sentAt.getTime() <= answer.at.getTime() + 60_000);
  const candidates = answer.replyTag === null ? live : live.filter((q) => q.replyTag === answer.replyTag);
  const tasks = [...new Set(candidates.map((q) => q.followUpId))];
  return tasks.length === 1 ? (tasks[0] ?? null) : null;
}
