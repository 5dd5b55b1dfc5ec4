// A text, mail or WeChat message to the reporter that did not arrive (issues 6–8): the carrier reported it
// failed, a bounce came back, or it never left (a dead letter: no number, the daily cap, a closed WeChat
// window, a provider's refusal), or nothing could carry it (skipped: a WeChat user outside the window
// without a subscription). The centre sees it on the case so it
// can tell the reporter another way; the number and the words are not in the answer, only what and when.
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import type { CaseDelivery } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';

const TEMPLATE_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  'reporter.acknowledgement': { zh: '受理告知', en: 'acknowledgement' },
  'reporter.query_code': { zh: '补发查询码', en: 'reissued query code' },
  'reporter.extension': { zh: '延期告知', en: 'extension notice' },
  'reporter.reply': { zh: '答复告知', en: 'reply notice' },
  'followup.question': { zh: '短信回访', en: 'follow-up question' },
  'reporter.notice': { zh: '办理告知', en: 'notice' },
};

const CHANNEL_FAILED: Readonly<Record<CaseDelivery['channel'], { zh: string; en: string } | null>> = {
  // The console's own words for SMS (i18n smsDeliveryFailed).
  sms: null,
  email: { zh: '邮件通知发送失败', en: 'E-mail not delivered' },
  wechat: { zh: '微信通知发送失败', en: 'WeChat message not delivered' },
};

export function DeliveryAlert(props: { deliveries: readonly CaseDelivery[] }): ReactNode {
  const { t, pick, lang } = useI18n();
  const failed = props.deliveries.filter((d) => d.status === 'failed' || d.status === 'dead' || d.status === 'skipped');
  if (failed.length === 0) return null;
  const what = (d: CaseDelivery) => pick(TEMPLATE_LABELS[d.template] ?? { zh: '短信通知', en: 'notice' });
  const failedWords = (d: CaseDelivery): string => {
    const words = CHANNEL_FAILED[d.channel];
    return words === null ? t('smsDeliveryFailed') : pick(words);
  };
  const title = [...new Set(failed.map((d) => (lang === 'zh' ? `${failedWords(d)}（${what(d)}）` : `${failedWords(d)} (${what(d)})`)))].join(lang === 'zh' ? '；' : '; ');
  const lines = failed.map((d) => {
    const returned = d.channel === 'email' ? pick({ zh: '邮件被退回', en: 'the mail bounced' }) : pick({ zh: '运营商报告未送达', en: 'the carrier reported it undelivered' });
    const skipped = pick({ zh: '未发送：微信服务窗口已过且用户未订阅通知', en: 'not sent: the WeChat window had closed and the user had not subscribed' });
    const how = d.status === 'skipped' ? skipped : d.status === 'dead' ? pick({ zh: '未能发出', en: 'never sent' }) : returned;
    const code = d.code === null || d.status === 'skipped' ? '' : lang === 'zh' ? `（${d.code}）` : ` (${d.code})`;
    return `${what(d)}${lang === 'zh' ? '：' : ': '}${formatDateTime(d.at, lang)} ${how}${code}`;
  });
  // "该短信" only when every one was a text: a WeChat message or a mail is a notice.
  const hint = failed.every((d) => d.channel === 'sms') ? t('smsDeliveryHint') : pick({ zh: '反映人可能未收到该通知，请视情况电话告知。', en: 'The reporter may not have received it; consider telling them by telephone.' });
  const description = [...lines, hint].map((line, i) => <div key={i}>{line}</div>);
  return <Alert className="zt-dialog-alert" type="error" showIcon data-testid="sms-delivery-failed" title={title} description={description} />;
}
