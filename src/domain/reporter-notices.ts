// What a short notice to the reporter says when a step of the case concerns them (DESIGN §5): by SMS the
// approved templates, by WeChat one sentence. Neither names the content; an accusation's notice says only
// that its status changed (issue 8), whoever reads the phone.
import type { SmsTemplateKey } from './sms/templates.js';

/** The notices the case actions write (`reporter.notice`'s `notice`). */
export type ReporterNotice = 'extended' | 'replied' | 'replied_via_master' | 'explained' | 'not_accepted' | 'message';

/** The SMS template of a notice; null where the bureau has no approved text (the portal shows it). */
export function smsTemplateForNotice(notice: string): SmsTemplateKey | null {
  if (notice === 'extended') return 'reporter.extension';
  if (notice === 'replied' || notice === 'replied_via_master') return 'reporter.reply';
  return null;
}

const WECHAT_WORDS: Readonly<Record<ReporterNotice, string>> = {
  extended: '办理期限已延长',
  replied: '已办结答复',
  replied_via_master: '已办结答复',
  explained: '有新的情况说明',
  not_accepted: '有受理结果告知',
  message: '有新的回复',
};

export function wechatNoticeText(caseNumber: string, notice: string, accusation: boolean): string {
  if (accusation) return `您反映的事项（受理编号${caseNumber}）状态已更新，请凭受理编号和查询码查看。`;
  const words = Object.hasOwn(WECHAT_WORDS, notice) ? WECHAT_WORDS[notice as ReporterNotice] : '有新的办理进展';
  return `您反映的事项（受理编号${caseNumber}）${words}，请凭受理编号和查询码在网站“进度查询”中查看。`;
}

/** A notice's words in a subscription message's status field (at most 20 characters). */
export function wechatNoticeStatus(notice: string, accusation: boolean): string {
  if (accusation) return '状态已更新，请凭受理编号和查询码查看';
  const words = Object.hasOwn(WECHAT_WORDS, notice) ? WECHAT_WORDS[notice as ReporterNotice] : '有新的办理进展';
  return `${words}，请凭查询码查看`;
}
