// Evidence files: chosen, checked at once against the server's rules, listed with their sizes, removable,
// and while sending, the upload's progress.
import { useId, useState, type ChangeEvent } from 'react';
import { useT } from '../i18n.js';
import { ACCEPT_ATTR, fileProblem, megabytes } from '../report/files.js';

interface Props {
  readonly files: readonly File[];
  readonly onChange: (files: File[]) => void;
  readonly progress: number | null;
}

export function FilePicker({ files, onChange, progress }: Props) {
  const t = useT();
  const id = useId();
  const [problems, setProblems] = useState<string[]>([]);

  const add = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(e.target.files ?? []);
    e.target.value = '';
    const next = [...files];
    const refused: string[] = [];
    for (const f of chosen) {
      const problem = fileProblem(f, next);
      if (problem === null) next.push(f);
      else refused.push(t(problem));
    }
    setProblems(refused);
    onChange(next);
  };

  return (
    <div className="zt-field">
      <span className="zt-label" id={`${id}-label`}>
        {t('证据材料（可选）', 'Evidence (optional)')}
      </span>
      <p className="zt-hint" id={`${id}-hint`}>
        {t('可上传照片、录音、视频、PDF、Word、Excel或文本，最多10个，每个不超过50 MB，合计不超过200 MB。', 'Photos, recordings, video, PDF, Word, Excel or text: up to 10 files, 50 MB each, 200 MB in all.')}
      </p>
      {/* Before its label, so the label can show the input's keyboard focus. */}
      <input id={id} className="zt-file-input" type="file" multiple accept={ACCEPT_ATTR} aria-describedby={`${id}-hint`} onChange={add} />
      <label className="zt-btn zt-btn-secondary zt-file-button" htmlFor={id}>
        {t('添加文件', 'Add files')}
      </label>
      {problems.length > 0 && (
        <ul className="zt-field-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul className="zt-files" aria-labelledby={`${id}-label`}>
          {files.map((f, i) => (
            <li key={`${f.name}-${String(i)}`}>
              <span className="zt-file-name">{f.name}</span>
              <span className="zt-file-size">{megabytes(f.size)}</span>
              <button type="button" className="zt-link-button" onClick={() => onChange(files.filter((_, j) => j !== i))} aria-label={`${t('删除', 'Remove')} ${f.name}`}>
                {t('删除', 'Remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {progress !== null && (
        <div className="zt-progress">
          <progress max={100} value={Math.round(progress * 100)} aria-label={t('上传进度', 'Upload progress')} />
          <span>{Math.round(progress * 100)}%</span>
        </div>
      )}
    </div>
  );
}
