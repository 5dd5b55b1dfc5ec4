// 案件详情: header, content, channel record, attachments, subjects, reporter (with break-glass when offered),
// pending decisions, results, 流转记录, messages and notes, and one button per offered action; a text to the
// reporter that failed shows above the body.
import { Alert, Breadcrumb, Button, Card, Col, Result, Row, Space, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { Me } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { navigate, workbenchPath } from '../app/router.js';
import { ActionDialog } from '../actions/action-dialog.js';
import { DialButton, mayDial } from '../calls/dial-button.js';
import { Watermark } from '../common/watermark.js';
import { CaseHeader } from './case-header.js';
import { DeliveryAlert } from './delivery-alert.js';
import { ContentCard, PendingCard, ReporterCard, SubjectsCard, TimelineCard } from './case-parts.js';
import { useCase } from './case-query.js';
import { PrintMenu } from '../print/print-menu.js';
import { AttachmentsCard, ChannelRecordCard, MessagesCard, NotesCard, ResultsCard } from './case-records.js';
import { FollowUpsCard } from './follow-ups-card.js';

export default function CaseDetailPage(props: { me: Me; caseNumber: string }): ReactNode {
  const { t, pick } = useI18n();
  const query = useCase(props.caseNumber);
  const [open, setOpen] = useState<{ code: string; label: string } | null>(null);
  const back = (
    <Button type="primary" onClick={() => navigate(workbenchPath())}>
      {t('backToWorkbench')}
    </Button>
  );
  if (query.isPending) return <Spin size="large" className="zt-page-spin" />;
  if (query.error) {
    // Out of scope, recused, sealed and nonexistent are one answer from the API, and one page here.
    if (query.error.status === 404) return <Result status="404" title={query.error.title} subTitle={query.error.detail} extra={back} />;
    return <Result status="error" title={query.error.title} subTitle={query.error.detail} extra={back} />;
  }
  const loaded = query.data;
  const d = loaded.detail;
  const reveal = d.actions.find((a) => a.code === 'reveal_reporter');
  return (
    <div className="zt-case">
      <Watermark me={props.me} />
      <Breadcrumb
        className="zt-breadcrumb"
        items={[
          { title: <a href={workbenchPath()} onClick={(e) => { e.preventDefault(); navigate(workbenchPath()); }}>{t('workbench')}</a> },
          { title: d.caseNumber },
        ]}
      />
      <CaseHeader detail={d} />
      <DeliveryAlert deliveries={d.deliveries} />
      <Row gutter={16} className="zt-case-body">
        <Col xs={24} xl={17}>
          <ContentCard detail={d} />
          <ChannelRecordCard details={d.channelDetails} />
          <AttachmentsCard caseNumber={d.caseNumber} attachments={d.attachments} />
          <SubjectsCard subjects={d.subjects} />
          <ReporterCard reporter={d.reporter} anonymity={d.anonymity} onReveal={reveal === undefined ? undefined : () => setOpen({ code: reveal.code, label: pick(reveal.label) })} />
          <PendingCard detail={d} />
          <ResultsCard detail={d} />
          <FollowUpsCard caseNumber={d.caseNumber} followUps={d.followUps} />
          <TimelineCard timeline={d.timeline} />
          <MessagesCard messages={d.messages} />
          <NotesCard notes={d.notes} />
        </Col>
        <Col xs={24} xl={7}>
          <Card title={t('actions')} size="small" className="zt-card zt-actions">
            {d.actions.length === 0 ? (
              <Typography.Text type="secondary">{t('noActions')}</Typography.Text>
            ) : (
              <Space orientation="vertical" className="zt-action-buttons">
                {d.actions.map((a, i) => (
                  <Button key={a.code} block type={i === 0 ? 'primary' : 'default'} data-action={a.code} onClick={() => setOpen({ code: a.code, label: pick(a.label) })}>
                    {pick(a.label)}
                  </Button>
                ))}
              </Space>
            )}
            {mayDial(d) ? <div className="zt-dial"><DialButton caseNumber={d.caseNumber} /></div> : null}
          </Card>
          <PrintMenu caseNumber={d.caseNumber} version={d.version} />
          <Alert className="zt-secret-note" type="warning" title={t('caseScreensOnly')} showIcon />
        </Col>
      </Row>
      {open === null ? null : <ActionDialog loaded={loaded} code={open.code} label={open.label} onClose={() => setOpen(null)} onReload={() => query.refetch()} />}
    </div>
  );
}
