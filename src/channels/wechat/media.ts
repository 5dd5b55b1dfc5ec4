// A voice message, photo or video sent to the account is fetched from WeChat's temporary media at once
// (it expires after three days), checked like any upload, stored encrypted and added to the message's
// inbox item. A refused file or an expired id is recorded and not retried; the transcript still says
// [语音] or [图片], so the clerk knows something was sent.
import type { Deps } from '../../commands/deps.js';
import { inTransaction } from '../../commands/deps.js';
import { yearIn } from '../../commands/case-number.js';
import { insertAttachments } from '../../commands/intake/ingest-message.js';
import { storeFiles } from '../../commands/new-case.js';
import type { OutboxHandler } from '../../jobs/outbox-relay.js';
import { checkFile } from '../../security/file-checks/check-file.js';
import { FileRejected } from '../../security/file-checks/rejection.js';
import { insertAudit } from '../../store/audit-rows.js';
import { WechatApiError, type WechatApi } from './api.js';
import { withAccessToken } from './token.js';

/** 40007: invalid media id (expired or never ours). */
const MEDIA_GONE = 40007;

class MediaGone extends Error {
  override readonly name = 'WechatMediaGone';
  readonly retryable = false;
}

const NAMES: Readonly<Record<string, string>> = { voice: '微信语音', image: '微信图片', video: '微信视频', shortvideo: '微信小视频' };

async function markFailed(deps: Deps, messageId: string, reason: string): Promise<never> {
  await deps.pool.query("UPDATE wechat_messages SET media_status = 'failed', media_attempts = media_attempts + 1 WHERE id = $1", [messageId]);
  throw new MediaGone(reason);
}

export function wechatMediaHandler(api: WechatApi, appId: string): OutboxHandler {
  return async (message, ctx) => {
    const { deps } = ctx;
    const messageId = (message.payload as { messageId?: unknown }).messageId;
    if (typeof messageId !== 'string') throw new MediaGone('no message id');
    const row = (await deps.pool.query<{ media_id: string | null; media_status: string; item_id: string | null; msg_type: string }>('SELECT media_id, media_status, item_id, msg_type FROM wechat_messages WHERE id = $1', [messageId])).rows[0];
    // Already fetched by an earlier attempt whose outcome was lost.
    if (row === undefined || row.media_status !== 'pending' || row.media_id === null || row.item_id === null) return;
    const mediaId = row.media_id;
    let media;
    try {
      media = await withAccessToken(deps, api, appId, (token) => api.getMedia(token, mediaId));
    } catch (err) {
      if (err instanceof WechatApiError && (err.errcode === MEDIA_GONE || err.errcode === -2)) return markFailed(deps, messageId, `errcode ${String(err.errcode)}`);
      throw err;
    }
    const now = deps.clock.now();
    const baseName = NAMES[row.msg_type] ?? '微信文件';
    let sniffed;
    try {
      sniffed = await checkFile(media.fileName ?? baseName, media.bytes);
    } catch (err) {
      if (err instanceof FileRejected) return markFailed(deps, messageId, err.reason);
      throw err;
    }
    const name = `${baseName}.${sniffed.ext}`;
    const files = await storeFiles(deps, [{ name, mediaType: sniffed.mediaType, bytes: media.bytes }], yearIn(deps.timezone, now), now, 'intake_attachments');
    const itemId = row.item_id;
    try {
      await inTransaction(deps.pool, async (tx) => {
        const claimed = await tx.query("UPDATE wechat_messages SET media_status = 'fetched', media_attempts = media_attempts + 1 WHERE id = $1 AND media_status = 'pending'", [messageId]);
        if (claimed.rowCount === 0) throw new Error('fetched twice');
        await insertAttachments(tx, itemId, files, now);
        await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:wechat', action: 'intake.media', target: itemId });
      });
    } catch (err) {
      await Promise.all(files.map((f) => deps.attachments.remove(f.storage_key)));
      if (err instanceof Error && err.message === 'fetched twice') return;
      throw err;
    }
  };
}
