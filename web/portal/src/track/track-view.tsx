// The case as its reporter sees it: stage, dates, the public steps, the centre's replies with the unit
// that signs them, what the reporter added; then add information, and after the reply, the rating.
import { useState } from 'react';
import { formatDate, useLang, useT } from '../i18n.js';
import { AddInformation } from './add-information.js';
import { RatingForm } from './rating-form.js';
import type { Credentials, PublicView } from './types.js';

interface Props {
  readonly creds: Credentials;
  readonly view: PublicView;
  readonly onView: (view: PublicView) => void;
  readonly onClose: () => void;
}

const CLOSED = new Set(['closed', 'not_accepted', 'transferred']);

export function TrackView({ creds, view, onView, onClose }: Props) {
  const t = useT();
  const lang = useLang();
  const [rated, setRated] = useState(false);
  return (
    <>
      <section className="zt-card" aria-labelledby="case-h">
        <h1 id="case-h">{t('办理进度', 'Progress')}</h1>
        <dl className="zt-summary">
          <div>
            <dt>{t('受理编号', 'Case number')}</dt>
            <dd data-testid="track-number">{view.caseNumber}</dd>
          </div>
          <div>
            <dt>{t('当前状态', 'Stage')}</dt>
            <dd>
              <span className={`zt-stage zt-stage-${view.stage.code}`} data-testid="track-stage">
                {t(view.stage.label)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('提交时间', 'Submitted')}</dt>
            <dd>{formatDate(view.submittedAt, lang, true)}</dd>
          </div>
          {view.promisedBy !== null && (
            <div>
              <dt>{t('答复期限', 'Answer due by')}</dt>
              <dd>{formatDate(view.promisedBy, lang)}</dd>
            </div>
          )}
        </dl>
        <h2>{t('办理过程', 'Steps')}</h2>
        <ol className="zt-timeline">
          {view.timeline.map((e, i) => (
            <li key={`${e.at}-${String(i)}`}>
              <time dateTime={e.at}>{formatDate(e.at, lang, true)}</time>
              <span>{t(e.label)}</span>
            </li>
          ))}
        </ol>
      </section>

      {view.replies.length > 0 && (
        <section className="zt-card" aria-labelledby="reply-h">
          <h2 id="reply-h">{t('答复意见', 'Our answer')}</h2>
          {view.replies.map((r, i) => (
            <article key={`${r.at}-${String(i)}`} className="zt-reply" data-testid="reply">
              <p className="zt-reply-text">{r.text}</p>
              <p className="zt-reply-sign">
                {r.signedBy === undefined ? '' : `${t(r.signedBy)}\u3000`}
                <time dateTime={r.at}>{formatDate(r.at, lang)}</time>
              </p>
            </article>
          ))}
        </section>
      )}

      {view.messages.length > 0 && (
        <section className="zt-card" aria-labelledby="mine-h">
          <h2 id="mine-h">{t('我补充的情况', 'What I added')}</h2>
          <ul className="zt-messages">
            {view.messages.map((m, i) => (
              <li key={`${m.at}-${String(i)}`}>
                <time dateTime={m.at}>{formatDate(m.at, lang, true)}</time>
                <p>{m.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {view.canRate && <RatingForm creds={creds} onView={onView} onRated={() => setRated(true)} />}
      {rated && (
        <p className="zt-card zt-success" role="status" data-testid="rated">
          {t('评价已提交，感谢您对公安工作的监督和支持。', 'Thank you: your rating has been recorded.')}
        </p>
      )}
      {!CLOSED.has(view.stage.code) && <AddInformation creds={creds} onView={onView} />}

      <div className="zt-actions">
        <button type="button" className="zt-btn zt-btn-secondary" onClick={onClose}>
          {t('查询其他事项', 'Look up another case')}
        </button>
      </div>
    </>
  );
}
