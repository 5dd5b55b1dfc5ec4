// Step 1, 填写内容: what happened, when and where, which police service, the officer concerned, files.
import { POLICE_BRANCHES } from '../../../../src/domain/data/police-branches.js';
import { codePoints, useT, type Bilingual } from '../i18n.js';
import type { ReportType } from '../router.js';
import { Field } from '../ui/field.js';
import { FilePicker } from '../ui/file-picker.js';
import type { Draft, Subject } from './draft.js';
import { LIMITS, type Problems } from './validate.js';

export interface RegionOption {
  readonly name: Bilingual;
  readonly townships: readonly Bilingual[];
}

interface Props {
  readonly type: ReportType;
  readonly draft: Draft;
  readonly set: (patch: Partial<Draft>) => void;
  readonly problems: Problems;
  readonly regions: readonly RegionOption[];
  readonly files: readonly File[];
  readonly onFiles: (files: File[]) => void;
  readonly today: string;
}

const SUBJECT_HEADINGS: Partial<Record<ReportType, Bilingual>> = {
  accusation: { zh: '被举报民警（知道多少填多少）', en: 'The officer concerned (whatever you know)' },
  complaint: { zh: '涉及的民警或单位（可不填）', en: 'The officer or unit concerned (optional)' },
  praise: { zh: '您要表扬的民警或单位', en: 'The officer or unit you praise' },
};

const CONTENT_HINT: Record<ReportType, Bilingual> = {
  accusation: { zh: '请写明时间、地点、涉及的民警和具体经过。', en: 'Say when, where, which officer and what happened.' },
  complaint: { zh: '请写明办理的业务、时间、地点和遇到的问题。', en: 'Say which service, when, where and what went wrong.' },
  suggestion: { zh: '请写明您的意见建议及理由。', en: 'Say what you suggest and why.' },
  praise: { zh: '请写明您要表扬的事迹。', en: 'Tell us what they did well.' },
  consultation: { zh: '请写明您要咨询的问题。紧急求助请拨打110。', en: 'Write your question. For emergencies call 110.' },
};

export function StepContent({ type, draft, set, problems, regions, files, onFiles, today }: Props) {
  const t = useT();
  const err = (k: string) => (problems[k] === undefined ? undefined : t(problems[k]));
  const townships = regions.find((r) => r.name.zh === draft.region)?.townships ?? [];
  const setSubject = (patch: Partial<Subject>) => set({ subject: { ...draft.subject, ...patch } });
  const subjectHeading = SUBJECT_HEADINGS[type];
  return (
    <>
      <Field label={t('反映内容', 'What happened')} required hint={t(CONTENT_HINT[type])} error={err('content')} counter={`${String(codePoints(draft.content))} / ${String(LIMITS.contentMax)}`}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} name="content" rows={7} value={draft.content} onChange={(e) => set({ content: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" />
        )}
      </Field>
      <Field label={t('发生时间', 'When')} error={err('occurredAt')}>
        {({ id, describedBy, invalid }) => <input id={id} type="date" max={today} value={draft.occurredAt} onChange={(e) => set({ occurredAt: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <fieldset className="zt-fieldset">
        <legend className="zt-label">{t('发生地点', 'Where')}</legend>
        <div className="zt-row">
          <Field label={t('区县', 'District')}>
            {({ id }) => (
              <select id={id} value={draft.region} onChange={(e) => set({ region: e.target.value, township: '' })}>
                <option value="">{t('请选择', 'Choose')}</option>
                {regions.map((r) => (
                  <option key={r.name.zh} value={r.name.zh}>
                    {t(r.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('乡镇（街道）', 'Town or subdistrict')}>
            {({ id }) => (
              <select id={id} value={draft.township} disabled={townships.length === 0} onChange={(e) => set({ township: e.target.value })}>
                <option value="">{t('请选择', 'Choose')}</option>
                {townships.map((s) => (
                  <option key={s.zh} value={s.zh}>
                    {t(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('详细地点', 'Exact place')} error={err('place')}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" value={draft.place} maxLength={LIMITS.placeMax} onChange={(e) => set({ place: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
      </fieldset>
      <Field label={t('涉及的警种或业务', 'Which police service')}>
        {({ id }) => (
          <select id={id} value={draft.policeBranch} onChange={(e) => set({ policeBranch: e.target.value })}>
            <option value="">{t('不清楚', 'Not sure')}</option>
            {POLICE_BRANCHES.map((b) => (
              <option key={b.code} value={b.code}>
                {t(b.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {subjectHeading !== undefined && (
        <fieldset className="zt-fieldset">
          <legend className="zt-label">{t(subjectHeading)}</legend>
          <Field label={t('姓名', 'Name')}>{({ id }) => <input id={id} type="text" maxLength={LIMITS.nameMax} value={draft.subject.name} onChange={(e) => setSubject({ name: e.target.value })} />}</Field>
          <Field label={t('警号', 'Police number')} hint={t('警号在民警胸前的警号牌、肩章或执法记录仪上；不清楚可不填。', 'The number is on the badge on the chest, the shoulder or the body camera. Leave it empty if you do not know.')}>
            {({ id, describedBy }) => <input id={id} type="text" inputMode="numeric" maxLength={LIMITS.subjectField} value={draft.subject.policeNumber} onChange={(e) => setSubject({ policeNumber: e.target.value })} aria-describedby={describedBy} />}
          </Field>
          <Field label={t('所在单位', 'Unit')}>{({ id }) => <input id={id} type="text" maxLength={LIMITS.unitMax} value={draft.subject.unit} onChange={(e) => setSubject({ unit: e.target.value })} />}</Field>
          {type !== 'praise' && (
            <Field label={t('警车号牌', 'Police car plate')} hint={t('如“示A1234警”，不清楚可不填。', 'For example 示A1234警; leave empty if unknown.')}>
              {({ id, describedBy }) => <input id={id} type="text" maxLength={LIMITS.subjectField} value={draft.subject.vehiclePlate} onChange={(e) => setSubject({ vehiclePlate: e.target.value })} aria-describedby={describedBy} />}
            </Field>
          )}
        </fieldset>
      )}
      <FilePicker files={files} onChange={onFiles} progress={null} />
    </>
  );
}
