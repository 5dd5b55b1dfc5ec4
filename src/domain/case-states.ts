// States and public stages of DESIGN §3.1. The public never sees internal states.
import type { Bilingual } from './i18n-text.js';

export const CASE_STATES = [
  'registered',
  'awaiting_instruction',
  'ready_to_assign',
  'direct_handling',
  'assigned',
  'in_progress',
  'under_review',
  'replied',
  'closed',
  'not_accepted',
  'transferred_out',
  'merged',
  'archived',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const PUBLIC_STAGES = ['submitted', 'accepted', 'in_progress', 'replied', 'closed', 'not_accepted', 'transferred'] as const;
export type PublicStage = (typeof PUBLIC_STAGES)[number];

interface StateInfo {
  readonly label: Bilingual;
  /** null: the merged case shows the master case's stage instead of its own. */
  readonly publicStage: PublicStage | null;
}

export const STATE_INFO = {
  registered: { label: { zh: '待受理', en: 'Registered' }, publicStage: 'submitted' },
  awaiting_instruction: { label: { zh: '待批示', en: 'Awaiting instruction' }, publicStage: 'accepted' },
  ready_to_assign: { label: { zh: '待交办', en: 'Ready to assign' }, publicStage: 'accepted' },
  direct_handling: { label: { zh: '直办中', en: 'Handled directly' }, publicStage: 'in_progress' },
  assigned: { label: { zh: '已交办待签收', en: 'Assigned, awaiting sign-for' }, publicStage: 'in_progress' },
  in_progress: { label: { zh: '办理中', en: 'In progress' }, publicStage: 'in_progress' },
  under_review: { label: { zh: '审核中', en: 'Under review' }, publicStage: 'in_progress' },
  replied: { label: { zh: '已答复', en: 'Replied' }, publicStage: 'replied' },
  closed: { label: { zh: '已办结', en: 'Closed' }, publicStage: 'closed' },
  not_accepted: { label: { zh: '不予受理', en: 'Not accepted' }, publicStage: 'not_accepted' },
  transferred_out: { label: { zh: '已转送/移送/上报', en: 'Transferred' }, publicStage: 'transferred' },
  merged: { label: { zh: '已并案', en: 'Merged' }, publicStage: null },
  archived: { label: { zh: '已归档', en: 'Archived' }, publicStage: 'closed' },
} as const satisfies Record<CaseState, StateInfo>;

export const PUBLIC_STAGE_LABELS = {
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  replied: { zh: '已答复', en: 'Replied' },
  closed: { zh: '已办结', en: 'Closed' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  transferred: { zh: '已转有关部门', en: 'Transferred to the competent authority' },
} as const satisfies Record<PublicStage, Bilingual>;

export function publicStageOf(state: CaseState): PublicStage | null {
  return STATE_INFO[state].publicStage;
}

/** Timeline events the reporter may see, in the words of the public view. */
export const PUBLIC_EVENT_LABELS = {
  submit: { zh: '提交反映', en: 'Report submitted' },
  register: { zh: '来件登记', en: 'Report registered' },
  add_information: { zh: '补充材料', en: 'Information added' },
  accept: { zh: '已受理', en: 'Accepted' },
  not_accept: { zh: '不予受理', en: 'Not accepted' },
  extended: { zh: '延期办理', en: 'Extended' },
  suspended: { zh: '暂停办理', en: 'Paused' },
  resume: { zh: '恢复办理', en: 'Resumed' },
  reply: { zh: '已答复', en: 'Replied' },
  message_reporter: { zh: '工作人员留言', en: 'Message from the centre' },
  close: { zh: '已办结', en: 'Closed' },
  reopen: { zh: '重新办理', en: 'Handling again' },
  explain: { zh: '解释说明', en: 'Explanation given' },
  rate: { zh: '已评价', en: 'Rated' },
} as const satisfies Record<string, Bilingual>;
export type PublicEvent = keyof typeof PUBLIC_EVENT_LABELS;
