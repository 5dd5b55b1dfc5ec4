// Every kind of outbox row the server writes (DESIGN §5), with the words the sysadmin's dead-letter
// screen shows for it. Writers take their kind from OutboxKind, so a new kind does not compile until it
// has a label here; a kind written by an older or newer build still shows as its code.
import type { Bilingual } from './i18n-text.js';

export const OUTBOX_KIND_LABELS = {
  'case.registered': { zh: '新件登记通知', en: 'New case announced' },
  'reporter.acknowledgement': { zh: '向反映人发送受理回执（受理编号和查询码）', en: 'Acknowledgement to the reporter (case number and query code)' },
  'reporter.query_code': { zh: '向反映人补发查询码', en: 'Reissued query code to the reporter' },
  'reporter.followup_question': { zh: '向反映人发送短信回访（回复数字评价）', en: 'Follow-up question to the reporter by SMS (answer with a digit)' },
  'reporter.notice': { zh: '向反映人发送办理告知', en: 'Notice to the reporter' },
  'staff.sms_alert': { zh: '向工作人员发送短信提醒', en: 'SMS alert to a staff member' },
  'case.reporter_message': { zh: '反映人补充信息', en: 'Information added by the reporter' },
  'case.derivatives': { zh: '为承办单位生成派生件', en: 'Derivative copies for the unit' },
  'wechat.media': { zh: '下载微信语音、图片或视频', en: 'Fetch WeChat voice, image or video' },
  'wechat.my_cases': { zh: '向微信用户发送“我的反映”', en: 'Send "My reports" to a WeChat user' },
} as const satisfies Record<string, Bilingual>;

export type OutboxKind = keyof typeof OUTBOX_KIND_LABELS;

export function isOutboxKind(kind: string): kind is OutboxKind {
  return Object.hasOwn(OUTBOX_KIND_LABELS, kind);
}
