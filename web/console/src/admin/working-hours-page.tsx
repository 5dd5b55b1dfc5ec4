// 工作时间 (sysadmin, DESIGN §4): office hours per weekday (HH:MM periods). The calendar decides which
// dates are working days; these hours say when on such a day the centre is at work (a weekend row matters
// only on a make-up working day).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { MAX_PERIODS_PER_DAY, type Period, type Weekday } from '../../../../src/domain/working-hours.js';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { sourceLabel, WEEKDAY_LABELS } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

type Hours = Record<Weekday, Period[]>;

const KEY = ['admin', 'working-hours'] as const;
const ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/u;

function HoursForm(props: { hours: Hours }): ReactNode {
  const { pick } = useI18n();
  const write = useAdminWrite([KEY]);
  const [form] = Form.useForm<Hours>();
  const timeRule = { required: true, pattern: TIME, message: pick({ zh: '时间格式为HH:MM', en: 'Time as HH:MM' }) };
  const save = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const body = Object.fromEntries(ORDER.map((d) => [d, v[d].map((p) => ({ start: p.start.trim(), end: p.end.trim() }))]));
    await write.send('PUT', '/api/v1/admin/working-hours', body, { form, done: { zh: '工作时间已保存', en: 'Working hours saved' } });
  };
  return (
    <>
      <ProblemAlert problem={write.problem} onClose={write.clear} />
      <Form form={form} initialValues={props.hours} layout="horizontal" labelCol={{ flex: '96px' }}>
        {ORDER.map((day) => (
          <Form.Item key={day} label={pick(WEEKDAY_LABELS[day])} className="zt-hours-day">
            <Form.List name={day}>
              {(fields, { add, remove }) => (
                <Space wrap>
                  {fields.length === 0 ? <Typography.Text type="secondary">{pick({ zh: '休息', en: 'Closed' })}</Typography.Text> : null}
                  {fields.map((f) => (
                    <Space key={f.key} size={4} className="zt-hours-period">
                      <Form.Item name={[f.name, 'start']} rules={[timeRule]} noStyle>
                        <Input className="zt-time" maxLength={5} aria-label={pick({ zh: '开始时间', en: 'Start' })} />
                      </Form.Item>
                      <span>—</span>
                      <Form.Item name={[f.name, 'end']} rules={[timeRule]} noStyle>
                        <Input className="zt-time" maxLength={5} aria-label={pick({ zh: '结束时间', en: 'End' })} />
                      </Form.Item>
                      <Button type="text" size="small" icon={<MinusCircleOutlined />} aria-label={pick({ zh: '删除时段', en: 'Remove period' })} onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  {fields.length < MAX_PERIODS_PER_DAY ? <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '09:00', end: '17:00' })}>{pick({ zh: '添加时段', en: 'Add period' })}</Button> : null}
                </Space>
              )}
            </Form.List>
          </Form.Item>
        ))}
        <Button type="primary" loading={write.busy} onClick={() => void save()}>{pick({ zh: '保存', en: 'Save' })}</Button>
      </Form>
    </>
  );
}

export default function WorkingHoursPage(): ReactNode {
  const { pick } = useI18n();
  const hours = useQuery<{ hours: Hours; source: string }, ApiError>({ queryKey: KEY, queryFn: () => get('/api/v1/admin/working-hours') });
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '工作时间', en: 'Working hours' }} keeper={KEEPERS.sysadmin} extra={hours.data ? <Tag>{pick(sourceLabel(hours.data.source))}</Tag> : null} />
      <ProblemAlert problem={hours.error} />
      <Card loading={hours.isPending}>
        <Typography.Paragraph type="secondary">
          {pick({ zh: '工作日由工作日历决定；周六、周日的时段仅在调休上班日适用。时间为本局所在时区。', en: 'The calendar decides which dates are working days; weekend periods apply on make-up working days only. Times are in the bureau’s zone.' })}
        </Typography.Paragraph>
        {hours.data ? <HoursForm key={JSON.stringify(hours.data.hours)} hours={hours.data.hours} /> : null}
      </Card>
    </div>
  );
}
