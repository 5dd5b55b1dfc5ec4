// Files from the public: type sniffed from bytes against the allow-list, names sanitised, limits enforced.
import { fileTypeFromBuffer } from 'file-type';
import type { FastifyRequest } from 'fastify';
import type { AttachmentInput } from '../commands/submit-report.js';
import { HttpError } from './errors.js';

export const UPLOAD_LIMITS = {
  fileBytes: 50 * 1024 * 1024,
  submissionBytes: 200 * 1024 * 1024,
  files: 10,
  fieldBytes: 256 * 1024,
} as const;

/** The allow-list of this issue; later issues widen it (DESIGN §7.4). */
const ALLOWED = new Map<string, string>([
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['application/pdf', 'pdf'],
  ['audio/mpeg', 'mp3'],
  ['audio/x-m4a', 'm4a'],
  ['audio/mp4', 'm4a'],
  ['audio/wav', 'wav'],
  ['audio/x-wav', 'wav'],
  ['text/plain', 'txt'],
]);

// eslint-disable-next-line no-control-regex -- control, bidi and path characters are what we strip
const UNSAFE_NAME = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/gu;

export function sanitizeFileName(name: string, ext: string): string {
  const cleaned = Array.from(name.normalize('NFC').replace(UNSAFE_NAME, '_').replace(/^\.+/u, '').trim()).slice(0, 100).join('');
  const base = cleaned === '' ? `附件.${ext}` : cleaned;
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}

function looksLikeText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The sniffed media type, or a 415 for anything outside the allow-list whatever its name claims. */
export async function sniff(name: string, bytes: Buffer): Promise<{ mediaType: string; ext: string }> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const ext = ALLOWED.get(detected.mime);
    if (ext) return { mediaType: detected.mime === 'audio/x-wav' ? 'audio/wav' : detected.mime, ext };
    throw new HttpError('unsupported_media_type');
  }
  if (/\.txt$/iu.test(name) && bytes.length > 0 && looksLikeText(bytes)) return { mediaType: 'text/plain', ext: 'txt' };
  throw new HttpError('unsupported_media_type');
}

/** Uploads are buffered in memory today, so only a few are read at once per process. */
const MAX_CONCURRENT_UPLOADS = 4;
let uploadsInFlight = 0;

export async function withUploadSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (uploadsInFlight >= MAX_CONCURRENT_UPLOADS) throw new HttpError('too_many_requests', [], { 'Retry-After': '5' });
  uploadsInFlight++;
  try {
    return await fn();
  } finally {
    uploadsInFlight--;
  }
}

export interface MultipartReport {
  readonly fields: Record<string, string>;
  readonly files: AttachmentInput[];
}

/** Reads the whole multipart body within the limits; the report itself is the JSON field `report`. */
export async function readMultipart(request: FastifyRequest): Promise<MultipartReport> {
  const fields: Record<string, string> = {};
  const files: AttachmentInput[] = [];
  let total = 0;
  for await (const part of request.parts({ limits: { fileSize: UPLOAD_LIMITS.fileBytes, files: UPLOAD_LIMITS.files, fieldSize: UPLOAD_LIMITS.fieldBytes, fields: 5 } })) {
    if (part.type === 'field') {
      if (typeof part.value !== 'string') throw new HttpError('bad_request');
      fields[part.fieldname] = part.value;
      continue;
    }
    const bytes = await part.toBuffer();
    total += bytes.length;
    if (total > UPLOAD_LIMITS.submissionBytes) throw new HttpError('payload_too_large');
    if (bytes.length === 0) continue;
    const kind = await sniff(part.filename, bytes);
    files.push({ name: sanitizeFileName(part.filename, kind.ext), mediaType: kind.mediaType, bytes });
  }
  return { fields, files };
}
