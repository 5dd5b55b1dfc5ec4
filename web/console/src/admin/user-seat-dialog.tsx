// 坐席分机号 (secadmin, issue 6): the PBX extension of a clerk's or follow-up officer's desk phone. A call
// answered there pops on that user's screen, and 拨打反映人电话 rings it first. One extension per user.
import { Button, Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';
import { ProblemAlert, useAdminWrite } from './admin-write.js';
import { USERS_KEY, type AdminUser } from './user-types.js';

const SEAT_INVALID = { zh: '请填写2至10位数字的分机号', en: 'Enter an extension of 2 to 10 digits' } as const;

export function UserSeatDialog(props: { user: AdminUser; onClose: () => void }): ReactNode {
  const { pick } = useI18n();
  const write = useAdminWrite([USERS_KEY]);
  const [form] = Form.useForm<{ seatExtension: string }>();
  const save = async (seatExtension: string | null): Promise<void> => {
    const res = await write.send('PATCH', `/api/v1/admin/users/${props.user.id}`, { seatExtension }, { done: seatExtension === null ? { zh: '分机号已清除', en: 'Extension cleared' } : { zh: '分机号已保存', en: 'Extension saved' } });
    if (res !== null) props.onClose();
  };
  const submit = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v !== null) await save(v.seatExtension.trim());
  };
  return (
    <Modal
      open
      title={pick({ zh: `${props.user.displayName}的坐席分机号`, en: `Desk extension of ${props.user.displayName}` })}
      onCancel={props.onClose}
      footer={[
        props.user.seatExtension === null ? null : <Button key="clear" danger onClick={() => void save(null)} data-testid="user-seat-clear">{pick({ zh: '清除', en: 'Clear' })}</Button>,
        <Button key="cancel" onClick={props.onClose}>{pick({ zh: '取消', en: 'Cancel' })}</Button>,
        <Button key="ok" type="primary" loading={write.busy} onClick={() => void submit()} data-testid="user-seat-submit">{pick({ zh: '保存', en: 'Save' })}</Button>,
      ]}
    >
      <ProblemAlert problem={write.problem} />
      <Typography.Paragraph type="secondary">
        {pick({ zh: '来电在该分机接听时弹出来电信息；回访时先呼叫该分机。', en: 'Calls answered on this extension pop on this user\u2019s screen; click-to-dial rings it first.' })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ seatExtension: props.user.seatExtension ?? '' }}>
        <Form.Item name="seatExtension" label={pick({ zh: '坐席分机号', en: 'Desk extension' })} rules={[{ required: true, whitespace: true, message: pick(SEAT_INVALID) }, { pattern: /^\s*\d{2,10}\s*$/u, message: pick(SEAT_INVALID) }]}>
          <Input maxLength={10} autoComplete="off" inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
