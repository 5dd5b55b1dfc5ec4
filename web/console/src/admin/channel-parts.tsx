// What the two channel settings screens (邮件渠道, 微信公众号; issues 7 and 8) share: a secret field that
// only says whether the secret is set and takes a new one after 更换 (never prefilled: the API never
// sends a secret back), where the settings come from, and the answer of 测试连接 in the API's words.
import { Alert, Button, Form, Input, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';

export type SettingsSource = 'environment' | 'console' | 'none';

export interface TestOutcome {
  readonly ok: boolean;
  readonly reason: Bilingual | null;
}

const SOURCES: Readonly<Record<SettingsSource, Bilingual>> = {
  environment: { zh: '环境变量', en: 'Environment variables' },
  console: { zh: '控制台设置', en: 'Set in the console' },
  none: { zh: '未配置', en: 'Not set up' },
};

export function SourceTag(props: { source: SettingsSource; updatedAt: string | null }): ReactNode {
  const { pick, lang } = useI18n();
  return (
    <span>
      <Tag data-testid="channel-source">{pick(SOURCES[props.source])}</Tag>
      {props.updatedAt === null ? null : <Typography.Text type="secondary">{formatDateTime(props.updatedAt, lang)}</Typography.Text>}
    </span>
  );
}

/** The read-only notice of settings the server's environment sets. */
export function FromEnvironment(): ReactNode {
  const { pick } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="channel-from-env"
      title={pick({ zh: '来自环境变量', en: 'From environment variables' })}
      description={pick({ zh: '这些设置由服务器的环境变量配置，只能在服务器上修改；此处仅供查看。', en: 'These settings come from the server’s environment variables and can be changed only there; they are shown read-only.' })}
      style={{ marginBottom: 16 }}
    />
  );
}

export function SecretState(props: { set: boolean }): ReactNode {
  const { pick } = useI18n();
  return <Tag color={props.set ? 'green' : 'default'}>{pick(props.set ? { zh: '已设置', en: 'Set' } : { zh: '未设置', en: 'Not set' })}</Tag>;
}

/**
 * A write-only secret: 已设置/未设置 and 更换; only after 更换 an empty password input appears, and only then
 * the form carries a value (an omitted secret is kept by the API).
 */
export function SecretField(props: { name: string; label: Bilingual; set: boolean; hint?: Bilingual }): ReactNode {
  const { pick } = useI18n();
  const [replacing, setReplacing] = useState(!props.set);
  return (
    <Form.Item label={pick(props.label)} extra={props.hint === undefined ? undefined : pick(props.hint)} data-testid={`secret-${props.name}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <SecretState set={props.set} />
          {props.set ? (
            <Button size="small" data-testid={`secret-${props.name}-replace`} onClick={() => setReplacing(!replacing)}>
              {pick(replacing ? { zh: '取消更换', en: 'Keep the current one' } : { zh: '更换', en: 'Replace' })}
            </Button>
          ) : null}
        </Space>
        {replacing ? (
          <Form.Item name={props.name} preserve={false} noStyle>
            <Input.Password autoComplete="new-password" data-testid={`secret-${props.name}-input`} placeholder={pick(props.set ? { zh: '输入新的值', en: 'Type the new value' } : { zh: '输入', en: 'Type it' })} />
          </Form.Item>
        ) : null}
      </Space>
    </Form.Item>
  );
}

/** One server's answer to 测试连接. */
export function TestLine(props: { label: string; outcome: TestOutcome }): ReactNode {
  const { pick } = useI18n();
  const o = props.outcome;
  return (
    <div>
      <Typography.Text strong>{props.label}</Typography.Text>{' '}
      <Tag color={o.ok ? 'green' : 'red'}>{pick(o.ok ? { zh: '连接成功', en: 'Connected' } : { zh: '连接失败', en: 'Failed' })}</Tag>
      {o.reason === null ? null : <Typography.Text type={o.ok ? 'secondary' : 'danger'}>{pick(o.reason)}</Typography.Text>}
    </div>
  );
}

/** Empty strings from the form are "not set" to the API. */
export const orNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
/** A secret goes only when one was typed. */
export const typed = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
