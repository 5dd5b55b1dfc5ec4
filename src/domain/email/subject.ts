// Subjects: the case number a subject claims, and the subject of our own mails, which carries the number
// in brackets so a reporter's mail client keeps it in replies.
/** 受理编号 as formatCaseNumber writes it: prefix, year, a dash and the sequence. */
const CASE_NUMBER = /(?<![A-Z0-9])([A-Z]{0,6}(?:19|20)\d{2}-\d{4,12})(?![0-9])/u;

/** The case number a subject names, unverified; full-width letters and digits are read as ASCII. */
export function claimedCaseNumber(subject: string): string | null {
  return CASE_NUMBER.exec(subject.normalize('NFKC').toUpperCase())?.[1] ?? null;
}

/** Reply prefixes of many clients, `Re:`, `回复：`, `答复:`, `Re[2]:`, stripped from the front. */
export function baseSubject(subject: string): string {
  return subject.replace(/^\s*((re|fw|fwd|aw|回复|答复|转发)(\[\d+\])?\s*[:：]\s*)+/iu, '').trim();
}
