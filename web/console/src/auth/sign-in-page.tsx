// 登录: password, then the second factor (TOTP, or enrolment with the one-time enrolment code), or a
// forced password change, as the API's `stage` says. Messages are the API's own problem+json words.
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, QRCode, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, request } from '../api/client.js';
import type { SessionStage, StageAnswer } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { LanguageSwitch } from '../app/language-switch.js';

type Step = Exclude<SessionStage, 'authenticated'> | 'password';

interface Props {
  /** Where a half-finished sign-in stands (from the API's step_required), or the password step. */
  readonly initialStep: Step;
  readonly notice: string | null;
  readonly onSignedIn: () => void;
}

export default function SignInPage(props: Props): ReactNode {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>(props.initialStep);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [enrolSecret, setEnrolSecret] = useState<{ secret: string; otpauthUri: string } | null>(null);

  async function send(path: string, body: Record<string, unknown>): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      const res = await request<StageAnswer | { secret: string; otpauthUri: string }>('POST', path, body);
      if ('secret' in res.body) setEnrolSecret({ secret: res.body.secret, otpauthUri: res.body.otpauthUri });
      else if (res.body.stage === 'authenticated') props.onSignedIn();
      else setStep(res.body.stage);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
      // A session that ended mid-way starts over at the password.
      if (err.code === 'unauthenticated') setStep('password');
    } finally {
      setBusy(false);
    }
  }

  async function restart(): Promise<void> {
    await request('POST', '/api/v1/auth/logout').catch(() => undefined);
    setProblem(null);
    setEnrolSecret(null);
    setStep('password');
  }

  const rules = [{ required: true, message: t('required') }];
  let body: ReactNode;
  switch (step) {
    case 'password':
      body = (
        <Form layout="vertical" size="large" onFinish={(v: { username: string; password: string }) => void send('/api/v1/auth/login', v)} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={rules}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={rules}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in">
            {t('signIn')}
          </Button>
        </Form>
      );
      break;
    case 'totp':
      body = (
        <Form layout="vertical" size="large" onFinish={(v: { code: string }) => void send('/api/v1/auth/totp', v)} requiredMark={false}>
          <Typography.Paragraph type="secondary">{t('totpHint')}</Typography.Paragraph>
          <Form.Item name="code" label={t('totpCode')} rules={rules}>
            <Input prefix={<SafetyCertificateOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={8} autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('verify')}
          </Button>
        </Form>
      );
      break;
    case 'enrol':
      body = (
        <Form layout="vertical" size="large" onFinish={(v: { enrolmentCode: string; code?: string }) => void send('/api/v1/auth/totp/enrol', v)} requiredMark={false}>
          <Typography.Paragraph type="secondary">{t('enrolHint')}</Typography.Paragraph>
          <Form.Item name="enrolmentCode" label={t('enrolmentCode')} rules={rules}>
            <Input autoComplete="off" autoFocus disabled={enrolSecret !== null} />
          </Form.Item>
          {enrolSecret === null ? null : (
            <>
              <Typography.Paragraph>{t('enrolScan')}</Typography.Paragraph>
              {/* Drawn in the page from the otpauth URI: the secret never leaves for an image service. */}
              <div data-testid="enrol-qr" className="zt-enrol-qr">
                <QRCode value={enrolSecret.otpauthUri} type="svg" size={176} />
              </div>
              <Typography.Paragraph>{t('enrolKey')}</Typography.Paragraph>
              <Typography.Paragraph code copyable className="zt-secret">
                {enrolSecret.secret}
              </Typography.Paragraph>
              <Form.Item name="code" label={t('totpCode')} rules={rules}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('verify')}
          </Button>
        </Form>
      );
      break;
    case 'password_change':
      body = (
        <Form layout="vertical" size="large" onFinish={(v: { currentPassword: string; newPassword: string }) => void send('/api/v1/auth/password', v)} requiredMark={false}>
          <Typography.Paragraph type="secondary">{t('changePasswordHint')}</Typography.Paragraph>
          <Form.Item name="currentPassword" label={t('currentPassword')} rules={rules}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('newPassword')} rules={rules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('submit')}
          </Button>
        </Form>
      );
      break;
  }
  return (
    <div className="zt-signin">
      <div className="zt-signin-lang">
        <LanguageSwitch />
      </div>
      <div className="zt-signin-banner">
        <div className="zt-emblem" aria-hidden="true">
          <SafetyCertificateOutlined />
        </div>
        <h1>{t('appTitle')}</h1>
        <p>{t('appSubtitle')}</p>
      </div>
      <Card className="zt-signin-card" title={t('signIn')}>
        {props.notice !== null && problem === null ? <Alert className="zt-signin-alert" type="info" showIcon title={props.notice} /> : null}
        {problem === null ? null : (
          <Alert className="zt-signin-alert" type="error" showIcon title={problem.title} description={[problem.detail, ...problem.errors.map((e) => e.message)].join(' ')} data-testid="sign-in-problem" />
        )}
        {body}
        {step === 'password' ? null : (
          <Button type="link" onClick={() => void restart()} className="zt-signin-back">
            {t('back')}
          </Button>
        )}
      </Card>
      <p className="zt-signin-footer">{t('signInFooter')}</p>
    </div>
  );
}
