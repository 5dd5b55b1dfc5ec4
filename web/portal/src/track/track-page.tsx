// 进度查询: number and code open the public view; a wrong or unknown pair gets one neutral message. The
// code stays in this page's memory for adding information and rating, never in the URL or storage.
import { useState } from 'react';
import { ApiError, postJson } from '../api.js';
import { useT } from '../i18n.js';
import { powHeader } from '../pow.js';
import { takeHandedReceipt } from '../receipt-store.js';
import { Field } from '../ui/field.js';
import { ErrorBox, Loading } from '../ui/states.js';
import type { Credentials, PublicView } from './types.js';
import { TrackView } from './track-view.js';

const normalise = (c: Credentials): Credentials => ({ caseNumber: c.caseNumber.trim().toUpperCase(), queryCode: c.queryCode.replace(/\s+/gu, '') });

export function TrackPage() {
  const t = useT();
  // Handed over once by the receipt just left; the form is then the only copy.
  const [receipt] = useState(takeHandedReceipt);
  const [form, setForm] = useState<Credentials>({ caseNumber: receipt?.caseNumber ?? '', queryCode: receipt?.queryCode ?? '' });
  const [problems, setProblems] = useState<{ caseNumber?: string; queryCode?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [opened, setOpened] = useState<{ creds: Credentials; view: PublicView } | null>(null);

  const open = async () => {
    const creds = normalise(form);
    const p: { caseNumber?: string; queryCode?: string } = {};
    if (creds.caseNumber === '') p.caseNumber = t('请填写受理编号', 'Enter the case number');
    if (!/^\d{10}$/u.test(creds.queryCode)) p.queryCode = t('请填写10位数字查询码', 'Enter the 10-digit query code');
    setProblems(p);
    if (Object.keys(p).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const view = await postJson<PublicView>('/api/v1/public/track', creds, await powHeader());
      setOpened({ creds, view });
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, 'network', t('查询失败', 'Failed'), '', []));
    } finally {
      setBusy(false);
    }
  };

  if (opened !== null) {
    return <TrackView creds={opened.creds} view={opened.view} onView={(view) => setOpened({ creds: opened.creds, view })} onClose={() => {
          setOpened(null);
          setForm({ caseNumber: '', queryCode: '' });
        }} />;
  }
  return (
    <section className="zt-card">
      <h1>{t('进度查询', 'Track a case')}</h1>
      <p className="zt-lead">{t('请输入提交时获得的受理编号和查询码。', 'Enter the case number and query code you received when you submitted.')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <Field label={t('受理编号', 'Case number')} required error={problems.caseNumber} hint={t('如 SL2026-000123', 'For example SL2026-000123')}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" autoComplete="off" autoCapitalize="characters" maxLength={40} value={form.caseNumber} onChange={(e) => setForm({ ...form, caseNumber: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" />}
        </Field>
        <Field label={t('查询码', 'Query code')} required error={problems.queryCode}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" inputMode="numeric" autoComplete="off" maxLength={20} value={form.queryCode} onChange={(e) => setForm({ ...form, queryCode: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" />}
        </Field>
        {busy && <Loading label={t('正在进行安全验证…', 'Running a security check…')} />}
        {failure !== null && <ErrorBox error={failure} />}
        <div className="zt-actions">
          <button type="submit" className="zt-btn zt-btn-primary" disabled={busy} data-testid="track-open">
            {t('查询', 'Search')}
          </button>
        </div>
      </form>
      <p className="zt-hint">{t('查询码遗失的，实名反映人可拨打12389热线，核实身份后重新获取。', 'If you lost the code and gave your name, call the 12389 hotline: after checking who you are we can issue a new one.')}</p>
    </section>
  );
}
