// 工作日历 (sysadmin, DESIGN §4): the business calendar per year — statutory holidays and make-up working
// days (调休). A year without the State Council notice is computed by rule and provisional: a banner says
// so for next year, and the notice is entered here when it is published.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { FESTIVAL_NAMES, type FestivalCode } from '../../../../src/domain/calendar/year-calendar.js';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDate, formatDateTime } from '../common/format.js';
import { sourceLabel } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert } from './admin-write.js';
import { CalendarYearDialog, type YearDefinition } from './calendar-year-dialog.js';

interface YearItem {
  readonly year: number;
  readonly status: 'published' | 'provisional';
  readonly source: string;
  readonly holidayDays: number;
  readonly makeupWorkdays: number;
  readonly updatedAt: string | null;
}

export const CALENDAR_KEY = ['admin', 'calendar'] as const;

const STATUS_LABELS: Readonly<Record<YearItem['status'], Bilingual>> = { published: { zh: '已公布', en: 'Published' }, provisional: { zh: '暂定（按规则推算）', en: 'Provisional (by rule)' } };

export default function CalendarPage(): ReactNode {
  const { pick, lang } = useI18n();
  const years = useQuery<{ items: YearItem[] }, ApiError>({ queryKey: CALENDAR_KEY, queryFn: () => get('/api/v1/admin/calendar') });
  const thisYear = dayjs().year();
  const [chosen, setChosen] = useState<number>(thisYear);
  const year = useQuery<YearDefinition, ApiError>({ queryKey: [...CALENDAR_KEY, chosen], queryFn: () => get(`/api/v1/admin/calendar/${String(chosen)}`) });
  const [editing, setEditing] = useState(false);
  const items = years.data?.items ?? [];
  const next = items.find((y) => y.year === thisYear + 1);
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '工作日历', en: 'Business calendar' }} keeper={KEEPERS.sysadmin} />
      {next?.status === 'provisional' ? (
        <Alert
          className="zt-card"
          type="warning"
          showIcon
          data-testid="calendar-provisional"
          title={pick({ zh: `${String(next.year)}年工作日历为暂定日历`, en: `The ${String(next.year)} calendar is provisional` })}
          description={pick({
            zh: `${String(next.year)}年节假日安排尚未录入国务院办公厅通知，目前按规则推算（固定节日及农历节日），调休补班无法推算。据此计算的办理期限将标注“暂定”。通知公布后请及时录入。`,
            en: `The State Council notice for ${String(next.year)} has not been entered: holidays are computed by rule (fixed dates and lunar festivals) and make-up working days are unknown. Deadlines computed on these days say they are provisional. Enter the notice once it is published.`,
          })}
          action={<Button size="small" onClick={() => setChosen(next.year)}>{pick({ zh: '查看', en: 'View' })}</Button>}
        />
      ) : null}
      <ProblemAlert problem={years.error ?? year.error} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title={pick({ zh: '年度', en: 'Years' })} className="zt-card">
            <Table<YearItem>
              rowKey="year"
              size="small"
              loading={years.isPending}
              dataSource={items}
              pagination={false}
              onRow={(y) => ({ className: y.year === chosen ? 'zt-clickable ant-table-row-selected' : 'zt-clickable', onClick: () => setChosen(y.year), 'data-year': String(y.year) })}
              columns={[
                { title: pick({ zh: '年份', en: 'Year' }), dataIndex: 'year', width: 70 },
                { title: pick({ zh: '状态', en: 'Status' }), dataIndex: 'status', render: (s: YearItem['status']) => <Tag color={s === 'published' ? 'green' : 'gold'}>{pick(STATUS_LABELS[s])}</Tag> },
                { title: pick({ zh: '假日/补班', en: 'Off / make-up' }), key: 'n', width: 100, render: (_: unknown, y) => `${String(y.holidayDays)} / ${String(y.makeupWorkdays)}` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card
            className="zt-card"
            title={pick({ zh: `${String(chosen)}年节假日安排`, en: `Holidays of ${String(chosen)}` })}
            extra={
              <Space>
                <Select className="zt-filter" value={chosen} onChange={setChosen} options={items.map((y) => ({ value: y.year, label: String(y.year) }))} />
                <Button type="primary" disabled={year.data === undefined} onClick={() => setEditing(true)} data-testid="calendar-edit">{pick({ zh: '录入/修改', en: 'Enter or edit' })}</Button>
              </Space>
            }
          >
            {year.data === undefined ? null : (
              <>
                <Descriptions size="small" column={2} className="zt-card">
                  <Descriptions.Item label={pick({ zh: '状态', en: 'Status' })}>{pick(STATUS_LABELS[year.data.status])}</Descriptions.Item>
                  <Descriptions.Item label={pick({ zh: '来源', en: 'Source' })}>{pick(sourceLabel(year.data.source))}</Descriptions.Item>
                  <Descriptions.Item label={pick({ zh: '更新时间', en: 'Updated' })}>{formatDateTime(items.find((y) => y.year === chosen)?.updatedAt ?? null, lang)}</Descriptions.Item>
                </Descriptions>
                <Table
                  rowKey="code"
                  size="small"
                  pagination={false}
                  dataSource={year.data.holidays}
                  columns={[
                    { title: pick({ zh: '节日', en: 'Festival' }), dataIndex: 'code', width: 130, render: (c: FestivalCode) => pick(FESTIVAL_NAMES[c]) },
                    { title: pick({ zh: '通知名称', en: 'As the notice says' }), dataIndex: 'name', width: 140 },
                    { title: pick({ zh: '放假日期', en: 'Days off' }), dataIndex: 'dates', render: (d: string[]) => d.map((x) => formatDate(x, lang)).join('、') },
                  ]}
                />
                <Typography.Paragraph className="zt-admin-hint">
                  {pick({ zh: '调休上班日：', en: 'Make-up working days: ' })}
                  {year.data.makeupWorkdays.length === 0 ? pick({ zh: '无', en: 'none' }) : year.data.makeupWorkdays.map((x) => formatDate(x, lang)).join('、')}
                </Typography.Paragraph>
              </>
            )}
          </Card>
        </Col>
      </Row>
      {editing && year.data !== undefined ? <CalendarYearDialog year={year.data} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
