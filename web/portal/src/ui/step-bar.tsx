import { useT } from '../i18n.js';

const STEPS = [
  { zh: '填写内容', en: 'What happened' },
  { zh: '个人信息', en: 'About you' },
  { zh: '确认提交', en: 'Confirm' },
] as const;

export function StepBar({ current }: { current: 0 | 1 | 2 }) {
  const t = useT();
  return (
    <ol className="zt-stepbar" aria-label={t('填写步骤', 'Steps')}>
      {STEPS.map((s, i) => (
        <li key={s.zh} className={i < current ? 'zt-done' : i === current ? 'zt-current' : ''} aria-current={i === current ? 'step' : undefined}>
          <span className="zt-step-no" aria-hidden="true">
            {i + 1}
          </span>
          <span>{t(s)}</span>
        </li>
      ))}
    </ol>
  );
}
