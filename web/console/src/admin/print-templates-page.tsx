// 打印模板 (sysadmin, issue 4 打印): each printed form or notice as plain text with {{placeholders}};
// `标签｜{{值}}` lines become table rows, `>` lines the signature. Nothing is markup: the text is stored and
// shown as text. Reset returns a template to the reviewed default.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Menu, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea.js';
import { useRef, useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

interface Template {
  readonly kind: string;
  readonly label: Bilingual;
  readonly title: string;
  readonly body: string;
  readonly numberPrefix: string | null;
  readonly source: string;
  readonly updatedAt: string | null;
}

interface Answer {
  readonly items: readonly Template[];
  readonly placeholders: readonly { name: string; label: Bilingual }[];
}

interface Values {
  title: string;
  body: string;
  numberPrefix?: string;
}

const KEY = ['admin', 'print-templates'] as const;

function Editor(props: { template: Template; placeholders: Answer['placeholders'] }): ReactNode {
  const { pick, lang } = useI18n();
  const t = props.template;
  const write = useAdminWrite([KEY]);
  const [form] = Form.useForm<Values>();
  const area = useRef<TextAreaRef>(null);
  const insert = (name: string): void => {
    const el = area.current?.resizableTextArea?.textArea;
    const body = (form.getFieldValue('body') as string | undefined) ?? '';
    const at = el?.selectionStart ?? body.length;
    const token = `{{${name}}}`;
    form.setFieldValue('body', body.slice(0, at) + token + body.slice(el?.selectionEnd ?? at));
    requestAnimationFrame(() => el?.setSelectionRange(at + token.length, at + token.length));
  };
  const save = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const body = { title: v.title.trim(), body: v.body, ...(t.kind === 'dispatch' ? { numberPrefix: v.numberPrefix?.trim() ? v.numberPrefix.trim() : null } : {}) };
    await write.send('PUT', `/api/v1/admin/print-templates/${t.kind}`, body, { form, done: { zh: '模板已保存', en: 'Template saved' } });
  };
  return (
    <Card
      title={pick(t.label)}
      extra={<Space><Tag color={t.source === 'bureau' ? 'blue' : 'default'}>{t.source === 'bureau' ? pick({ zh: '本局修改', en: 'Edited by the bureau' }) : pick({ zh: '系统默认', en: 'Default' })}</Tag>{t.updatedAt === null ? null : <Typography.Text type="secondary">{formatDateTime(t.updatedAt, lang)}</Typography.Text>}</Space>}
    >
      <ProblemAlert problem={write.problem} onClose={write.clear} />
      <Form form={form} layout="vertical" requiredMark initialValues={{ title: t.title, body: t.body, numberPrefix: t.numberPrefix ?? '' }}>
        <Form.Item name="title" label={pick({ zh: '文书标题', en: 'Title' })} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input maxLength={60} data-testid="template-title" />
        </Form.Item>
        {t.kind === 'dispatch' ? (
          <Form.Item name="numberPrefix" label={pick({ zh: '文号前缀', en: 'Number prefix' })} extra={pick({ zh: '如“示例公督交”，打印为 示例公督交〔2026〕12号；留空用默认', en: 'e.g. 示例公督交, printed as 示例公督交〔2026〕12号; empty for the default' })}>
            <Input maxLength={20} />
          </Form.Item>
        ) : null}
        <Form.Item name="body" label={pick({ zh: '模板正文（纯文本）', en: 'Body (plain text)' })} rules={[{ required: true, whitespace: true, max: 8000 }]} extra={pick({ zh: '“标签｜{{占位符}}”一行为表格一行；以“>”开头的行为落款；空行分段。', en: '“Label｜{{placeholder}}” lines are table rows; lines starting with “>” are the signature; blank lines separate paragraphs.' })}>
          <Input.TextArea ref={area} rows={18} className="zt-template-body" spellCheck={false} data-testid="template-body" />
        </Form.Item>
        <Space>
          <Button type="primary" loading={write.busy} onClick={() => void save()} data-testid="template-save">{pick({ zh: '保存', en: 'Save' })}</Button>
          <Popconfirm title={pick({ zh: '恢复为系统默认模板？本局的修改将被清除。', en: 'Reset to the default? The bureau’s changes are removed.' })} onConfirm={() => void write.send('DELETE', `/api/v1/admin/print-templates/${t.kind}`, undefined, { done: { zh: '已恢复默认模板', en: 'Reset to the default' } })}>
            <Button disabled={t.source !== 'bureau'} data-testid="template-reset">{pick({ zh: '恢复默认', en: 'Reset to default' })}</Button>
          </Popconfirm>
        </Space>
      </Form>
      <Typography.Title level={5} className="zt-placeholder-title">{pick({ zh: '可用占位符（点击插入到光标处）', en: 'Placeholders (click to insert at the cursor)' })}</Typography.Title>
      <Space size={[4, 6]} wrap data-testid="placeholders">
        {props.placeholders.map((p) => (
          <Tag key={p.name} className="zt-clickable" onClick={() => insert(p.name)} title={pick(p.label)}>
            {`{{${p.name}}}`} {pick(p.label)}
          </Tag>
        ))}
      </Space>
    </Card>
  );
}

export default function PrintTemplatesPage(): ReactNode {
  const { pick } = useI18n();
  const answer = useQuery<Answer, ApiError>({ queryKey: KEY, queryFn: () => get('/api/v1/admin/print-templates') });
  const [kind, setKind] = useState('dispatch');
  const chosen = answer.data?.items.find((t) => t.kind === kind);
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '打印模板', en: 'Print templates' }} keeper={KEEPERS.sysadmin} />
      <ProblemAlert problem={answer.error} />
      <Row gutter={16}>
        <Col xs={24} lg={6}>
          <Card size="small" loading={answer.isPending} className="zt-card">
            <Menu mode="inline" selectedKeys={[kind]} onClick={(e) => setKind(e.key)} items={(answer.data?.items ?? []).map((t) => ({ key: t.kind, label: <span data-template={t.kind}>{pick(t.label)}</span> }))} />
          </Card>
        </Col>
        <Col xs={24} lg={18}>{chosen === undefined || answer.data === undefined ? null : <Editor key={`${chosen.kind} ${chosen.updatedAt ?? ''} ${chosen.source}`} template={chosen} placeholders={answer.data.placeholders} />}</Col>
      </Row>
    </div>
  );
}
