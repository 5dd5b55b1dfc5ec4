// 异常访问 (auditor, DESIGN §7.3): insiders browsing — bursts of case reads against the reader's own
// baseline, break-glass reveals of a reporter, reads outside working hours, and many "not found" answers.
// Reading it is audited like the log.
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { auditPath, navigate } from '../app/router.js';
import { formatDateTime } from '../common/format.js';
import { AdminTitle, KEEPERS, ProblemAlert } from './admin-write.js';

interface Person {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unitName: string;
}

interface Unusual {
  readonly from: string;
  readonly to: string;
  readonly bursts: readonly { user: Person; hour: string; reads: number; baseline: number }[];
  readonly breakGlass: readonly { seq: number; at: string; user: Person | null; caseNumber: string | null; reason: string | null }[];
  readonly offHours: readonly { user: Person; reads: number; first: string; last: string }[];
  readonly misses: readonly { user: Person; count: number }[];
}

const who = (p: Person | null): string => (p === null ? '—' : `${p.displayName}（${p.username}，${p.unitName}）`);

export default function UnusualAccessPage(): ReactNode {
  const { pick, lang } = useI18n();
  const [days, setDays] = useState(1);
  const q = useQuery<Unusual, ApiError>({
    queryKey: ['admin', 'unusual', days],
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - days * 86_400_000);
      return get(`/api/v1/admin/audit/unusual?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
    },
  });
  const d = q.data;
  const empty = { emptyText: pick({ zh: '未发现', en: 'None found' }) };
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '异常访问', en: 'Unusual access' }} keeper={KEEPERS.auditor} />
      <Card className="zt-card">
        <Segmented<number> value={days} onChange={setDays} options={[{ value: 1, label: pick({ zh: '最近24小时', en: 'Last 24 hours' }) }, { value: 7, label: pick({ zh: '最近7天', en: 'Last 7 days' }) }, { value: 31, label: pick({ zh: '最近31天', en: 'Last 31 days' }) }]} />
        {d === undefined ? null : <Typography.Text type="secondary" className="zt-admin-window">{`${formatDateTime(d.from, lang)} — ${formatDateTime(d.to, lang)}`}</Typography.Text>}
      </Card>
      <ProblemAlert problem={q.error} />
      <Card className="zt-card" title={pick({ zh: '破例查看反映人', en: 'Break-glass reveals' })}>
        <Table size="small" rowKey="seq" loading={q.isPending} pagination={false} locale={empty} dataSource={d?.breakGlass ?? []} columns={[
          { title: pick({ zh: '时间', en: 'Time' }), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v, lang) },
          { title: pick({ zh: '人员', en: 'User' }), dataIndex: 'user', render: who },
          { title: pick({ zh: '受理编号', en: 'Case no.' }), dataIndex: 'caseNumber', width: 150, render: (v: string | null) => (v === null ? '—' : <a href={auditPath(v)} onClick={(e) => { e.preventDefault(); navigate(auditPath(v)); }}>{v}</a>) },
          { title: pick({ zh: '理由', en: 'Reason' }), dataIndex: 'reason', render: (v: string | null) => <span className="zt-prewrap">{v ?? '—'}</span> },
        ]} />
      </Card>
      <Card className="zt-card" title={pick({ zh: '短时大量查阅', en: 'Bursts of reads' })}>
        <Table size="small" rowKey={(r) => `${r.user.id} ${r.hour}`} loading={q.isPending} pagination={false} locale={empty} dataSource={d?.bursts ?? []} columns={[
          { title: pick({ zh: '人员', en: 'User' }), dataIndex: 'user', render: who },
          { title: pick({ zh: '时段', en: 'Hour' }), dataIndex: 'hour', width: 150, render: (v: string) => formatDateTime(v, lang) },
          { title: pick({ zh: '查阅次数', en: 'Reads' }), dataIndex: 'reads', width: 100 },
          { title: pick({ zh: '平时每小时', en: 'Usual per hour' }), dataIndex: 'baseline', width: 120, render: (v: number) => v.toFixed(1) },
        ]} />
      </Card>
      <Card className="zt-card" title={pick({ zh: '工作时间外查阅', en: 'Reads outside working hours' })}>
        <Table size="small" rowKey={(r) => r.user.id} loading={q.isPending} pagination={false} locale={empty} dataSource={d?.offHours ?? []} columns={[
          { title: pick({ zh: '人员', en: 'User' }), dataIndex: 'user', render: who },
          { title: pick({ zh: '查阅次数', en: 'Reads' }), dataIndex: 'reads', width: 100 },
          { title: pick({ zh: '最早', en: 'First' }), dataIndex: 'first', width: 150, render: (v: string) => formatDateTime(v, lang) },
          { title: pick({ zh: '最晚', en: 'Last' }), dataIndex: 'last', width: 150, render: (v: string) => formatDateTime(v, lang) },
        ]} />
      </Card>
      <Card className="zt-card" title={pick({ zh: '频繁访问不存在的案件', en: 'Many "not found" answers' })}>
        <Table size="small" rowKey={(r) => r.user.id} loading={q.isPending} pagination={false} locale={empty} dataSource={d?.misses ?? []} columns={[
          { title: pick({ zh: '人员', en: 'User' }), dataIndex: 'user', render: who },
          { title: pick({ zh: '次数', en: 'Count' }), dataIndex: 'count', width: 100 },
        ]} />
      </Card>
    </div>
  );
}
