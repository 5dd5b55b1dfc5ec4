// The intake inbox of DESIGN §2: an item is new until a clerk registers it or marks it invalid.
import type { CodeDelivery, InboxChannel } from './channels.js';
import type { Bilingual } from './i18n-text.js';

export const INTAKE_STATUSES = ['new', 'registered', 'invalid', 'attached'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export const INTAKE_STATUS_LABELS = {
  new: { zh: '待处理', en: 'New' },
  registered: { zh: '已登记', en: 'Registered' },
  invalid: { zh: '已标记无效', en: 'Marked invalid' },
  attached: { zh: '已并入在办件', en: 'Added to a case' },
} as const satisfies Record<IntakeStatus, Bilingual>;

/** Invalid items are kept, never numbered and never counted (DESIGN §2). */
export const INVALID_REASONS = ['spam', 'blank', 'abuse', 'duplicate', 'other'] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

export const INVALID_REASON_LABELS = {
  spam: { zh: '垃圾信息', en: 'Spam' },
  blank: { zh: '空白内容', en: 'Blank' },
  abuse: { zh: '骚扰辱骂', en: 'Abuse' },
  duplicate: { zh: '重复来件', en: 'Duplicate' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<InvalidReason, Bilingual>;

/** The inbox shows the first words of a message, never more, in its list. */
export const PREVIEW_CODE_POINTS = 60;

/** What a sender's contact is on each inbox channel: the blind index's purpose and the way back. */
export const INBOX_CONTACT = {
  email: { kind: 'email', delivery: 'email' },
  wechat: { kind: 'openid', delivery: 'wechat' },
  sms: { kind: 'phone', delivery: 'sms' },
  voicemail: { kind: 'phone', delivery: 'sms' },
} as const satisfies Record<InboxChannel, { kind: 'phone' | 'email' | 'openid'; delivery: CodeDelivery }>;
