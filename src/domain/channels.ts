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
