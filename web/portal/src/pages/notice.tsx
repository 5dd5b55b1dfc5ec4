// 受理须知: the whole of what the report form asks the reporter to read, to read before starting.
import { useT } from '../i18n.js';
import { PROMISE } from '../texts/notices.js';
import { NotAcceptedList, PrivacyNoticeList, ReportNoticeList, ScopeList } from '../ui/notices.js';

export function NoticePage() {
  const t = useT();
  return (
    <>
      <section className="zt-card">
        <h1>{t('受理须知', 'What we accept')}</h1>
        <h2>{t('受理范围', 'Scope')}</h2>
        <ScopeList />
        <h2>{t('不予受理的事项', 'Not accepted')}</h2>
        <NotAcceptedList />
        <h2>{t('办理时限', 'Time limit')}</h2>
        <p>{t(PROMISE)}</p>
      </section>
      <section className="zt-card">
        <h2>{t('举报须知', 'Before you report')}</h2>
        <ReportNoticeList />
      </section>
      <section className="zt-card">
        <h2>{t('个人信息处理告知', 'Your personal information')}</h2>
        <PrivacyNoticeList />
      </section>
    </>
  );
}
