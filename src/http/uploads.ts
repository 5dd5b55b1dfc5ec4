// Files from the public: type sniffed from bytes against the allow-list (src/security/file-checks),
// names sanitised, limits enforced.
import type { FastifyRequest } from 'fastify';
import type { AttachmentInput } from '../commands/submit-report.js';
import { checkFile } from '../security/file-checks/check-file.js';
import { sanitizeFileName } from '../security/file-checks/file-name.js';
import { FILE_LIMITS, FileRejected, type FileCheckOptions, type SniffedFile } from '../security/file-checks/rejection.js';
import { HttpError } from './errors.js';
import { fileRejectionToHttp } from './file-rejections.js';

export const UPLOAD_LIMITS = {
  fileBytes: FILE_LIMITS.fileBytes,
  submissionBytes: 200 * 1024 * 1024,
  files: 10,
  fieldBytes: 256 * 1024,
} as const;

export { sanitizeFileName, UNSAFE_NAME } from '../security/file-checks/file-name.js';

/** The sniffed media type, or a 415 (413 for size) for anything outside the allow-list whatever its name claims. */
export async function sniff(name: string, bytes: Buffer, options: FileCheckOptions = {}, path = 'files'): Promise<SniffedFile> {
  try {
    return await checkFile(name, bytes, options);
  } catch (error) {
    if (error instanceof FileRejected) throw fileRejectionToHttp(error, path);
    throw error;
  }
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

/** A multipart body read within the limits, its files not yet checked. */
export interface UncheckedMultipart {
  readonly fields: Record<string, string>;
  readonly files: readonly { readonly filename: string; readonly bytes: Buffer }[];
}

/**
 * Reads the whole multipart body within the limits. With large video allowed, a file may reach the
 * submission limit while it is read; after sniffing (checkFiles), only video may stay above the file limit.
 */
export async function readMultipartUnchecked(
  request: FastifyRequest,
  options: FileCheckOptions = {},
  /** Runs once, on the fields read so far, before the first file is buffered (or at the end without files); throw to stop reading. */
  beforeFiles: (fields: Readonly<Record<string, string>>) => Promise<void> = () => Promise.resolve(),
): Promise<UncheckedMultipart> {
  const fields: Record<string, string> = {};
  const files: { filename: string; bytes: Buffer }[] = [];
  let total = 0;
  let judged = false;
  const fileSize = options.allowLargeVideo === true ? UPLOAD_LIMITS.submissionBytes : UPLOAD_LIMITS.fileBytes;
  for await (const part of request.parts({ limits: { fileSize, files: UPLOAD_LIMITS.files, fieldSize: UPLOAD_LIMITS.fieldBytes, fields: 5 } })) {
    if (part.type === 'field') {
      if (typeof part.value !== 'string') throw new HttpError('bad_request');
      fields[part.fieldname] = part.value;
      continue;
    }
    if (!judged) {
      judged = true;
      await beforeFiles(fields);
    }
    const bytes = await part.toBuffer();
    total += bytes.length;
    if (total > UPLOAD_LIMITS.submissionBytes) throw new HttpError('payload_too_large');
    files.push({ filename: part.filename, bytes });
  }
  if (!judged) await beforeFiles(fields);
  return { fields, files };
}

/** Each file sniffed against the allow-list and named safely; an empty part is skipped, keeping its index in the path. */
export async function checkFiles(files: UncheckedMultipart['files'], options: FileCheckOptions = {}): Promise<AttachmentInput[]> {
  const checked: AttachmentInput[] = [];
  for (const [index, f] of files.entries()) {
    if (f.bytes.length === 0) continue;
    const kind = await sniff(f.filename, f.bytes, options, `files.${String(index)}`);
    checked.push({ name: sanitizeFileName(f.filename, kind.ext), mediaType: kind.mediaType, bytes: f.bytes });
  }
  return checked;
}

/** Reads and checks the whole multipart body; the report itself is the JSON field `report`. */
export async function readMultipart(request: FastifyRequest, options: FileCheckOptions = {}): Promise<MultipartReport> {
  const mp = await readMultipartUnchecked(request, options);
  return { fields: mp.fields, files: await checkFiles(mp.files, options) };
}
