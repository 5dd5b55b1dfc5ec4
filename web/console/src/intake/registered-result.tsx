// The answer to a registration (DESIGN §7.4): the case number, and how the query code reaches the
// reporter. The code is on screen only when the API gives it (nobody else can deliver it).
import { Alert, Button, Descriptions, Result, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { casePath, navigate } from '../app/router.js';

export type Registered = { readonly caseNumber: string; readonly queryCode: string } | { readonly caseNumber: string; readonly queryCode: null; readonly codeDelivery: string };

const DELIVERY: Readonly<Record<string, Bilingual>> = {
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '电子邮件', en: 'e-mail' },
  wechat: { zh: '微信', en: 'WeChat' },
};

export function RegisteredResult(props: { registered: Registered; onAnother: () => void }): ReactNode {
  const { pick } = useI18n();
  const r = props.registered;
  return (
    <Result
      status="success"
      title={pick({ zh: '登记成功', en: 'Registered' })}
      subTitle={
        <span data-testid="registered-number">
          {pick({ zh: '受理编号', en: 'Case number' })}：{r.caseNumber}
        </span>
      }
      extra={
        <Space>
          <Button type="primary" onClick={() => navigate(casePath(r.caseNumber))} data-testid="open-registered">
            {pick({ zh: '打开案件', en: 'Open the case' })}
          </Button>
          <Button onClick={props.onAnother}>{pick({ zh: '继续登记', en: 'Register another' })}</Button>
        </Space>
      }
    >
      {r.queryCode === null ? (
        <Alert
          type="info"
          showIcon
          data-testid="code-delivery"
          title={pick({ zh: `查询码将由系统通过${DELIVERY[r.codeDelivery]?.zh ?? r.codeDelivery}发送给反映人，不在本屏幕显示。`, en: `The query code goes to the reporter by ${DELIVERY[r.codeDelivery]?.en ?? r.codeDelivery}; it is not shown here.` })}
        />
      ) : (
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={pick({ zh: '查询码', en: 'Query code' })}>
            <Typography.Text strong copyable className="zt-query-code" data-testid="query-code">
              {r.queryCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={pick({ zh: '告知方式', en: 'How to pass it on' })}>
            {pick({ zh: '反映人未留电话或邮箱：请当面告知或随受理告知书寄送，勿另行记录。', en: 'No phone or e-mail was left: tell the reporter in person or send it with the acceptance notice; do not write it down elsewhere.' })}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Result>
  );
}
