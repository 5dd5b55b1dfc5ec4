// The two-level problem-type dictionary (问题类别, DESIGN §2) as a Chinese 12389 centre words it:
// the first level names the kind of failing, the second what exactly happened. Seeded into
// dictionary_entries the first time the sysadmin edits the dictionary; the bureau should review
// these texts against its own statistics categories, as it reviews the holiday file.
import type { Bilingual } from '../i18n-text.js';

export interface ProblemTypeEntry {
  readonly code: string;
  readonly name: Bilingual;
  readonly children?: readonly { readonly code: string; readonly name: Bilingual }[];
}

export const PROBLEM_TYPES: readonly ProblemTypeEntry[] = [
  {
    code: 'unfair_enforcement',
    name: { zh: '执法不公', en: 'Unfair law enforcement' },
    children: [
      { code: 'selective_enforcement', name: { zh: '选择性执法', en: 'Selective enforcement' } },
      { code: 'improper_penalty', name: { zh: '处罚畸轻畸重', en: 'Penalty too light or too heavy' } },
      { code: 'procedure_violation', name: { zh: '违反法定程序', en: 'Breach of legal procedure' } },
      { code: 'case_not_filed', name: { zh: '有案不立、压案不查', en: 'Case not filed or not investigated' } },
    ],
  },
  {
    code: 'inaction',
    name: { zh: '不作为/慢作为/乱作为', en: 'Inaction, slowness or arbitrary action' },
    children: [
      { code: 'no_action', name: { zh: '不作为', en: 'Inaction' } },
      { code: 'slow_action', name: { zh: '慢作为', en: 'Slowness' } },
      { code: 'arbitrary_action', name: { zh: '乱作为', en: 'Arbitrary action' } },
      { code: 'buck_passing', name: { zh: '推诿扯皮', en: 'Buck-passing' } },
    ],
  },
  {
    code: 'rude_conduct',
    name: { zh: '态度粗暴', en: 'Rude conduct' },
    children: [
      { code: 'rude_language', name: { zh: '言行粗暴', en: 'Rude words or behaviour' } },
      { code: 'cold_service', name: { zh: '冷硬横推', en: 'Cold, harsh or dismissive service' } },
      { code: 'dress_and_bearing', name: { zh: '警容风纪不整', en: 'Improper dress or bearing' } },
    ],
  },
  {
    code: 'extortion',
    name: { zh: '吃拿卡要', en: 'Demanding favours' },
    children: [
      { code: 'bribery', name: { zh: '索要或收受财物', en: 'Asking for or taking money or gifts' } },
      { code: 'banquets', name: { zh: '接受宴请', en: 'Accepting meals or entertainment' } },
      { code: 'deliberate_obstruction', name: { zh: '故意刁难', en: 'Deliberate obstruction' } },
    ],
  },
  {
    code: 'illegal_fees',
    name: { zh: '违规收费', en: 'Improper charges' },
    children: [
      { code: 'unauthorised_fee', name: { zh: '乱收费', en: 'Unauthorised fees' } },
      { code: 'arbitrary_fine', name: { zh: '乱罚款', en: 'Arbitrary fines' } },
      { code: 'designated_service', name: { zh: '指定服务收费', en: 'Charges for designated services' } },
    ],
  },
  {
    code: 'certificate_difficulty',
    name: { zh: '办证难', en: 'Difficulty obtaining documents' },
    children: [
      { code: 'repeated_trips', name: { zh: '多次往返', en: 'Repeated trips' } },
      { code: 'excess_materials', name: { zh: '要求提供不必要材料', en: 'Unnecessary documents demanded' } },
      { code: 'long_wait', name: { zh: '排队等候时间长', en: 'Long waiting times' } },
      { code: 'online_service', name: { zh: '网上办理不畅', en: 'Online service not working' } },
    ],
  },
  { code: 'other_problem', name: { zh: '其他问题', en: 'Other problems' } },
];
