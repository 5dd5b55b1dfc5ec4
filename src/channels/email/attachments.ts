// E-mail attachments pass the portal's checks (DESIGN §7.4): type sniffed from the bytes against the
// allow-list, OOXML inspected, size and pixel limits, names sanitised. A refused file is not stored as
// an attachment; the clerk is told its name and why, and the encrypted raw message still holds it.
import type { AttachmentInput } from '../../commands/new-case.js';
import { checkFile } from '../../security/file-checks/check-file.js';
import { sanitizeFileName } from '../../security/file-checks/file-name.js';
import { FileRejected, type FileCheckOptions } from '../../security/file-checks/rejection.js';
import type { RawAttachment } from './parse.js';

/** An intake item takes at most this many files (intake-message.ts). */
const MAX_FILES = 20;

export interface CheckedAttachments {
  readonly accepted: AttachmentInput[];
  /** `name: reason` for each refused file, for the clerk */
  readonly refused: string[];
}

export async function checkAttachments(files: readonly RawAttachment[], options: FileCheckOptions): Promise<CheckedAttachments> {
  const accepted: AttachmentInput[] = [];
  const refused: string[] = [];
  for (const f of files) {
    const shownName = sanitizeFileName(f.name === '' ? '附件' : f.name, 'bin').replace(/\.bin$/u, '');
    if (accepted.length >= MAX_FILES) {
      refused.push(`${shownName}: too_many_files`);
      continue;
    }
    try {
      const kind = await checkFile(f.name, f.bytes, options);
      accepted.push({ name: sanitizeFileName(f.name, kind.ext), mediaType: kind.mediaType, bytes: f.bytes });
    } catch (err) {
      if (!(err instanceof FileRejected)) throw err;
      refused.push(`${shownName}: ${err.reason}`);
    }
  }
  return { accepted, refused };
}
