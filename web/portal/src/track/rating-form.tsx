// 评价: once the answer is given, 满意 / 基本满意 / 不满意, with reasons (required when dissatisfied).
import { useState } from 'react';
import { ApiError, postJson } from '../api.js';
import { codePoints, useT } from '../i18n.js';
import { powHeader } from '../pow.js';
import { Field } from '../ui/field.js';
import { ErrorBox, Loading } from '../ui/states.js';
import type { Credentials, PublicView } from './types.js';

const RATINGS = [
  { code: 'satisfied', zh: '满意', en: 'Satisfied' },
  { code: 'basically_satisfied', zh: '基本满意', en: 'Mostly satisfied' },
  { code: 'dissatisfied', zh: '不满意', en: 'Dissatisfied' },
] as const;

const REASONS = [
  { code: 'result', zh: '对处理结果不满意', en: 'The outcome' },
  { code: 'unresolved', zh: '问题没有解决', en: 'The problem is not solved' },
  { code: 'not_contacted', zh: '办理过程中没有与我联系', en: 'Nobody contacted me' },
  { code: 'attitude', zh: '工作人员态度不好', en: 'The staff’s manner' },
  // The server's fifth reason, 诉求不合理, is a follow-up clerk's judgement of the request, not the reporter's.
] as const;

type Rating = (typeof RATINGS)[number]['code'];

export function RatingForm({ creds, onView, onRated }: { creds: Credentials; onView: (v: PublicView) => void; onRated: () => void }) {
  const t = useT();
  const [rating, setRating] = useState<Rating | ''>('');
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<{ rating?: string; reasons?: string; comment?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const send = async () => {
    const p: typeof problems = {};
    if (rating === '') p.rating = t('请选择评价', 'Choose a rating');
    if (rating === 'dissatisfied' && reasons.length === 0) p.reasons = t('请选择不满意的原因', 'Say why you are dissatisfied');
    if (codePoints(comment) > 500) p.comment = t('不能超过500个字', 'At most 500 characters');
    setProblems(p);
    if (Object.keys(p).length > 0 || rating === '') return;
    setBusy(true);
    setFailure(null);
    try {
      // Reasons ticked before switching to 满意 are not the reporter's answer any more.
      const body = { ...creds, rating, reasons: rating === 'satisfied' ? [] : reasons, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) };
      onView(await postJson<PublicView>('/api/v1/public/track/rating', body, await powHeader()));
      onRated();
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, 'network', t('提交失败', 'Not sent'), '', []));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="zt-card" aria-labelledby="rate-h">
      <h2 id="rate-h">{t('评价答复', 'Rate the answer')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <fieldset className="zt-fieldset">
          <legend className="zt-label">{t('您对办理结果是否满意？', 'Are you satisfied with how your case was handled?')}</legend>
          <div className="zt-segments">
            {RATINGS.map((r) => (
              <label key={r.code} className={`zt-segment${rating === r.code ? ' zt-chosen' : ''}`}>
                <input type="radio" name="rating" value={r.code} checked={rating === r.code} onChange={() => {
                    setRating(r.code);
                    setProblems({});
                  }} />
                <span>{t(r.zh, r.en)}</span>
              </label>
            ))}
          </div>
          {problems.rating !== undefined && (
            <p className="zt-field-error" role="alert">
              {problems.rating}
            </p>
          )}
        </fieldset>
        {rating !== '' && rating !== 'satisfied' && (
          <fieldset className="zt-fieldset">
            <legend className="zt-label">{t('原因（可多选）', 'Why (choose any)')}</legend>
            {REASONS.map((r) => (
              <label key={r.code} className="zt-check">
                <input type="checkbox" checked={reasons.includes(r.code)} onChange={(e) => {
                    setReasons(e.target.checked ? [...reasons, r.code] : reasons.filter((x) => x !== r.code));
                    setProblems({});
                  }} />
                <span>{t(r.zh, r.en)}</span>
              </label>
            ))}
            {problems.reasons !== undefined && (
              <p className="zt-field-error" role="alert">
                {problems.reasons}
              </p>
            )}
          </fieldset>
        )}
        <Field label={t('意见（可选）', 'Comment (optional)')} error={problems.comment}>
          {({ id, describedBy, invalid }) => <textarea id={id} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        {busy && <Loading label={t('正在进行安全验证…', 'Running a security check…')} />}
        {failure !== null && <ErrorBox error={failure} />}
        <div className="zt-actions">
          <button type="submit" className="zt-btn zt-btn-primary" disabled={busy} data-testid="rate">
            {t('提交评价', 'Submit rating')}
          </button>
        </div>
      </form>
    </section>
  );
}
