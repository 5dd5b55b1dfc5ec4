// One attachment of a case for one reader (DESIGN §3.4, §7.3, §7.4): the case read exactly as its detail is
// (one 404 for every case the reader may not open), the attachment only if the detail shows it to this reader
// (originals for the centre, derivatives — and originals shared by grant — for units), the same 404 otherwise.
// The download is on record, committed, before any byte of the file leaves.
import { isCentreRole } from '../domain/actions.js';
import { readableCase } from '../queries/cases/readable.js';
import { shownAttachment } from '../queries/cases/case-outcomes.js';
import { insertAudit } from '../store/audit-rows.js';
import type { StaffActor } from './case-actions/scope.js';
import { CommandError } from './command-error.js';
import { inTransaction, type Deps } from './deps.js';

export interface AttachmentDownload {
  readonly id: string;
  readonly name: string;
  /** the type sniffed from the bytes at upload (or made by the derivative job), never the client's claim */
  readonly mediaType: string;
  readonly origin: 'original' | 'derivative';
  readonly bytes: Buffer;
}

export async function downloadAttachment(deps: Deps, actor: StaffActor, caseNumber: string, attachmentId: string): Promise<AttachmentDownload> {
  // The transaction commits (audit included) before this function returns, so before the route sends a byte;
  // a failed audit insert rolls back and throws, and nothing is sent. The file is read and decrypted inside it,
  // so a file that cannot be opened leaves no record of a download that never happened.
  return inTransaction(deps.pool, async (tx) => {
    const readable = await readableCase(deps, tx, actor, caseNumber);
    const caseId = readable.record.row.id;
    const shown = await shownAttachment(deps, tx, caseId, actor.roles.some(isCentreRole) ? 'all' : { unitId: actor.unitId }, attachmentId);
    if (shown === null) throw new CommandError('not_found');
    const origin = shown.origin === 'original' ? 'original' : 'derivative';
    const bytes = deps.files.decryptBuffer(shown.id, await deps.attachments.get(shown.storageKey));
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'case.attachment.download', caseId, target: `attachment:${shown.id};${origin}` });
    return { id: shown.id, name: shown.name, mediaType: shown.mediaType, origin, bytes };
  });
}
