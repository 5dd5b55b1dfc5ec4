// 来件箱: e-mail, WeChat, SMS and voicemail waiting for a clerk (GET /api/v1/intake/items), by status
// and channel; an item opens in its own view to be registered or marked invalid.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { INBOX_CHANNELS } from '../../../../src/domain/channels.js';
import { INTAKE_STATUSES, INTAKE_STATUS_LABELS } from '../../../../src/domain/intake.js';
import { get, type ApiError } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { inboxPath, navigate } from '../app/router.js';
import { LoadMore } from '../common/cursor-list.js';
import { formatDateTime } from '../common/format.js';
import { channelLabel } from '../common/labels.js';
import { Watermark } from '../common/watermark.js';
import { ListenByTag } from '../calls/listen-by.js';
import { FloodTag, InboxItemView } from './inbox-item.js';
import { intakeStatusLabel, type InboxListItem, type InboxPage as Page } from './inbox-types.js';

function listPath(status: string, channel: string | undefined, cursor: string | null): string {
  const p = new URLSearchParams({ status, limit: '30' });
  if (channel !== undefined) p.set('channel', channel);
  if (cursor !== null) p.set('cursor', cursor);
  return `/api/v1/intake/items?${p.toString()}`;
}

function InboxList(): ReactNode {
  const { pick, t, lang } = useI18n();
  const [status, setStatus] = useState<string>('new');
  const [channel, setChannel] = useState<string | undefined>(undefined);
  const query = useInfiniteQuery<Page, ApiError>({
    queryKey: ['intake', status, channel],
    queryFn: ({ pageParam }) => get<Page>(listPath(status, channel, pageParam as string | null)),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (id: string): void => navigate(inboxPath(id));
  return (
    <Card
      title={pick({ zh: '来件列表', en: 'Items' })}
      extra={
        <Space>
          <Select className="zt-filter" value={status} onChange={setStatus} options={INTAKE_STATUSES.map((s) => ({ value: s, label: pick(INTAKE_STATUS_LABELS[s]) }))} aria-label={pick({ zh: '状态', en: 'Status' })} />
          <Select className="zt-filter" allowClear placeholder={pick({ zh: '全部渠道', en: 'All channels' })} value={channel} onChange={setChannel} options={INBOX_CHANNELS.map((c) => ({ value: c, label: pick(channelLabel(c)) }))} aria-label={t('channel')} />
        </Space>
      }
    >
      {query.error ? <Alert type="error" showIcon title={query.error.title} description={query.error.detail} /> : null}
      <Table<InboxListItem>
        rowKey="id"
        size="middle"
        loading={query.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: pick({ zh: '暂无来件', en: 'No items' }) }}
        onRow={(r) => ({ onClick: () => open(r.id), className: 'zt-clickable', 'data-item': r.id })}
        columns={[
          { title: t('channel'), dataIndex: 'channel', width: 110, render: (c: string) => <Tag color="blue">{pick(channelLabel(c))}</Tag> },
          { title: t('receivedAt'), dataIndex: 'receivedAt', width: 150, render: (at: string) => formatDateTime(at, lang) },
          { title: pick({ zh: '来件人', en: 'From' }), dataIndex: 'contact', width: 180, render: (c: string | null) => c ?? pick({ zh: '（未显示号码）', en: '(withheld)' }) },
          {
            title: pick({ zh: '内容摘要', en: 'Preview' }),
            dataIndex: 'preview',
            render: (p: string, r) => (
              <Space size={4} wrap>
                <FloodTag item={r} />
                {r.claimsCaseNumber === null ? null : <Tag color="gold">{pick({ zh: '称涉及', en: 'Says it concerns' })} {r.claimsCaseNumber}</Tag>}
                {r.status === 'new' ? <ListenByTag listenBy={r.listenBy} listenedAt={r.listenedAt} /> : null}
                {r.earlierItems > 0 ? <Tag>{pick({ zh: `此前来件${String(r.earlierItems)}次`, en: `${String(r.earlierItems)} earlier` })}</Tag> : null}
                <Typography.Text>{p}</Typography.Text>
              </Space>
            ),
          },
          { title: pick({ zh: '附件', en: 'Files' }), dataIndex: 'attachmentCount', width: 70 },
          { title: t('state'), dataIndex: 'status', width: 110, render: (s: string) => pick(intakeStatusLabel(s)) },
        ]}
      />
      <LoadMore list={query} />
    </Card>
  );
}

export default function InboxPage(props: { me: Me; itemId: string | null }): ReactNode {
  const { pick } = useI18n();
  return (
    <div className="zt-inbox">
      <Watermark me={props.me} />
      <Typography.Title level={4} className="zt-page-title">
        {pick({ zh: '来件箱', en: 'Intake inbox' })}
      </Typography.Title>
      {props.itemId === null ? <InboxList /> : <InboxItemView key={props.itemId} itemId={props.itemId} />}
    </div>
  );
}
