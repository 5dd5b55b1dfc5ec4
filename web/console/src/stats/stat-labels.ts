// Words of the dashboard: dimension and rate names, and labels of the codes the statistics count.
import { DISSATISFACTION_REASON_LABELS, FOLLOW_UP_OUTCOME_LABELS } from '../../../../src/domain/forms/codes.js';
import { PROBLEM_TYPES } from '../../../../src/domain/data/problem-types.js';
import type { Bilingual } from '../api/types.js';
import { branchLabel, channelLabel, typeLabel } from '../common/labels.js';
import type { RateName, SeriesDimension } from './stats-types.js';

export const DIMENSION_LABELS: Readonly<Record<SeriesDimension, Bilingual>> = {
  channel: { zh: '来件渠道', en: 'Channel' },
  type: { zh: '反映类型', en: 'Type' },
  problemType: { zh: '问题类别', en: 'Problem type' },
  policeBranch: { zh: '涉及警种', en: 'Police branch' },
  unit: { zh: '承办单位', en: 'Unit' },
};

/** The list API's filter for a dimension's code (src/http/routes/staff/cases-list.routes.ts). */
export const DIMENSION_FILTER: Readonly<Record<SeriesDimension, string>> = { channel: 'channel', type: 'type', problemType: 'problemType', policeBranch: 'policeBranch', unit: 'unit' };

export const RATE_LABELS: Readonly<Record<RateName, Bilingual>> = {
  signForOnTime: { zh: '签收及时率', en: 'Signed for on time' },
  onTimeReply: { zh: '按期答复率', en: 'Replied on time' },
  extension: { zh: '延期率', en: 'Extended' },
  return: { zh: '退回率', en: 'Returned' },
  followUp: { zh: '回访率', en: 'Followed up' },
  satisfaction: { zh: '满意率', en: 'Satisfied' },
  reopen: { zh: '重办率', en: 'Reopened' },
};

const PROBLEMS: ReadonlyMap<string, Bilingual> = new Map(PROBLEM_TYPES.flatMap((p) => [[p.code, p.name] as const, ...(p.children ?? []).map((c) => [c.code, c.name] as const)]));
const OUTCOMES: ReadonlyMap<string, Bilingual> = new Map(Object.entries(FOLLOW_UP_OUTCOME_LABELS));
const REASONS: ReadonlyMap<string, Bilingual> = new Map(Object.entries(DISSATISFACTION_REASON_LABELS));
const NONE: Bilingual = { zh: '未填写', en: 'Not set' };

/** A code's label in one dimension; unit ids by the names the statistics sent. */
export function codeText(dimension: SeriesDimension, code: string, unitNames: Readonly<Record<string, string>>): Bilingual {
  if (code === 'none') return dimension === 'unit' ? { zh: '中心（未交办）', en: 'Centre (not assigned)' } : NONE;
  switch (dimension) {
    case 'channel':
      return channelLabel(code);
    case 'type':
      return typeLabel(code);
    case 'problemType':
      return PROBLEMS.get(code) ?? { zh: code, en: code };
    case 'policeBranch':
      return branchLabel(code);
    case 'unit': {
      const name = unitNames[code] ?? code;
      return { zh: name, en: name };
    }
  }
}

export const outcomeText = (code: string): Bilingual => OUTCOMES.get(code) ?? { zh: code, en: code };
export const reasonText = (code: string): Bilingual => REASONS.get(code) ?? { zh: code, en: code };
