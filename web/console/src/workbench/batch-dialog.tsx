// One batch action over the selected cases: its fields asked once, then each case's own answer.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, request } from '../api/client.js';
import type { CaseListItem } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { SchemaFields } from '../actions/schema-fields.js';
import type { Values } from '../actions/form-values.js';
import { useCase } from '../case/case-query.js';
import { batchBody, type BatchAction, type BatchResult } from './batch.js';

export function BatchDialog(props: { batch: BatchAction; cases: readonly CaseListItem[]; onClose: () => void }): ReactNode {
  const { pick, t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values>({ mode: 'assign' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [results, setResults] = useState<readonly BatchResult[] | null>(null);
  const first = props.cases[0]?.caseNumber ?? '';
  // Only the assign batch reads a case; the others ask the same fields for every case.
  const firstCase = useCase(props.batch.fieldsFromFirstCase === true ? first : '');
  const offered = props.batch.fieldsFromFirstCase === true ? firstCase.data?.detail.actions.find((a) => a.code === props.batch.action)?.fields : props.batch.fields;
  const schema = offered ?? { type: 'object' as const, properties: {} };
  const waiting = props.batch.fieldsFromFirstCase === true && firstCase.isPending;
  const notOffered = props.batch.fieldsFromFirstCase === true && !firstCase.isPending && offered === undefined;

  async function submit(): Promise<void> {
    if ((await form.validateFields().catch(() => null)) === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const body = batchBody(props.batch, props.cases, form.getFieldsValue(true) as Values, schema);
      const res = await request<{ results: BatchResult[] }>('POST', `/api/v1/cases/batch/${props.batch.action}`, body);
      setResults(res.body.results);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['count'] });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  const ok = results?.filter((r) => r.status === 200).length ?? 0;
  return (
    <Modal
      open
      width={720}
      title={`${pick(props.batch.label)}（${String(props.cases.length)}${t('queueCount')}）`}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={
        results === null
          ? [
              <Button key="cancel" onClick={props.onClose}>{t('cancel')}</Button>,
              <Button key="submit" type="primary" loading={busy} disabled={waiting || notOffered} onClick={() => void submit()} data-testid="batch-submit">{t('submit')}</Button>,
            ]
          : [<Button key="close" type="primary" onClick={props.onClose} data-testid="batch-close">{t('confirm')}</Button>]
      }
    >
      {problem === null ? null : <Alert className="zt-dialog-alert" type="error" showIcon title={problem.title} description={problem.detail} />}
      {results === null ? (
        <>
          <Typography.Paragraph type="secondary">
            {props.cases.map((c) => c.caseNumber).join('、')}
          </Typography.Paragraph>
          {props.batch.fieldsFromFirstCase === true && (
            <Alert
              className="zt-dialog-alert"
              type={notOffered ? 'warning' : 'info'}
              showIcon
              title={
                notOffered
                  ? pick({ zh: `第一件（${first}）当前不能交办，请调整所选案件。`, en: `The first case (${first}) cannot be assigned now; change the selection.` })
                  : pick({ zh: '可选单位按第一件案件列出；每件案件仍分别按回避和管辖规定校验，不符合的件将单独说明原因。', en: 'Units are those the first case may go to; each case is still checked on its own, and any refused case is explained.' })
              }
            />
          )}
          <Form form={form} layout="vertical" initialValues={{ mode: 'assign' }} onValuesChange={(_, all) => setValues(all)}>
            <SchemaFields schema={schema} values={values} ctx={{ caseNumber: props.batch.fieldsFromFirstCase === true ? first : '', idLabels: new Map(), idChoices: new Map(), action: props.batch.action }} />
          </Form>
        </>
      ) : (
        <>
          <Alert
            className="zt-dialog-alert"
            type={ok === results.length ? 'success' : 'warning'}
            showIcon
            data-testid="batch-summary"
            title={pick({ zh: `成功${String(ok)}件，未成功${String(results.length - ok)}件`, en: `${String(ok)} done, ${String(results.length - ok)} not done` })}
          />
          <Table<BatchResult>
            rowKey="caseNumber"
            size="small"
            pagination={false}
            dataSource={[...results]}
            onRow={(r) => ({ className: 'zt-batch-row', 'data-batch-case': r.caseNumber })}
            columns={[
              { title: t('caseNumber'), dataIndex: 'caseNumber', width: 160 },
              { title: pick({ zh: '结果', en: 'Result' }), key: 'status', width: 100, render: (_: unknown, r) => (r.status === 200 ? <Tag color="success">{pick({ zh: '成功', en: 'Done' })}</Tag> : <Tag color="error">{pick({ zh: '未成功', en: 'Not done' })}</Tag>) },
              { title: pick({ zh: '说明', en: 'Detail' }), dataIndex: 'detail', render: (d: string | null) => d ?? '—' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
