// Outcomes per officer recorded with a result (DESIGN §3.2 submit_result): organisational measures and sanctions.
// Kept with the other reviewed Chinese texts; the codes are stored and counted in clear.
import type { Bilingual } from '../i18n-text.js';

export const DISCIPLINARY_OUTCOMES = {
  none: { zh: '不予处理', en: 'No measure' },
  criticism_education: { zh: '批评教育', en: 'Criticism and education' },
  written_self_criticism: { zh: '书面检查', en: 'Written self-criticism' },
  circulated_criticism: { zh: '通报批评', en: 'Circulated criticism' },
  admonishment: { zh: '诫勉谈话', en: 'Admonishment talk' },
  suspension_from_duty: { zh: '停止执行职务', en: 'Suspension from duty' },
  confinement: { zh: '禁闭', en: 'Confinement' },
  transfer_from_post: { zh: '调离岗位', en: 'Transfer from the post' },
  warning: { zh: '警告', en: 'Warning' },
  demerit: { zh: '记过', en: 'Demerit' },
  major_demerit: { zh: '记大过', en: 'Major demerit' },
  demotion: { zh: '降级', en: 'Demotion' },
  dismissal_from_post: { zh: '撤职', en: 'Dismissal from the post' },
  expulsion: { zh: '开除', en: 'Expulsion' },
  referred: { zh: '移送纪检监察机关', en: 'Referred to discipline inspection' },
} as const satisfies Record<string, Bilingual>;
export type DisciplinaryOutcome = keyof typeof DISCIPLINARY_OUTCOMES;
