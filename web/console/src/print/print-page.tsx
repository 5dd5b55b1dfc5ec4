// A printed document as a Chinese bureau lays it out (GB/T 9704 in spirit): the organ's name in red over a red
// line, the title, the document number, then a form table or a letter; A4 under @media print. Every value is
// text from the API, rendered as text. Fetching it is the print the API audits, so it is fetched once.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Space, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { casePath, navigate } from '../app/router.js';
import { formatDateTime } from '../common/format.js';
import { Watermark } from '../common/watermark.js';
import type { PrintBlock, PrintedDocument } from './print-types.js';
import './print.css';

/** Internal forms are tables; what goes to a reporter or a unit as a letter has paragraphs. */
function Body(props: { blocks: readonly PrintBlock[] }): ReactNode {
  const out: ReactNode[] = [];
  let rows: { label: string; value: string }[] = [];
  const flush = (key: number): void => {
    if (rows.length === 0) return;
    const these = rows;
    rows = [];
    out.push(
      <table key={`t${String(key)}`} className="zt-doc-table">
        <tbody>
          {these.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              <td className={r.value.trim() === '' ? 'zt-doc-blank' : undefined}>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>,
    );
  };
  props.blocks.forEach((b, i) => {
    if (b.type === 'row') {
      rows.push({ label: b.label, value: b.value });
      return;
    }
    flush(i);
    if (b.type === 'gap') out.push(<div key={i} className="zt-doc-gap" />);
    else if (b.type === 'sign') out.push(<p key={i} className="zt-doc-sign">{b.text}</p>);
    else out.push(<p key={i} className="zt-doc-text">{b.text}</p>);
  });
  flush(props.blocks.length);
  return <>{out}</>;
}

export default function PrintPage(props: { me: Me; caseNumber: string; kind: string }): ReactNode {
  const { pick, lang } = useI18n();
  const doc = useQuery<PrintedDocument, ApiError>({
    queryKey: ['print', props.caseNumber, props.kind],
    queryFn: () => get<PrintedDocument>(`/api/v1/cases/${encodeURIComponent(props.caseNumber)}/documents/${encodeURIComponent(props.kind)}`),
    staleTime: Infinity,
    gcTime: 0,
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(casePath(props.caseNumber))}>
      {pick({ zh: '返回案件', en: 'Back to the case' })}
    </Button>
  );
  if (doc.isPending) return <Spin size="large" className="zt-page-spin" />;
  if (doc.error) return <Result status={doc.error.status === 404 ? '404' : doc.error.status === 403 ? '403' : 'warning'} title={doc.error.title} subTitle={doc.error.detail} extra={back} />;
  const d = doc.data;
  const letter = d.blocks.some((b) => b.type === 'text');
  return (
    <div className="zt-print">
      {/* On the screen like every case screen; @media print hides it, the footer names who printed. */}
      <Watermark me={props.me} />
      <Space className="zt-print-toolbar">
        {back}
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {pick({ zh: '打印', en: 'Print' })}
        </Button>
        <Typography.Text type="secondary">{pick({ zh: '本次打印已记录审计日志。', en: 'This print is recorded in the audit log.' })}</Typography.Text>
      </Space>
      <article className={`zt-paper zt-doc-${d.kind}${letter ? ' zt-doc-letter' : ''}`} data-testid="document" data-kind={d.kind}>
        <header className="zt-doc-head">
          <div className="zt-doc-organ">{d.organ}</div>
          {d.documentNumber === null ? null : (
            <div className="zt-doc-number" data-testid="document-number">
              {d.documentNumber}
            </div>
          )}
          <div className="zt-doc-redline" />
          <h1 className="zt-doc-title">{d.title}</h1>
        </header>
        <Body blocks={d.blocks} />
        <footer className="zt-doc-foot">
          {`${d.caseNumber}\u3000${pick({ zh: '打印人', en: 'Printed by' })}：${d.printedBy}\u3000${formatDateTime(d.printedAt, lang)}`}
        </footer>
      </article>
    </div>
  );
}
