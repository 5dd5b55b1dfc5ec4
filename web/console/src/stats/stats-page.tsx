// 统计分析 (issue 4): the bureau's figures for a period from GET /api/v1/stats — volume over time and by
// dimension, overdue work by unit, the rates, follow-up satisfaction. Every number that the list API can
// filter by links to the 工作台's list of those cases. Lazy-loaded: ECharts stays out of the first load.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, Result, Row, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { filteredListPath, navigate } from '../app/router.js';
import { barsOption, linesOption, pieOption, ratesOption, type Bar } from './chart-options.js';
import { CallStatsCard } from '../calls/call-stats-card.js';
import { EChart } from './echart.js';
import { ExportButton } from './export-button.js';
import { codeText, DIMENSION_FILTER, DIMENSION_LABELS, outcomeText, RATE_LABELS, reasonText } from './stat-labels.js';
import { RATE_NAMES, SERIES_DIMENSIONS, type Counts, type SeriesDimension, type Stats } from './stats-types.js';
import './stats.css';

const FMT = 'YYYY-MM-DD';
const TOP_LINES = 6;

function percent(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** The code of a clicked bar: the chart draws the list bottom-up (barsOption). */
function barAt(shown: readonly Bar[], dataIndex: number): string {
  return shown[shown.length - 1 - dataIndex]?.key ?? 'none';
}

function linkable(dimension: SeriesDimension, code: string): boolean {
  return code !== 'none' && (dimension !== 'unit' || /^[0-9a-f-]{36}$/u.test(code));
}

export default function StatsPage(_props: { me: Me }): ReactNode {
  const { pick } = useI18n();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs()]);
  const [dimension, setDimension] = useState<SeriesDimension>('channel');
  const from = range[0].format(FMT);
  const to = range[1].format(FMT);
  const stats = useQuery<Stats, ApiError>({ queryKey: ['stats', from, to], queryFn: () => get<Stats>(`/api/v1/stats?from=${from}&to=${to}`) });
  const s = stats.data;

  const bars = useMemo((): Bar[] => {
    if (s === undefined) return [];
    const counts: Counts = s.by[dimension];
    return Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([key, value]) => ({ key, value, label: pick(codeText(dimension, key, s.unitNames)) }));
  }, [s, dimension, pick]);

  // Registrations are counted over the period, so their list is limited to it too: the list then holds
  // exactly the number clicked. Overdue work is today's, whenever registered, so its list is not.
  const period = { registeredFrom: from, registeredTo: to };
  const drillPath = (dim: SeriesDimension, code: string): string => filteredListPath({ [DIMENSION_FILTER[dim]]: code, ...period });
  const drill = (dim: SeriesDimension, code: string): void => {
    if (linkable(dim, code)) navigate(drillPath(dim, code));
  };
  const presets: { label: string; range: [Dayjs, Dayjs] }[] = [
    { label: pick({ zh: '本月', en: 'This month' }), range: [dayjs().startOf('month'), dayjs()] },
    { label: pick({ zh: '上月', en: 'Last month' }), range: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
    { label: pick({ zh: '本年', en: 'This year' }), range: [dayjs().startOf('year'), dayjs()] },
    { label: pick({ zh: '近12个月', en: 'Last 12 months' }), range: [dayjs().subtract(11, 'month').startOf('month'), dayjs()] },
  ];

  const header = (
    <Space wrap className="zt-stats-filter">
      <DatePicker.RangePicker
        allowClear={false}
        value={range}
        onChange={(v) => {
          if (v?.[0] && v[1]) setRange([v[0], v[1]]);
        }}
        aria-label={pick({ zh: '统计期间', en: 'Period' })}
      />
      {presets.map((p) => (
        <Button key={p.label} onClick={() => setRange(p.range)}>
          {p.label}
        </Button>
      ))}
      {s === undefined ? null : <ExportButton from={from} to={to} />}
    </Space>
  );

  let body: ReactNode;
  if (stats.isPending) body = <Spin size="large" className="zt-page-spin" />;
  else if (stats.error) body = <Result status={stats.error.status === 403 ? '403' : 'error'} title={stats.error.title} subTitle={stats.error.detail} />;
  else if (s !== undefined) {
    const lines = [
      { label: pick({ zh: '登记总量', en: 'All registrations' }), values: s.series.total },
      ...Object.entries(s.series.by[dimension])
        .map(([key, values]) => ({ key, values, sum: values.reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.sum - a.sum)
        .slice(0, TOP_LINES)
        .map((l) => ({ label: pick(codeText(dimension, l.key, s.unitNames)), values: l.values })),
    ];
    const overdueBars: Bar[] = Object.entries(s.overdueByUnit)
      .sort((a, b) => b[1] - a[1])
      .map(([key, value]) => ({ key, value, label: pick(codeText('unit', key, s.unitNames)) }));
    const outcomes: Bar[] = Object.entries(s.followUps.outcomes).map(([key, value]) => ({ key, value, label: pick(outcomeText(key)) }));
    const reasons: Bar[] = Object.entries(s.followUps.reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([key, value]) => ({ key, value, label: pick(reasonText(key)) }));
    const rates = RATE_NAMES.map((name) => {
      const r = s.rates[name];
      return { name, label: pick(RATE_LABELS[name]), value: r.value, text: `${percent(r.value)}（${String(r.numerator)}/${String(r.denominator)}）` };
    });
    body = (
      <>
        <Row gutter={[16, 16]} className="zt-summary">
          <Col xs={12} md={6} xl={3}>
            <Card size="small" hoverable className="zt-stat" onClick={() => navigate(filteredListPath(period))} data-testid="stat-total">
              <Statistic title={pick({ zh: '登记总量', en: 'Registered' })} value={s.total} suffix={pick({ zh: '件', en: '' })} />
            </Card>
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Card size="small" hoverable className="zt-stat zt-stat-red" onClick={() => navigate(filteredListPath({ light: 'red' }))} data-testid="stat-overdue">
              <Statistic title={pick({ zh: '当前逾期', en: 'Overdue now' })} value={s.overdue} suffix={pick({ zh: '件', en: '' })} />
            </Card>
          </Col>
          {rates.slice(0, 6).map((r) => (
            <Col key={r.name} xs={12} md={6} xl={3}>
              <Card size="small" className="zt-stat" data-rate={r.name}>
                <Statistic title={r.label} value={percent(r.value)} />
                <Typography.Text type="secondary" className="zt-small">
                  {String(s.rates[r.name].numerator)} / {String(s.rates[r.name].denominator)}
                </Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
        <Card
          className="zt-card"
          title={pick({ zh: '登记量趋势', en: 'Registrations over time' })}
          extra={<Segmented value={dimension} onChange={(v) => setDimension(v)} options={SERIES_DIMENSIONS.map((d) => ({ value: d, label: pick(DIMENSION_LABELS[d]) }))} />}
        >
          <EChart option={linesOption(s.series.periods, lines, s.series.bucket)} height={300} testId="chart-trend" />
        </Card>
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card className="zt-card" title={`${pick({ zh: '按', en: 'By ' })}${pick(DIMENSION_LABELS[dimension])}${pick({ zh: '统计', en: '' })}`}>
              {bars.length === 0 ? <Empty /> : <EChart option={barsOption(bars.slice(0, 12))} height={Math.max(160, Math.min(bars.length, 12) * 30)} onClick={(e) => drill(dimension, barAt(bars.slice(0, 12), e.dataIndex))} testId="chart-dimension" />}
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={bars}
                columns={[
                  { title: pick(DIMENSION_LABELS[dimension]), dataIndex: 'label' },
                  {
                    title: pick({ zh: '件数', en: 'Cases' }),
                    dataIndex: 'value',
                    align: 'right',
                    render: (v: number, b: Bar) =>
                      linkable(dimension, b.key) ? (
                        <a href={drillPath(dimension, b.key)} onClick={(e) => { e.preventDefault(); drill(dimension, b.key); }} data-drill={`${dimension}:${b.key}`}>
                          {v}
                        </a>
                      ) : (
                        v
                      ),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card className="zt-card" title={pick({ zh: '逾期件数（按承办单位）', en: 'Overdue by unit' })}>
              {overdueBars.length === 0 ? <Empty description={pick({ zh: '当前没有逾期案件', en: 'Nothing is overdue' })} /> : <EChart option={barsOption(overdueBars, '#c8161d')} height={Math.max(160, overdueBars.length * 30)} onClick={(e) => { const key = barAt(overdueBars, e.dataIndex); if (linkable('unit', key)) navigate(filteredListPath({ unit: key, light: 'red' })); }} testId="chart-overdue" />}
            </Card>
            <Card className="zt-card" title={pick({ zh: '办理质效指标', en: 'Rates' })}>
              <EChart option={ratesOption(rates)} height={240} testId="chart-rates" />
            </Card>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card className="zt-card" title={pick({ zh: '回访满意度', en: 'Follow-up satisfaction' })}>
              {outcomes.length === 0 ? <Empty /> : <EChart option={pieOption(outcomes)} height={260} testId="chart-satisfaction" />}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card className="zt-card" title={pick({ zh: '不满意原因', en: 'Reasons for dissatisfaction' })}>
              {reasons.length === 0 ? <Empty /> : <EChart option={barsOption(reasons, '#d48806')} height={Math.max(160, reasons.length * 30)} />}
            </Card>
          </Col>
        </Row>
        <CallStatsCard from={from} to={to} />
      </>
    );
  }
  return (
    <div className="zt-stats">
      <Typography.Title level={4} className="zt-page-title">
        {pick({ zh: '统计分析', en: 'Statistics' })}
      </Typography.Title>
      {header}
      <Alert className="zt-stats-note" type="info" showIcon title={pick({ zh: '统计范围为您有权查看的案件；点击件数可查看统计期间内登记的对应案件清单（当前逾期清单不限登记日期）。', en: 'Figures cover the cases you may see; click a number for the list of those cases registered in the period (the overdue list is not limited to it).' })} />
      {body}
    </div>
  );
}
