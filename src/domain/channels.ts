// Intake channels of DESIGN §2.
import type { Bilingual } from './i18n-text.js';

export const CHANNELS = ['web', 'wechat', 'email', 'sms', 'phone', 'voicemail', 'letter', 'mailbox', 'visit', 'superior_transfer'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS = {
  web: { zh: '网上举报', en: 'Web portal' },
  wechat: { zh: '微信公众号', en: 'WeChat' },
  email: { zh: '电子邮件', en: 'E-mail' },
  sms: { zh: '短信', en: 'SMS' },
  phone: { zh: '电话', en: 'Telephone' },
  voicemail: { zh: '电话留言', en: 'Voicemail' },
  letter: { zh: '来信', en: 'Letter' },
  mailbox: { zh: '举报箱', en: 'Report box' },
  visit: { zh: '来访', en: 'Visit' },
  superior_transfer: { zh: '上级转办', en: 'Transfer from a superior' },
} as const satisfies Record<Channel, Bilingual>;

export const ANONYMITY = ['real_name', 'anonymous'] as const;
export type Anonymity = (typeof ANONYMITY)[number];

/** Channels a clerk registers by hand from a call note, a letter, the report box, a visit or a transfer (DESIGN §5). */
export const STAFF_CHANNELS = ['phone', 'voicemail', 'letter', 'mailbox', 'visit', 'superior_transfer'] as const satisfies readonly Channel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** Channels whose adapters put messages into the intake inbox (DESIGN §2). */
export const INBOX_CHANNELS = ['email', 'wechat', 'sms', 'voicemail'] as const satisfies readonly Channel[];
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

/** How an acknowledgement with the query code reaches a reporter who did not see it on a screen. */
export const CODE_DELIVERIES = ['sms', 'email', 'wechat'] as const;
export type CodeDelivery = (typeof CODE_DELIVERIES)[number];

export function isCodeDelivery(value: unknown): value is CodeDelivery {
  return typeof value === 'string' && (CODE_DELIVERIES as readonly string[]).includes(value);
}
