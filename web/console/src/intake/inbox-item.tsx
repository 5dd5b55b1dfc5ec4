// One inbox item: its text as plain text, the sender, the channel's data and files; the clerk registers
// it as a case (POST …/register) or marks it invalid (kept, never numbered).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { INVALID_REASONS, INVALID_REASON_LABELS } from '../../../../src/domain/intake.js';
import { ApiError, get, request } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { inboxPath, navigate } from '../app/router.js';
import { formatDateTime } from '../common/format.js';
import { DETAIL_LABELS } from '../common/channel-details.js';
import { channelLabel } from '../common/labels.js';
import { AudioPlayer, PLAYABLE_AUDIO } from '../common/audio-player.js';
import { ListenByTag } from '../calls/listen-by.js';
import { floodTag, intakeStatusLabel, invalidReasonLabel, type InboxItem } from './inbox-types.js';
import { RegisteredResult, type Registered } from './registered-result.js';
import { reportBody, type ReportValues } from './registration-body.js';
import { ReportFields } from './report-fields.js';


function RegisterDialog(props: { item: InboxItem; onDone: (r: Registered) => void; onClose: () => void }): ReactNode {
  const { pick, t } = useI18n();
  const [form] = Form.useForm<ReportValues>();
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(): Promise<void> {
    if ((await form.validateFields().catch(() => null)) === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const body = reportBody(form.getFieldsValue(true) as ReportValues);
      props.onDone((await request<Registered>('POST', `/api/v1/intake/items/${props.item.id}/register`, body)).body);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open width={860} title={pick({ zh: '登记为案件', en: 'Register as a case' })} onCancel={props.onClose} mask={{ closable: false }} onOk={() => void submit()} okText={t('submit')} confirmLoading={busy} okButtonProps={{ 'data-testid': 'item-register-submit' }}>
      {problem === null ? null : <Alert className="zt-dialog-alert" type="error" showIcon title={problem.title} description={[problem.detail, ...problem.errors.map((e) => `${e.path}：${e.message}`)].join(' ')} />}
      <Form<ReportValues> form={form} layout="vertical" initialValues={{ anonymity: 'real_name', content: props.item.text, subjects: [] }}>
        <ReportFields contentRequired={false} />
      </Form>
    </Modal>
  );
}

function InvalidDialog(props: { item: InboxItem; onDone: () => void; onClose: () => void }): ReactNode {
  const { pick, t } = useI18n();
  const [form] = Form.useForm<{ reason: string; note?: string }>();
  const [problem, setProblem] = useState<ApiError | null>(null);
  async function submit(): Promise<void> {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    try {
      await request('POST', `/api/v1/intake/items/${props.item.id}/invalid`, { reason: v.reason, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      props.onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
    }
  }
  return (
    <Modal open title={pick({ zh: '标记为无效来件', en: 'Mark as invalid' })} onCancel={props.onClose} onOk={() => void submit()} okText={t('submit')} okButtonProps={{ danger: true }}>
      {problem === null ? null : <Alert className="zt-dialog-alert" type="error" showIcon title={problem.title} description={problem.detail} />}
      <Typography.Paragraph type="secondary">{pick({ zh: '无效来件留存备查，不编号、不计入统计。', en: 'Invalid items are kept, never numbered and never counted.' })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={pick({ zh: '无效原因', en: 'Reason' })} rules={[{ required: true, message: t('required') }]}>
          <Select placeholder={t('selectPlaceholder')} options={INVALID_REASONS.map((r) => ({ value: r, label: pick(INVALID_REASON_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="note" label={pick({ zh: '说明', en: 'Note' })}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 疑似批量来信 (n封) on an e-mail flood group, in the list and on the item; nothing on any other item. */
export function FloodTag(props: { item: { readonly floodCount?: number | undefined } }): ReactNode {
  const { pick } = useI18n();
  const tag = floodTag(props.item);
  return tag === null ? null : <Tag color="volcano" data-testid="flood-tag">{pick(tag)}</Tag>;
}

/** Every fetch is audited by the server; the first play of a voicemail marks it listened. */
const intakeFileUrl = (itemId: string, fileId: string): string => `/api/v1/intake/items/${encodeURIComponent(itemId)}/attachments/${encodeURIComponent(fileId)}`;

export function InboxItemView(props: { itemId: string }): ReactNode {
  const { pick, t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'register' | 'invalid' | null>(null);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const query = useQuery<InboxItem, ApiError>({ queryKey: ['intake-item', props.itemId], queryFn: () => get<InboxItem>(`/api/v1/intake/items/${props.itemId}`), retry: false });
  const back = <Button onClick={() => navigate(inboxPath())}>{pick({ zh: '返回来件箱', en: 'Back to the inbox' })}</Button>;
  if (query.isPending) return <Spin size="large" className="zt-page-spin" />;
  if (query.error) return <Result status={query.error.status === 404 ? '404' : 'error'} title={query.error.title} subTitle={query.error.detail} extra={back} />;
  const item = query.data;
  const handled = (): void => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: ['intake'] });
    void queryClient.invalidateQueries({ queryKey: ['intake-item', item.id] });
  };
  if (registered !== null) return <Card><RegisteredResult registered={registered} onAnother={() => navigate(inboxPath())} /></Card>;
  const status = intakeStatusLabel(item.status);
  return (
    <Card
      title={<Space><Tag color="blue">{pick(channelLabel(item.channel))}</Tag>{pick({ zh: '来件详情', en: 'Item' })}<Tag>{pick(status)}</Tag><FloodTag item={item} />{item.status === 'new' ? <ListenByTag listenBy={item.listenBy} listenedAt={item.listenedAt} /> : null}</Space>}
      extra={
        <Space>
          {back}
          {item.status === 'new' ? (
            <>
              <Button danger onClick={() => setDialog('invalid')} data-testid="item-invalid">{pick({ zh: '标记无效', en: 'Mark invalid' })}</Button>
              <Button type="primary" onClick={() => setDialog('register')} data-testid="item-register">{pick({ zh: '登记为案件', en: 'Register' })}</Button>
            </>
          ) : null}
        </Space>
      }
    >
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="zt-card">
        <Descriptions.Item label={t('receivedAt')}>{formatDateTime(item.receivedAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '来件人', en: 'From' })}>{item.contact ?? '—'}</Descriptions.Item>
        {Object.entries(item.details ?? {}).map(([k, v]) => (
          <Descriptions.Item key={k} label={DETAIL_LABELS[k] === undefined ? k : pick(DETAIL_LABELS[k])}>{v}</Descriptions.Item>
        ))}
        {item.claimsCaseNumber === null ? null : <Descriptions.Item label={pick({ zh: '自称涉及案件', en: 'Says it concerns' })}>{item.claimsCaseNumber}</Descriptions.Item>}
        {item.caseNumber === undefined ? null : <Descriptions.Item label={t('caseNumber')}>{item.caseNumber}</Descriptions.Item>}
        {item.invalidReason === null ? null : <Descriptions.Item label={pick({ zh: '无效原因', en: 'Invalid because' })}>{pick(invalidReasonLabel(item.invalidReason))}{item.note === null ? '' : `：${item.note}`}</Descriptions.Item>}
      </Descriptions>
      <Card size="small" title={t('content')} className="zt-card">
        <Typography.Paragraph className="zt-prewrap" data-testid="item-text">{item.text}</Typography.Paragraph>
      </Card>
      {item.attachments.length === 0 ? null : (
        <Card size="small" title={pick({ zh: '附件', en: 'Attachments' })} className="zt-card">
          {item.attachments.map((a) => (
            <div key={a.id} className="zt-item-file">
              <a href={intakeFileUrl(item.id, a.id)} download={a.name} rel="noopener noreferrer">{a.name}</a> <Typography.Text type="secondary">（{a.mediaType}，{Math.ceil(a.size / 1024)} KB）</Typography.Text>
              {PLAYABLE_AUDIO.has(a.mediaType) ? <AudioPlayer src={intakeFileUrl(item.id, a.id)} label={pick({ zh: '收听留言', en: 'Play the message' })} onHeard={() => void queryClient.invalidateQueries({ queryKey: ['intake-item', item.id] })} /> : null}
            </div>
          ))}
        </Card>
      )}
      {dialog === 'register' ? <RegisterDialog item={item} onClose={() => setDialog(null)} onDone={(r) => { handled(); setRegistered(r); }} /> : null}
      {dialog === 'invalid' ? <InvalidDialog item={item} onClose={() => setDialog(null)} onDone={handled} /> : null}
    </Card>
  );
}
