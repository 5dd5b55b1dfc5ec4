// The government-site footer: 主办 and 承办, address and telephone, site identifier and filing numbers,
// each from the bureau's settings; a line is left out when its setting is empty.
import { useT } from '../i18n.js';
import { useSite } from '../site.js';
import { Link } from './link.js';

export function Footer() {
  const t = useT();
  const site = useSite();
  const lines: [string, string][] = [
    [t('主办单位', 'Sponsor'), t(site.sponsor)],
    [t('承办单位', 'Operator'), t(site.organiser)],
    [t('地址', 'Address'), [t(site.visitAddress), site.postcode === '' ? '' : `${t('邮编', 'Postcode')} ${site.postcode}`].filter((s) => s !== '').join('　')],
    [t('举报投诉热线', 'Hotline'), site.hotline],
  ];
  const filings: [string, string][] = [
    [t('网站标识码', 'Site identifier'), site.siteIdentifier],
    ['', site.icpNumber],
    ['', site.psbNumber],
  ];
  return (
    <footer className="zt-footer">
      <nav className="zt-footer-nav" aria-label={t('页脚导航', 'Footer')}>
        <Link to="/notice">{t('受理须知', 'What we accept')}</Link>
        <Link to="/contact">{t('联系我们', 'Contact us')}</Link>
        <Link to="/stats">{t('数据公开', 'Statistics')}</Link>
        <Link to="/track">{t('进度查询', 'Track a case')}</Link>
      </nav>
      <dl className="zt-footer-lines">
        {lines
          .filter(([, v]) => v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}：</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <p className="zt-filings">
        {filings
          .filter(([, v]) => v !== '')
          .map(([k, v]) => (k === '' ? v : `${k}：${v}`))
          .join('　')}
      </p>
    </footer>
  );
}
