// 门户信息 (sysadmin, issue 5): the bureau's identity on the public portal — names, hotline, addresses and the
// government-site footer. A plain form over GET/PUT /api/v1/admin/site; the API validates and audits, and
// the portal reads the saved values within a minute. Prose has an English line beside the Chinese.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { BILINGUAL_SITE_FIELDS, PLAIN_SITE_FIELDS, SITE_FIELD_LABELS, SITE_FIELD_RULES, type SiteSettings } from '../../../../src/domain/site-settings.js';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';
import { sourceLabel } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

interface Answer {
  readonly settings: SiteSettings;
  readonly source: string;
  readonly updatedAt: string | null;
}

const KEY = ['admin', 'site'] as const;

function SiteForm(props: { settings: SiteSettings }): ReactNode {
  const { pick } = useI18n();
  const write = useAdminWrite([KEY]);
  const [form] = Form.useForm<SiteSettings>();
  const required = { required: true, whitespace: true, message: pick({ zh: '此项为必填项', en: 'This field is required' }) };
  const save = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    await write.send('PUT', '/api/v1/admin/site', v, { form, done: { zh: '门户信息已保存', en: 'Site settings saved' } });
  };
  return (
    <>
      <ProblemAlert problem={write.problem} onClose={write.clear} />
      <Form form={form} initialValues={props.settings} layout="vertical">
        <Row gutter={16}>
          {BILINGUAL_SITE_FIELDS.map((f) => (
            <Col key={f} xs={24} lg={12}>
              <Form.Item label={pick(SITE_FIELD_LABELS[f])} required={SITE_FIELD_RULES[f].required} style={{ marginBottom: 8 }}>
                <Form.Item name={[f, 'zh']} rules={SITE_FIELD_RULES[f].required ? [required] : []} style={{ marginBottom: 4 }}>
                  <Input maxLength={SITE_FIELD_RULES[f].max} prefix={<Typography.Text type="secondary">中文</Typography.Text>} />
                </Form.Item>
                <Form.Item name={[f, 'en']} style={{ marginBottom: 0 }}>
                  <Input maxLength={SITE_FIELD_RULES[f].max} prefix={<Typography.Text type="secondary">EN</Typography.Text>} />
                </Form.Item>
              </Form.Item>
            </Col>
          ))}
          {PLAIN_SITE_FIELDS.map((f) => (
            <Col key={f} xs={24} lg={12}>
              <Form.Item name={f} label={pick(SITE_FIELD_LABELS[f])} rules={SITE_FIELD_RULES[f].required ? [required] : []}>
                <Input maxLength={SITE_FIELD_RULES[f].max} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" loading={write.busy} onClick={() => void save()}>{pick({ zh: '保存', en: 'Save' })}</Button>
      </Form>
    </>
  );
}

export default function SitePage(): ReactNode {
  const { pick, lang } = useI18n();
  const site = useQuery<Answer, ApiError>({ queryKey: KEY, queryFn: () => get('/api/v1/admin/site') });
  const extra = site.data ? (
    <span>
      <Tag>{pick(sourceLabel(site.data.source))}</Tag>
      {site.data.updatedAt === null ? null : <Typography.Text type="secondary">{formatDateTime(site.data.updatedAt, lang)}</Typography.Text>}
    </span>
  ) : null;
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '门户信息', en: 'Site settings' }} keeper={KEEPERS.sysadmin} extra={extra} />
      <ProblemAlert problem={site.error} />
      <Card loading={site.isPending}>
        <Typography.Paragraph type="secondary">
          {pick({ zh: '群众门户页头、联系方式和页脚显示的本局信息。英文可留空，门户将显示中文。保存后约一分钟内在门户生效。', en: 'The bureau’s details in the portal’s header, contact block and footer. English may be left empty; the portal then shows the Chinese. Changes reach the portal within about a minute.' })}
        </Typography.Paragraph>
        {site.data ? <SiteForm key={JSON.stringify(site.data.settings)} settings={site.data.settings} /> : null}
      </Card>
    </div>
  );
}
