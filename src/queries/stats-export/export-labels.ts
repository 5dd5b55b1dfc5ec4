// The Chinese words of the statistics export (issue 4: "every exported column and value in Chinese"): the
// label of every code the figures count, from the reviewed data files and the dictionaries as the sysadmin
// has edited them (so the file says what the console says), unit ids by their names.
import { CHANNEL_LABELS } from '../../domain/channels.js';
import { STATE_INFO, type CaseState } from '../../domain/case-states.js';
import { CASE_SCOPES } from '../../domain/data/taxonomy.js';
import type { Dictionary } from '../../domain/dictionaries.js';
import { DISSATISFACTION_REASON_LABELS, FOLLOW_UP_OUTCOME_LABELS } from '../../domain/forms/codes.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import type { Stats } from '../stats/stats.js';

export type CountDimension = keyof Stats['by'];

/** Staff wording, as the console's lists say it (the portal's 我要举报 reads oddly in a report). */
const TYPE_NAMES: Readonly<Record<string, string>> = { accusation: '举报', complaint: '投诉', suggestion: '建议', praise: '表扬', consultation: '咨询', other: '其他' };

export const DIMENSION_NAMES: Readonly<Record<CountDimension, string>> = {
  channel: '来件渠道',
  type: '反映类型',
  scope: '受理范围',
  problemType: '问题类别',
  policeBranch: '涉及警种',
  unit: '承办单位',
  state: '办理状态',
};

export const RATE_NAMES: Readonly<Record<keyof Stats['rates'], string>> = {
  signForOnTime: '签收及时率',
  onTimeReply: '按期答复率',
  extension: '延期率',
  return: '退回率',
  followUp: '回访率',
  satisfaction: '满意率',
  reopen: '重办率',
};

const zhOf = (entries: Readonly<Record<string, Bilingual>>): ReadonlyMap<string, string> => new Map(Object.entries(entries).map(([k, v]) => [k, v.zh]));
const CHANNELS = zhOf(CHANNEL_LABELS);
const SCOPES: ReadonlyMap<string, string> = new Map(CASE_SCOPES.map((s) => [s.code, s.name.zh]));
const OUTCOMES = zhOf(FOLLOW_UP_OUTCOME_LABELS);
const REASONS = zhOf(DISSATISFACTION_REASON_LABELS);

export interface ExportLabels {
  /** a counted code's Chinese label in its dimension; 'none' is the figures' word for an empty value */
  readonly code: (dimension: CountDimension, code: string) => string;
  readonly outcome: (code: string) => string;
  readonly reason: (code: string) => string;
}

/** Dictionary labels by code, as loaded (src/store/reference-data.ts loadDictionary). */
export type DictionaryNames = Readonly<Record<Dictionary, ReadonlyMap<string, string>>>;

export function exportLabels(dictionaries: DictionaryNames, unitNames: Readonly<Record<string, string>>): ExportLabels {
  return {
    code: (dimension, code) => {
      if (code === 'none') return dimension === 'unit' ? '中心（未交办）' : '未填写';
      switch (dimension) {
        case 'channel':
          return CHANNELS.get(code) ?? code;
        case 'type':
          return TYPE_NAMES[code] ?? code;
        case 'scope':
          return SCOPES.get(code) ?? code;
        case 'problemType':
          return dictionaries.problem_type.get(code) ?? code;
        case 'policeBranch':
          return dictionaries.police_branch.get(code) ?? code;
        case 'unit':
          return unitNames[code] ?? '（已撤销的单位）';
        case 'state':
          return code in STATE_INFO ? STATE_INFO[code as CaseState].label.zh : code;
      }
    },
    outcome: (code) => OUTCOMES.get(code) ?? code,
    reason: (code) => REASONS.get(code) ?? code,
  };
}
