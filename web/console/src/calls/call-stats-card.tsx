// 话务统计 on the statistics page: calls, answered within 15 s, lost calls, voicemail and the average
// handling time for the period, by hour of the day and by agent (GET /api/v1/stats/calls).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Spin, Statistic, Table } from 'antd';
import type { ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { EChart, type ChartOption } from '../stats/echart.js';
import type { CallStats } from './call-types.js';

function seconds(sec: number | null, pick: (b: Bilingual) => string): string {
  if (sec === null) return '—';
  const m = Math.floor(sec / 60);
  const s = Math.round(sec % 60);
  return m === 0 ? `${String(s)}${pick({ zh: '秒', en: ' s' })}` : `${String(m)}${pick({ zh: '分', en: ' min ' })}${String(s)}${pick({ zh: '秒', en: ' s' })}`;
}

function share(part: number, whole: number): string {
  return whole === 0 ? '—' : `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

function hourlyOption(s: CallStats, pick: (b: Bilingual) => string): ChartOption {
  const series = [
    { name: pick({ zh: '来电', en: 'Calls' }), values: s.byHour.map((h) => h.calls) },
    { name: pick({ zh: '15秒内接通', en: 'Answered ≤ 15 s' }), values: s.byHour.map((h) => h.answeredWithin15s) },
    { name: pick({ zh: '呼损', en: 'Lost' }), values: s.byHour.map((h) => h.lost) },
  ];
  return {
    color: ['#1f4e9c', '#389e0d', '#c8161d'],
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: s.byHour.map((h) => `${String(h.hour)}${pick({ zh: '时', en: 'h' })}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((x) => ({ type: 'bar', name: x.name, data: x.values, barMaxWidth: 14 })),
  };
}

export function CallStatsCard(props: { from: string; to: string }): ReactNode {
  const { pick } = useI18n();
  const query = useQuery<CallStats, ApiError>({ queryKey: ['call-stats', props.from, props.to], queryFn: () => get<CallStats>(`/api/v1/stats/calls?from=${props.from}&to=${props.to}`), retry: false });
  // Figures on calls belong to the hotline's managers; anyone else's 403 hides the card instead of alarming.
  if (query.error?.status === 403) return null;
  const s = query.data;
  return (
    <Card className="zt-card" title={pick({ zh: '话务统计（12389热线）', en: 'Hotline calls (12389)' })} data-testid="call-stats">
      {query.error ? <Alert type="error" showIcon title={query.error.title} description={query.error.detail} /> : null}
      {query.isPending ? <Spin /> : null}
      {s === undefined ? null : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}><Statistic title={pick({ zh: '来电总量', en: 'Calls' })} value={s.totals.calls} data-testid="call-stats-calls" /></Col>
            <Col xs={12} md={8} xl={4}><Statistic title={pick({ zh: '接通', en: 'Answered' })} value={s.totals.answered} /></Col>
            <Col xs={12} md={8} xl={4}><Statistic title={pick({ zh: '15秒接通率', en: 'Answered ≤ 15 s' })} value={share(s.totals.answeredWithin15s, s.totals.calls)} data-testid="call-stats-15s" /></Col>
            <Col xs={12} md={8} xl={4}><Statistic title={pick({ zh: '呼损', en: 'Lost calls' })} value={s.totals.lost} /></Col>
            <Col xs={12} md={8} xl={4}><Statistic title={pick({ zh: '留言', en: 'Voicemail' })} value={s.totals.voicemail} /></Col>
            <Col xs={12} md={8} xl={4}><Statistic title={pick({ zh: '平均通话时长', en: 'Average handling' })} value={seconds(s.totals.averageHandlingSec, pick)} /></Col>
          </Row>
          <EChart option={hourlyOption(s, pick)} height={260} testId="chart-calls-hourly" />
          <Table
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={[...s.byAgent]}
            data-testid="call-stats-agents"
            locale={{ emptyText: pick({ zh: '期间内无人工接听', en: 'No calls answered by agents' }) }}
            columns={[
              { title: pick({ zh: '接线员', en: 'Agent' }), dataIndex: 'displayName' },
              { title: pick({ zh: '来电', en: 'Calls' }), dataIndex: 'calls', align: 'right' },
              { title: pick({ zh: '接通', en: 'Answered' }), dataIndex: 'answered', align: 'right' },
              { title: pick({ zh: '平均通话时长', en: 'Average handling' }), dataIndex: 'averageHandlingSec', align: 'right', render: (v: number | null) => seconds(v, pick) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
