// DESIGN §2: which cases fall under the accusation firewall.
import type { CaseScope, CaseType } from './data/taxonomy.js';

export interface ClassifiableCase {
  readonly type: CaseType;
  readonly scope: CaseScope | null;
  readonly subjectCount: number;
}

export function isAccusation(c: ClassifiableCase): boolean {
  if (c.type === 'accusation') return true;
  if (c.scope === 'misconduct' || c.scope === 'internal_affairs') return true;
  return c.subjectCount > 0 && c.type !== 'praise';
}

/** Limits of the public report form, in code points (DESIGN §10). */
export const REPORT_LIMITS = {
  contentMin: 10,
  contentMax: 10_000,
  titleMax: 100,
  locationMax: 200,
  nameMax: 50,
  addressMax: 200,
  workplaceMax: 100,
  subjectsMax: 10,
  messageMin: 1,
  messageMax: 5_000,
} as const;

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The title shown when the reporter wrote none: the first words of the content. */
export function generatedTitle(content: string, max = 30): string {
  const flat = content.replace(/\s+/gu, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`;
}
