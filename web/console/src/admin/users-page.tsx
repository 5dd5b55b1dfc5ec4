// 用户管理 (secadmin, DESIGN §7.3): find accounts, create one, set the mobile for SMS alerts, deactivate, unlock, start a two-person
// TOTP reset, grant and revoke roles. Every refusal is the API's own problem+json message.
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { CASE_ROLES } from '../../../../src/domain/roles.js';
import { useI18n } from '../app/i18n.js';
import { LoadMore, useCursorList } from '../common/cursor-list.js';
import { roleLabel } from '../common/labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';
import { UserCreateDialog } from './user-create-dialog.js';
import { UserMobileDialog } from './user-mobile-dialog.js';
import { UserSeatDialog } from './user-seat-dialog.js';
import { UserRolesDialog } from './user-roles-dialog.js';
import { USERS_KEY, type AdminUser } from './user-types.js';

interface Filters {
  q?: string;
  role?: string;
  active?: 'true' | 'false';
}

export default function UsersPage(): ReactNode {
  const { pick } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const [rolesOf, setRolesOf] = useState<AdminUser | null>(null);
  const [mobileOf, setMobileOf] = useState<AdminUser | null>(null);
  const [seatOf, setSeatOf] = useState<AdminUser | null>(null);
  const [resetNote, setResetNote] = useState<string | null>(null);
  const write = useAdminWrite([USERS_KEY]);
  const { list, rows } = useCursorList<AdminUser>(USERS_KEY, '/api/v1/admin/users', 50, { ...filters });

  const resetTotp = async (u: AdminUser): Promise<void> => {
    const res = await write.send<{ requestId: string; confirmers: { id: string; displayName: string }[] }>('POST', `/api/v1/admin/users/${u.id}/totp-reset`, undefined, { done: { zh: '动态码重置已发起', en: 'TOTP reset started' } });
    if (res !== null) {
      const names = res.confirmers.map((c) => c.displayName).join('、');
      setResetNote(pick({ zh: `已为${u.displayName}发起动态码重置，须由其单位负责人确认（${names || '暂无可确认人'}）。确认后该用户须重新绑定。`, en: `A TOTP reset for ${u.displayName} is waiting for their unit head (${names || 'nobody yet'}); the user enrols again afterwards.` }));
    }
  };

  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '用户管理', en: 'Users' }} keeper={KEEPERS.secadmin} />
      <Card className="zt-card">
        <Space wrap className="zt-admin-toolbar">
          <Form layout="inline" onFinish={(v: Filters) => setFilters({ q: v.q?.trim(), role: v.role, active: v.active })}>
            <Form.Item name="q" label={pick({ zh: '用户名/姓名', en: 'Username or name' })}>
              <Input allowClear maxLength={40} data-testid="user-search" />
            </Form.Item>
            <Form.Item name="role" label={pick({ zh: '角色', en: 'Role' })}>
              <Select allowClear className="zt-filter" options={CASE_ROLES.map((r) => ({ value: r, label: pick(roleLabel(r)) }))} />
            </Form.Item>
            <Form.Item name="active" label={pick({ zh: '状态', en: 'Status' })}>
              <Select allowClear className="zt-filter" options={[{ value: 'true', label: pick({ zh: '在用', en: 'Active' }) }, { value: 'false', label: pick({ zh: '已停用', en: 'Deactivated' }) }]} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="user-search-submit">{pick({ zh: '查询', en: 'Search' })}</Button>
          </Form>
          <Button type="primary" onClick={() => setCreating(true)} data-testid="user-create">{pick({ zh: '新建用户', en: 'New account' })}</Button>
        </Space>
      </Card>
      <ProblemAlert problem={write.problem ?? list.error} onClose={write.clear} />
      {resetNote === null ? null : <Alert className="zt-dialog-alert" type="info" showIcon closable={{ onClose: () => setResetNote(null) }} title={resetNote} />}
      <Card>
        <Table<AdminUser>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          onRow={(u) => ({ className: 'zt-user-row', 'data-user': u.username })}
          columns={[
            { title: pick({ zh: '用户名', en: 'Username' }), dataIndex: 'username', width: 130 },
            { title: pick({ zh: '姓名', en: 'Name' }), dataIndex: 'displayName', width: 100 },
            { title: pick({ zh: '警号', en: 'Police no.' }), dataIndex: 'policeNumber', width: 90, render: (v: string | null) => v ?? '—' },
            { title: pick({ zh: '所属单位', en: 'Unit' }), key: 'unit', render: (_: unknown, u) => u.unit.name },
            { title: pick({ zh: '手机号码', en: 'Mobile' }), dataIndex: 'mobile', width: 110, render: (v: string | null) => v ?? '—' },
            { title: pick({ zh: '分机号', en: 'Extension' }), dataIndex: 'seatExtension', width: 80, render: (v: string | null) => v ?? '—' },
            {
              title: pick({ zh: '角色', en: 'Roles' }),
              key: 'roles',
              render: (_: unknown, u) => (
                <Space size={[0, 4]} wrap>
                  {u.roles.map((r) => <Tag key={r} color="blue">{pick(roleLabel(r))}</Tag>)}
                  {u.pendingRoles.map((r) => <Tag key={r} color="orange">{pick(roleLabel(r))}{pick({ zh: '（待审批）', en: ' (pending)' })}</Tag>)}
                </Space>
              ),
            },
            {
              title: pick({ zh: '状态', en: 'Status' }),
              key: 'status',
              width: 170,
              render: (_: unknown, u) => (
                <Space size={[0, 4]} wrap>
                  {u.active ? <Tag color="green">{pick({ zh: '在用', en: 'Active' })}</Tag> : <Tag>{pick({ zh: '已停用', en: 'Deactivated' })}</Tag>}
                  {u.locked ? <Tag color="red">{pick({ zh: '已锁定', en: 'Locked' })}</Tag> : null}
                  {u.totpEnrolled ? null : <Tag color="gold">{pick({ zh: '未绑定动态码', en: 'No authenticator' })}</Tag>}
                  {u.totpResetPending ? <Tag color="gold">{pick({ zh: '重置待确认', en: 'Reset pending' })}</Tag> : null}
                </Space>
              ),
            },
            {
              title: pick({ zh: '操作', en: 'Actions' }),
              key: 'actions',
              width: 300,
              render: (_: unknown, u) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => { write.clear(); setRolesOf(u); }} data-testid="user-roles">{pick({ zh: '角色授权', en: 'Roles' })}</Button>
                  <Button type="link" size="small" onClick={() => setMobileOf(u)} data-testid="user-mobile-edit">{pick({ zh: '手机号码', en: 'Mobile' })}</Button>
                  <Button type="link" size="small" onClick={() => setSeatOf(u)} data-testid="user-seat-edit">{pick({ zh: '分机号', en: 'Extension' })}</Button>
                  {u.locked ? <Button type="link" size="small" onClick={() => void write.send('POST', `/api/v1/admin/users/${u.id}/unlock`, undefined, { done: { zh: '账号已解锁', en: 'Unlocked' } })}>{pick({ zh: '解锁', en: 'Unlock' })}</Button> : null}
                  {u.active ? (
                    <Popconfirm title={pick({ zh: `为${u.displayName}发起动态码重置？须其单位负责人确认。`, en: `Start a TOTP reset for ${u.displayName}? Their unit head confirms it.` })} onConfirm={() => void resetTotp(u)}>
                      <Button type="link" size="small">{pick({ zh: '重置动态码', en: 'Reset TOTP' })}</Button>
                    </Popconfirm>
                  ) : null}
                  {u.active ? (
                    <Popconfirm title={pick({ zh: `停用${u.displayName}的账号？其所有会话将立即终止。`, en: `Deactivate ${u.displayName}? Every session ends at once.` })} onConfirm={() => void write.send('POST', `/api/v1/admin/users/${u.id}/deactivate`, undefined, { done: { zh: '账号已停用', en: 'Deactivated' } })}>
                      <Button type="link" size="small" danger>{pick({ zh: '停用', en: 'Deactivate' })}</Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
        <LoadMore list={list} />
      </Card>
      {creating ? <UserCreateDialog onClose={() => setCreating(false)} /> : null}
      {rolesOf === null ? null : <UserRolesDialog user={rolesOf} onClose={() => setRolesOf(null)} />}
      {mobileOf === null ? null : <UserMobileDialog user={mobileOf} onClose={() => setMobileOf(null)} />}
      {seatOf === null ? null : <UserSeatDialog user={seatOf} onClose={() => setSeatOf(null)} />}
    </div>
  );
}
