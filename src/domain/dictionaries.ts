// The dictionaries the sysadmin edits (DESIGN §2): problem types (two levels) and police branches.
// Their defaults are the reviewed data files; the table takes over once the sysadmin edits one.
import { POLICE_BRANCHES } from './data/police-branches.js';
import { PROBLEM_TYPES } from './data/problem-types.js';
import type { Bilingual } from './i18n-text.js';

export const DICTIONARIES = ['problem_type', 'police_branch'] as const;
export type Dictionary = (typeof DICTIONARIES)[number];

export const DICTIONARY_INFO = {
  problem_type: { levels: 2, label: { zh: '问题类别', en: 'Problem types' } },
  police_branch: { levels: 1, label: { zh: '警种', en: 'Police branches' } },
} as const satisfies Record<Dictionary, { levels: 1 | 2; label: Bilingual }>;

export interface DictionaryEntry {
  readonly code: string;
  readonly parentCode: string | null;
  readonly name: Bilingual;
  readonly position: number;
  readonly active: boolean;
}

/** Codes are stored on cases and counted in statistics, so they are short lower-case identifiers. */
export const DICTIONARY_CODE = /^[a-z][a-z0-9_]{1,39}$/u;

/** The reviewed defaults, parents before their children, positions counted per level. */
export function defaultEntries(dictionary: Dictionary): DictionaryEntry[] {
  switch (dictionary) {
    case 'police_branch':
      return POLICE_BRANCHES.map((b, i) => ({ code: b.code, parentCode: null, name: b.name, position: i + 1, active: true }));
    case 'problem_type':
      return PROBLEM_TYPES.flatMap((p, i) => [
        { code: p.code, parentCode: null, name: p.name, position: i + 1, active: true },
        ...(p.children ?? []).map((c, j) => ({ code: c.code, parentCode: p.code, name: c.name, position: j + 1, active: true })),
      ]);
  }
}

export function isDictionary(value: string): value is Dictionary {
  return (DICTIONARIES as readonly string[]).includes(value);
}
