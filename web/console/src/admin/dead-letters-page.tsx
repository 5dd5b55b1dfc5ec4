// 死信 (sysadmin, DESIGN §5, §7.3): outbound messages the relay gave up on, as metadata only — id, kind,
// case number, attempts, error class and times. The payload and recipient never reach this screen.
// "Send again" hands one back to the relay (at least once: the recipient may get it twice).
import { Alert, Button, Card, Popconfirm, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { isOutboxKind, OUTBOX_KIND_LABELS } from '../../../../src/domain/outbox-kinds.js';
import { useI18n } from '../app/i18n.js';
import { LoadMore, useCursorList } from '../common/cursor-list.js';
import { formatDateTime } from '../common/format.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

interface DeadLetter {
  readonly id: number;
  readonly kind: string;
  readonly caseNumber: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deadAt: string;
}

const KEY = ['admin', 'dead-letters'] as const;

export default function DeadLettersPage(): ReactNode {
  const { pick, lang } = useI18n();
  const write = useAdminWrite([KEY]);
  const { list, rows } = useCursorList<DeadLetter>(KEY, '/api/v1/admin/dead-letters', 50);
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '死信', en: 'Dead letters' }} keeper={KEEPERS.sysadmin} />
      <Alert
        className="zt-card"
        type="info"
        showIcon
        title={pick({ zh: '仅显示投递元数据', en: 'Delivery metadata only' })}
        description={pick({ zh: '为保护反映人信息，此处不显示消息内容和收件人。请根据错误类别排查通道配置后再重新投递；重新投递可能导致对方重复收到。', en: 'To protect reporters, message content and recipients are not shown. Fix the channel from the error class, then send again; the recipient may receive it twice.' })}
      />
      <ProblemAlert problem={write.problem ?? list.error} onClose={write.clear} />
      <Card>
        <Table<DeadLetter>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: pick({ zh: '暂无死信', en: 'No dead letters' }) }}
          onRow={(d) => ({ className: 'zt-dead-letter', 'data-dead-letter': String(d.id) })}
          columns={[
            { title: pick({ zh: '编号', en: 'Id' }), dataIndex: 'id', width: 80 },
            {
              title: pick({ zh: '类别', en: 'Kind' }),
              dataIndex: 'kind',
              // The code stays beside the words: it is what the logs and the runbook name. A kind this
              // build does not know shows as its code alone.
              render: (k: string) => (
                <>
                  {isOutboxKind(k) ? <span className="zt-dead-letter-kind">{pick(OUTBOX_KIND_LABELS[k])} </span> : null}
                  <Typography.Text type="secondary" code>{k}</Typography.Text>
                </>
              ),
            },
            { title: pick({ zh: '受理编号', en: 'Case no.' }), dataIndex: 'caseNumber', width: 150, render: (v: string | null) => v ?? '—' },
            { title: pick({ zh: '尝试次数', en: 'Attempts' }), dataIndex: 'attempts', width: 90 },
            { title: pick({ zh: '错误类别', en: 'Error class' }), dataIndex: 'lastError', width: 200, render: (v: string | null) => (v === null ? '—' : <Typography.Text code>{v}</Typography.Text>) },
            { title: pick({ zh: '创建时间', en: 'Created' }), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v, lang) },
            { title: pick({ zh: '失败时间', en: 'Failed' }), dataIndex: 'deadAt', width: 150, render: (v: string) => formatDateTime(v, lang) },
            {
              title: pick({ zh: '操作', en: 'Actions' }),
              key: 'retry',
              width: 100,
              render: (_: unknown, d) => (
                <Popconfirm title={pick({ zh: '重新投递此消息？', en: 'Send this again?' })} onConfirm={() => void write.send('POST', `/api/v1/admin/dead-letters/${String(d.id)}/retry`, undefined, { done: { zh: '已重新加入投递队列', en: 'Queued again' } })}>
                  <Button type="link" size="small">{pick({ zh: '重新投递', en: 'Send again' })}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <LoadMore list={list} />
      </Card>
    </div>
  );
}
