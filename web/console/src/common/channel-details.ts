// The channel record's keys, as the channel adapters and registration forms write them; anything else is
// shown under its own name.
import type { Bilingual } from '../api/types.js';

export const DETAIL_LABELS: Readonly<Record<string, Bilingual>> = {
  callerNumber: { zh: '来电号码', en: 'Caller number' },
  calledAt: { zh: '来电时间', en: 'Called at' },
  callId: { zh: '话务编号', en: 'Call id' },
  postmarkDate: { zh: '邮戳日期', en: 'Postmark date' },
  postmarkPlace: { zh: '邮戳地点', en: 'Postmark place' },
  envelopeNote: { zh: '信封备注', en: 'Envelope note' },
  boxLocation: { zh: '举报箱位置', en: 'Box location' },
  openedAt: { zh: '开箱时间', en: 'Opened at' },
  openers: { zh: '开箱人', en: 'Openers' },
  visitedAt: { zh: '来访时间', en: 'Visited at' },
  place: { zh: '接待地点', en: 'Place' },
  receivedBy: { zh: '接待人', en: 'Received by' },
  fromOrgan: { zh: '转办机关', en: 'From organ' },
  documentNumber: { zh: '转办文号', en: 'Document number' },
  transferredAt: { zh: '转办时间', en: 'Transferred at' },
  subject: { zh: '邮件主题', en: 'Subject' },
  flood: { zh: '批量来信', en: 'Bulk mail' },
  refusedAttachments: { zh: '未收入的附件', en: 'Files not taken' },
  duration: { zh: '留言时长', en: 'Duration' },
  durationSeconds: { zh: '留言时长（秒）', en: 'Duration (s)' },
  durationSec: { zh: '留言时长（秒）', en: 'Duration (s)' },
  mailbox: { zh: '留言信箱', en: 'Mailbox' },
  calledNumber: { zh: '被叫号码', en: 'Called number' },
  nickname: { zh: '昵称', en: 'Nickname' },
  msgType: { zh: '消息类型', en: 'Message type' },
};

/**
 * A case registered from the inbox keeps the item's id (for the trail, not for readers) and the item's
 * own details nested under `details`: shown as the item showed them, beside the case's own keys.
 */
export function shownDetails(details: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(details).flatMap(([k, v]): [string, unknown][] => {
    if (k === 'intakeItemId') return [];
    if (k === 'details') return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : [];
    return [[k, v]];
  });
}
