// 值班表 (sysadmin, DESIGN §1): one month of duty days; set a day's duty leader (and deputy) from the
// holders of the duty_leader role, or clear the day. The roster decides who instructs that day's proposals.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { formatDate } from '../common/format.js';
import { WEEKDAY_LABELS } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

interface Person {
  readonly id: string;
  readonly displayName: string;
  readonly unitName: string;
}

interface Roster {
  readonly days: readonly { date: string; leader: Person | null; deputy: Person | null }[];
  readonly candidates: readonly Person[];
}

interface Day {
  readonly date: string;
  readonly weekday: keyof typeof WEEKDAY_LABELS;
  readonly leader: Person | null;
  readonly deputy: Person | null;
}

const WEEKDAY_OF = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function monthDays(month: Dayjs, roster: Roster | undefined): Day[] {
  const set = new Map((roster?.days ?? []).map((d) => [d.date, d]));
  return Array.from({ length: month.daysInMonth() }, (_, i) => {
    const d = month.date(i + 1);
    const date = d.format('YYYY-MM-DD');
    const entry = set.get(date);
    return { date, weekday: WEEKDAY_OF[d.day()], leader: entry?.leader ?? null, deputy: entry?.deputy ?? null };
  });
}

export default function DutyRosterPage(): ReactNode {
  const { pick, lang } = useI18n();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const from = month.format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const key = ['admin', 'duty-roster', from] as const;
  const roster = useQuery<Roster, ApiError>({ queryKey: key, queryFn: () => get(`/api/v1/admin/duty-roster?from=${from}&to=${to}`) });
  const write = useAdminWrite([['admin', 'duty-roster']]);
  const [editing, setEditing] = useState<Day | null>(null);
  const [form] = Form.useForm<{ leaderId: string; deputyId?: string }>();
  const people = (roster.data?.candidates ?? []).map((p) => ({ value: p.id, label: `${p.displayName}（${p.unitName}）` }));
  const save = async (): Promise<void> => {
    if (editing === null) return;
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const ok = await write.send('PUT', `/api/v1/admin/duty-roster/${editing.date}`, { leaderId: v.leaderId, deputyId: v.deputyId ?? null }, { form, done: { zh: '值班已安排', en: 'Duty set' } });
    if (ok !== null) setEditing(null);
  };
  const person = (p: Person | null): ReactNode => (p === null ? <Typography.Text type="secondary">{pick({ zh: '未安排', en: 'Not set' })}</Typography.Text> : `${p.displayName}（${p.unitName}）`);
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '值班表', en: 'Duty roster' }} keeper={KEEPERS.sysadmin} />
      <Card className="zt-card">
        <Space>
          <Button onClick={() => setMonth((m) => m.subtract(1, 'month'))}>{pick({ zh: '上月', en: 'Previous' })}</Button>
          <Typography.Text strong className="zt-admin-month" data-testid="roster-month">{lang === 'zh' ? month.format('YYYY年M月') : month.format('MMMM YYYY')}</Typography.Text>
          <Button onClick={() => setMonth((m) => m.add(1, 'month'))}>{pick({ zh: '下月', en: 'Next' })}</Button>
          <Button onClick={() => setMonth(dayjs().startOf('month'))}>{pick({ zh: '本月', en: 'This month' })}</Button>
        </Space>
      </Card>
      {editing === null ? <ProblemAlert problem={write.problem ?? roster.error} onClose={write.clear} /> : null}
      <Card>
        <Table<Day>
          rowKey="date"
          size="small"
          loading={roster.isPending}
          dataSource={monthDays(month, roster.data)}
          pagination={false}
          onRow={(d) => ({ className: d.weekday === 'sat' || d.weekday === 'sun' ? 'zt-roster-row zt-weekend' : 'zt-roster-row', 'data-date': d.date })}
          columns={[
            { title: pick({ zh: '日期', en: 'Date' }), dataIndex: 'date', width: 150, render: (d: string) => formatDate(d, lang) },
            { title: pick({ zh: '星期', en: 'Weekday' }), dataIndex: 'weekday', width: 90, render: (w: Day['weekday']) => pick(WEEKDAY_LABELS[w]) },
            { title: pick({ zh: '值班领导', en: 'Duty leader' }), key: 'leader', render: (_: unknown, d) => person(d.leader) },
            { title: pick({ zh: '副班', en: 'Deputy' }), key: 'deputy', render: (_: unknown, d) => (d.deputy === null ? '—' : person(d.deputy)) },
            {
              title: pick({ zh: '操作', en: 'Actions' }),
              key: 'actions',
              width: 160,
              render: (_: unknown, d) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => { write.clear(); setEditing(d); }} data-testid="duty-set">{pick({ zh: '安排', en: 'Set' })}</Button>
                  {d.leader === null ? null : (
                    <Popconfirm title={pick({ zh: `清除${formatDate(d.date, 'zh')}的值班安排？`, en: `Clear ${d.date}?` })} onConfirm={() => void write.send('DELETE', `/api/v1/admin/duty-roster/${d.date}`, undefined, { done: { zh: '已清除', en: 'Cleared' } })}>
                      <Button type="link" size="small" danger data-testid="duty-clear">{pick({ zh: '清除', en: 'Clear' })}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
        {people.length === 0 && !roster.isPending ? <Tag color="gold">{pick({ zh: '暂无持有“值班领导”角色的在用账号，请先由安全管理员授权。', en: 'No active account holds the duty leader role yet.' })}</Tag> : null}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === null ? '' : pick({ zh: `安排值班：${formatDate(editing.date, 'zh')}`, en: `Duty on ${editing.date}` })}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={pick({ zh: '保存', en: 'Save' })}
        confirmLoading={write.busy}
        okButtonProps={{ 'data-testid': 'duty-save' }}
        destroyOnHidden
      >
        <ProblemAlert problem={write.problem} />
        <Form form={form} layout="vertical" requiredMark initialValues={editing === null ? undefined : { leaderId: editing.leader?.id, deputyId: editing.deputy?.id }}>
          <Form.Item name="leaderId" label={pick({ zh: '值班领导', en: 'Duty leader' })} rules={[{ required: true, message: pick({ zh: '请选择值班领导', en: 'Choose the duty leader' }) }]}>
            <Select options={people} />
          </Form.Item>
          <Form.Item name="deputyId" label={pick({ zh: '副班（可选）', en: 'Deputy (optional)' })}>
            <Select allowClear options={people} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
