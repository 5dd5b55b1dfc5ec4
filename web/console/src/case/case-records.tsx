// More of a case's body: the channel record, messages with the reporter, internal notes, attachments,
// and the unit's results. Every text is plain text (white-space: pre-wrap), never markup.
import { FileOutlined, MessageOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FINDING_LABELS } from '../../../../src/domain/forms/codes.js';
import type { Attachment, Bilingual, CaseDetail, Message, TextEntry } from '../api/types.js';
import { AudioPlayer, PLAYABLE_AUDIO } from '../common/audio-player.js';
import { useI18n } from '../app/i18n.js';
import { DETAIL_LABELS, shownDetails } from '../common/channel-details.js';
import { formatDateTime } from '../common/format.js';


const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/u;

function detailText(v: unknown, lang: 'zh' | 'en'): string {
  if (Array.isArray(v)) return v.map((x) => String(x)).join('、');
  if (typeof v === 'string') return ISO_INSTANT.test(v) ? formatDateTime(v, lang) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '—';
}

export function ChannelRecordCard(props: { details: CaseDetail['channelDetails'] }): ReactNode {
  const { pick, lang } = useI18n();
  const entries = shownDetails(props.details ?? {});
  if (entries.length === 0) return null;
  return (
    <Card title={pick({ zh: '渠道信息', en: 'Channel record' })} size="small" className="zt-card">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        {entries.map(([k, v]) => (
          <Descriptions.Item key={k} label={DETAIL_LABELS[k] === undefined ? k : pick(DETAIL_LABELS[k])}>
            {detailText(v, lang)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

function Entries(props: { items: readonly (TextEntry | Message)[]; empty: string; tag?: (m: TextEntry | Message) => ReactNode }): ReactNode {
  const { lang } = useI18n();
  if (props.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} />;
  return (
    <List
      size="small"
      dataSource={[...props.items]}
      renderItem={(m) => (
        <List.Item key={m.id}>
          <List.Item.Meta
            title={
              <Space size={6}>
                {props.tag?.(m)}
                <span>{m.author ?? '—'}</span>
                <Typography.Text type="secondary" className="zt-small">{formatDateTime(m.at, lang)}</Typography.Text>
              </Space>
            }
            description={<span className="zt-prewrap zt-entry-text">{m.text}</span>}
          />
        </List.Item>
      )}
    />
  );
}

export function MessagesCard(props: { messages: readonly Message[] }): ReactNode {
  const { pick } = useI18n();
  const tag = (m: TextEntry | Message): ReactNode =>
    'direction' in m && m.direction === 'from_reporter' ? <Tag color="gold">{pick({ zh: '反映人', en: 'Reporter' })}</Tag> : <Tag color="blue">{pick({ zh: '中心', en: 'Centre' })}</Tag>;
  return (
    <Card title={<Space><MessageOutlined />{pick({ zh: '与反映人往来留言', en: 'Messages with the reporter' })}</Space>} size="small" className="zt-card" data-testid="messages">
      <Entries items={props.messages} empty={pick({ zh: '暂无留言', en: 'No messages' })} tag={tag} />
    </Card>
  );
}

export function NotesCard(props: { notes: readonly TextEntry[] }): ReactNode {
  const { pick } = useI18n();
  return (
    <Card title={pick({ zh: '内部备注（反映人不可见）', en: 'Internal notes (never shown to the reporter)' })} size="small" className="zt-card" data-testid="notes">
      <Entries items={props.notes} empty={pick({ zh: '暂无备注', en: 'No notes' })} />
    </Card>
  );
}

const ORIGIN: Readonly<Record<string, Bilingual>> = { original: { zh: '原件', en: 'Original' }, derivative: { zh: '派生件', en: 'Derivative' } };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${String(Math.max(1, Math.ceil(bytes / 1024)))} KB`;
}

/**
 * The files' metadata only: the staff API has no attachment download route yet, so nothing is fetched
 * or shown inline here; the card says so rather than offering a link that cannot work.
 */
/** Shown in place (GET …/attachments/:id?inline=1, a sandboxed response); every other type only downloads. */
const PREVIEWABLE: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The download route of one attachment (DESIGN §7.4); each fetch, preview included, is audited by the server. */
export function attachmentUrl(caseNumber: string, id: string, inline = false): string {
  return `/api/v1/cases/${encodeURIComponent(caseNumber)}/attachments/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`;
}

export function AttachmentsCard(props: { caseNumber: string; attachments: readonly Attachment[] }): ReactNode {
  const { pick } = useI18n();
  if (props.attachments.length === 0) return null;
  return (
    <Card title={pick({ zh: '附件', en: 'Attachments' })} size="small" className="zt-card" data-testid="attachments">
      <List
        size="small"
        dataSource={[...props.attachments]}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <div>
              <Space size={8} wrap>
                <FileOutlined />
                <span>{a.name}</span>
                <Tag>{pick(ORIGIN[a.origin] ?? { zh: a.origin, en: a.origin })}</Tag>
                <Typography.Text type="secondary" className="zt-small">
                  {a.mediaType} · {size(a.sizeBytes)}
                </Typography.Text>
                <a href={attachmentUrl(props.caseNumber, a.id)} download={a.name} rel="noopener noreferrer">
                  {pick({ zh: '下载', en: 'Download' })}
                </a>
              </Space>
              {PREVIEWABLE.has(a.mediaType) ? (
                <img src={attachmentUrl(props.caseNumber, a.id, true)} alt={a.name} loading="lazy" className="zt-attachment-preview" />
              ) : null}
              {PLAYABLE_AUDIO.has(a.mediaType) ? <AudioPlayer src={attachmentUrl(props.caseNumber, a.id, true)} label={`${pick({ zh: '播放录音', en: 'Play recording' })} ${a.name}`} /> : null}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

const FINDINGS: ReadonlyMap<string, Bilingual> = new Map(Object.entries(FINDING_LABELS));

export function ResultsCard(props: { detail: CaseDetail }): ReactNode {
  const { pick, lang } = useI18n();
  const { results } = props.detail;
  if (results.length === 0) return null;
  return (
    <Card title={pick({ zh: '办理结果', en: 'Results' })} size="small" className="zt-card">
      {results.map((r) => (
        <Descriptions key={`${String(r.cycle)}-${r.submittedAt}`} size="small" column={1} bordered className="zt-result">
          <Descriptions.Item label={pick({ zh: '核查结论', en: 'Finding' })}>{pick(FINDINGS.get(r.finding) ?? { zh: r.finding, en: r.finding })}</Descriptions.Item>
          {r.investigationReport === null ? null : <Descriptions.Item label={pick({ zh: '调查报告', en: 'Report' })}><span className="zt-prewrap">{r.investigationReport}</span></Descriptions.Item>}
          {r.measures === null ? null : <Descriptions.Item label={pick({ zh: '整改措施', en: 'Measures' })}><span className="zt-prewrap">{r.measures}</span></Descriptions.Item>}
          <Descriptions.Item label={pick({ zh: '答复意见（草稿）', en: 'Draft reply' })}><span className="zt-prewrap">{r.draftReply}</span></Descriptions.Item>
          <Descriptions.Item label={pick({ zh: '提交人', en: 'Submitted by' })}>{`${r.submittedBy ?? '—'} · ${formatDateTime(r.submittedAt, lang)}`}</Descriptions.Item>
        </Descriptions>
      ))}
    </Card>
  );
}
