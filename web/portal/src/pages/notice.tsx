// 受理须知: the whole of what the report form asks the reporter to read, to read before starting.
import { CASE_SCOPES } from '../../../../src/domain/data/taxonomy.js';
import { useT } from '../i18n.js';
import { useSite } from '../site.js';
import { fill, NOT_ACCEPTED, PRIVACY_NOTICE, PROMISE, REPORT_NOTICE } from '../texts/notices.js';

export function NoticePage() {
  const t = useT();
  const site = useSite();
  const values = { bureau: t(site.bureauName), hotline: site.hotline };
  return (
    <>
      <section className="zt-card">
        <h1>{t('受理须知', 'What we accept')}</h1>
        <h2>{t('受理范围', 'Scope')}</h2>
        <ol className="zt-scope">
          {CASE_SCOPES.map((s) => (
            <li key={s.code}>
              <strong>{t(s.name)}</strong>
              <span>{t(s.description)}</span>
            </li>
          ))}
        </ol>
        <h2>{t('不予受理的事项', 'Not accepted')}</h2>
        <ul className="zt-not">
          {NOT_ACCEPTED.map((n) => (
            <li key={n.what.zh}>
              <strong>{t(n.what)}</strong>
              <span>{t(n.where)}</span>
            </li>
          ))}
        </ul>
        <h2>{t('办理时限', 'Time limit')}</h2>
        <p>{t(PROMISE)}</p>
      </section>
      <section className="zt-card">
        <h2>{t('举报须知', 'Before you report')}</h2>
        <ol className="zt-notice">
          {REPORT_NOTICE.map((n) => (
            <li key={n.zh}>{t(n)}</li>
          ))}
        </ol>
      </section>
      <section className="zt-card">
        <h2>{t('个人信息处理告知', 'Your personal information')}</h2>
        <dl className="zt-privacy">
          {PRIVACY_NOTICE.map((p) => (
            <div key={p.head.zh}>
              <dt>{t(p.head)}</dt>
              <dd>{fill(t(p.body), values)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
