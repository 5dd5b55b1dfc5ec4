// Action codes of DESIGN §3.2 (part of the API) and who may perform them.
import type { Bilingual } from './i18n-text.js';
import type { CaseRole, Role } from './roles.js';

/** Staff actions, in the order of the DESIGN table; the console draws buttons in this order. */
export const STAFF_ACTIONS = [
  'accept',
  'not_accept',
  'merge',
  'instruct',
  'record_instruction',
  'assign',
  'sign_for',
  'redispatch',
  'request_return',
  'decide_return',
  'assign_handler',
  'record_contact',
  'submit_result',
  'review',
  'reply',
  'close',
  'request_extension',
  'decide_extension',
  'request_suspension',
  'decide_suspension',
  'resume',
  'record_follow_up',
  'reopen',
  'explain',
  'chase',
  'supervise',
  'dispatch_onsite',
  'declare_false_accusation',
  'reclassify',
  'declare_conflict',
  'reveal_reporter',
  'grant_original',
  'add_note',
  'message_reporter',
  'reissue_query_code',
  'confirm',
  'decline',
  'archive',
] as const;

/** What the reporter may do with number and query code (DESIGN §3.2, §7.4). */
export const REPORTER_ACTIONS = ['add_information', 'rate'] as const;

export const CASE_ACTIONS = [...STAFF_ACTIONS, ...REPORTER_ACTIONS] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export type ReporterAction = (typeof REPORTER_ACTIONS)[number];
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Who performs a transition: staff roles, or the reporter holding number and code. */
export type Performer = Role | 'reporter';

export function isStaffAction(action: CaseAction): action is StaffAction {
  return (STAFF_ACTIONS as readonly string[]).includes(action);
}

/** Roles working from the 12389 centre; they see every case in scope of the firewall (DESIGN §1). */
export const CENTRE_ROLES: readonly CaseRole[] = ['intake', 'assigner', 'duty_leader', 'supervision_head', 'bureau_leader', 'followup', 'archivist'];
/** Roles that see only what their unit was given (DESIGN §1). */
export const UNIT_ROLES: readonly CaseRole[] = ['liaison', 'handler', 'unit_head'];
/** Centre roles that talk to the reporter and see their identity by default (DESIGN §7.2). */
export const REPORTER_FACING_ROLES: readonly CaseRole[] = ['intake', 'assigner', 'followup', 'supervision_head'];
/**
 * Centre roles that meet the reporter on the phone or at the counter and check who they are, so they may give
 * out a new query code (DESIGN §7.4): the 受理员 / 接线员 and the 回访员.
 */
export const CODE_REISSUING_ROLES: readonly CaseRole[] = ['intake', 'followup'];
export const ALL_CASE_ROLES: readonly CaseRole[] = [...CENTRE_ROLES, ...UNIT_ROLES];

export function isUnitRole(role: Performer): boolean {
  return (UNIT_ROLES as readonly string[]).includes(role);
}

export function isCentreRole(role: Performer): boolean {
  return (CENTRE_ROLES as readonly string[]).includes(role);
}

export const ACTION_LABELS = {
  accept: { zh: '受理', en: 'Accept' },
  not_accept: { zh: '不予受理', en: 'Do not accept' },
  merge: { zh: '并案', en: 'Merge' },
  instruct: { zh: '批示', en: 'Instruct' },
  record_instruction: { zh: '登记领导批示', en: 'Record an instruction' },
  assign: { zh: '交办', en: 'Assign' },
  sign_for: { zh: '签收', en: 'Sign for' },
  redispatch: { zh: '下转', en: 'Redispatch' },
  request_return: { zh: '申请退回', en: 'Request return' },
  decide_return: { zh: '审批退回', en: 'Decide return' },
  assign_handler: { zh: '指定承办人', en: 'Assign handler' },
  record_contact: { zh: '登记联系反映人', en: 'Record contact' },
  submit_result: { zh: '提交办理结果', en: 'Submit result' },
  review: { zh: '审核', en: 'Review' },
  reply: { zh: '答复', en: 'Reply' },
  close: { zh: '办结', en: 'Close' },
  request_extension: { zh: '申请延期', en: 'Request extension' },
  decide_extension: { zh: '审批延期', en: 'Decide extension' },
  request_suspension: { zh: '申请挂起', en: 'Request suspension' },
  decide_suspension: { zh: '审批挂起', en: 'Decide suspension' },
  resume: { zh: '恢复办理', en: 'Resume' },
  record_follow_up: { zh: '登记回访', en: 'Record follow-up' },
  reopen: { zh: '重办', en: 'Reopen' },
  explain: { zh: '解释说明', en: 'Explain' },
  chase: { zh: '催办', en: 'Chase' },
  supervise: { zh: '督办', en: 'Supervise' },
  dispatch_onsite: { zh: '现场督察', en: 'Dispatch on-site inspection' },
  declare_false_accusation: { zh: '诬告陷害认定', en: 'Declare false accusation' },
  reclassify: { zh: '更正分类', en: 'Reclassify' },
  declare_conflict: { zh: '申请回避', en: 'Declare conflict of interest' },
  reveal_reporter: { zh: '查看反映人信息', en: 'Reveal reporter' },
  grant_original: { zh: '授权查阅原件', en: 'Share an original' },
  add_note: { zh: '添加内部备注', en: 'Add note' },
  message_reporter: { zh: '回复反映人留言', en: 'Message the reporter' },
  reissue_query_code: { zh: '补发查询码', en: 'Reissue query code' },
  confirm: { zh: '确认', en: 'Confirm' },
  decline: { zh: '不同意', en: 'Decline' },
  archive: { zh: '归档', en: 'Archive' },
  add_information: { zh: '补充材料', en: 'Add information' },
  rate: { zh: '评价', en: 'Rate' },
} as const satisfies Record<CaseAction, Bilingual>;
