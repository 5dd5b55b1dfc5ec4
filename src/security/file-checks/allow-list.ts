// The allow-list of DESIGN §7.4, keyed by what file-type reads from the bytes (never the name or
// the client's Content-Type). Each entry says which further check the bytes must pass.

export type FileKind = 'image' | 'heif' | 'pdf' | 'office' | 'text' | 'audio' | 'video' | 'legacy_office';

export interface AllowedType {
  readonly mediaType: string;
  readonly ext: string;
  readonly kind: FileKind;
}

const entry = (mediaType: string, ext: string, kind: FileKind): AllowedType => ({ mediaType, ext, kind });

const BY_DETECTED = new Map<string, AllowedType>([
  ['image/jpeg', entry('image/jpeg', 'jpg', 'image')],
  ['image/png', entry('image/png', 'png', 'image')],
  ['image/webp', entry('image/webp', 'webp', 'image')],
  ['image/heic', entry('image/heic', 'heic', 'heif')],
  ['image/heif', entry('image/heif', 'heif', 'heif')],
  ['application/pdf', entry('application/pdf', 'pdf', 'pdf')],
  ['audio/mpeg', entry('audio/mpeg', 'mp3', 'audio')],
  ['audio/x-m4a', entry('audio/x-m4a', 'm4a', 'audio')],
  ['audio/mp4', entry('audio/mp4', 'm4a', 'audio')],
  ['audio/amr', entry('audio/amr', 'amr', 'audio')],
  ['audio/wav', entry('audio/wav', 'wav', 'audio')],
  ['audio/x-wav', entry('audio/wav', 'wav', 'audio')],
  ['video/mp4', entry('video/mp4', 'mp4', 'video')],
  ['video/quicktime', entry('video/quicktime', 'mov', 'video')],
  // The bytes cannot say doc from xls from wps (or from an msi): the name picks the extension.
  ['application/x-cfb', entry('application/x-cfb', '', 'legacy_office')],
]);

export const DOCX: AllowedType = entry('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx', 'office');
export const XLSX: AllowedType = entry('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', 'office');
export const TEXT: AllowedType = entry('text/plain', 'txt', 'text');

/**
 * Every zip that might be an Office package goes to the OOXML inspection, including the macro-enabled
 * variants file-type names: the inspection then refuses them with the precise reason.
 */
function looksLikeOfficeZip(mime: string): boolean {
  return mime === 'application/zip' || mime.startsWith('application/vnd.openxmlformats-officedocument.') || /^application\/vnd\.ms-[a-z]+\..*macroenabled/u.test(mime);
}

export function allowedByDetected(mime: string): AllowedType | 'office_zip' | undefined {
  if (looksLikeOfficeZip(mime)) return 'office_zip';
  return BY_DETECTED.get(mime);
}

export function legacyOfficeExt(name: string): string | undefined {
  return /\.(doc|xls|wps)$/iu.exec(name.trim())?.[1]?.toLowerCase();
}

/** A .txt is only ever what it says: non-empty strict UTF-8 without NUL bytes. */
export function isUtf8Text(name: string, bytes: Uint8Array): boolean {
  if (!/\.txt$/iu.test(name.trim()) || bytes.length === 0 || bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
