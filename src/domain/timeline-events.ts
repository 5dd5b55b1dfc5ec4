// Names of the steps in the 流转记录 (DESIGN §2 timeline): what a clerk reads in the step column.
import { ACTION_LABELS } from './actions.js';
import type { Bilingual } from './i18n-text.js';
import { PENDING_KIND_INFO, PENDING_KINDS } from './pending-kinds.js';

const EXTRA = {
  submit: { zh: '网上提交', en: 'Submitted online' },
  register: { zh: '登记', en: 'Registered' },
  add_information: { zh: '反映人补充材料', en: 'The reporter added information' },
  review_approve: { zh: '审核通过', en: 'Review approved' },
  review_send_back: { zh: '审核退回重办', en: 'Sent back by review' },
  follow_up: { zh: '回访', en: 'Follow-up' },
  extended: { zh: '延期', en: 'Extended' },
  suspended: { zh: '挂起', en: 'Suspended' },
  decide_return_approve: { zh: '同意退回', en: 'Return approved' },
  decide_return_reject: { zh: '不同意退回', en: 'Return rejected' },
  decide_extension_approve: { zh: '同意延期', en: 'Extension approved' },
  decide_extension_reject: { zh: '不同意延期', en: 'Extension rejected' },
  decide_suspension_approve: { zh: '同意挂起', en: 'Suspension approved' },
  decide_suspension_reject: { zh: '不同意挂起', en: 'Suspension rejected' },
  grant_attachment: { zh: '授权查阅原件', en: 'Original shared' },
  grant_reporter_identity: { zh: '授权查看反映人信息', en: "Reporter's identity shared" },
  call_recording: { zh: '通话录音归档', en: 'Call recording filed' },
  reporter_mail_failed: { zh: '发给反映人的邮件被退回，请改用其他方式联系', en: 'A mail to the reporter bounced; reach them another way' },
} as const satisfies Record<string, Bilingual>;

const REQUESTS = Object.fromEntries(PENDING_KINDS.map((k) => [`request_${k}`, { zh: `提请${PENDING_KIND_INFO[k].label.zh}`, en: `Requested: ${PENDING_KIND_INFO[k].label.en}` }]));

const LABELS: Readonly<Record<string, Bilingual>> = { ...ACTION_LABELS, ...REQUESTS, ...EXTRA };

export function timelineEventLabel(event: string): Bilingual {
  return LABELS[event] ?? { zh: event, en: event };
}
