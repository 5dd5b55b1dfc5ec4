// 授权审批 (secadmin, DESIGN §1): central roles wait for a second security administrator. The requester
// may never approve their own request: the API refuses it and the refusal is shown as it says it.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';

interface UserRef {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unitName: string;
}

interface RoleRequest {
  readonly id: string;
  readonly user: UserRef;
  readonly role: string;
  readonly roleLabel: Bilingual;
  readonly status: string;
  readonly requestedBy: UserRef;
  readonly requestedAt: string;
  readonly decidedBy: UserRef | null;
  readonly decidedAt: string | null;
}

const STATUS: Readonly<Record<string, { label: Bilingual; color: string }>> = {
  pending: { label: { zh: '待审批', en: 'Pending' }, color: 'orange' },
  approved: { label: { zh: '已批准', en: 'Approved' }, color: 'green' },
  declined: { label: { zh: '已驳回', en: 'Declined' }, color: 'default' },
};

const who = (u: UserRef): string => `${u.displayName}（${u.unitName}）`;

export default function RoleRequestsPage(): ReactNode {
  const { pick, lang } = useI18n();
  const [status, setStatus] = useState<'pending' | 'settled'>('pending');
  const key = ['admin', 'role-requests', status] as const;
  const list = useQuery<{ items: RoleRequest[] }, ApiError>({ queryKey: key, queryFn: () => get(`/api/v1/admin/role-requests?status=${status}`) });
  const write = useAdminWrite([['admin', 'role-requests'], ['admin', 'users']]);
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '授权审批', en: 'Role approvals' }} keeper={KEEPERS.secadmin} />
      <Card className="zt-card">
        <Segmented<'pending' | 'settled'> value={status} onChange={setStatus} options={[{ value: 'pending', label: pick({ zh: '待审批', en: 'Pending' }) }, { value: 'settled', label: pick({ zh: '已处理', en: 'Settled' }) }]} />
      </Card>
      <ProblemAlert problem={write.problem ?? list.error} onClose={write.clear} />
      <Card>
        <Table<RoleRequest>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: pick({ zh: '暂无授权申请', en: 'No requests' }) }}
          onRow={(r) => ({ className: 'zt-request-row', 'data-request-user': r.user.username })}
          columns={[
            { title: pick({ zh: '用户', en: 'User' }), key: 'user', render: (_: unknown, r) => `${who(r.user)} ${r.user.username}` },
            { title: pick({ zh: '申请角色', en: 'Role' }), key: 'role', width: 140, render: (_: unknown, r) => <Tag color="blue">{pick(r.roleLabel)}</Tag> },
            { title: pick({ zh: '申请人', en: 'Requested by' }), key: 'by', render: (_: unknown, r) => who(r.requestedBy) },
            { title: pick({ zh: '申请时间', en: 'Requested' }), dataIndex: 'requestedAt', width: 150, render: (v: string) => formatDateTime(v, lang) },
            { title: pick({ zh: '状态', en: 'Status' }), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS[s]?.color}>{pick(STATUS[s]?.label ?? { zh: s, en: s })}</Tag> },
            status === 'pending'
              ? {
                  title: pick({ zh: '审批', en: 'Decision' }),
                  key: 'decide',
                  width: 170,
                  render: (_: unknown, r) => (
                    <Space size={0}>
                      <Popconfirm title={pick({ zh: `批准授予${r.user.displayName}“${r.roleLabel.zh}”角色？`, en: `Approve ${r.roleLabel.en} for ${r.user.displayName}?` })} onConfirm={() => void write.send('POST', `/api/v1/admin/role-requests/${r.id}/approve`, undefined, { done: { zh: '已批准，角色生效', en: 'Approved; the role is active' } })}>
                        <Button type="link" size="small" data-testid="request-approve">{pick({ zh: '批准', en: 'Approve' })}</Button>
                      </Popconfirm>
                      <Popconfirm title={pick({ zh: '驳回此授权申请？', en: 'Decline this request?' })} onConfirm={() => void write.send('POST', `/api/v1/admin/role-requests/${r.id}/decline`, undefined, { done: { zh: '已驳回', en: 'Declined' } })}>
                        <Button type="link" size="small" danger data-testid="request-decline">{pick({ zh: '驳回', en: 'Decline' })}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                }
              : { title: pick({ zh: '审批人', en: 'Decided by' }), key: 'decided', render: (_: unknown, r) => (r.decidedBy === null ? '—' : `${who(r.decidedBy)} ${formatDateTime(r.decidedAt, lang)}`) },
          ]}
        />
      </Card>
    </div>
  );
}
