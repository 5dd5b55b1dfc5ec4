// 问题类别 as grouped choices: the second level under its first. From the reviewed defaults
// (src/domain/data/problem-types.ts); the API serves the edited dictionary to the sysadmin only.
import { PROBLEM_TYPES } from '../../../../src/domain/data/problem-types.js';
import type { Lang } from '../app/i18n.js';

export function problemTypeOptions(lang: Lang): { label: string; title: string; options: { value: string; label: string }[] }[] {
  return PROBLEM_TYPES.map((p) => ({
    label: p.name[lang],
    title: p.name[lang],
    options: [{ value: p.code, label: p.name[lang] }, ...(p.children ?? []).map((c) => ({ value: c.code, label: `${p.name[lang]} / ${c.name[lang]}` }))],
  }));
}
