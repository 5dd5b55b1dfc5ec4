// 短信模板 (sysadmin, issue 6): what each text message says, as plain text with the placeholders its template
// allows. The API checks every edit against the domain's rules (no more than the template's values, no
// accusatory words to the public, no written signature) and every sender uses it within a minute.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { countSegments } from '../../../../src/domain/sms/segments.js';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

interface TemplateView {
  readonly key: string;
  readonly audience: 'reporter' | 'staff';
  readonly label: Bilingual;
  readonly placeholders: readonly { readonly name: string; readonly label: Bilingual }[];
  readonly defaultText: string;
  readonly text: string;
  readonly custom: boolean;
  readonly updatedAt: string | null;
  readonly providerTemplateId: string | null;
}

interface Answer {
  readonly provider: string;
  readonly signature: string;
  readonly templates: readonly TemplateView[];
}

const KEY = ['admin', 'sms-templates'] as const;
/** Example values for the preview: the longest shapes each placeholder takes. */
const SAMPLES: Readonly<Record<string, string>> = { caseNumber: 'SL2026-000123', queryCode: '1234567890', dueDate: '2026年12月31日' };

function preview(signature: string, text: string): { text: string; parts: number } {
  const filled = `【${signature}】${text.replace(/\{([A-Za-z]+)\}/gu, (whole, name: string) => SAMPLES[name] ?? whole)}`;
  return { text: filled, parts: countSegments(filled).segments };
}

function EditDialog(props: { template: TemplateView; signature: string; onClose: () => void }): ReactNode {
  const { pick } = useI18n();
  const write = useAdminWrite([KEY]);
  const [form] = Form.useForm<{ text: string }>();
  const [text, setText] = useState(props.template.text);
  const url = `/api/v1/admin/sms-templates/${encodeURIComponent(props.template.key)}`;
  const save = async (value: string | null): Promise<void> => {
    const done: Bilingual = value === null ? { zh: '已恢复默认文本', en: 'Built-in text restored' } : { zh: '短信模板已保存', en: 'Template saved' };
    if ((await write.send('PUT', url, { text: value }, { form, done })) !== null) props.onClose();
  };
  const shown = preview(props.signature, text);
  return (
    <Modal
      open
      width={640}
      title={pick(props.template.label)}
      onCancel={props.onClose}
      footer={[
        props.template.custom ? <Button key="reset" onClick={() => void save(null)} data-testid="sms-template-reset">{pick({ zh: '恢复默认', en: 'Restore built-in' })}</Button> : null,
        <Button key="cancel" onClick={props.onClose}>{pick({ zh: '取消', en: 'Cancel' })}</Button>,
        <Button key="ok" type="primary" loading={write.busy} onClick={() => void form.validateFields().then((v) => save(v.text.trim())).catch(() => undefined)} data-testid="sms-template-save">{pick({ zh: '保存', en: 'Save' })}</Button>,
      ]}
    >
      <ProblemAlert problem={write.problem} onClose={write.clear} />
      <Typography.Paragraph type="secondary">
        {pick({ zh: '可用占位符（每个都须出现）：', en: 'Placeholders (each must appear): ' })}
        {props.template.placeholders.map((p) => <Tag key={p.name}>{`{${p.name}}`} {pick(p.label)}</Tag>)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ text: props.template.text }} onValuesChange={(_, all) => setText(all.text)}>
        <Form.Item name="text" label={pick({ zh: '短信正文（签名由系统自动添加）', en: 'Text (the signature is added)' })} rules={[{ required: true, whitespace: true, message: pick({ zh: '请填写短信正文', en: 'Enter the text' }) }]}>
          <Input.TextArea rows={3} maxLength={120} showCount data-testid="sms-template-text" />
        </Form.Item>
      </Form>
      <Card size="small" title={pick({ zh: '预览（示例数值）', en: 'Preview (example values)' })}>
        <Typography.Paragraph className="zt-prewrap" data-testid="sms-template-preview">{shown.text}</Typography.Paragraph>
        <Typography.Text type="secondary">{pick({ zh: `约${String(shown.parts)}条短信计费`, en: `About ${String(shown.parts)} billed message(s)` })}</Typography.Text>
      </Card>
      <Typography.Paragraph type="secondary" className="zt-small">
        {pick({ zh: '默认文本：', en: 'Built-in: ' })}{props.template.defaultText}
      </Typography.Paragraph>
    </Modal>
  );
}

