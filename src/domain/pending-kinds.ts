// Kinds of pending decision of DESIGN §3.3: who decides each, and what a confirmation does.
import type { Bilingual } from './i18n-text.js';
import type { CaseRole } from './roles.js';

export const PENDING_KINDS = [
  'return',
  'extension',
  'suspension',
  'keep_on_file',
  'transfer',
  'refer',
  'report_up',
  'not_accept',
  'merge',
  'reclassify',
  'not_identifiable',
  'firewall_override',
  'reopen',
  'backdated_receipt',
] as const;
export type PendingKind = (typeof PENDING_KINDS)[number];

/** The action that settles a pending decision; the three requests have their own, the rest use confirm/decline. */
export type DecidingAction = 'decide_return' | 'decide_extension' | 'decide_suspension' | 'confirm';

export type PendingEffect =
  | 'return_to_level_above'
  | 'extend_deadlines'
  | 'suspend_clocks'
  | 'apply_accept_mode'
  | 'apply_not_accept'
  | 'apply_merge'
  | 'apply_reclassification'
  | 'accept_unidentified_subjects'
  | 'override_firewall'
  | 'reopen_cycle'
  | 'record_received_at';

export interface PendingKindInfo {
  readonly label: Bilingual;
  readonly decidedBy: DecidingAction;
  /** Roles that may confirm; unit roles only from the level above (returns). */
  readonly confirmers: readonly CaseRole[];
  /** Every confirmer role must confirm (firewall override: supervision_head and bureau_leader). */
  readonly everyRole: boolean;
  /** Confirmers must not belong to a unit on the dispatch chain. */
  readonly outsideChain: boolean;
  readonly effect: PendingEffect;
  readonly effectText: Bilingual;
}

const CONFIRMED_BY_SUPERVISION = { confirmers: ['supervision_head'], everyRole: false, outsideChain: false, decidedBy: 'confirm' } as const;

export const PENDING_KIND_INFO = {
  return: {
    label: { zh: '退回申请', en: 'Return request' },
    decidedBy: 'decide_return',
    confirmers: ['assigner', 'liaison', 'unit_head'],
    everyRole: false,
    outsideChain: false,
    effect: 'return_to_level_above',
    effectText: { zh: '撤销本级授权，退回上一级（最上一级退回中心待交办）', en: 'Revokes the grant and returns the case to the level above (to ready_to_assign at the top)' },
  },
  extension: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '延期申请', en: 'Extension request' },
    decidedBy: 'decide_extension',
    effect: 'extend_deadlines',
    effectText: { zh: '承诺期限与承办时限顺延相同自然日数，并告知反映人理由', en: 'Moves the public and unit deadlines by the same calendar days and tells the reporter why' },
  },
  suspension: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '挂起申请', en: 'Suspension request' },
    decidedBy: 'decide_suspension',
    effect: 'suspend_clocks',
    effectText: { zh: '挂起期间各时限停止计算', en: 'Stops the clocks until resumed or the expected end' },
  },
  keep_on_file: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '举报存查确认', en: 'Confirm keeping an accusation on file' },
    effect: 'apply_accept_mode',
    effectText: { zh: '受理并存查，办结且不回访', en: 'Accepts and keeps on file: closed without follow-up' },
  },
  transfer: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '举报转送确认', en: 'Confirm transferring an accusation' },
    effect: 'apply_accept_mode',
    effectText: { zh: '转送其他机关', en: 'Transfers the case to another organ' },
  },
  refer: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '举报移送确认', en: 'Confirm referring an accusation' },
    effect: 'apply_accept_mode',
    effectText: { zh: '移送纪检监察或司法机关', en: 'Refers the case to discipline inspection or judicial organs' },
  },
  report_up: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '举报上报确认', en: 'Confirm reporting an accusation up' },
    effect: 'apply_accept_mode',
    effectText: { zh: '密封上报上级机关', en: 'Reports the case up, sealed' },
  },
  not_accept: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '举报不予受理确认', en: 'Confirm not accepting an accusation' },
    effect: 'apply_not_accept',
    effectText: { zh: '不予受理并告知理由和途径', en: 'Does not accept, with the reason and where to go' },
  },
  merge: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '举报并案确认', en: 'Confirm merging an accusation' },
    effect: 'apply_merge',
    effectText: { zh: '并入主件', en: 'Merges the case into its master' },
  },
  reclassify: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '撤销举报属性或被反映人确认', en: 'Confirm removing accusation status or a subject' },
    effect: 'apply_reclassification',
    effectText: { zh: '按更正后的分类和被反映人处理', en: 'Applies the new classification and subjects' },
  },
  not_identifiable: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '被反映人无法确定确认', en: 'Confirm subjects not identifiable' },
    effect: 'accept_unidentified_subjects',
    effectText: { zh: '在未关联被反映人的情况下受理举报', en: 'Lets the accusation be accepted without linked subjects' },
  },
  firewall_override: {
    label: { zh: '防火墙例外审批', en: 'Firewall override' },
    decidedBy: 'confirm',
    confirmers: ['supervision_head', 'bureau_leader'],
    everyRole: true,
    outsideChain: true,
    effect: 'override_firewall',
    effectText: { zh: '允许禁止范围内的单位承办，并通知审计管理员', en: 'Lets a forbidden unit handle the case and notifies the auditor' },
  },
  reopen: {
    ...CONFIRMED_BY_SUPERVISION,
    label: { zh: '第三次及以上重办确认', en: 'Confirm a third or later reopening' },
    effect: 'reopen_cycle',
    effectText: { zh: '开启新一轮办理并重新计算期限', en: 'Starts a new cycle with new deadlines' },
  },
  backdated_receipt: {
    label: { zh: '收件时间早于三日确认', en: 'Confirm a receipt time more than 3 days back' },
    decidedBy: 'confirm',
    confirmers: ['assigner', 'supervision_head'],
    everyRole: false,
    outsideChain: false,
    effect: 'record_received_at',
    effectText: { zh: '按登记的收件时间计算受理时限', en: 'Counts the acceptance clock from the entered receipt time' },
  },
} as const satisfies Record<PendingKind, PendingKindInfo>;
