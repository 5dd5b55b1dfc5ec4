// One report flow per button (我要举报 …): 填写内容 → 个人信息 → 确认提交, then the receipt. Nothing typed is
// lost: the draft outlives a reload (without identity), a failed send keeps every field and file, and a
// retry reuses the draft's Idempotency-Key.
import { useEffect, useRef, useState } from 'react';
import { CASE_TYPES } from '../../../../src/domain/data/taxonomy.js';
import { getJson, newUuid, ApiError } from '../api.js';
import { useT } from '../i18n.js';
import { keepReceipt } from '../receipt-store.js';
import { navigate, type ReportType } from '../router.js';
import { ErrorBox, Loading } from '../ui/states.js';
import { StepBar } from '../ui/step-bar.js';
import { clearDraft, emptyDraft, emptyIdentity, loadDraft, saveDraft, type Draft, type Identity } from './draft.js';
import { StepConfirm } from './step-confirm.js';
import { StepContent, type RegionOption } from './step-content.js';
import { StepIdentity } from './step-identity.js';
import { reportBody, submitReport } from './submit.js';
import { contentProblems, fieldOfPath, hasProblems, identityProblems, stepOfField, type Problems } from './validate.js';

type Step = 0 | 1 | 2;
type Phase = 'idle' | 'pow' | 'send';

