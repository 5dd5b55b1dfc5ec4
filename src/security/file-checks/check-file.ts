// One uploaded file against DESIGN §7.4: type from the bytes, then the check its type needs.
// Pure apart from sharp's header read; the caller maps FileRejected to its own errors.
import { fileTypeFromBuffer } from 'file-type';
import { allowedByDetected, DOCX, isUtf8Text, legacyOfficeExt, TEXT, XLSX, type AllowedType } from './allow-list.js';
import { checkImagePixels } from './image-limits.js';
import { inspectOoxml } from './ooxml.js';
import { FILE_LIMITS, FileRejected, type FileCheckOptions, type SniffedFile } from './rejection.js';

function sniffed(type: AllowedType, ext: string = type.ext): SniffedFile {
  return { mediaType: type.mediaType, ext };
}

function checkSize(type: AllowedType, size: number, options: FileCheckOptions): void {
  if (size <= FILE_LIMITS.fileBytes) return;
  if (type.kind === 'video' && options.allowLargeVideo === true) return;
  throw new FileRejected('too_large', 'the file is over the size limit');
}

/** The sniffed type of an allowed file; throws FileRejected with the reason otherwise. */
export async function checkFile(name: string, bytes: Uint8Array, options: FileCheckOptions = {}): Promise<SniffedFile> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected === undefined) {
    if (!isUtf8Text(name, bytes)) throw new FileRejected('not_allowed', 'not a type on the allow-list');
    checkSize(TEXT, bytes.length, options);
    return sniffed(TEXT);
  }
  const allowed = allowedByDetected(detected.mime);
  if (allowed === undefined) throw new FileRejected('not_allowed', `${detected.mime} is not on the allow-list`);
  if (allowed === 'office_zip') {
    // Size first: the inspection inflates parts.
    checkSize(DOCX, bytes.length, options);
    return sniffed(inspectOoxml(bytes) === 'docx' ? DOCX : XLSX);
  }
  checkSize(allowed, bytes.length, options);
  switch (allowed.kind) {
    case 'image':
      await checkImagePixels(bytes);
      return sniffed(allowed);
    case 'legacy_office': {
      const ext = legacyOfficeExt(name);
      if (options.allowLegacyOffice !== true || ext === undefined) throw new FileRejected('not_allowed', 'legacy Office files are not accepted');
      return sniffed(allowed, ext);
    }
    case 'heif':
    case 'pdf':
    case 'office':
    case 'text':
    case 'audio':
    case 'video':
      return sniffed(allowed);
  }
}
