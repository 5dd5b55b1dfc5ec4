// 微信公众号 (sysadmin, issue 8): the official account whose pushes Zhitong takes and whose API it calls,
// over GET/PUT /api/v1/admin/channels/wechat. The AppSecret, Token and EncodingAESKey are write-only (set
// or not, 更换 to type a new one); another AppID needs its AppSecret again. The API base and the message
// mode belong to the server's environment and are only shown. 测试连接 fetches an access token.
import { Descriptions, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';
import { ChannelPage, ConnectionTest, EnvironmentSettings, SettingsForm, useChannelSave } from './channel-page.js';
import { orNull, SecretField, SecretState, TestLine, typed, type SettingsSource, type TestOutcome } from './channel-parts.js';

interface Answer {
  readonly source: SettingsSource;
  readonly editable: boolean;
  readonly updatedAt: string | null;
  readonly settings: { readonly appId: string | null };
  readonly apiBase: string;
  readonly mode: string;
  readonly secrets: { readonly appSecret: { readonly set: boolean }; readonly token: { readonly set: boolean }; readonly aesKey: { readonly set: boolean } };
  readonly previousKeyUntil: string | null;
}

const KEY = ['admin', 'channels', 'wechat'];
const PATH = '/api/v1/admin/channels/wechat';

const LABELS = {
  appId: { zh: 'AppID（开发者ID）', en: 'AppID' },
  appSecret: { zh: 'AppSecret（开发者密码）', en: 'AppSecret' },
  token: { zh: '令牌（Token）', en: 'Token' },
  aesKey: { zh: '消息加解密密钥（EncodingAESKey）', en: 'EncodingAESKey' },
  apiBase: { zh: '微信接口地址', en: 'WeChat API base' },
  mode: { zh: '消息加解密方式', en: 'Message encryption mode' },
} as const;

// The names the WeChat platform's own 服务器配置 page gives the three modes.
const MODES: Readonly<Record<string, { zh: string; en: string }>> = {
  secure: { zh: '安全模式', en: 'Secure mode' },
  compatible: { zh: '兼容模式', en: 'Compatible mode' },
  plaintext: { zh: '明文模式', en: 'Plaintext mode' },
};

function Fixed(props: { answer: Answer }): ReactNode {
  const { pick, lang } = useI18n();
  return (
    <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
      <Descriptions.Item label={pick(LABELS.apiBase)}>{props.answer.apiBase}</Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.mode)}>{pick(MODES[props.answer.mode] ?? { zh: props.answer.mode, en: props.answer.mode })}</Descriptions.Item>
      {props.answer.previousKeyUntil === null ? null : (
        <Descriptions.Item label={pick({ zh: '原密钥有效至', en: 'Previous key accepted until' })}>{formatDateTime(props.answer.previousKeyUntil, lang)}</Descriptions.Item>
      )}
    </Descriptions>
  );
}

function WechatForm(props: { answer: Answer }): ReactNode {
  const { pick } = useI18n();
  const save = useChannelSave(KEY, PATH, { zh: '公众号设置已保存', en: 'WeChat settings saved' }, (v) => ({
    appId: orNull(v.appId),
    appSecret: typed(v.appSecret),
    token: typed(v.token),
    aesKey: typed(v.aesKey),
  }));
  const sec = props.answer.secrets;
  return (
    <SettingsForm save={save} initialValues={{ appId: props.answer.settings.appId ?? '' }} saveTestId="wechat-save" style={{ maxWidth: 640 }}>
      <Form.Item name="appId" label={pick(LABELS.appId)} extra={pick({ zh: '留空即停用公众号渠道。', en: 'Leave empty to turn the WeChat channel off.' })}>
        <Input maxLength={18} data-testid="wechat-app-id" />
      </Form.Item>
      <SecretField name="appSecret" label={LABELS.appSecret} set={sec.appSecret.set} hint={{ zh: '更换 AppID 时须重新填写。', en: 'Needed again with another AppID.' }} />
      <SecretField name="token" label={LABELS.token} set={sec.token.set} />
      <SecretField name="aesKey" label={LABELS.aesKey} set={sec.aesKey.set} hint={{ zh: '更换后，原密钥在 72 小时内仍可解密消息。', en: 'After a change the previous key still opens messages for 72 hours.' }} />
    </SettingsForm>
  );
}

function ReadOnly(props: { answer: Answer }): ReactNode {
  const { pick } = useI18n();
  const sec = props.answer.secrets;
  return (
    <EnvironmentSettings>
      <Descriptions.Item label={pick(LABELS.appId)}>{props.answer.settings.appId ?? ''}</Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.appSecret)}><SecretState set={sec.appSecret.set} /></Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.token)}><SecretState set={sec.token.set} /></Descriptions.Item>
      <Descriptions.Item label={pick(LABELS.aesKey)}><SecretState set={sec.aesKey.set} /></Descriptions.Item>
    </EnvironmentSettings>
  );
}

export default function WechatChannelPage(): ReactNode {
  const { pick } = useI18n();
  return (
    <ChannelPage<Answer>
      title={{ zh: '微信公众号', en: 'WeChat official account' }}
      queryKey={KEY}
      path={PATH}
      intro={{ zh: '公众号后台“服务器配置”中的 AppID、令牌和消息加解密密钥，以及调用微信接口所需的 AppSecret。保存后立即生效，无需重启。', en: 'The AppID, Token and EncodingAESKey from the account’s server configuration, and the AppSecret for WeChat’s API. Saved settings take effect at once, without a restart.' }}
      settings={(a) => (
        <>
          <Fixed answer={a} />
          {a.editable ? <WechatForm key={JSON.stringify(a)} answer={a} /> : <ReadOnly answer={a} />}
        </>
      )}
      test={
        <ConnectionTest<TestOutcome>
          path={`${PATH}/test`}
          hint={{ zh: '用已保存的 AppID 和 AppSecret 向微信接口获取访问令牌。', en: 'Fetches an access token from WeChat’s API with the saved AppID and AppSecret.' }}
          show={(r) => <TestLine label={pick({ zh: '微信接口', en: 'WeChat API' })} outcome={r} />}
        />
      }
    />
  );
}
