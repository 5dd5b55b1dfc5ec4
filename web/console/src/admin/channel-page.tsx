// The frame the two channel settings screens (邮件渠道, 微信公众号; issues 7 and 8) share: the page with
// its settings source, the save of the form over PUT, and the 测试连接 card. What differs (fields, the
// read-only view, the test's lines) each screen gives; the small parts are in channel-parts.tsx.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Space, Typography, type FormInstance } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite, type AdminWrite } from './admin-write.js';
import { FromEnvironment, SourceTag, type SettingsSource } from './channel-parts.js';

export type FormValues = Record<string, string | undefined>;

interface SettingsAnswer {
  readonly source: SettingsSource;
  readonly updatedAt: string | null;
}

/** The screen: title with where the settings come from, an introduction, the settings, then 测试连接. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the screen names the shape of the API's answer.
export function ChannelPage<A extends SettingsAnswer>(props: {
  title: Bilingual;
  queryKey: readonly string[];
  path: string;
  intro: Bilingual;
  settings: (answer: A) => ReactNode;
  test: ReactNode;
}): ReactNode {
  const { pick } = useI18n();
  const q = useQuery<A, ApiError>({ queryKey: props.queryKey, queryFn: () => get(props.path) });
  const a = q.data;
  return (
    <div className="zt-admin">
      <AdminTitle title={props.title} keeper={KEEPERS.sysadmin} extra={a ? <SourceTag source={a.source} updatedAt={a.updatedAt} /> : null} />
      <ProblemAlert problem={q.error} />
      <Card loading={q.isPending}>
        <Typography.Paragraph type="secondary">{pick(props.intro)}</Typography.Paragraph>
        {a === undefined ? null : props.settings(a)}
      </Card>
      {props.test}
    </div>
  );
}

export interface ChannelSave {
  readonly write: AdminWrite;
  readonly form: FormInstance<FormValues>;
  readonly save: () => Promise<void>;
}

/** The settings form saved over PUT to `path`: the API's problems land on the fields, the screen is read again. */
export function useChannelSave(queryKey: readonly string[], path: string, done: Bilingual, toBody: (v: FormValues) => object): ChannelSave {
  const write = useAdminWrite([queryKey]);
  const [form] = Form.useForm<FormValues>();
  const save = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    await write.send('PUT', path, toBody(v), { form, done });
  };
  return { write, form, save };
}

/** 测试连接 with the saved settings: what it does in words, the button, and the servers' answers. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the screen names the shape of the test's answer.
export function ConnectionTest<T>(props: { path: string; hint: Bilingual; show: (result: T) => ReactNode }): ReactNode {
  const { pick } = useI18n();
  const write = useAdminWrite([]);
  const [result, setResult] = useState<T | null>(null);
  const run = async (): Promise<void> => {
    setResult(null);
    setResult(await write.send<T>('POST', props.path, {}, { done: { zh: '测试已完成', en: 'Test finished' } }));
  };
  return (
    <Card size="small" title={pick({ zh: '测试连接', en: 'Test connection' })} style={{ marginTop: 16 }}>
      <ProblemAlert problem={write.problem} onClose={write.clear} />
      <Space orientation="vertical">
        <Typography.Text type="secondary">{pick(props.hint)}</Typography.Text>
        <Button loading={write.busy} onClick={() => void run()} data-testid="channel-test">
          {pick({ zh: '测试连接', en: 'Test connection' })}
        </Button>
        {result === null ? null : <div data-testid="channel-test-result">{props.show(result)}</div>}
      </Space>
    </Card>
  );
}

/** The editable settings: the API's refusal, the fields, and 保存. */
export function SettingsForm(props: { save: ChannelSave; initialValues: FormValues; saveTestId: string; style?: CSSProperties; children: ReactNode }): ReactNode {
  const { pick } = useI18n();
  const { write, form, save } = props.save;
  return (
    <>
      <ProblemAlert problem={write.problem} onClose={write.clear} />
      <Form form={form} layout="vertical" initialValues={props.initialValues} style={props.style}>
        {props.children}
        <Button type="primary" loading={write.busy} onClick={() => void save()} data-testid={props.saveTestId}>
          {pick({ zh: '保存', en: 'Save' })}
        </Button>
      </Form>
    </>
  );
}

/** Settings the server's environment sets: the notice, then the values (secrets only as set or not). */
export function EnvironmentSettings(props: { children: ReactNode }): ReactNode {
  return (
    <>
      <FromEnvironment />
      <Descriptions column={1} bordered size="small">
        {props.children}
      </Descriptions>
    </>
  );
}
