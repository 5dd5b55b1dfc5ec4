// 新建用户 (secadmin, DESIGN §7.3): the account's unit, police number, rank, mobile for SMS alerts and roles. The API answers the
// initial password and the enrolment code exactly once: shown here once, never stored, gone when closed.
import { Alert, Button, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { CASE_ROLES, CENTRAL_ROLES, RANKS, RANK_LABELS } from '../../../../src/domain/roles.js';
import { useI18n } from '../app/i18n.js';
import { roleLabel } from '../common/labels.js';
import { formatDateTime } from '../common/format.js';
import { ProblemAlert, useAdminWrite } from './admin-write.js';
import { MOBILE_EXTRA, MOBILE_INVALID, MOBILE_LABEL, MOBILE_PATTERN } from './user-mobile-dialog.js';
import { USERS_KEY, useUnitChoices } from './user-types.js';

interface Created {
  readonly id: string;
  readonly username: string;
  readonly initialPassword: string;
  readonly enrolmentCode: string;
  readonly enrolmentExpiresAt: string;
  readonly roles: readonly string[];
  readonly pendingRoles: readonly string[];
}

interface Values {
  username: string;
  displayName: string;
  unitId: string;
  policeNumber?: string;
  rank?: string;
  mobile?: string;
  roles?: string[];
}

export function UserCreateDialog(props: { onClose: () => void }): ReactNode {
  const { pick, lang } = useI18n();
  const units = useUnitChoices();
  const write = useAdminWrite([USERS_KEY]);
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<Created | null>(null);

  const submit = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const body = { username: v.username.trim(), displayName: v.displayName.trim(), unitId: v.unitId, roles: v.roles ?? [], ...(v.policeNumber ? { policeNumber: v.policeNumber.trim() } : {}), ...(v.rank ? { rank: v.rank } : {}), ...(v.mobile?.trim() ? { mobile: v.mobile.trim() } : {}) };
    const res = await write.send<Created>('POST', '/api/v1/admin/users', body, { form, done: { zh: '用户已创建', en: 'Account created' } });
    if (res !== null) setCreated(res);
  };

  if (created !== null) {
    return (
      <Modal open title={pick({ zh: '用户已创建：初始凭据', en: 'Account created: first sign-in' })} onCancel={props.onClose} footer={<Button type="primary" onClick={props.onClose}>{pick({ zh: '我已记录，关闭', en: 'Noted, close' })}</Button>} mask={{ closable: false }} width={600}>
        <Alert className="zt-dialog-alert" type="warning" showIcon title={pick({ zh: '以下初始密码和绑定码只显示这一次', en: 'The initial password and enrolment code are shown this once only' })} description={pick({ zh: '请通过线下方式分别交给本人；关闭后无法再次查看。首次登录须绑定身份验证器并修改密码。', en: 'Hand them to the user out of band; they cannot be shown again. The first sign-in enrols an authenticator and changes the password.' })} />
        <Descriptions bordered column={1} size="small" data-testid="created-user">
          <Descriptions.Item label={pick({ zh: '用户名', en: 'Username' })}>{created.username}</Descriptions.Item>
          <Descriptions.Item label={pick({ zh: '初始密码', en: 'Initial password' })}>
            <Typography.Text code copyable className="zt-secret" data-testid="initial-password">{created.initialPassword}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={pick({ zh: '绑定码', en: 'Enrolment code' })}>
            <Typography.Text code copyable className="zt-secret" data-testid="enrolment-code">{created.enrolmentCode}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={pick({ zh: '绑定码有效期至', en: 'Code valid until' })}>{formatDateTime(created.enrolmentExpiresAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={pick({ zh: '已授予角色', en: 'Roles granted' })}>{created.roles.map((r) => pick(roleLabel(r))).join('、') || '—'}</Descriptions.Item>
          {created.pendingRoles.length > 0 ? (
            <Descriptions.Item label={pick({ zh: '待审批角色', en: 'Roles awaiting approval' })}>
              {created.pendingRoles.map((r) => pick(roleLabel(r))).join('、')}
              <Typography.Text type="secondary">{pick({ zh: '（中心岗位角色须另一名安全管理员审批后生效）', en: ' (central roles take effect once a second security administrator approves)' })}</Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Modal>
    );
  }

  return (
    <Modal open title={pick({ zh: '新建用户', en: 'New account' })} onCancel={props.onClose} onOk={() => void submit()} okText={pick({ zh: '创建', en: 'Create' })} confirmLoading={write.busy} okButtonProps={{ 'data-testid': 'user-create-submit' }} width={600}>
      <ProblemAlert problem={write.problem ?? units.error} />
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="username" label={pick({ zh: '用户名', en: 'Username' })} extra={pick({ zh: '小写字母开头，2至32位，可含数字、点、下划线、连字符', en: '2–32 characters: a lower-case letter, then letters, digits, . _ -' })} rules={[{ required: true, pattern: /^[a-z][a-z0-9_.-]{1,31}$/u, message: pick({ zh: '请填写正确的用户名', en: 'Enter a valid username' }) }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={pick({ zh: '姓名', en: 'Name' })} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="unitId" label={pick({ zh: '所属单位', en: 'Unit' })} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="policeNumber" label={pick({ zh: '警号', en: 'Police no.' })} rules={[{ pattern: /^[A-Za-z0-9]{1,20}$/u, message: pick({ zh: '警号为1至20位字母或数字', en: '1–20 letters or digits' }) }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="rank" label={pick({ zh: '职级', en: 'Rank' })}>
          <Select allowClear options={RANKS.map((r) => ({ value: r, label: pick(RANK_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="mobile" label={pick(MOBILE_LABEL)} extra={pick(MOBILE_EXTRA)} rules={[{ pattern: MOBILE_PATTERN, message: pick(MOBILE_INVALID) }]}>
          <Input maxLength={20} autoComplete="off" inputMode="tel" data-testid="user-mobile" />
        </Form.Item>
        <Form.Item name="roles" label={pick({ zh: '业务角色', en: 'Case roles' })} extra={pick({ zh: '中心岗位角色（受理、交办、值班领导等）须另一名安全管理员审批后生效；管理员账号由命令行创建。', en: 'Central roles need a second security administrator; administrator accounts are made on the command line.' })}>
          <Select mode="multiple" options={CASE_ROLES.map((r) => ({ value: r, label: `${pick(roleLabel(r))}${CENTRAL_ROLES.includes(r) ? pick({ zh: '（需审批）', en: ' (approval)' }) : ''}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
