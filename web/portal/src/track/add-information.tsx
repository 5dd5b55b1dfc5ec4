// 补充情况: more text and files on an open case, through the same checks as a report.
import { useState } from 'react';
import { ApiError, newUuid, postJson, upload } from '../api.js';
import { codePoints, useT } from '../i18n.js';
import { powHeader } from '../pow.js';
import { Field } from '../ui/field.js';
import { FilePicker } from '../ui/file-picker.js';
import { ErrorBox, Loading } from '../ui/states.js';
import type { Credentials, PublicView } from './types.js';

const MAX = 5000;

export function AddInformation({ creds, onView }: { creds: Credentials; onView: (v: PublicView) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [sent, setSent] = useState(false);
  // One key per piece of information, kept across retries: a lost answer never adds it twice.
  const [key, setKey] = useState(newUuid);

  const send = async () => {
    const n = codePoints(text.trim());
    if (n === 0) return setProblem(t('请填写补充的内容', 'Write what you want to add'));
    if (n > MAX) return setProblem(t(`不能超过${String(MAX)}个字`, `At most ${String(MAX)} characters`));
    setProblem(undefined);
    setBusy(true);
    setFailure(null);
    setSent(false);
    try {
      const pow = { ...(await powHeader()), 'idempotency-key': key };
      const message = { ...creds, text: text.trim() };
      let view: PublicView;
      if (files.length === 0) view = await postJson<PublicView>('/api/v1/public/track/messages', message, pow);
      else {
        const form = new FormData();
        form.append('message', JSON.stringify(message));
        for (const f of files) form.append('files', f, f.name);
        view = await upload<PublicView>('/api/v1/public/track/messages', form, pow, setProgress);
      }
      setText('');
      setFiles([]);
      setKey(newUuid());
      setSent(true);
      onView(view);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'idempotency_mismatch') {
        // Changed after a send whose answer never came: that send may have arrived; this version needs a new key.
        setKey(newUuid());
        setFailure(new ApiError(422, err.code, t('上一次补充可能已经提交成功', 'Your earlier addition may have arrived'), t('请先点击“查询其他事项”后重新查询，确认上次的补充是否已显示；如未显示，再提交本次内容。', 'Look the case up again to see whether it shows; if not, send this version.'), []));
        return;
      }
      setFailure(err instanceof ApiError ? err : new ApiError(0, 'network', t('提交失败', 'Not sent'), '', []));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <section className="zt-card" aria-labelledby="add-h">
      <h2 id="add-h">{t('补充情况', 'Add information')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field label={t('补充内容', 'What to add')} required error={problem} counter={`${String(codePoints(text))} / ${String(MAX)}`}>
          {({ id, describedBy, invalid }) => <textarea id={id} rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" />}
        </Field>
        <FilePicker files={files} onChange={setFiles} progress={progress} />
        {busy && progress === null && <Loading label={t('正在进行安全验证…', 'Running a security check…')} />}
        {failure !== null && <ErrorBox error={failure} />}
        {sent && (
          <p className="zt-success" role="status">
            {t('补充内容已提交。', 'Added.')}
          </p>
        )}
        <div className="zt-actions">
          <button type="submit" className="zt-btn zt-btn-primary" disabled={busy} data-testid="add-information">
            {t('提交补充', 'Send')}
          </button>
        </div>
      </form>
    </section>
  );
}
