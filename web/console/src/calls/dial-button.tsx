// 拨打回访电话: asks the PBX to ring the clerk's seat and then the reporter (click-to-dial). The reporter's
// number goes from the server to the PBX only; the page never holds it. The call's recording comes back
// to the case and is listed with the follow-up.
import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, request } from '../api/client.js';
import { useI18n } from '../app/i18n.js';

/** Where a call to the reporter is this user's work (the server's rule): the follow-up visit, or a clerk's direct handling. */
export function mayDial(detail: { readonly state: string; readonly actions: readonly { readonly code: string }[] }): boolean {
  return detail.actions.some((a) => a.code === 'record_follow_up' || (detail.state === 'direct_handling' && a.code === 'reply'));
}

export function DialButton(props: { caseNumber: string }): ReactNode {
  const { pick } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  async function dial(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      await request('POST', `/api/v1/cases/${encodeURIComponent(props.caseNumber)}/dial`, {});
      message.success(pick({ zh: '已发起呼叫：请拿起您的分机，接通后将自动拨打反映人电话。', en: 'Calling: pick up your extension; the reporter is dialled next.' }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button block icon={<PhoneOutlined />} loading={busy} onClick={() => void dial()} data-testid="dial">
        {pick({ zh: '拨打反映人电话', en: 'Call the reporter' })}
      </Button>
      {problem === null ? null : <Alert className="zt-dialog-alert" type="error" showIcon title={problem.title} description={problem.detail} data-testid="dial-problem" />}
    </>
  );
}
