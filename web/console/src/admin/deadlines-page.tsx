// 办理时限 (sysadmin, DESIGN §4): the public deadline per case type — amount in calendar or working days,
// counted from acceptance or receipt, rolled past holidays or not — or none (praise, information).
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { sourceLabel } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

interface Policy {
  readonly amount: number;
  readonly unit: 'calendar' | 'working';
  readonly startsAt: 'acceptance' | 'receipt';
  readonly rollForwardIfHoliday: boolean;
}

interface PolicyItem {
  readonly caseType: string;
  readonly label: Bilingual;
  readonly policy: Policy | null;
  readonly source: string;
}

interface Values extends Partial<Policy> {
  none: boolean;
}

const KEY = ['admin', 'deadline-policies'] as const;
const UNIT_LABELS = { calendar: { zh: '自然日', en: 'calendar days' }, working: { zh: '工作日', en: 'working days' } } as const;
const START_LABELS = { acceptance: { zh: '自受理之日起', en: 'from acceptance' }, receipt: { zh: '自收件之日起', en: 'from receipt' } } as const;

export default function DeadlinesPage(): ReactNode {
  const { pick } = useI18n();
  const list = useQuery<{ items: PolicyItem[] }, ApiError>({ queryKey: KEY, queryFn: () => get('/api/v1/admin/deadline-policies') });
  const write = useAdminWrite([KEY]);
  const [editing, setEditing] = useState<PolicyItem | null>(null);
  const [form] = Form.useForm<Values>();
  const none = Form.useWatch<boolean | undefined>('none', form) === true;
  const save = async (): Promise<void> => {
    if (editing === null) return;
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const policy = v.none ? null : { amount: v.amount, unit: v.unit, startsAt: v.startsAt, rollForwardIfHoliday: v.rollForwardIfHoliday ?? true };
    const ok = await write.send('PUT', `/api/v1/admin/deadline-policies/${editing.caseType}`, { policy }, { form, done: { zh: '办理时限已保存', en: 'Policy saved' } });
    if (ok !== null) setEditing(null);
  };
  const describe = (p: Policy | null): string => (p === null ? pick({ zh: '不设承诺期限', en: 'No public deadline' }) : `${pick(START_LABELS[p.startsAt])} ${String(p.amount)} ${pick(UNIT_LABELS[p.unit])}${p.rollForwardIfHoliday ? pick({ zh: '，遇节假日顺延', en: ', rolled past holidays' }) : ''}`);
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '办理时限', en: 'Deadline policies' }} keeper={KEEPERS.sysadmin} />
      {editing === null ? <ProblemAlert problem={write.problem ?? list.error} onClose={write.clear} /> : null}
      <Card>
        <Table<PolicyItem>
          rowKey="caseType"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(p) => ({ className: 'zt-policy-row', 'data-case-type': p.caseType })}
          columns={[
            { title: pick({ zh: '案件类型', en: 'Case type' }), key: 'label', width: 160, render: (_: unknown, p) => pick(p.label) },
            { title: pick({ zh: '承诺期限', en: 'Public deadline' }), key: 'policy', render: (_: unknown, p) => describe(p.policy) },
            { title: pick({ zh: '来源', en: 'Source' }), dataIndex: 'source', width: 120, render: (s: string) => <Tag>{pick(sourceLabel(s))}</Tag> },
            { title: pick({ zh: '操作', en: 'Actions' }), key: 'edit', width: 90, render: (_: unknown, p) => <Button type="link" size="small" onClick={() => { write.clear(); setEditing(p); }}>{pick({ zh: '修改', en: 'Edit' })}</Button> },
          ]}
        />
      </Card>
      <Modal open={editing !== null} title={editing === null ? '' : pick({ zh: `办理时限：${editing.label.zh}`, en: `Deadline: ${editing.label.en}` })} onCancel={() => setEditing(null)} onOk={() => void save()} okText={pick({ zh: '保存', en: 'Save' })} confirmLoading={write.busy} destroyOnHidden>
        <ProblemAlert problem={write.problem} />
        <Form
          form={form}
          layout="vertical"
          requiredMark
          initialValues={editing === null ? undefined : editing.policy === null ? { none: true, amount: 30, unit: 'calendar', startsAt: 'acceptance', rollForwardIfHoliday: true } : { none: false, ...editing.policy }}
        >
          <Form.Item name="none" valuePropName="checked">
            <Checkbox>{pick({ zh: '不设承诺期限（如表扬、阅知类）', en: 'No public deadline (praise, for information)' })}</Checkbox>
          </Form.Item>
          <Form.Item name="amount" label={pick({ zh: '期限天数', en: 'Days' })} rules={[{ required: !none, type: 'integer', min: 1, max: 366 }]}>
            <InputNumber min={1} max={366} precision={0} disabled={none} />
          </Form.Item>
          <Form.Item name="unit" label={pick({ zh: '计算方式', en: 'Counted in' })} rules={[{ required: !none }]}>
            <Select disabled={none} options={(['calendar', 'working'] as const).map((u) => ({ value: u, label: pick(UNIT_LABELS[u]) }))} />
          </Form.Item>
          <Form.Item name="startsAt" label={pick({ zh: '起算', en: 'Starts' })} rules={[{ required: !none }]}>
            <Select disabled={none} options={(['acceptance', 'receipt'] as const).map((s) => ({ value: s, label: pick(START_LABELS[s]) }))} />
          </Form.Item>
          <Form.Item name="rollForwardIfHoliday" valuePropName="checked">
            <Checkbox disabled={none}>{pick({ zh: '期限末日遇节假日顺延至下一工作日', en: 'A last day on a holiday moves to the next working day' })}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
