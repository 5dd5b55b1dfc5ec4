// The header's bell: the user's unread notifications, polled in the background (the poll does not keep
// an idle session alive), each linking to its case; opening one marks it read.
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import type { ReactNode } from 'react';
import { BACKGROUND, request, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { formatDateTime } from '../common/format.js';
import { useI18n } from './i18n.js';
import { casePath, navigate } from './router.js';

interface Notification {
  readonly id: string;
  readonly kind: string;
  readonly label: Bilingual;
  readonly caseNumber: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

interface NotificationPage {
  readonly items: readonly Notification[];
  readonly unreadCount: number;
}

const POLL_MS = 60_000;

export function NotificationBell(): ReactNode {
  const { pick, lang } = useI18n();
  const queryClient = useQueryClient();
  const query = useQuery<NotificationPage, ApiError>({
    queryKey: ['notifications'],
    queryFn: async () => (await request<NotificationPage>('GET', '/api/v1/notifications?unread=true&limit=10', undefined, BACKGROUND)).body,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  const open = async (n: Notification): Promise<void> => {
    await request('POST', '/api/v1/notifications/read', { ids: [n.id] }).catch(() => undefined);
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    if (n.caseNumber !== null) navigate(casePath(n.caseNumber));
  };
  const items = query.data?.items ?? [];
  const content = (
    <List
      className="zt-notifications"
      size="small"
      dataSource={[...items]}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pick({ zh: '没有未读通知', en: 'No unread notifications' })} /> }}
      renderItem={(n) => (
        <List.Item className="zt-clickable" onClick={() => void open(n)}>
          <List.Item.Meta title={pick(n.label)} description={<Typography.Text type="secondary" className="zt-small">{[n.caseNumber, formatDateTime(n.createdAt, lang)].filter((x) => x !== null).join(' · ')}</Typography.Text>} />
        </List.Item>
      )}
    />
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={pick({ zh: '未读通知', en: 'Unread notifications' })} content={content}>
      <Button type="text" className="zt-on-dark" aria-label={pick({ zh: '通知', en: 'Notifications' })} data-testid="notifications">
        <Badge count={query.data?.unreadCount ?? 0} size="small" overflowCount={99}>
          <BellOutlined className="zt-bell" />
        </Badge>
      </Button>
    </Popover>
  );
}
