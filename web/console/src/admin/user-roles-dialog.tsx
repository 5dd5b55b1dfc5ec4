// 角色授权 (secadmin, DESIGN §1): grant a case role (a central one waits for a second secadmin: 授权审批)
// or revoke one. The API refuses a self-grant and admin/case mixes in its own words.
import { Alert, Button, Form, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { CASE_ROLES, CENTRAL_ROLES } from '../../../../src/domain/roles.js';
import { useI18n } from '../app/i18n.js';
import { roleLabel } from '../common/labels.js';
import { ProblemAlert, useAdminWrite } from './admin-write.js';
import { USERS_KEY, type AdminUser } from './user-types.js';

export function UserRolesDialog(props: { user: AdminUser; onClose: () => void }): ReactNode {
  const { pick } = useI18n();
  const u = props.user;
  const write = useAdminWrite([USERS_KEY, ['admin', 'role-requests']]);
  const [role, setRole] = useState<string | undefined>(undefined);
  const [pendingNote, setPendingNote] = useState(false);
  const [roles, setRoles] = useState<readonly string[]>(u.roles);
  const [pending, setPending] = useState<readonly string[]>(u.pendingRoles);

  const grant = async (): Promise<void> => {
    if (role === undefined) return;
    const res = await write.send<{ status: 'active' | 'pending'; id: string }>('POST', `/api/v1/admin/users/${u.id}/roles`, { role }, { done: { zh: '授权已提交', en: 'Grant sent' } });
    if (res === null) return;
    if (res.status === 'pending') setPending((p) => [...p, role]);
    else setRoles((r) => [...r, role]);
    setPendingNote(res.status === 'pending');
    setRole(undefined);
  };
  const revoke = async (r: string): Promise<void> => {
    const res = await write.send('DELETE', `/api/v1/admin/users/${u.id}/roles/${r}`, undefined, { done: { zh: '角色已撤销', en: 'Role revoked' } });
    if (res !== null) setRoles((all) => all.filter((x) => x !== r));
  };
  const offered = CASE_ROLES.filter((r) => !roles.includes(r) && !pending.includes(r));
  return (
    <Modal open title={pick({ zh: `角色授权：${u.displayName}（${u.username}）`, en: `Roles of ${u.displayName} (${u.username})` })} onCancel={props.onClose} footer={<Button onClick={props.onClose}>{pick({ zh: '关闭', en: 'Close' })}</Button>} width={620}>
      <ProblemAlert problem={write.problem} onClose={write.clear} />
      {pendingNote ? <Alert className="zt-dialog-alert" type="info" showIcon title={pick({ zh: '中心岗位角色已提交，须另一名安全管理员在“授权审批”中批准后生效。', en: 'A central role takes effect once a second security administrator approves it under Role approvals.' })} data-testid="grant-pending" /> : null}
      <Typography.Title level={5}>{pick({ zh: '现有角色', en: 'Current roles' })}</Typography.Title>
      <Space wrap className="zt-admin-roles">
        {roles.length === 0 ? <Typography.Text type="secondary">{pick({ zh: '无', en: 'None' })}</Typography.Text> : null}
        {roles.map((r) => (
          <Space key={r} size={2}>
            <Tag color="blue">{pick(roleLabel(r))}</Tag>
            <Popconfirm title={pick({ zh: `撤销“${pick(roleLabel(r))}”角色？该用户的会话将被终止。`, en: `Revoke ${pick(roleLabel(r))}? The user's sessions end.` })} onConfirm={() => void revoke(r)}>
              <Button type="link" size="small" danger data-testid={`revoke-${r}`}>{pick({ zh: '撤销', en: 'Revoke' })}</Button>
            </Popconfirm>
          </Space>
        ))}
        {pending.map((r) => (
          <Tag key={r} color="orange">{pick(roleLabel(r))}{pick({ zh: '（待审批）', en: ' (awaiting approval)' })}</Tag>
        ))}
      </Space>
      <Typography.Title level={5}>{pick({ zh: '授予角色', en: 'Grant a role' })}</Typography.Title>
      <Form layout="inline">
        <Form.Item label={pick({ zh: '角色', en: 'Role' })} htmlFor="grant-role">
          <Select id="grant-role" className="zt-filter" value={role} onChange={setRole} placeholder={pick({ zh: '请选择', en: 'Select' })} options={offered.map((r) => ({ value: r, label: `${pick(roleLabel(r))}${CENTRAL_ROLES.includes(r) ? pick({ zh: '（需审批）', en: ' (approval)' }) : ''}` }))} />
        </Form.Item>
        <Button type="primary" disabled={role === undefined} loading={write.busy} onClick={() => void grant()} data-testid="grant-submit">
          {pick({ zh: '授予', en: 'Grant' })}
        </Button>
      </Form>
    </Modal>
  );
}
