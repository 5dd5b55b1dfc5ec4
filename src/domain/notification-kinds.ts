// What each in-app notification means (DESIGN §5): a row carries a kind and ids only, and the
// label is ours, so a notification can never carry case content.
import type { Bilingual } from './i18n-text.js';

export const NOTIFICATION_LABELS = {
  to_instruct: { zh: '有待批示的件', en: 'A case awaits your instruction' },
  to_assign: { zh: '有待交办的件', en: 'A case is ready to assign' },
  to_sign_for: { zh: '有待签收的件', en: 'A case awaits signing for' },
  to_assign_handler: { zh: '有待指定承办人的件', en: 'A case needs a handler' },
  assigned_to_you: { zh: '您被指定为承办人', en: 'You were named as handler' },
  to_review: { zh: '有待审核的办理结果', en: 'A result awaits your review' },
  sent_back: { zh: '办理结果被退回重办', en: 'A result was sent back' },
  to_reply: { zh: '有待答复的件', en: 'A case is ready for the reply' },
  to_follow_up: { zh: '有待回访的件', en: 'A case is due for follow-up' },
  dissatisfied: { zh: '群众对答复不满意', en: 'The reporter is dissatisfied' },
  chased: { zh: '案件被催办', en: 'A case was chased' },
  supervised: { zh: '案件被督办', en: 'A case is under supervision' },
  for_information: { zh: '有需阅知的件', en: 'A case for your information' },
  onsite_inspection: { zh: '现场督察报告', en: 'On-site inspection under way' },
  decision_requested: { zh: '有待您确认的申请', en: 'A request awaits your decision' },
  request_approved: { zh: '您的申请已批准', en: 'Your request was approved' },
  request_rejected: { zh: '您的申请未获批准', en: 'Your request was declined' },
  original_shared: { zh: '中心共享了原件', en: 'The centre shared an original' },
  unit_deadline_short: { zh: '承办时限不足3个工作日', en: 'The unit deadline is shorter than 3 working days' },
  totp_reset_to_confirm: { zh: '有待您确认的动态验证码重置', en: 'An authenticator reset awaits your confirmation' },
  reporter_mail_failed: { zh: '邮件未能送达群众', en: 'A mail to the reporter bounced' },
  role_request_to_approve: { zh: '有待复核的角色授权', en: 'A role grant awaits a second approver' },
} as const satisfies Record<string, Bilingual>;

export type NotificationKind = keyof typeof NOTIFICATION_LABELS;

const FALLBACK: Bilingual = { zh: '案件动态', en: 'Case update' };

/** Kinds added by later writers still get a neutral label rather than their code. */
export function notificationLabel(kind: string): Bilingual {
  return kind in NOTIFICATION_LABELS ? NOTIFICATION_LABELS[kind as NotificationKind] : FALLBACK;
}
