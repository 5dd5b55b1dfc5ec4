// The ways to reach the 12389 centre besides this site, from the bureau's settings; an empty setting
// leaves its line out rather than showing a blank.
import { useT } from '../i18n.js';
import { useSite } from '../site.js';

export function ContactList() {
  const t = useT();
  const site = useSite();
  const rows: [string, string, string?][] = [
    [t('12389热线', '12389 hotline'), site.hotline, t(site.hotlineHours)],
    [t('电子邮箱', 'E-mail'), site.email],
    [t('来信地址', 'Letters'), [t(site.letterAddress), site.postcode === '' ? '' : `${t('邮编', 'Postcode')}：${site.postcode}`].filter((s) => s !== '').join('　')],
    [t('微信公众号', 'WeChat'), t(site.wechatAccount)],
    [t('来访地址', 'In person'), t(site.visitAddress)],
  ];
  return (
    <dl className="zt-contacts">
      {rows
        .filter(([, v]) => v !== '')
        .map(([k, v, note]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              {k === t('12389热线', '12389 hotline') ? <a href={`tel:${v.replace(/[^0-9+]/gu, '')}`}>{v}</a> : v}
              {note !== undefined && note !== '' && <span className="zt-note">{note}</span>}
            </dd>
          </div>
        ))}
    </dl>
  );
}
