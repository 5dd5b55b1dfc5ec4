// 分流规则 (sysadmin, DESIGN §3.4): per rank of the accused, which unit is suggested for an accusation —
// the branch's inspection squad, the city's inspection detachment (with discipline inspection or not),
// or reporting up, sealed. Configuration confirmed by the bureau; the assignment dialog suggests from it.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Modal, Select, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { ROUTES, ROUTE_LABELS } from '../../../../src/domain/routing.js';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { sourceLabel } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

type Route = (typeof ROUTES)[number];

interface RoutingItem {
  readonly rank: string;
  readonly label: Bilingual;
  readonly rule: { readonly route: Route; readonly withDisciplineInspection?: boolean };
  readonly routeLabel: Bilingual;
  readonly source: string;
}

const KEY = ['admin', 'routing'] as const;

export default function RoutingPage(): ReactNode {
  const { pick } = useI18n();
  const list = useQuery<{ items: RoutingItem[] }, ApiError>({ queryKey: KEY, queryFn: () => get('/api/v1/admin/routing') });
  const write = useAdminWrite([KEY]);
  const [editing, setEditing] = useState<RoutingItem | null>(null);
  const [form] = Form.useForm<{ route: Route; withDisciplineInspection?: boolean }>();
  const route = Form.useWatch('route', form);
  const save = async (): Promise<void> => {
    if (editing === null) return;
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const body = v.route === 'city_inspection' ? { route: v.route, withDisciplineInspection: v.withDisciplineInspection ?? false } : { route: v.route };
    if ((await write.send('PUT', `/api/v1/admin/routing/${editing.rank}`, body, { form, done: { zh: '分流规则已保存', en: 'Rule saved' } })) !== null) setEditing(null);
  };
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '分流规则', en: 'Routing table' }} keeper={KEEPERS.sysadmin} />
      {editing === null ? <ProblemAlert problem={write.problem ?? list.error} onClose={write.clear} /> : null}
      <Card>
        <Table<RoutingItem>
          rowKey="rank"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: pick({ zh: '被反映人职级', en: "Subject's rank" }), key: 'rank', width: 180, render: (_: unknown, r) => pick(r.label) },
            {
              title: pick({ zh: '建议承办', en: 'Suggested handling' }),
              key: 'route',
              render: (_: unknown, r) => `${pick(r.routeLabel)}${r.rule.withDisciplineInspection === true ? pick({ zh: '，会同纪检监察', en: ', with discipline inspection' }) : ''}`,
            },
            { title: pick({ zh: '来源', en: 'Source' }), dataIndex: 'source', width: 120, render: (s: string) => <Tag>{pick(sourceLabel(s))}</Tag> },
            { title: pick({ zh: '操作', en: 'Actions' }), key: 'edit', width: 90, render: (_: unknown, r) => <Button type="link" size="small" onClick={() => { write.clear(); setEditing(r); }}>{pick({ zh: '修改', en: 'Edit' })}</Button> },
          ]}
        />
      </Card>
      <Modal open={editing !== null} title={editing === null ? '' : pick({ zh: `分流规则：${editing.label.zh}`, en: `Routing: ${editing.label.en}` })} onCancel={() => setEditing(null)} onOk={() => void save()} okText={pick({ zh: '保存', en: 'Save' })} confirmLoading={write.busy} destroyOnHidden>
        <ProblemAlert problem={write.problem} />
        <Form form={form} layout="vertical" requiredMark initialValues={editing === null ? undefined : { route: editing.rule.route, withDisciplineInspection: editing.rule.withDisciplineInspection ?? false }}>
          <Form.Item name="route" label={pick({ zh: '建议承办', en: 'Suggested handling' })} rules={[{ required: true }]}>
            <Select options={ROUTES.map((r) => ({ value: r, label: pick(ROUTE_LABELS[r]) }))} />
          </Form.Item>
          {route === 'city_inspection' ? (
            <Form.Item name="withDisciplineInspection" valuePropName="checked">
              <Checkbox>{pick({ zh: '会同纪检监察部门', en: 'With discipline inspection' })}</Checkbox>
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
