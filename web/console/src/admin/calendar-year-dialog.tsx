// Entering a year's State Council notice (工作日历): each break with its days off, and the make-up working
// days. Dates are typed as the notice lists them (YYYY-MM-DD, separated by spaces or commas); the API checks
// them against the year and each other and answers in plain words.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { FESTIVAL_CODES, FESTIVAL_NAMES, type FestivalCode } from '../../../../src/domain/calendar/year-calendar.js';
import { useI18n } from '../app/i18n.js';
import { ProblemAlert, useAdminWrite } from './admin-write.js';

export interface YearDefinition {
  readonly year: number;
  readonly status: 'published' | 'provisional';
  readonly source: string;
  readonly holidays: readonly { code: FestivalCode; name: string; dates: readonly string[] }[];
  readonly makeupWorkdays: readonly string[];
}

interface Values {
  status: 'published' | 'provisional';
  holidays: { code: FestivalCode; name: string; dates: string }[];
  makeupWorkdays: string;
}

const DATES = /^\s*(\d{4}-\d{2}-\d{2}([\s,，、]+\d{4}-\d{2}-\d{2})*)?\s*$/u;
const split = (text: string): string[] => text.split(/[\s,，、]+/u).filter((d) => d !== '');

export function CalendarYearDialog(props: { year: YearDefinition; onClose: () => void }): ReactNode {
  const { pick } = useI18n();
  const write = useAdminWrite([['admin', 'calendar']]);
  const [form] = Form.useForm<Values>();
  const y = props.year;
  const datesRule = { pattern: DATES, message: pick({ zh: '日期格式为YYYY-MM-DD，多个日期用空格或逗号分隔', en: 'Dates as YYYY-MM-DD, separated by spaces or commas' }) };
  const save = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const body = { year: y.year, status: v.status, holidays: v.holidays.map((h) => ({ code: h.code, name: h.name.trim(), dates: split(h.dates) })), makeupWorkdays: split(v.makeupWorkdays) };
    if ((await write.send('PUT', `/api/v1/admin/calendar/${String(y.year)}`, body, { done: { zh: `${String(y.year)}年工作日历已保存`, en: 'Calendar saved' } })) !== null) props.onClose();
  };
  return (
    <Modal open width={760} title={pick({ zh: `录入${String(y.year)}年节假日安排`, en: `Holidays of ${String(y.year)}` })} onCancel={props.onClose} onOk={() => void save()} okText={pick({ zh: '保存', en: 'Save' })} confirmLoading={write.busy}>
      <ProblemAlert problem={write.problem} />
      <Form
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ status: 'published', holidays: y.holidays.map((h) => ({ code: h.code, name: h.name, dates: h.dates.join(' ') })), makeupWorkdays: y.makeupWorkdays.join(' ') }}
      >
        <Form.Item name="status" label={pick({ zh: '状态', en: 'Status' })} extra={pick({ zh: '录入国务院办公厅通知后选择“已公布”', en: 'Choose published once the notice is entered' })}>
          <Select options={[{ value: 'published', label: pick({ zh: '已公布', en: 'Published' }) }, { value: 'provisional', label: pick({ zh: '暂定', en: 'Provisional' }) }]} />
        </Form.Item>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" className="zt-calendar-line">
                  <Form.Item name={[f.name, 'code']} label={pick({ zh: '节日', en: 'Festival' })} rules={[{ required: true }]}>
                    <Select className="zt-filter" options={FESTIVAL_CODES.map((c) => ({ value: c, label: pick(FESTIVAL_NAMES[c]) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} label={pick({ zh: '通知名称', en: 'Name' })} rules={[{ required: true, whitespace: true, max: 20 }]}>
                    <Input maxLength={20} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dates']} label={pick({ zh: '放假日期', en: 'Days off' })} rules={[{ required: true }, datesRule]} className="zt-calendar-dates">
                    <Input.TextArea rows={2} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={pick({ zh: '删除', en: 'Remove' })} onClick={() => remove(f.name)} className="zt-calendar-remove" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: undefined, name: '', dates: '' })} className="zt-card">
                {pick({ zh: '添加节日', en: 'Add a festival' })}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="makeupWorkdays" label={pick({ zh: '调休上班日', en: 'Make-up working days' })} rules={[datesRule]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
