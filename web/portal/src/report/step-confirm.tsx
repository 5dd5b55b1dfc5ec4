// Step 3, 确认提交: what will be sent, the 举报须知 and the personal-information notice, "我已阅读", submit.
import { POLICE_BRANCHES } from '../../../../src/domain/data/police-branches.js';
import { formatDate, useLang, useT } from '../i18n.js';
import { PrivacyNoticeList, ReportNoticeList } from '../ui/notices.js';
import type { Draft, Identity } from './draft.js';

interface Props {
  readonly draft: Draft;
  readonly who: Identity;
  readonly files: readonly File[];
  readonly agreed: boolean;
  readonly onAgree: (v: boolean) => void;
  readonly agreeError: string | undefined;
}

export function StepConfirm({ draft, who, files, agreed, onAgree, agreeError }: Props) {
  const t = useT();
  const lang = useLang();
  const branch = POLICE_BRANCHES.find((b) => b.code === draft.policeBranch);
  const place = [draft.region, draft.township, draft.place.trim()].filter((s) => s !== '').join(' ');
  const subject = [draft.subject.name, draft.subject.policeNumber && `${t('警号', 'No.')} ${draft.subject.policeNumber}`, draft.subject.unit, draft.subject.vehiclePlate].filter((s) => s !== '').join('，');
  const rows: [string, string][] = [
    [t('反映内容', 'What happened'), draft.content.trim()],
    [t('发生时间', 'When'), draft.occurredAt === '' ? '' : formatDate(draft.occurredAt, lang)],
    [t('发生地点', 'Where'), place],
    [t('警种或业务', 'Police service'), branch === undefined ? '' : t(branch.name)],
    [t('涉及民警', 'Officer'), subject],
    [t('证据材料', 'Evidence'), files.map((f) => f.name).join('、')],
    [t('反映方式', 'Name'), draft.anonymity === 'anonymous' ? t('匿名', 'Anonymous') : `${t('实名', 'Named')}：${who.name}`],
  ];
  return (
    <>
      <dl className="zt-summary">
        {rows
          .filter(([, v]) => v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <details className="zt-notice-box" open>
        <summary>{t('举报须知', 'Before you report')}</summary>
        <ReportNoticeList />
      </details>
      <details className="zt-notice-box">
        <summary>{t('个人信息处理告知', 'Your personal information')}</summary>
        <PrivacyNoticeList />
      </details>
      <div className={`zt-field${agreeError === undefined ? '' : ' zt-field-invalid'}`}>
        <label className="zt-check">
          <input type="checkbox" checked={agreed} onChange={(e) => onAgree(e.target.checked)} aria-invalid={agreeError !== undefined} aria-describedby={agreeError === undefined ? undefined : 'agree-error'} />
          <span>{t('我已阅读并知晓《举报须知》和《个人信息处理告知》，保证所反映情况属实。', 'I have read the notice and the personal-information notice, and what I report is true.')}</span>
        </label>
        {agreeError !== undefined && (
          <p id="agree-error" className="zt-field-error">
            {agreeError}
          </p>
        )}
      </div>
    </>
  );
}