/** Today in the bureau's zone, as the API compares dates. */
function todayInBureau(): string {
  // From the parts: the en-CA pattern itself changed in some Chrome versions.
  const parts = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const WITH_SUBJECT: readonly ReportType[] = ['accusation', 'complaint', 'praise'];
/** The fields this form shows an error under; any other refusal is shown as a whole. */
const FORM_FIELDS = new Set(['content', 'occurredAt', 'place', 'anonymity', 'name', 'phone', 'email']);

export function ReportPage({ type }: { type: ReportType }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(type, () => emptyDraft(newUuid())));
  const [who, setWho] = useState<Identity>(emptyIdentity);
  const [files, setFiles] = useState<File[]>([]);
  const [step, setStep] = useState<Step>(0);
  const [problems, setProblems] = useState<Problems>({});
  const [agreed, setAgreed] = useState(false);
  const [agreeError, setAgreeError] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [regions, setRegions] = useState<readonly RegionOption[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const today = todayInBureau();
  const typeEntry = CASE_TYPES.find((c) => c.code === type);

  useEffect(() => saveDraft(type, draft), [type, draft]);
  // On a slow connection the person is told the report is on its way, so they do not leave or resend.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (phase !== 'send') return;
    const timer = setTimeout(() => setSlow(true), 8000);
    return () => clearTimeout(timer);
  }, [phase]);
  useEffect(() => {
    getJson<{ regions: RegionOption[] }>('/api/v1/public/taxonomy').then((x) => setRegions(x.regions), () => setRegions([]));
  }, []);

  // A field's complaint goes as soon as the person changes that field; the rest stay until the next check.
  const forget = (fields: readonly string[]) => setProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !fields.includes(k))));
  const set = (patch: Partial<Draft>) => {
    forget(Object.keys(patch).flatMap((k) => (k === 'subject' ? Object.keys(patch.subject ?? {}).map((s) => `subject.${s}`) : [k === 'region' || k === 'township' ? 'place' : k])));
    setDraft((d) => ({ ...d, ...patch }));
  };
  const changeWho = (patch: Partial<Identity>) => {
    // Phone and e-mail are one requirement ("a way to reach you"): either answers it.
    forget(Object.keys(patch).flatMap((k) => (k === 'email' ? ['email', 'phone'] : [k])));
    setWho((w) => ({ ...w, ...patch }));
  };
  const focusFirstError = () =>
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .zt-field-error')?.closest('.zt-field, fieldset')?.querySelector<HTMLElement>('input, textarea, select')?.focus();
    });

  const go = (next: Step) => {
    setStep(next);
    setFailure(null);
    window.scrollTo(0, 0);
  };

  const nextFromContent = () => {
    const p = contentProblems(draft, today);
    setProblems(p);
    if (hasProblems(p)) focusFirstError();
    else go(1);
  };

  const nextFromIdentity = () => {
    const p = identityProblems(draft, who);
    setProblems(p);
    if (hasProblems(p)) focusFirstError();
    else go(2);
  };

  const submit = async () => {
    if (!agreed) {
      setAgreeError(t('请阅读并勾选确认后提交', 'Read the notices and tick the box to submit'));
      focusFirstError();
      return;
    }
    setAgreeError(undefined);
    setFailure(null);
    const body = reportBody(type, draft, who, WITH_SUBJECT.includes(type));
    const attempt = () => submitReport(body, files, draft.idempotencyKey, setPhase, (f) => setProgress(f));
    try {
      let result;
      try {
        result = await attempt();
      } catch (err) {
        // A challenge that expired while the person read the notices: one fresh try, same key.
        if (err instanceof ApiError && err.code === 'pow_required') result = await attempt();
        else throw err;
      }
      clearDraft(type);
      keepReceipt({ caseNumber: result.caseNumber, queryCode: result.queryCode, realName: draft.anonymity === 'real_name' });
      navigate('/receipt');
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'network', t('提交失败', 'Not sent'), t('请稍后重试。', 'Try again later.'), []);
      if (e.code === 'idempotency_mismatch') {
        // The report was changed after a send whose answer never came: that send may have been filed.
        // A new key lets this version go in; the person is told, and decides.
        set({ idempotencyKey: newUuid() });
        setFailure(
          new ApiError(422, e.code, t('上一次提交可能已经成功', 'Your earlier submission may have arrived'), t('您在上次提交后修改了内容，而上次提交是否成功未能确认。如确需按修改后的内容提交，请再次点击“确认提交”；如上次已收到受理编号，请不要重复提交。', 'You changed the report after a submission whose answer never arrived. To send this version, press Submit again; if you did receive a case number last time, do not submit twice.'), []),
        );
      } else if (e.status === 422 && e.errors.length > 0 && e.errors.every((f) => FORM_FIELDS.has(fieldOfPath(f.path)))) {
        const p: Problems = {};
        for (const f of e.errors) p[fieldOfPath(f.path)] = { zh: f.message, en: f.message };
        setProblems(p);
        go(Math.min(...Object.keys(p).map(stepOfField)) as Step);
        focusFirstError();
      } else {
        setFailure(e);
      }
    } finally {
      setPhase('idle');
      setProgress(null);
    }
  };

  const busy = phase !== 'idle';
  return (
    <section className="zt-card">
      <h1>{typeEntry === undefined ? '' : t(typeEntry.name)}</h1>
      {typeEntry !== undefined && <p className="zt-lead">{t(typeEntry.description)}</p>}
      <StepBar current={step} />
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step === 0) nextFromContent();
          else if (step === 1) nextFromIdentity();
          else void submit();
        }}
      >
        {step === 0 && <StepContent type={type} draft={draft} set={set} problems={problems} regions={regions} files={files} onFiles={setFiles} today={today} />}
        {step === 1 && <StepIdentity draft={draft} set={set} who={who} setWho={changeWho} problems={problems} />}
        {step === 2 && <StepConfirm draft={draft} who={who} files={files} agreed={agreed} onAgree={setAgreed} agreeError={agreeError} />}
        {phase === 'pow' && <Loading label={t('正在进行安全验证…', 'Running a security check…')} />}
        {phase === 'send' && (
          <div className="zt-progress" role="status">
            <span>{slow ? t('网络较慢，正在提交，请勿关闭页面或重复提交…', 'The connection is slow. Still sending: do not close the page or send again…') : t('正在提交…', 'Sending…')}</span>
            {progress !== null && <progress max={100} value={Math.round(progress * 100)} aria-label={t('上传进度', 'Upload progress')} />}
          </div>
        )}
        {failure !== null && <ErrorBox error={failure} onRetry={() => void submit()} />}
        <div className="zt-actions">
          {step > 0 && (
            <button type="button" className="zt-btn zt-btn-secondary" disabled={busy} onClick={() => go((step - 1) as Step)}>
              {t('上一步', 'Back')}
            </button>
          )}
          <button type="submit" className="zt-btn zt-btn-primary" disabled={busy} data-testid={step === 2 ? 'submit-report' : 'next-step'}>
            {step === 2 ? t('确认提交', 'Submit') : t('下一步', 'Next')}
          </button>
        </div>
      </form>
    </section>
  );
}
