// The case's header: number, type, scope, stage and state, both clocks with their lights, flags.
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CaseDetail } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { formatDate, formatDateTime } from '../common/format.js';
import { branchLabel, channelLabel, scopeLabel, typeLabel } from '../common/labels.js';
import { FlagTags, LightTag, LightText } from '../common/light.js';

export function CaseHeader(props: { detail: CaseDetail }): ReactNode {
  const { t, pick, lang } = useI18n();
  const d = props.detail;
  return (
    <Card className="zt-case-header">
      <Space align="center" wrap className="zt-case-title">
        <Typography.Title level={4} className="zt-case-number">
          {d.caseNumber}
        </Typography.Title>
        <Tag color="geekblue" data-state={d.state}>
          {pick(d.stateLabel)}
        </Tag>
        <Tag>{pick(typeLabel(d.type))}</Tag>
        {d.isAccusation ? <Tag color="purple">{t('accusation')}</Tag> : null}
        {d.urgency === 'urgent' ? <Tag color="red">{t('urgent')}</Tag> : null}
        {d.businessRelated ? <Tag color="cyan">{t('businessRelated')}</Tag> : null}
        {d.sealed ? <Tag color="magenta">{t('sealed')}</Tag> : null}
        <LightTag light={d.clocks.light} />
        <FlagTags flags={d.flags} />
      </Space>
      <Typography.Paragraph className="zt-case-subject" strong>
        {d.title}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
        <Descriptions.Item label={t('channel')}>{pick(channelLabel(d.channel))}</Descriptions.Item>
        <Descriptions.Item label={t('scope')}>{d.scope === null ? '—' : pick(scopeLabel(d.scope))}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '警种', en: 'Police service' })}>{d.policeBranch === null ? '—' : pick(branchLabel(d.policeBranch))}</Descriptions.Item>
        <Descriptions.Item label={t('receivedAt')}>{formatDateTime(d.receivedAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '受理时间', en: 'Accepted' })}>{formatDateTime(d.acceptedAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('currentUnit')}>{d.currentUnit?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('publicDeadline')}>
          {d.clocks.public.due === null ? '—' : <LightText light={d.clocks.public.light} text={d.clocks.public.text} />}
        </Descriptions.Item>
        <Descriptions.Item label={t('unitDeadline')}>
          {d.clocks.unit.due === null ? '—' : <LightText light={d.clocks.unit.light} text={d.clocks.unit.text} />}
        </Descriptions.Item>
        <Descriptions.Item label={t('handler')}>{d.handler ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('occurredAt')}>{d.occurredAt === null ? '—' : formatDate(d.occurredAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('location')}>{d.location ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '办理轮次', en: 'Cycle' })}>{d.cycle}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
