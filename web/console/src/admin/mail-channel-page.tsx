// 邮件渠道 (sysadmin, issue 7): the mailbox Zhitong reads (IMAP) and the server it sends through (SMTP),
// over GET/PUT /api/v1/admin/channels/mail. Passwords are write-only: the screen says whether one is set
// and takes a new one after 更换; a changed server needs its password again (the API says so). Settings
// from the server's environment are shown read-only. 测试连接 tries the saved settings.
import { Col, Descriptions, Form, Input, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';
import { ChannelPage, ConnectionTest, EnvironmentSettings, SettingsForm, useChannelSave } from './channel-page.js';
import { orNull, SecretField, SecretState, TestLine, typed, type SettingsSource, type TestOutcome } from './channel-parts.js';

interface MailSettings {
  readonly imapUrl: string | null;
  readonly smtpUrl: string | null;
  readonly from: string | null;
  readonly authservId: string | null;
  readonly processedFolder: string;
}

interface Answer {
  readonly source: SettingsSource;
  readonly editable: boolean;
  readonly updatedAt: string | null;
  readonly settings: MailSettings;
  readonly secrets: { readonly imapPassword: { readonly set: boolean }; readonly smtpPassword: { readonly set: boolean } };
}

interface TestAnswer {
  readonly imap: TestOutcome;
  readonly smtp: TestOutcome;
}

const KEY = ['admin', 'channels', 'mail'];
const PATH = '/api/v1/admin/channels/mail';

const LABELS = {
  imapUrl: { zh: '收信服务器（IMAP）', en: 'Incoming server (IMAP)' },
  imapPassword: { zh: '收信密码', en: 'IMAP password' },
  smtpUrl: { zh: '发信服务器（SMTP）', en: 'Outgoing server (SMTP)' },
  smtpPassword: { zh: '发信密码', en: 'SMTP password' },
  from: { zh: '本单位邮箱地址', en: 'The bureau’s address' },
  authservId: { zh: '本单位邮件服务器标识（authserv-id）', en: 'The bureau’s mail server id (authserv-id)' },
  processedFolder: { zh: '已处理文件夹', en: 'Processed folder' },
} as const;

function MailForm(props: { answer: Answer }): ReactNode {
  const { pick } = useI18n();
  const save = useChannelSave(KEY, PATH, { zh: '邮件渠道设置已保存', en: 'E-mail settings saved' }, (v) => ({
    imapUrl: orNull(v.imapUrl),
    smtpUrl: orNull(v.smtpUrl),
    from: orNull(v.from),
    authservId: orNull(v.authservId),
    processedFolder: orNull(v.processedFolder) ?? 'Processed',
    imapPassword: typed(v.imapPassword),
    smtpPassword: typed(v.smtpPassword),
  }));
  const s = props.answer.settings;
  return (
    <SettingsForm save={save} initialValues={{ imapUrl: s.imapUrl ?? '', smtpUrl: s.smtpUrl ?? '', from: s.from ?? '', authservId: s.authservId ?? '', processedFolder: s.processedFolder }} saveTestId="mail-save">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item name="imapUrl" label={pick(LABELS.imapUrl)} extra={pick({ zh: '如 imaps://12389@mail.example.gov.cn:993/INBOX', en: 'e.g. imaps://12389@mail.example.gov.cn:993/INBOX' })}>
            <Input maxLength={1000} data-testid="mail-imap-url" />
          </Form.Item>
          <SecretField name="imapPassword" label={LABELS.imapPassword} set={props.answer.secrets.imapPassword.set} />
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name="smtpUrl" label={pick(LABELS.smtpUrl)} extra={pick({ zh: '如 smtps://12389@mail.example.gov.cn:465', en: 'e.g. smtps://12389@mail.example.gov.cn:465' })}>
            <Input maxLength={1000} data-testid="mail-smtp-url" />
          </Form.Item>
          <SecretField name="smtpPassword" label={LABELS.smtpPassword} set={props.answer.secrets.smtpPassword.set} />
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item name="from" label={pick(LABELS.from)}>
            <Input maxLength={254} data-testid="mail-from" />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item name="authservId" label={pick(LABELS.authservId)}>
            <Input maxLength={253} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item name="processedFolder" label={pick(LABELS.processedFolder)}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">
        {pick({ zh: '更改服务器地址、端口、协议或用户名时须重新填写该服务器的密码。', en: 'A changed server address, port, scheme or user needs that server’s password again.' })}
      </Typography.Paragraph>
    </SettingsForm>
  );
}

function ReadOnly(props: { answer: Answer }): ReactNode {
  const { pick } = useI18n();
  const s = props.answer.settings;
  const shown = (v: string | null): string => v ?? pick({ zh: '（未配置）', en: '(not set)' });
  return (
    <EnvironmentSettings>
      <Descriptions.Item label={pick(LABELS.imapUrl)}>{shown(s.imapUrl)}</Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.imapPassword)}><SecretState set={props.answer.secrets.imapPassword.set} /></Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.smtpUrl)}>{shown(s.smtpUrl)}</Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.smtpPassword)}><SecretState set={props.answer.secrets.smtpPassword.set} /></Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.from)}>{shown(s.from)}</Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.authservId)}>{shown(s.authservId)}</Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.processedFolder)}>{s.processedFolder}</Descriptions.Item>
    </EnvironmentSettings>
  );
}

export default function MailChannelPage(): ReactNode {
  return (
    <ChannelPage<Answer>
      title={{ zh: '邮件渠道', en: 'E-mail channel' }}
      queryKey={KEY}
      path={PATH}
      intro={{ zh: '智通从收信服务器读取 12389 邮箱的来信，经发信服务器发送受理告知和答复。保存后立即生效，无需重启。', en: 'Zhitong reads the 12389 mailbox from the incoming server and sends acknowledgements and replies through the outgoing server. Saved settings take effect at once, without a restart.' }}
      settings={(a) => (a.editable ? <MailForm key={JSON.stringify(a)} answer={a} /> : <ReadOnly answer={a} />)}
      test={
        <ConnectionTest<TestAnswer>
          path={`${PATH}/test`}
          hint={{ zh: '用已保存的设置登录收信服务器并连接发信服务器。', en: 'Signs in to the incoming server and connects to the outgoing server with the saved settings.' }}
          show={(r) => (
            <>
              <TestLine label="IMAP" outcome={r.imap} />
              <TestLine label="SMTP" outcome={r.smtp} />
            </>
          )}
        />
      }
    />
  );
}
