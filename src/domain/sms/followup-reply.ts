// A reporter's answer to the follow-up question "回复1满意 2基本满意 3不满意". Phones send full-width
// digits, spaces and a closing full stop; anything that is not clearly one answer is null and goes
// to the intake inbox as a message, because guessing a rating is worse than asking again.

export const FOLLOWUP_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type FollowupRating = (typeof FOLLOWUP_RATINGS)[number];

const ANSWERS: Readonly<Record<string, FollowupRating>> = {
  '1': 'satisfied',
  满意: 'satisfied',
  '1满意': 'satisfied',
  '2': 'basically_satisfied',
  基本满意: 'basically_satisfied',
  '2基本满意': 'basically_satisfied',
  '3': 'dissatisfied',
  不满意: 'dissatisfied',
  '3不满意': 'dissatisfied',
};

export function parseFollowupReply(text: string): FollowupRating | null {
  // NFKC folds full-width digits and the ideographic space; separators between digit and word go too.
  const folded = text.normalize('NFKC').replace(/[\s、.。,，:：!！~～]/gu, '');
  if (folded.length > 8) return null;
  return Object.hasOwn(ANSWERS, folded) ? (ANSWERS[folded] ?? null) : null;
}
