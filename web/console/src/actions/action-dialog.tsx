// One action's form in a dialog: generated from the offer's schema, sent with If-Match; conflicts are
// explained in plain words with a reload that keeps what was typed, 422 errors land on their fields.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, request } from '../api/client.js';
import type { ActionOffer, CaseDetail } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { navigate, workbenchPath } from '../app/router.js';
import { caseKey, type LoadedCase } from '../case/case-query.js';
import { clearDraft, loadDraft, saveDraft } from '../session/drafts.js';
import { namePathOf, toBody, type Values } from './form-values.js';
import { IssuedCodeDialog } from './issued-code-dialog.js';
import { SchemaFields, type FieldContext } from './schema-fields.js';

const CONFLICT_WORDS = {
  412: {
    zh: '在您填写期间，其他人已经办理或更新了这个案件。请重新加载查看最新情况，您已填写的内容会保留，核对后可再次提交。',
    en: 'While you were typing, someone else acted on or updated this case. Reload to see where it stands; what you typed is kept and you can submit again.',
  },
  409: {
    zh: '案件已不处于可以办理此操作的环节（可能已被他人办理）。请重新加载查看最新情况，您已填写的内容会保留。',
    en: 'The case is no longer at a step where this action is possible (someone may have acted on it). Reload to see where it stands; what you typed is kept.',
  },
} as const;

interface Props {
  readonly loaded: LoadedCase;
  /** The action's code; its offer is looked up in the latest detail, so a reload brings its current form. */
  readonly code: string;
  readonly label: string;
  readonly onClose: () => void;
  readonly onReload: () => Promise<unknown>;
}

function idLabels(d: CaseDetail, lang: 'zh' | 'en'): Map<string, string> {
  const labels = new Map<string, string>();
  for (const s of d.subjects) labels.set(s.id, [s.name, s.policeNumber].filter((x) => x !== null).join(' ') || s.id);
  for (const p of d.pending) labels.set(p.id, `${p.label[lang]}（${p.requestedBy ?? ''}）`);
  return labels;
}

/** Field errors the form has no field for (a nested or server-side rule), so they are still said. */
function strayErrors(problem: ApiError, offer: ActionOffer | undefined): string[] {
  const fields = new Set(Object.keys(offer?.fields.properties ?? {}));
  return problem.errors.filter((e) => !fields.has(namePathOf(e.path)[0]?.toString() ?? '')).map((e) => `${e.path}：${e.message}`);
}

export function ActionDialog(props: Props): ReactNode {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // What was typed before a session ended comes back (never the reporter's identity: session/drafts.ts).
  const draftKey = `action:${props.loaded.detail.caseNumber}:${props.code}`;
  const [initial] = useState<Values>(() => loadDraft(draftKey) ?? {});
  const [values, setValues] = useState<Values>(initial);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  // A reissued query code nothing could carry: held in this dialog's state only, until the clerk closes it.
  const [issued, setIssued] = useState<string | null>(null);
  const { detail, etag } = props.loaded;
  const offer: ActionOffer | undefined = detail.actions.find((a) => a.code === props.code);
  const ctx: FieldContext = {
    caseNumber: detail.caseNumber,
    idLabels: idLabels(detail, lang),
    idChoices: new Map([['attachmentId', detail.attachments.map((a) => ({ value: a.id, label: a.name }))]]),
    action: props.code,
  };

  async function submit(): Promise<void> {
    if (offer === undefined) return;
    const typed = await form.validateFields().catch(() => null);
    if (typed === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await request<CaseDetail | null>('POST', `/api/v1/cases/${encodeURIComponent(detail.caseNumber)}/actions/${offer.code}`, toBody(offer.fields, form.getFieldsValue(true) as Values), { 'if-match': etag });
      clearDraft(draftKey);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['count'] });
      if (res.body === null) {
        message.info(t('caseGone'));
        queryClient.removeQueries({ queryKey: caseKey(detail.caseNumber) });
        navigate(workbenchPath());
        return;
      }
      // The code stays out of the cached case: it is shown once below, and no later view of the case has it.
      const { issuedQueryCode, ...fresh } = res.body;
      queryClient.setQueryData<LoadedCase>(caseKey(detail.caseNumber), { detail: fresh, etag: res.etag ?? `"${String(fresh.version)}"` });
      message.success(`${props.label}：${t('done')}`);
      if (issuedQueryCode !== undefined) setIssued(issuedQueryCode);
      else props.onClose();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
      if (err.status === 422 && err.errors.length > 0) {
        form.setFields(err.errors.map((e) => ({ name: namePathOf(e.path), errors: [e.message] })));
      }
    } finally {
      setBusy(false);
    }
  }

  async function reload(): Promise<void> {
    setBusy(true);
    await props.onReload();
    setBusy(false);
    setProblem(null);
    setReloaded(true);
  }

  const conflict = problem !== null && (problem.status === 412 || problem.status === 409);
  if (issued !== null) return <IssuedCodeDialog caseNumber={detail.caseNumber} code={issued} onClose={props.onClose} />;
  return (
    <Modal
      open
      width={720}
      title={props.label}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={props.onClose}>
          {t('cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={busy} disabled={offer === undefined || conflict} onClick={() => void submit()} data-testid="action-submit">
          {t('submit')}
        </Button>,
      ]}
    >
      {conflict ? (
        <Alert
          className="zt-dialog-alert"
          type="warning"
          showIcon
          title={problem.status === 412 ? t('conflictTitle') : problem.title}
          description={
            <>
              <p>{pick(CONFLICT_WORDS[problem.status === 412 ? 412 : 409])}</p>
              {problem.status === 409 ? <p>{problem.detail}</p> : null}
            </>
          }
          action={
            <Button size="small" onClick={() => void reload()} loading={busy}>
              {t('reloadKeep')}
            </Button>
          }
        />
      ) : null}
      {problem !== null && !conflict ? (
        <Alert className="zt-dialog-alert" type="error" showIcon title={problem.title} description={[problem.detail, ...strayErrors(problem, offer)].join(' ')} />
      ) : null}
      {reloaded && problem === null ? <Alert className="zt-dialog-alert" type="info" showIcon title={offer === undefined ? t('actionGone') : t('reloaded')} /> : null}
      {offer === undefined && !reloaded ? <Alert className="zt-dialog-alert" type="info" showIcon title={t('actionGone')} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(_, all) => {
          setValues(all);
          saveDraft(draftKey, all);
        }}
        preserve
        requiredMark
      >
        {offer === undefined ? null : <SchemaFields schema={offer.fields} values={values} ctx={ctx} />}
      </Form>
    </Modal>
  );
}
