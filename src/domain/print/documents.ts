// The bureau's printed forms and notices (issue 4 打印): which documents exist, who may print which, and the
// placeholders their plain-text templates may use. Pure: the values are gathered in queries/print/.
import { CENTRE_ROLES, REPORTER_FACING_ROLES } from '../actions.js';
import type { Bilingual } from '../i18n-text.js';
import type { Role } from '../roles.js';

export const DOCUMENT_KINDS = [
  'registration',
  'proposal',
  'dispatch',
  'chase',
  'supervise',
  'extension_request',
  'acceptance_notice',
  'not_accepted_notice',
  'extension_notice',
  'reply_letter',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Who may print a kind, on top of seeing the case: 'viewer' anyone who may open it; 'centre' the centre roles
 * (the 呈批件 carries the proposal, which only the centre reads); 'reporter_facing' the roles that write to the
 * reporter (DESIGN §7.2): a notice is addressed to the reporter by name.
 */
type Audience = 'viewer' | 'centre' | 'reporter_facing';

export const DOCUMENT_INFO = {
  registration: { label: { zh: '受理登记表', en: 'Registration form' }, audience: 'viewer' },
  proposal: { label: { zh: '呈批件', en: 'Submission for instruction' }, audience: 'centre' },
  dispatch: { label: { zh: '交办单', en: 'Dispatch sheet' }, audience: 'viewer' },
  chase: { label: { zh: '催办单', en: 'Chase notice' }, audience: 'viewer' },
  supervise: { label: { zh: '督办通知', en: 'Supervision notice' }, audience: 'viewer' },
  extension_request: { label: { zh: '延期申请审批表', en: 'Extension request and approval' }, audience: 'viewer' },
  acceptance_notice: { label: { zh: '受理告知书', en: 'Acceptance notice' }, audience: 'reporter_facing' },
  not_accepted_notice: { label: { zh: '不予受理告知书', en: 'Non-acceptance notice' }, audience: 'reporter_facing' },
  extension_notice: { label: { zh: '延期告知书', en: 'Extension notice' }, audience: 'reporter_facing' },
  reply_letter: { label: { zh: '答复意见书', en: 'Reply letter' }, audience: 'reporter_facing' },
} as const satisfies Record<DocumentKind, { label: Bilingual; audience: Audience }>;

/** What a case has that a document needs: a kind without its facts has nothing to print yet. */
export interface PrintableFacts {
  readonly accepted: boolean;
  readonly hasProposal: boolean;
  readonly hasDispatch: boolean;
  readonly chased: boolean;
  readonly supervised: boolean;
  readonly hasExtensionRequest: boolean;
  readonly extended: boolean;
  readonly notAccepted: boolean;
  readonly replied: boolean;
}

const NEEDS: Readonly<Record<DocumentKind, (f: PrintableFacts) => boolean>> = {
  registration: () => true,
  proposal: (f) => f.hasProposal,
  dispatch: (f) => f.hasDispatch,
  chase: (f) => f.chased,
  supervise: (f) => f.supervised,
  extension_request: (f) => f.hasExtensionRequest,
  acceptance_notice: (f) => f.accepted,
  not_accepted_notice: (f) => f.notAccepted,
  extension_notice: (f) => f.extended,
  reply_letter: (f) => f.replied,
};

export type PrintRefusal = 'role' | 'not_yet';

/** null when this user may print the kind for this case now; the case's visibility is checked before. */
export function printRefusal(kind: DocumentKind, roles: readonly Role[], facts: PrintableFacts): PrintRefusal | null {
  const audience: Audience = DOCUMENT_INFO[kind].audience;
  const allowed: readonly Role[] | null = audience === 'centre' ? CENTRE_ROLES : audience === 'reporter_facing' ? REPORTER_FACING_ROLES : null;
  if (allowed !== null && !roles.some((r) => allowed.includes(r))) return 'role';
  return NEEDS[kind](facts) ? null : 'not_yet';
}

/** The placeholders a template may use, with what each holds (for the sysadmin's editor). */
export const PLACEHOLDERS = {
  bureauName: { zh: '机关名称（单位树的根）', en: 'The bureau (root of the unit tree)' },
  caseNumber: { zh: '受理编号', en: 'Case number' },
  channel: { zh: '来件渠道', en: 'Channel' },
  type: { zh: '反映类型', en: 'Type' },
  scope: { zh: '受理范围', en: 'Scope' },
  problemType: { zh: '问题类别', en: 'Problem type' },
  policeBranch: { zh: '涉及警种', en: 'Police branch' },
  urgency: { zh: '紧急程度', en: 'Urgency' },
  receivedAt: { zh: '收件时间', en: 'Received at' },
  receivedDate: { zh: '收件日期', en: 'Received on' },
  registeredAt: { zh: '登记时间', en: 'Registered at' },
  registeredBy: { zh: '登记人', en: 'Registered by' },
  acceptedDate: { zh: '受理日期', en: 'Accepted on' },
  title: { zh: '标题', en: 'Title' },
  content: { zh: '反映内容', en: 'Content' },
  occurredAt: { zh: '发生时间', en: 'Occurred at' },
  location: { zh: '发生地点', en: 'Location' },
  subjects: { zh: '被反映人', en: 'Subjects' },
  anonymity: { zh: '实名或匿名', en: 'Real name or anonymous' },
  reporterName: { zh: '反映人姓名（按保密规定显示）', en: 'Reporter name (as the rules allow)' },
  reporterPhone: { zh: '反映人电话（按保密规定显示）', en: 'Reporter phone (as the rules allow)' },
  reporterAddress: { zh: '反映人地址（按保密规定显示）', en: 'Reporter address (as the rules allow)' },
  reporterWorkplace: { zh: '反映人工作单位（按保密规定显示）', en: 'Reporter workplace (as the rules allow)' },
  proposal: { zh: '拟办意见（仅中心人员）', en: 'Proposal (centre only)' },
  proposedBy: { zh: '拟办人', en: 'Proposed by' },
  instruction: { zh: '领导批示', en: "Leader's instruction" },
  instructedBy: { zh: '批示领导', en: 'Instructed by' },
  instructedAt: { zh: '批示时间', en: 'Instructed at' },
  documentNumber: { zh: '交办单文号', en: 'Dispatch document number' },
  leadUnit: { zh: '承办单位', en: 'Lead unit' },
  coUnits: { zh: '协办单位', en: 'Co-handling units' },
  currentUnit: { zh: '当前承办单位', en: 'Current unit' },
  issuer: { zh: '交办单位', en: 'Dispatching unit' },
  brief: { zh: '交办摘要', en: 'Dispatch brief' },
  assignedAt: { zh: '交办时间', en: 'Assigned at' },
  assignedDate: { zh: '交办日期', en: 'Assigned on' },
  unitDue: { zh: '承办时限', en: 'Unit deadline' },
  publicDue: { zh: '承诺期限', en: 'Public deadline' },
  signedForBy: { zh: '签收人', en: 'Signed for by' },
  signedForAt: { zh: '签收时间', en: 'Signed for at' },
  chaseOpinion: { zh: '催办意见', en: 'Chase text' },
  chasedBy: { zh: '催办人', en: 'Chased by' },
  chasedAt: { zh: '催办时间', en: 'Chased at' },
  superviseOpinion: { zh: '督办意见', en: 'Supervision text' },
  supervisedBy: { zh: '督办人', en: 'Supervised by' },
  supervisorUnit: { zh: '督办单位', en: 'Supervising unit' },
  supervisedDate: { zh: '督办日期', en: 'Supervised on' },
  extensionDays: { zh: '申请延期天数', en: 'Days asked' },
  extensionReason: { zh: '延期理由', en: 'Reason for the extension' },
  extensionReasonForReporter: { zh: '告知反映人的延期理由', en: 'Reason told to the reporter' },
  extensionRequestedBy: { zh: '延期申请人', en: 'Requested by' },
  extensionRequestedAt: { zh: '延期申请时间', en: 'Requested at' },
  extensionDecision: { zh: '延期审批意见', en: 'Decision' },
  extensionDecidedBy: { zh: '延期审批人', en: 'Decided by' },
  extensionDecidedAt: { zh: '延期审批时间', en: 'Decided at' },
  extendedDate: { zh: '延期批准日期', en: 'Extended on' },
  notAcceptReason: { zh: '不予受理理由', en: 'Reason for not accepting' },
  whereToGo: { zh: '告知途径', en: 'Where to go' },
  notAcceptedDate: { zh: '不予受理日期', en: 'Not accepted on' },
  finding: { zh: '核查结论', en: 'Finding' },
  replyText: { zh: '答复内容', en: 'Reply' },
  replyMethod: { zh: '答复方式', en: 'Reply method' },
  repliedDate: { zh: '答复日期', en: 'Replied on' },
  today: { zh: '打印日期', en: 'Printed on' },
  printedBy: { zh: '打印人', en: 'Printed by' },
} as const satisfies Record<string, Bilingual>;
export type Placeholder = keyof typeof PLACEHOLDERS;

export function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** Shown where the confidentiality rules keep a value from this reader (DESIGN §7.2), never the value itself. */
export const WITHHELD = '（按保密规定不予显示）';
