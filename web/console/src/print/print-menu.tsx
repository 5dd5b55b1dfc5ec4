// The case detail's 打印 card: the documents this reader may print now, as the API lists them.
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { navigate, printPath } from '../app/router.js';
import type { DocumentOffer } from './print-types.js';

export function PrintMenu(props: { caseNumber: string; version: number }): ReactNode {
  const { pick } = useI18n();
  // The version in the key: a new step (a dispatch, a reply) may make a document printable.
  const docs = useQuery<{ items: DocumentOffer[] }, ApiError>({
    queryKey: ['documents', props.caseNumber, props.version],
    queryFn: () => get<{ items: DocumentOffer[] }>(`/api/v1/cases/${encodeURIComponent(props.caseNumber)}/documents`),
  });
  const available = docs.data?.items.filter((d) => d.available) ?? [];
  return (
    <Card title={pick({ zh: '打印文书', en: 'Print' })} size="small" className="zt-card" data-testid="print-menu">
      {docs.error ? (
        <Typography.Text type="danger">{docs.error.detail}</Typography.Text>
      ) : (
        <Space wrap>
          {available.map((d) => (
            <Button key={d.kind} size="small" icon={<PrinterOutlined />} data-print={d.kind} onClick={() => navigate(printPath(props.caseNumber, d.kind))}>
              {pick(d.label)}
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );
}
