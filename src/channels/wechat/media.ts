// A voice message, photo or video sent to the account is fetched from WeChat's temporary media at once
// (it expires after three days), checked like any upload, stored encrypted and added to the message's
// inbox item (or, when the conversation was registered meanwhile, to the reporter's message on the case).
// The download is streamed with a byte cap. A refused or oversized file or an expired id is recorded with
// its reason and not retried; the transcript still says [语音] or [图片], so the clerk knows something was sent.
import type { Deps } from '../../commands/deps.js';
import { inTransaction } from '../../commands/deps.js';
import { attachToReporterMessage } from '../../commands/add-reporter-message.js';
import { yearIn } from '../../commands/case-number.js';
import { insertAttachments } from '../../commands/intake/ingest-message.js';
import { storeFiles } from '../../commands/new-case.js';
import type { OutboxHandler } from '../../jobs/outbox-relay.js';
import { checkFile } from '../../security/file-checks/check-file.js';
import { FileRejected } from '../../security/file-checks/rejection.js';
import { insertAudit } from '../../store/audit-rows.js';
import { MEDIA_TOO_LARGE, WechatApiError, type WechatApi } from './api.js';
import { withAccessToken } from './token.js';

/** 40007: invalid media id (expired or never ours). */
const MEDIA_GONE = 40007;

class MediaGone extends Error {
  override readonly name = 'WechatMediaGone';
  readonly retryable = false;
}

const NAMES: Readonly<Record<string, string>> = { voice: '微信语音', image: '微信图片', video: '微信视频', shortvideo: '微信小视频' };

const REASON_WORDS: Readonly<Record<string, string>> = { too_large: '文件过大，已中止下载', gone: '素材已过期或不存在' };

/**
 * Not stored, for a reason that trying again cannot mend: recorded on the message and, for an inbox item,
 * beside its refused attachments, so the clerk knows a file was sent and why it is missing.
 */
async function markFailed(deps: Deps, messageId: string, itemId: string | null, baseName: string, reason: string): Promise<never> {
  await inTransaction(deps.pool, async (tx) => {
    const marked = await tx.query("UPDATE wechat_messages SET media_status = 'failed', media_error = $2, media_attempts = media_attempts + 1 WHERE id = $1 AND media_status = 'pending'", [messageId, reason]);
    if (marked.rowCount === 0 || itemId === null) return;
    const ref = { table: 'intake_items', column: 'details_enc', rowId: itemId };
    const row = (await tx.query<{ details_enc: Buffer | null }>('SELECT details_enc FROM intake_items WHERE id = $1 FOR UPDATE', [itemId])).rows[0];
    const details = row?.details_enc == null ? {} : deps.cipher.decryptJson<Record<string, string>>(ref, row.details_enc);
    const refused = `${baseName}（${REASON_WORDS[reason] ?? reason}）`;
    const next = { ...details, refusedAttachments: (details.refusedAttachments === undefined ? refused : `${details.refusedAttachments}；${refused}`).slice(0, 2_000) };
    await tx.query('UPDATE intake_items SET details_enc = $2 WHERE id = $1', [itemId, deps.cipher.encryptJson(ref, next)]);
    await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:wechat', action: 'intake.media_refused', target: itemId });
  });
  throw new MediaGone(reason);
}

interface MediaRow {
  media_id: string | null;
  media_status: string;
  item_id: string | null;
  case_id: string | null;
  reporter_message_id: string | null;
  msg_type: string;
}

export function wechatMediaHandler(api: WechatApi, appId: string): OutboxHandler {
  return async (message, ctx) => {
    const { deps } = ctx;
    const messageId = (message.payload as { messageId?: unknown }).messageId;
    if (typeof messageId !== 'string') throw new MediaGone('no message id');
    const row = (await deps.pool.query<MediaRow>('SELECT media_id, media_status, item_id, case_id, reporter_message_id, msg_type FROM wechat_messages WHERE id = $1', [messageId])).rows[0];
    // Already fetched by an earlier attempt whose outcome was lost.
    if (row === undefined || row.media_status !== 'pending' || row.media_id === null) return;
    const onCase = row.case_id !== null && row.reporter_message_id !== null ? { caseId: row.case_id, messageId: row.reporter_message_id } : null;
    if (onCase === null && row.item_id === null) return;
    const mediaId = row.media_id;
    const baseName = NAMES[row.msg_type] ?? '微信文件';
    let media;
    try {
      // Streamed with a cap: an oversized answer is aborted, and nothing of it is stored.
      media = await withAccessToken(deps, api, appId, (token) => api.getMedia(token, mediaId));
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === MEDIA_GONE) return markFailed(deps, messageId, row.item_id, baseName, 'gone');
      if (err instanceof WechatApiError && err.errcode === MEDIA_TOO_LARGE) return markFailed(deps, messageId, row.item_id, baseName, 'too_large');
      throw err;
    }
    const now = deps.clock.now();
    let sniffed;
    try {
      sniffed = await checkFile(media.fileName ?? baseName, media.bytes);
    } catch (err) {
      if (err instanceof FileRejected) return markFailed(deps, messageId, row.item_id, baseName, err.reason);
      throw err;
    }
    const name = `${baseName}.${sniffed.ext}`;
    const files = await storeFiles(deps, [{ name, mediaType: sniffed.mediaType, bytes: media.bytes }], yearIn(deps.timezone, now), now, onCase === null ? 'intake_attachments' : 'attachments');
    const itemId = row.item_id;
    try {
      await inTransaction(deps.pool, async (tx) => {
        const claimed = await tx.query("UPDATE wechat_messages SET media_status = 'fetched', media_attempts = media_attempts + 1 WHERE id = $1 AND media_status = 'pending'", [messageId]);
        if (claimed.rowCount === 0) throw new Error('fetched twice');
        if (onCase !== null) {
          // The message joined a registered case: its file follows it there.
          await attachToReporterMessage(deps, tx, onCase.caseId, onCase.messageId, files, now);
        } else if (itemId !== null) {
          await insertAttachments(tx, itemId, files, now);
          await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:wechat', action: 'intake.media', target: itemId });
        }
      });
    } catch (err) {
      await Promise.all(files.map((f) => deps.attachments.remove(f.storage_key)));
      if (err instanceof Error && err.message === 'fetched twice') return;
      throw err;
    }
  };
}
