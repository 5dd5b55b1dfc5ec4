// The body of a case: content, subjects, the reporter block as the API gives it, pending decisions, the 流转记录.
import { EyeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CaseDetail, Reporter, Subject, TimelineEntry } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';

export function ContentCard(props: { detail: CaseDetail }): ReactNode {
  const { t } = useI18n();
  // Plain text only: a reporter's words are never markup (DESIGN §7.4); line breaks are kept by CSS.
  return (
    <Card title={t('content')} size="small" className="zt-card">
      <Typography.Paragraph className="zt-prewrap">{props.detail.content}</Typography.Paragraph>
    </Card>
  );
}

export function SubjectsCard(props: { subjects: readonly Subject[] }): ReactNode {
  const { t, pick } = useI18n();
  if (props.subjects.length === 0) return null;
  return (
    <Card title={t('subjects')} size="small" className="zt-card">
      <Table<Subject>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...props.subjects]}
        columns={[
          { title: pick({ zh: '姓名', en: 'Name' }), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          { title: t('policeNumber'), dataIndex: 'policeNumber', render: (v: string | null) => v ?? '—' },
          { title: pick({ zh: '所在单位（反映）', en: 'Unit (as reported)' }), dataIndex: 'unitText', render: (v: string | null) => v ?? '—' },
          { title: pick({ zh: '核实单位', en: 'Linked unit' }), key: 'linked', render: (_: unknown, s) => s.linkedUnit?.name ?? '—' },
          { title: pick({ zh: '职务', en: 'Position' }), dataIndex: 'position', render: (v: string | null) => v ?? '—' },
          { title: pick({ zh: '车牌号', en: 'Plate' }), dataIndex: 'vehiclePlate', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

/** `onReveal` when the API offers reveal_reporter: break-glass, asking a reason (DESIGN §7.2). */
export function ReporterCard(props: { reporter: Reporter | null; anonymity: string; onReveal?: (() => void) | undefined }): ReactNode {
  const { t, pick } = useI18n();
  const r = props.reporter;
  let body: ReactNode;
  if (props.anonymity === 'anonymous' && r === null) body = <Typography.Text type="secondary">{t('anonymous')}</Typography.Text>;
  else if (r === null) body = <Typography.Text type="secondary">{t('reporterHidden')}</Typography.Text>;
  else
    body = (
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={pick({ zh: '姓名', en: 'Name' })}>{r.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '联系电话', en: 'Phone' })}>{r.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '电子邮箱', en: 'E-mail' })}>{r.email ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '工作单位', en: 'Workplace' })}>{r.workplace ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '住址', en: 'Address' })} span={2}>
          {r.address ?? '—'}
        </Descriptions.Item>
      </Descriptions>
    );
  return (
    <Card
      title={t('reporter')}
      size="small"
      className="zt-card"
      extra={
        <Space size={4}>
          {props.onReveal === undefined ? null : (
            <Button size="small" icon={<EyeOutlined />} onClick={props.onReveal} data-testid="reveal-reporter">
              {pick({ zh: '查看反映人（须说明理由）', en: 'Reveal (a reason is required)' })}
            </Button>
          )}
          <Tag color="gold">{pick({ zh: '保密', en: 'Confidential' })}</Tag>
        </Space>
      }
    >
      {body}
    </Card>
  );
}

export function PendingCard(props: { detail: CaseDetail }): ReactNode {
  const { t, pick, lang } = useI18n();
  if (props.detail.pending.length === 0) return null;
  return (
    <Card title={t('pending')} size="small" className="zt-card">
      {props.detail.pending.map((p) => (
        <div key={p.id} className="zt-pending">
          <Tag color="blue">{pick(p.label)}</Tag>
          {p.requestedBy ?? '—'} · {formatDateTime(p.requestedAt, lang)}
        </div>
      ))}
    </Card>
  );
}

export function TimelineCard(props: { timeline: readonly TimelineEntry[] }): ReactNode {
  const { t, pick, lang } = useI18n();
  return (
    <Card title={t('timeline')} size="small" className="zt-card">
      <Table<TimelineEntry>
        rowKey={(e) => `${e.at}-${e.event}`}
        size="small"
        pagination={false}
        dataSource={[...props.timeline]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} /> }}
        columns={[
          { title: pick({ zh: '序号', en: 'No.' }), key: 'n', width: 60, render: (_: unknown, _e, i) => i + 1 },
          { title: t('step'), key: 'step', width: 140, render: (_: unknown, e) => pick(e.step) },
          { title: t('unit'), key: 'unit', width: 160, render: (_: unknown, e) => e.unit?.name ?? '—' },
          { title: t('person'), dataIndex: 'actor', width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('opinion'), dataIndex: 'opinion', render: (v: string | null) => <span className="zt-prewrap">{v ?? '—'}</span> },
          { title: t('time'), dataIndex: 'at', width: 160, render: (at: string) => formatDateTime(at, lang) },
        ]}
      />
    </Card>
  );
}
