// 密级组 (secadmin, DESIGN §3.4): the named group that alone sees sealed cases. Members are case users
// found by name or username; the API refuses administrators and users without a case role.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Popconfirm, Select, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';
import type { UserPage } from './user-types.js';

interface UserRef {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unitName: string;
}

interface Member {
  readonly user: UserRef;
  readonly active: boolean;
  readonly addedBy: UserRef | null;
  readonly addedAt: string;
}

const KEY = ['admin', 'sealed-group'] as const;

export default function SealedGroupPage(): ReactNode {
  const { pick, lang } = useI18n();
  const members = useQuery<{ items: Member[] }, ApiError>({ queryKey: KEY, queryFn: () => get('/api/v1/admin/sealed-group') });
  const write = useAdminWrite([KEY]);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const found = useQuery<UserPage, ApiError>({
    queryKey: ['admin', 'users', 'pick', search],
    queryFn: () => get(`/api/v1/admin/users?active=true&limit=20&q=${encodeURIComponent(search)}`),
    enabled: search.trim() !== '',
  });
  const add = async (): Promise<void> => {
    if (chosen === undefined) return;
    if ((await write.send('POST', '/api/v1/admin/sealed-group', { userId: chosen }, { done: { zh: '已加入密级组', en: 'Added' } })) !== null) setChosen(undefined);
  };
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '密级组', en: 'Sealed group' }} keeper={KEEPERS.secadmin} />
      <Card className="zt-card">
        <Form layout="inline">
          <Form.Item label={pick({ zh: '添加成员', en: 'Add a member' })} htmlFor="sealed-pick">
            <Select
              id="sealed-pick"
              className="zt-user-picker"
              showSearch={{ filterOption: false, onSearch: setSearch }}
              value={chosen}
              onChange={setChosen}
              placeholder={pick({ zh: '输入姓名或用户名查找', en: 'Type a name or username' })}
              loading={found.isFetching}
              options={(found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${u.unit.name}）` }))}
            />
          </Form.Item>
          <Button type="primary" disabled={chosen === undefined} loading={write.busy} onClick={() => void add()}>{pick({ zh: '加入', en: 'Add' })}</Button>
        </Form>
      </Card>
      <ProblemAlert problem={write.problem ?? members.error} onClose={write.clear} />
      <Card>
        <Table<Member>
          rowKey={(m) => m.user.id}
          size="small"
          loading={members.isPending}
          dataSource={members.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: pick({ zh: '密级组暂无成员', en: 'No members' }) }}
          columns={[
            { title: pick({ zh: '姓名', en: 'Name' }), key: 'name', render: (_: unknown, m) => `${m.user.displayName}（${m.user.username}）` },
            { title: pick({ zh: '单位', en: 'Unit' }), key: 'unit', render: (_: unknown, m) => m.user.unitName },
            { title: pick({ zh: '账号状态', en: 'Account' }), dataIndex: 'active', width: 100, render: (a: boolean) => (a ? <Tag color="green">{pick({ zh: '在用', en: 'Active' })}</Tag> : <Tag>{pick({ zh: '已停用', en: 'Deactivated' })}</Tag>) },
            { title: pick({ zh: '添加人', en: 'Added by' }), key: 'by', render: (_: unknown, m) => m.addedBy?.displayName ?? '—' },
            { title: pick({ zh: '添加时间', en: 'Added' }), dataIndex: 'addedAt', width: 150, render: (v: string) => formatDateTime(v, lang) },
            {
              title: pick({ zh: '操作', en: 'Actions' }),
              key: 'remove',
              width: 90,
              render: (_: unknown, m) => (
                <Popconfirm title={pick({ zh: `将${m.user.displayName}移出密级组？`, en: `Remove ${m.user.displayName}?` })} onConfirm={() => void write.send('DELETE', `/api/v1/admin/sealed-group/${m.user.id}`, undefined, { done: { zh: '已移出', en: 'Removed' } })}>
                  <Button type="link" size="small" danger>{pick({ zh: '移出', en: 'Remove' })}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
