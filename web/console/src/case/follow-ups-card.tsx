// 回访与通话: how the reporter rated the answer (by phone, SMS, in person, online) and the hotline calls of the
// case — the call it was registered from and the follow-up officer's calls — each with its recording to
// play here (each play is an audited read). The centre sees it; units get neither part.
import { PhoneOutlined } from '@ant-design/icons';
import { Card, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { DISSATISFACTION_REASON_LABELS, FOLLOW_UP_CHANNEL_LABELS, FOLLOW_UP_OUTCOME_LABELS } from '../../../../src/domain/forms/codes.js';
import type { Bilingual, CaseFollowUps } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { AudioPlayer } from '../common/audio-player.js';
import { formatDateTime } from '../common/format.js';
import { attachmentUrl } from './case-records.js';

const OUTCOMES: ReadonlyMap<string, Bilingual> = new Map(Object.entries(FOLLOW_UP_OUTCOME_LABELS));
const REASONS: ReadonlyMap<string, Bilingual> = new Map(Object.entries(DISSATISFACTION_REASON_LABELS));
const CHANNELS: ReadonlyMap<string, Bilingual> = new Map([...Object.entries(FOLLOW_UP_CHANNEL_LABELS), ['online', { zh: '网上评价', en: 'Online rating' }]]);
const label = (map: ReadonlyMap<string, Bilingual>, code: string): Bilingual => map.get(code) ?? { zh: code, en: code };

function length(sec: number | null): string {
  return sec === null ? '—' : `${String(Math.floor(sec / 60))}:${String(sec % 60).padStart(2, '0')}`;
}

export function FollowUpsCard(props: { caseNumber: string; followUps: CaseFollowUps }): ReactNode {
  const { pick, lang } = useI18n();
  const { records, calls } = props.followUps;
  if (records.length === 0 && calls.length === 0) return null;
  return (
    <Card title={pick({ zh: '回访与通话', en: 'Follow-up and calls' })} size="small" className="zt-card" data-testid="follow-ups">
      {records.length === 0 ? null : (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.recordedAt}${r.outcome}`}
          dataSource={[...records]}
          columns={[
            { title: pick({ zh: '时间', en: 'When' }), dataIndex: 'recordedAt', width: 150, render: (at: string) => formatDateTime(at, lang) },
            { title: pick({ zh: '方式', en: 'How' }), dataIndex: 'channel', width: 100, render: (c: string) => pick(label(CHANNELS, c)) },
            { title: pick({ zh: '结果', en: 'Outcome' }), dataIndex: 'outcome', width: 110, render: (o: string) => <Tag color={o === 'dissatisfied' ? 'red' : o === 'satisfied' ? 'green' : 'default'}>{pick(label(OUTCOMES, o))}</Tag> },
            { title: pick({ zh: '原因与说明', en: 'Reasons and note' }), key: 'why', render: (_: unknown, r: CaseFollowUps['records'][number]) => [...r.reasons.map((x) => pick(label(REASONS, x))), r.note].filter((x) => x !== null && x !== '').join('；') || '—' },
            { title: pick({ zh: '记录人', en: 'By' }), dataIndex: 'recordedBy', width: 90, render: (b: string | null) => b ?? pick({ zh: '反映人', en: 'Reporter' }) },
          ]}
        />
      )}
      {calls.length === 0 ? null : (
        <>
          {records.length === 0 ? null : <Typography.Title level={5} className="zt-call-heading">{pick({ zh: '相关通话', en: 'Calls' })}</Typography.Title>}
          {calls.map((c, i) => (
            <div key={`${c.startedAt ?? ''}${String(i)}`} className="zt-item-file" data-testid="case-call">
              <Space size={8} wrap>
                <PhoneOutlined />
                <span>{formatDateTime(c.startedAt, lang)}</span>
                <Tag>{c.direction === 'out' ? pick({ zh: '呼出', en: 'Outbound' }) : pick({ zh: '呼入', en: 'Inbound' })}</Tag>
                {c.followUp ? <Tag color="blue">{pick({ zh: '回访', en: 'Follow-up' })}</Tag> : null}
                <Typography.Text type="secondary">{c.answered ? `${pick({ zh: '通话', en: 'Talked' })} ${length(c.durationSec)}` : pick({ zh: '未接通', en: 'Not answered' })}</Typography.Text>
                {c.agent === null ? null : <Typography.Text type="secondary">{c.agent}</Typography.Text>}
              </Space>
              {c.recordingIds.map((id) => <AudioPlayer key={id} src={attachmentUrl(props.caseNumber, id, true)} label={pick({ zh: '播放通话录音', en: 'Play the recording' })} />)}
            </div>
          ))}
        </>
      )}
    </Card>
  );
}
