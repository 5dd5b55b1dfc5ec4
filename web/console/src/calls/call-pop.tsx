// 来电弹屏: when a call rings at the clerk's seat, the caller's number, their earlier cases and calls with
// their stages, a repeat-caller warning, and one click to a registration form filled from the call. Polled
// in the background (a poll does not keep an idle session alive); the caller's number stays in memory.
import { PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { BACKGROUND, request, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { casePath, navigate, registerPath } from '../app/router.js';
import { formatDateTime } from '../common/format.js';
import { typeLabel } from '../common/labels.js';
import { prefillRegistration } from '../intake/register-prefill.js';
import { CALL_STATE_LABELS, type CallPop, type CurrentCalls } from './call-types.js';

/** A ringing phone is answered within seconds: the pop must be there before the clerk picks up. */
const POLL_MS = 3_000;

function duration(sec: number | null): string {
  if (sec === null) return '—';
  return `${String(Math.floor(sec / 60))}:${String(sec % 60).padStart(2, '0')}`;
}

function CallCard(props: { call: CallPop; onClose: () => void }): ReactNode {
  const { pick, lang } = useI18n();
  const c = props.call;
  const register = (): void => {
    prefillRegistration(c.register);
    navigate(registerPath(c.callId));
  };
  const open = (caseNumber: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(casePath(caseNumber));
  };
  return (
    <Card
      size="small"
      className="zt-call-card"
      data-testid="call-pop"
      title={
        <Space>
          <PhoneOutlined />
          <span data-testid="call-pop-number">{c.callerNumber ?? pick({ zh: '未显示号码', en: 'Number withheld' })}</span>
          <Tag color={c.state === 'ringing' ? 'orange' : 'green'}>{pick(CALL_STATE_LABELS[c.state])}</Tag>
        </Space>
      }
      extra={<Button size="small" type="text" onClick={props.onClose}>{pick({ zh: '收起', en: 'Hide' })}</Button>}
    >
      <Typography.Text type="secondary" className="zt-small">
        {pick({ zh: '来电时间', en: 'Called at' })} {formatDateTime(c.startedAt, lang)}
        {c.line === null ? '' : ` · ${pick({ zh: '呼入线路', en: 'Line' })} ${c.line}`}
      </Typography.Text>
      {c.repeatCaller ? (
        <Alert className="zt-call-alert" type="warning" showIcon data-testid="call-pop-repeat" title={pick({ zh: '重复来电：该号码近30日多次来电或有未办结的反映，请先查看以往记录。', en: 'Repeat caller: several calls in 30 days or an open case; check the history first.' })} />
      ) : null}
      <Typography.Title level={5} className="zt-call-heading">{pick({ zh: '以往反映', en: 'Earlier cases' })}</Typography.Title>
      {c.history.cases.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pick({ zh: '该号码没有以往反映', en: 'No earlier cases from this number' })} />
      ) : (
        <Table
          size="small"
          rowKey="caseNumber"
          pagination={false}
          dataSource={[...c.history.cases]}
          data-testid="call-pop-cases"
          columns={[
            { title: pick({ zh: '受理编号', en: 'Number' }), dataIndex: 'caseNumber', render: (n: string) => <a href={casePath(n)} onClick={open(n)}>{n}</a> },
            { title: pick({ zh: '类别', en: 'Type' }), dataIndex: 'type', render: (t: string) => pick(typeLabel(t)) },
            { title: pick({ zh: '办理阶段', en: 'Stage' }), key: 'stage', render: (_: unknown, r: CallPop['history']['cases'][number]) => pick(r.stateLabel) },
            { title: pick({ zh: '受理时间', en: 'Received' }), dataIndex: 'receivedAt', render: (at: string) => formatDateTime(at, lang) },
          ]}
        />
      )}
      {c.history.calls.length === 0 ? null : (
        <>
          <Typography.Title level={5} className="zt-call-heading">{pick({ zh: '以往来电', en: 'Earlier calls' })}</Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.callId ?? ''}${r.startedAt ?? ''}`}
            pagination={false}
            dataSource={[...c.history.calls]}
            data-testid="call-pop-calls"
            columns={[
              { title: pick({ zh: '时间', en: 'When' }), dataIndex: 'startedAt', render: (at: string | null) => formatDateTime(at, lang) },
              { title: pick({ zh: '时长', en: 'Length' }), dataIndex: 'durationSec', render: (s: number | null) => duration(s) },
              { title: pick({ zh: '登记为', en: 'Registered as' }), dataIndex: 'caseNumber', render: (n: string | null) => (n === null ? '—' : <a href={casePath(n)} onClick={open(n)}>{n}</a>) },
            ]}
          />
        </>
      )}
      <Button type="primary" block className="zt-call-register" onClick={register} data-testid="call-pop-register">
        {pick({ zh: '登记此来电', en: 'Register this call' })}
      </Button>
    </Card>
  );
}

export function CallPopups(): ReactNode {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const query = useQuery<CurrentCalls, ApiError>({
    queryKey: ['calls-current'],
    queryFn: async () => (await request<CurrentCalls>('GET', '/api/v1/calls/current', undefined, BACKGROUND)).body,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
    retry: false,
  });
  const calls = (query.data?.calls ?? []).filter((c) => !hidden.has(c.callId));
  if (calls.length === 0) return null;
  return (
    <div className="zt-call-pops" role="region" aria-live="assertive">
      {calls.map((c) => (
        <CallCard key={c.callId} call={c} onClose={() => setHidden(new Set([...hidden, c.callId]))} />
      ))}
    </div>
  );
}
