// 手机号码 (secadmin, issue 6): the number an account's SMS alerts go to. The list shows it masked, so the
// dialog starts empty: a new number replaces the old one, 清除 stops the texts.
import { Button, Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';
import { ProblemAlert, useAdminWrite } from './admin-write.js';
import { USERS_KEY, type AdminUser } from './user-types.js';

export const MOBILE_LABEL = { zh: '手机号码（用于短信提醒）', en: 'Mobile (for SMS alerts)' } as const;
export const MOBILE_EXTRA = { zh: '中国大陆手机号码；短信只含件号和期限，不含案件内容。', en: 'A mainland mobile number; the texts carry the case number and a date only, never case content.' } as const;
export const MOBILE_INVALID = { zh: '请填写11位手机号码', en: 'Enter an 11-digit mobile number' } as const;
/** What the API accepts: 11 digits, optionally +86 / 86, spaces and dashes between. */
export const MOBILE_PATTERN = /^(?:\+?86)?[\s-]*1[3-9](?:[\s-]*\d){9}$/u;

export function UserMobileDialog(props: { user: AdminUser; onClose: () => void }): ReactNode {
  const { pick } = useI18n();
  const write = useAdminWrite([USERS_KEY]);
  const [form] = Form.useForm<{ mobile: string }>();
  const url = `/api/v1/admin/users/${props.user.id}/mobile`;

  const save = async (mobile: string | null): Promise<void> => {
    const res = await write.send('PUT', url, { mobile }, { done: mobile === null ? { zh: '手机号码已清除', en: 'Mobile cleared' } : { zh: '手机号码已保存', en: 'Mobile saved' } });
    if (res !== null) props.onClose();
  };
  const submit = async (): Promise<void> => {
    const v = await form.validateFields().catch(() => null);
    if (v !== null) await save(v.mobile.trim());
  };

  return (
    <Modal
      open
      title={pick({ zh: `${props.user.displayName}的手机号码`, en: `Mobile of ${props.user.displayName}` })}
      onCancel={props.onClose}
      footer={[
        props.user.mobile === null ? null : <Button key="clear" danger onClick={() => void save(null)} data-testid="user-mobile-clear">{pick({ zh: '清除', en: 'Clear' })}</Button>,
        <Button key="cancel" onClick={props.onClose}>{pick({ zh: '取消', en: 'Cancel' })}</Button>,
        <Button key="ok" type="primary" loading={write.busy} onClick={() => void submit()} data-testid="user-mobile-submit">{pick({ zh: '保存', en: 'Save' })}</Button>,
      ]}
    >
      <ProblemAlert problem={write.problem} />
      <Typography.Paragraph type="secondary">
        {pick({ zh: '当前：', en: 'Now: ' })}{props.user.mobile ?? pick({ zh: '未填写（不发短信提醒）', en: 'none (no SMS alerts)' })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="mobile" label={pick(MOBILE_LABEL)} extra={pick(MOBILE_EXTRA)} rules={[{ required: true, whitespace: true, message: pick(MOBILE_INVALID) }, { pattern: MOBILE_PATTERN, message: pick(MOBILE_INVALID) }]}>
          <Input maxLength={20} autoComplete="off" inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
