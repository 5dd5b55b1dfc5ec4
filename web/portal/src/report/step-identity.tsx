// Step 2, 个人信息: real name or anonymous, said honestly, and for real name who to answer and how.
import { useT } from '../i18n.js';
import { Field } from '../ui/field.js';
import type { Draft, Identity } from './draft.js';
import { LIMITS, type Problems } from './validate.js';

interface Props {
  readonly draft: Draft;
  readonly set: (patch: Partial<Draft>) => void;
  readonly who: Identity;
  readonly setWho: (patch: Partial<Identity>) => void;
  readonly problems: Problems;
}

export function StepIdentity({ draft, set, who, setWho, problems }: Props) {
  const t = useT();
  const err = (k: string) => (problems[k] === undefined ? undefined : t(problems[k]));
  const anonymityError = err('anonymity');
  return (
    <>
      <fieldset className="zt-fieldset" aria-describedby={anonymityError === undefined ? undefined : 'anonymity-error'}>
        <legend className="zt-label">
          {t('实名或匿名', 'Name or anonymous')}
          <span className="zt-required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        <label className={`zt-choice${draft.anonymity === 'real_name' ? ' zt-chosen' : ''}`}>
          <input type="radio" name="anonymity" value="real_name" checked={draft.anonymity === 'real_name'} onChange={() => set({ anonymity: 'real_name' })} />
          <span>
            <strong>{t('实名反映', 'Give my name')}</strong>
            <span className="zt-choice-note">{t('我们将严格为您保密，实名举报优先办理，并通过您留下的联系方式告知办理结果。', 'We keep your identity strictly confidential, handle named reports first and tell you the result through the contact you leave.')}</span>
          </span>
        </label>
        <label className={`zt-choice${draft.anonymity === 'anonymous' ? ' zt-chosen' : ''}`}>
          <input type="radio" name="anonymity" value="anonymous" checked={draft.anonymity === 'anonymous'} onChange={() => set({ anonymity: 'anonymous' })} />
          <span>
            <strong>{t('匿名反映', 'Stay anonymous')}</strong>
            <span className="zt-choice-note">{t('我们无法向您反馈办理情况，请务必保存受理编号和查询码，凭其查询进度和答复。', 'We cannot contact you. Keep the case number and query code: they are the only way to follow your case.')}</span>
          </span>
        </label>
        {anonymityError !== undefined && (
          <p id="anonymity-error" className="zt-field-error">
            {anonymityError}
          </p>
        )}
        <p className="zt-hint">
          {t('提示：通过微信公众号留言反映的，平台能够识别您的微信账号，不属于匿名反映；如需匿名，请在本页选择匿名。', 'Note: a message sent through our WeChat account is not anonymous, because the platform can tell which WeChat account sent it. To stay anonymous, choose it here.')}
        </p>
      </fieldset>
      {draft.anonymity === 'real_name' && (
        <fieldset className="zt-fieldset">
          <legend className="zt-label">{t('联系方式（严格保密）', 'How to reach you (kept confidential)')}</legend>
          <Field label={t('姓名', 'Name')} required error={err('name')}>
            {({ id, describedBy, invalid }) => <input id={id} type="text" autoComplete="name" maxLength={LIMITS.nameMax} value={who.name} onChange={(e) => setWho({ name: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" />}
          </Field>
          <Field label={t('手机号码', 'Mobile phone')} required hint={t('用于告知受理和办理结果。', 'For telling you about acceptance and the result.')} error={err('phone')}>
            {({ id, describedBy, invalid }) => <input id={id} type="tel" autoComplete="tel" inputMode="tel" maxLength={24} value={who.phone} onChange={(e) => setWho({ phone: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" />}
          </Field>
          <Field label={t('电子邮箱（可选）', 'E-mail (optional)')} error={err('email')}>
            {({ id, describedBy, invalid }) => <input id={id} type="email" autoComplete="email" maxLength={254} value={who.email} onChange={(e) => setWho({ email: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
        </fieldset>
      )}
    </>
  );
}
