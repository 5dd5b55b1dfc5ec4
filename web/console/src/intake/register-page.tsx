// 来件登记: a clerk registers a call, voicemail, letter, report-box opening, visit or transfer
// (POST /api/v1/cases), with scans and recordings uploaded with progress. A half-typed form survives an
// expired session without the reporter's identity (session/drafts.ts).
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Progress, Row, Segmented, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { STAFF_CHANNELS } from '../../../../src/domain/channels.js';
import { ApiError, request } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { channelLabel } from '../common/labels.js';
import { Watermark } from '../common/watermark.js';
import { clearDraft, loadDraft, saveDraft } from '../session/drafts.js';
import { ChannelFields } from './channel-fields.js';
import { RegisteredResult, type Registered } from './registered-result.js';
import { registrationBody, type RegistrationValues, type StaffChannel } from './registration-body.js';
import { ReportFields } from './report-fields.js';
import { forgetRegistrationPrefill, registrationPrefill } from './register-prefill.js';
import { postMultipart } from './upload.js';

const DRAFT = 'register';
const FILE_LIMIT = 50 * 1024 * 1024;

function initialValues(callId: string | null): RegistrationValues {
  // A call handed over by the screen pop starts its own form; the draft is another call's.
  return registrationPrefill(callId) ?? { channel: 'phone', anonymity: 'real_name', receivedAt: dayjs(), subjects: [], ...(loadDraft(DRAFT) ?? {}) };
}

export default function RegisterPage(props: { me: Me; callId: string | null }): ReactNode {
  const { pick, t } = useI18n();
  const [form] = Form.useForm<RegistrationValues>();
  const [initial] = useState(() => initialValues(props.callId));
  const [channel, setChannel] = useState<StaffChannel>(initial.channel ?? 'phone');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Registered | null>(null);
  // One key per registration: a retry after a lost answer cannot register the call twice.
  const [idempotencyKey, setKey] = useState(() => crypto.randomUUID());

  async function submit(): Promise<void> {
    const typed = await form.validateFields().catch(() => null);
    if (typed === null) return;
    const body = registrationBody(form.getFieldsValue(true) as RegistrationValues);
    setProblem(null);
    setProgress(0);
    try {
      const raw = files.flatMap((f) => (f.originFileObj === undefined ? [] : [f.originFileObj as File]));
      const result =
        raw.length > 0
          ? await postMultipart<Registered>({ path: '/api/v1/cases', report: body, files: raw, idempotencyKey, onProgress: setProgress })
          : (await request<Registered>('POST', '/api/v1/cases', body, { 'idempotency-key': idempotencyKey })).body;
      clearDraft(DRAFT);
      forgetRegistrationPrefill();
      setDone(result);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
      if (err.status === 422) form.setFields(err.errors.map((e) => ({ name: e.path.split('.').map((p) => (/^\d+$/u.test(p) ? Number(p) : p)), errors: [e.message] })));
    } finally {
      setProgress(null);
    }
  }

  function another(): void {
    form.resetFields();
    setFiles([]);
    setDone(null);
    setKey(crypto.randomUUID());
  }

  return (
    <div className="zt-register">
      <Watermark me={props.me} />
      <Typography.Title level={4} className="zt-page-title">
        {pick({ zh: '来件登记', en: 'Register an item' })}
      </Typography.Title>
      {done !== null ? (
        <Card>
          <RegisteredResult registered={done} onAnother={another} />
        </Card>
      ) : (
        <Card>
          {problem === null ? null : <Alert className="zt-dialog-alert" type="error" showIcon title={problem.title} description={problem.detail} data-testid="register-problem" />}
          <Form<RegistrationValues> form={form} layout="vertical" initialValues={initial} onValuesChange={(_, all) => saveDraft(DRAFT, all as Record<string, unknown>)} requiredMark>
            <Form.Item name="channel" label={t('channel')} required>
              <Segmented<StaffChannel> options={STAFF_CHANNELS.map((c) => ({ value: c, label: <span data-channel={c}>{pick(channelLabel(c))}</span> }))} onChange={(c) => setChannel(c)} />
            </Form.Item>
            <Card size="small" className="zt-card zt-channel-card" title={pick({ zh: '渠道信息', en: 'Channel record' })}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="receivedAt" label={t('receivedAt')} rules={[{ required: true, message: t('required') }]}>
                    <DatePicker className="zt-full" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                </Col>
              </Row>
              <ChannelFields channel={channel} />
            </Card>
            <ReportFields contentRequired />
            <Form.Item label={pick({ zh: '附件（扫描件、录音、照片，单个不超过50MB）', en: 'Attachments (scans, recordings, photos; 50 MB each)' })}>
              <Upload.Dragger
                multiple
                fileList={files}
                beforeUpload={(file) => (file.size > FILE_LIMIT ? Upload.LIST_IGNORE : false)}
                onChange={(info) => setFiles(info.fileList)}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p>{pick({ zh: '点击或拖入文件', en: 'Click or drop files here' })}</p>
              </Upload.Dragger>
            </Form.Item>
            {progress !== null && files.length > 0 ? <Progress percent={progress} data-testid="upload-progress" /> : null}
            <Button type="primary" size="large" onClick={() => void submit()} loading={progress !== null} data-testid="register-submit">
              {pick({ zh: '提交登记', en: 'Register' })}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