export default function SmsTemplatesPage(): ReactNode {
  const { pick, lang } = useI18n();
  const answer = useQuery<Answer, ApiError>({ queryKey: KEY, queryFn: () => get('/api/v1/admin/sms-templates') });
  const [editing, setEditing] = useState<TemplateView | null>(null);
  const cloud = answer.data !== undefined && (answer.data.provider === 'aliyun' || answer.data.provider === 'tencent');
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '短信模板', en: 'SMS templates' }} keeper={KEEPERS.sysadmin} />
      <ProblemAlert problem={answer.error} />
      {cloud ? (
        <Alert className="zt-stats-note" type="warning" showIcon title={pick({ zh: '使用云短信时，运营商发送的是已审核通过的模板（见模板编号）。修改此处文本后，须同时在云平台报备同样的模板并更新模板编号，否则以审核模板为准。', en: 'With cloud SMS the provider sends its approved template (see the template id). After editing here, register the same text with the provider and update the id; until then the approved text is what is sent.' })} />
      ) : null}
      <Card loading={answer.isPending}>
        <Typography.Paragraph type="secondary">
          {pick({ zh: `短信签名：【${answer.data?.signature ?? ''}】。短信只含受理编号、查询码（仅受理告知）和期限，不含反映内容、姓名和单位。保存后约一分钟内生效。`, en: `Signature: 【${answer.data?.signature ?? ''}】. A text carries the case number, the query code (acknowledgement only) and a date — never the report, names or units. Changes apply within about a minute.` })}
        </Typography.Paragraph>
        <Table<TemplateView>
          rowKey="key"
          size="middle"
          pagination={false}
          dataSource={[...(answer.data?.templates ?? [])]}
          onRow={(t) => ({ className: `zt-template-${t.key.replace('.', '-')}` })}
          columns={[
            { title: pick({ zh: '模板', en: 'Template' }), dataIndex: 'label', width: 220, render: (label: Bilingual, t) => <Space orientation="vertical" size={2}><span>{pick(label)}</span><Tag color={t.audience === 'reporter' ? 'blue' : 'default'}>{t.audience === 'reporter' ? pick({ zh: '发给群众', en: 'To the public' }) : pick({ zh: '发给工作人员', en: 'To staff' })}</Tag></Space> },
            { title: pick({ zh: '正文', en: 'Text' }), dataIndex: 'text', render: (text: string, t) => <Space size={4} wrap>{t.custom ? <Tag color="orange">{pick({ zh: '已修改', en: 'Edited' })}</Tag> : null}<span>{text}</span></Space> },
            { title: pick({ zh: '模板编号', en: 'Template id' }), dataIndex: 'providerTemplateId', width: 120, render: (id: string | null) => id ?? '—' },
            { title: pick({ zh: '修改时间', en: 'Edited' }), dataIndex: 'updatedAt', width: 150, render: (at: string | null) => (at === null ? '—' : formatDateTime(at, lang)) },
            { title: pick({ zh: '操作', en: 'Actions' }), key: 'edit', width: 80, render: (_: unknown, t) => <Button type="link" size="small" onClick={() => setEditing(t)} data-testid="sms-template-edit">{pick({ zh: '编辑', en: 'Edit' })}</Button> },
          ]}
        />
      </Card>
      {editing === null || answer.data === undefined ? null : <EditDialog template={editing} signature={answer.data.signature} onClose={() => setEditing(null)} />}
    </div>
  );
}
