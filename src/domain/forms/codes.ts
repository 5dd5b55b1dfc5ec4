// Closed choices on the action forms, with the Chinese a 12389 centre writes (DESIGN §3.2).
import type { Bilingual } from '../i18n-text.js';

type Labels<C extends string> = Readonly<Record<C, Bilingual>>;

export const ACCEPT_MODE_LABELS = {
  direct: { zh: '直接办理', en: 'Handle directly' },
  assign: { zh: '交办', en: 'Assign to a unit' },
  for_information: { zh: '呈阅/阅知', en: 'For information' },
  keep_on_file: { zh: '存查', en: 'Keep on file' },
  transfer: { zh: '转送', en: 'Transfer to another organ' },
  refer: { zh: '移送', en: 'Refer to discipline inspection or judicial organs' },
  report_up: { zh: '上报', en: 'Report up (sealed)' },
} as const satisfies Labels<string>;
export type AcceptMode = keyof typeof ACCEPT_MODE_LABELS;

export const INSTRUCT_MODE_LABELS = {
  assign: ACCEPT_MODE_LABELS.assign,
  for_information: ACCEPT_MODE_LABELS.for_information,
} as const satisfies Partial<Labels<AcceptMode>>;
export type InstructMode = keyof typeof INSTRUCT_MODE_LABELS;

export const URGENCY_LABELS = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
} as const satisfies Labels<string>;

export const NOT_ACCEPT_REASON_LABELS = {
  out_of_scope: { zh: '不属于受理范围', en: 'Outside the acceptance scope' },
  legal_procedure: { zh: '已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决', en: 'Belongs to litigation, arbitration, administrative reconsideration or another legal procedure' },
  other_organ: { zh: '属于其他机关职责范围', en: 'Belongs to another organ' },
  unclear: { zh: '反映内容不清，无法核查', en: 'Too unclear to look into' },
  repeated: { zh: '重复反映，已在办理或已办结', en: 'Repeats a matter already handled or in hand' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Labels<string>;

export const INSTRUCT_DECISION_LABELS = {
  approve: { zh: '同意拟办意见', en: 'Approve the proposal' },
  change: { zh: '变更拟办意见', en: 'Change the proposal' },
} as const satisfies Labels<string>;

export const INSTRUCTION_MEDIUM_LABELS = {
  paper: { zh: '纸质批示', en: 'On paper' },
  phone: { zh: '电话', en: 'By phone' },
  in_person: { zh: '当面', en: 'In person' },
} as const satisfies Labels<string>;

export const APPROVAL_LABELS = {
  approve: { zh: '同意', en: 'Approve' },
  reject: { zh: '不同意', en: 'Reject' },
} as const satisfies Labels<string>;
export type Approval = keyof typeof APPROVAL_LABELS;

export const REVIEW_DECISION_LABELS = {
  approve: { zh: '审核通过', en: 'Approve' },
  send_back: { zh: '退回重办', en: 'Send back' },
} as const satisfies Labels<string>;
export type ReviewDecision = keyof typeof REVIEW_DECISION_LABELS;

export const CONTACT_METHOD_LABELS = {
  phone: { zh: '电话', en: 'Phone' },
  in_person: { zh: '当面', en: 'In person' },
  sms: { zh: '短信', en: 'SMS' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Labels<string>;

export const FINDING_LABELS = {
  substantiated: { zh: '属实', en: 'Substantiated' },
  partly_substantiated: { zh: '部分属实', en: 'Partly substantiated' },
  unsubstantiated: { zh: '不属实', en: 'Unsubstantiated' },
  unverifiable: { zh: '无法查实', en: 'Unverifiable' },
} as const satisfies Labels<string>;

export const REPLY_OUTCOME_LABELS = {
  replied: { zh: '已答复', en: 'Replied' },
  cannot_reply: { zh: '无法反馈', en: 'Cannot reply' },
} as const satisfies Labels<string>;

export const REPLY_METHOD_LABELS = {
  phone: { zh: '电话', en: 'Phone' },
  in_person: { zh: '当面', en: 'In person' },
  written: { zh: '书面', en: 'In writing' },
  sms: { zh: '短信', en: 'SMS' },
  online: { zh: '网上', en: 'Online' },
} as const satisfies Labels<string>;

export const CANNOT_REPLY_REASON_LABELS = {
  no_contact: { zh: '未留联系方式', en: 'No contact details' },
  false_contact: { zh: '联系方式虚假或有误', en: 'False or wrong contact details' },
  unreachable: { zh: '多次联系未果', en: 'Unreachable after several attempts' },
  refused: { zh: '反映人拒绝接受答复', en: 'The reporter refused the reply' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Labels<string>;

export const FOLLOW_UP_OUTCOME_LABELS = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  no_answer: { zh: '无人接听', en: 'No answer' },
  wrong_number: { zh: '号码错误', en: 'Wrong number' },
  refused: { zh: '拒绝回访', en: 'Refused' },
  do_not_call: { zh: '要求不再回访', en: 'Asked not to be called' },
} as const satisfies Labels<string>;
export type FollowUpOutcome = keyof typeof FOLLOW_UP_OUTCOME_LABELS;

export const DISSATISFACTION_REASON_LABELS = {
  result: { zh: '对处理结果不满意', en: 'The result' },
  attitude: { zh: '对工作态度不满意', en: 'The attitude' },
  not_contacted: { zh: '未联系本人', en: 'Nobody contacted the reporter' },
  unresolved: { zh: '诉求未解决', en: 'The request was not resolved' },
  unreasonable: { zh: '诉求不合理', en: 'The request was unreasonable' },
} as const satisfies Labels<string>;

export const FOLLOW_UP_CHANNEL_LABELS = {
  phone: { zh: '电话回访', en: 'Phone' },
  sms: { zh: '短信回访', en: 'SMS' },
  in_person: { zh: '上门回访', en: 'In person' },
} as const satisfies Labels<string>;

export const RATING_LABELS = {
  satisfied: FOLLOW_UP_OUTCOME_LABELS.satisfied,
  basically_satisfied: FOLLOW_UP_OUTCOME_LABELS.basically_satisfied,
  dissatisfied: FOLLOW_UP_OUTCOME_LABELS.dissatisfied,
} as const satisfies Partial<Labels<FollowUpOutcome>>;

export const GRANT_WHAT_LABELS = {
  attachment: { zh: '原件', en: 'An original' },
  reporter_identity: { zh: '反映人身份', en: "The reporter's identity" },
} as const satisfies Labels<string>;

export const SUPERVISION_KIND_LABELS = {
  supervise: { zh: '督办', en: 'Supervise' },
  listed: { zh: '挂牌督办', en: 'Listed supervision' },
} as const satisfies Labels<string>;

/** How a clerk checked that the person asking for a new query code is the reporter (DESIGN §7.4). */
export const IDENTITY_CHECK_LABELS = {
  in_person_id: { zh: '现场核验身份证件', en: 'In person, with an identity document' },
  phone_registered_details: { zh: '电话核对身份信息', en: 'By phone, against the registered details' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Labels<string>;
export type IdentityCheck = keyof typeof IDENTITY_CHECK_LABELS;
