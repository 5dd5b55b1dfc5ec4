// 首页: the big buttons first (most people come to do one thing), then what the platform accepts and
// what it does not, the procedure and the promise, and the other ways to reach the 12389 centre.
import { useT } from '../i18n.js';
import { PROCEDURE, PROMISE } from '../texts/notices.js';
import { NotAcceptedList, ScopeList } from '../ui/notices.js';
import { Link } from '../ui/link.js';
import { ContactList } from '../ui/contact-list.js';

const ACTIONS = [
  { to: '/report/accusation', zh: '我要举报', en: 'Report misconduct', icon: '举', tone: 'red' },
  { to: '/report/complaint', zh: '我要投诉', en: 'Complain', icon: '诉', tone: 'orange' },
  { to: '/report/suggestion', zh: '我要建议', en: 'Suggest', icon: '建', tone: 'blue' },
  { to: '/report/praise', zh: '我要表扬', en: 'Praise', icon: '赞', tone: 'green' },
  { to: '/report/consultation', zh: '我要咨询', en: 'Ask', icon: '问', tone: 'teal' },
  { to: '/track', zh: '进度查询', en: 'Track a case', icon: '查', tone: 'navy' },
  { to: '/notice', zh: '受理须知', en: 'What we accept', icon: '知', tone: 'grey' },
  { to: '/contact', zh: '联系我们', en: 'Contact us', icon: '联', tone: 'grey' },
] as const;

export function Home() {
  const t = useT();
  return (
    <>
      <h1 className="zt-visually-hidden">{t('12389群众监督平台', '12389 public supervision platform')}</h1>
      <nav className="zt-grid" aria-label={t('办理事项', 'What would you like to do')}>
        {ACTIONS.map((a) => (
          <Link key={a.to} to={a.to} className={`zt-tile zt-tone-${a.tone}`}>
            <span className="zt-tile-icon" aria-hidden="true">
              {a.icon}
            </span>
            <span className="zt-tile-label">{t(a.zh, a.en)}</span>
          </Link>
        ))}
      </nav>

      <section className="zt-card" aria-labelledby="scope-h">
        <h2 id="scope-h">{t('受理范围', 'What we accept')}</h2>
        <ScopeList />
      </section>

      <section className="zt-card" aria-labelledby="not-h">
        <h2 id="not-h">{t('不予受理的事项', 'What we cannot accept')}</h2>
        <NotAcceptedList />
      </section>

      <section className="zt-card" aria-labelledby="proc-h">
        <h2 id="proc-h">{t('办理流程与承诺', 'How it works, and our promise')}</h2>
        <ol className="zt-steps-list">
          {PROCEDURE.map((p) => (
            <li key={p.zh}>{t(p)}</li>
          ))}
        </ol>
        <p className="zt-promise">{t(PROMISE)}</p>
      </section>

      <section className="zt-card" aria-labelledby="ways-h">
        <h2 id="ways-h">{t('其他反映渠道', 'Other ways to reach us')}</h2>
        <ContactList />
      </section>
    </>
  );
}
