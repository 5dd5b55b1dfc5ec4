// The standing texts as lists, for the home page, 受理须知 and the report's confirmation step alike.
import { CASE_SCOPES } from '../../../../src/domain/data/taxonomy.js';
import { useT } from '../i18n.js';
import { useSite } from '../site.js';
import { fill, NOT_ACCEPTED, PRIVACY_NOTICE, REPORT_NOTICE } from '../texts/notices.js';

export function ScopeList() {
  const t = useT();
  return (
    <ol className="zt-scope">
      {CASE_SCOPES.map((s) => (
        <li key={s.code}>
          <strong>{t(s.name)}</strong>
          <span>{t(s.description)}</span>
        </li>
      ))}
    </ol>
  );
}

export function NotAcceptedList() {
  const t = useT();
  return (
    <ul className="zt-not">
      {NOT_ACCEPTED.map((n) => (
        <li key={n.what.zh}>
          <strong>{t(n.what)}</strong>
          <span>{t(n.where)}</span>
        </li>
      ))}
    </ul>
  );
}

export function ReportNoticeList() {
  const t = useT();
  return (
    <ol className="zt-notice">
      {REPORT_NOTICE.map((n) => (
        <li key={n.zh}>{t(n)}</li>
      ))}
    </ol>
  );
}

export function PrivacyNoticeList() {
  const t = useT();
  const site = useSite();
  const values = { bureau: t(site.bureauName), hotline: site.hotline };
  return (
    <dl className="zt-privacy">
      {PRIVACY_NOTICE.map((p) => (
        <div key={p.head.zh}>
          <dt>{t(p.head)}</dt>
          <dd>{fill(t(p.body), values)}</dd>
        </div>
      ))}
    </dl>
  );
}
