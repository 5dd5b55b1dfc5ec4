// 工作台: the user's queues with their counts, the clock warnings first-class, and the selected queue's cases.
import { useQueries } from '@tanstack/react-query';
import { Badge, Card, Col, Row, Statistic, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { get } from '../api/client.js';
import type { CasePage, Me } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { navigate, workbenchPath } from '../app/router.js';
import { Watermark } from '../common/watermark.js';
import { QueueCases } from './queue-cases.js';
import { listPath, queuesFor, totalText, type Queue } from './queues.js';

// Counts are the API's totals (withTotal=1, capped at 10,000) with a one-row page: nothing else is decrypted.
const COUNT_PAGE = 1;

export default function WorkbenchPage(props: { me: Me; queueKey: string | null }): ReactNode {
  const { t, pick } = useI18n();
  const queues = queuesFor(props.me.roles);
  const counts = useQueries({
    queries: queues.map((q) => ({ queryKey: ['count', q.key, q.filter], queryFn: () => get<CasePage>(listPath(q.filter, COUNT_PAGE, null, true)) })),
  });
  const countOf = (q: Queue): string => totalText(counts[queues.indexOf(q)]?.data);
  const selected = queues.find((q) => q.key === props.queueKey) ?? queues[0];
  const todo = queues.filter((q) => q.group === 'todo');
  const summary: readonly { label: string; queue: Queue | undefined; tone: string }[] = [
    ...todo.slice(0, 2).map((q) => ({ label: pick(q.label), queue: q, tone: 'blue' })),
    { label: t('overdue'), queue: queues.find((q) => q.key === 'overdue'), tone: 'red' },
    { label: pick({ zh: '即将到期', en: 'Due soon' }), queue: queues.find((q) => q.key === 'due_soon'), tone: 'amber' },
  ];
  if (selected === undefined) return null;
  return (
    <div className="zt-workbench">
      {/* The queues show case titles: the same watermark as a case. */}
      <Watermark me={props.me} />
      <Typography.Title level={4} className="zt-page-title">
        {t('workbench')}
      </Typography.Title>
      <Row gutter={[16, 16]} className="zt-summary">
        {summary.map((s) =>
          s.queue === undefined ? null : (
            <Col key={s.queue.key} xs={12} md={6}>
              <Card size="small" hoverable className={`zt-stat zt-stat-${s.tone}`} onClick={() => s.queue && navigate(workbenchPath(s.queue.key))}>
                <Statistic title={s.label} value={countOf(s.queue)} suffix={t('queueCount')} />
              </Card>
            </Col>
          ),
        )}
      </Row>
      <Card className="zt-queue-card">
        <Tabs
          activeKey={selected.key}
          onChange={(key) => navigate(workbenchPath(key))}
          items={queues.map((q) => ({
            key: q.key,
            label: (
              <span data-queue={q.key}>
                {pick(q.label)} <Badge count={countOf(q)} showZero color={q.group === 'warning' ? (q.key === 'overdue' ? '#cf1322' : '#d48806') : '#1f4e9c'} overflowCount={99999} />
              </span>
            ),
          }))}
        />
        <QueueCases key={selected.key} queue={selected} roles={props.me.roles} />
      </Card>
    </div>
  );
}
