// The evidence files the server accepts (DESIGN §7.4), checked here first so a person learns at once that a
// video is too large, not after a long upload. The server sniffs every byte again; this is only a courtesy.
import type { Bilingual } from '../i18n.js';

export const FILE_RULES = {
  maxFiles: 10,
  fileBytes: 50 * 1024 * 1024,
  submissionBytes: 200 * 1024 * 1024,
  extensions: ['jpg', 'jpeg', 'png', 'heic', 'webp', 'pdf', 'docx', 'xlsx', 'txt', 'mp3', 'm4a', 'amr', 'wav', 'mp4', 'mov'],
} as const;

// MIME families too: Android WebViews (WeChat, X5) offer the camera and album only for those.
export const ACCEPT_ATTR = ['image/*', 'audio/*', 'video/*', 'application/pdf', ...FILE_RULES.extensions.map((e) => `.${e}`)].join(',');

const VIDEO = new Set(['mp4', 'mov']);

export const megabytes = (bytes: number): string => (bytes < 1024 * 1024 ? `${String(Math.max(1, Math.round(bytes / 1024)))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Why this file cannot be added to `already`, or null. */
export function fileProblem(file: File, already: readonly File[]): Bilingual | null {
  const ext = /\.([A-Za-z0-9]+)$/u.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(FILE_RULES.extensions as readonly string[]).includes(ext)) {
    return { zh: `“${file.name}”的格式不支持。可上传图片、PDF、Word、Excel、文本、音频和视频。`, en: `"${file.name}" is not a supported format. Upload pictures, PDF, Word, Excel, text, audio or video.` };
  }
  if (file.size === 0) return { zh: `“${file.name}”是空文件。`, en: `"${file.name}" is empty.` };
  if (file.size > FILE_RULES.fileBytes) {
    return VIDEO.has(ext)
      ? { zh: `视频“${file.name}”有${megabytes(file.size)}，超过50 MB。请剪辑或压缩后上传，或在受理后通过12389热线联系我们提交。`, en: `The video "${file.name}" is ${megabytes(file.size)}, over 50 MB. Trim or compress it, or call the 12389 hotline after you submit to hand it over.` }
      : { zh: `“${file.name}”有${megabytes(file.size)}，超过50 MB。`, en: `"${file.name}" is ${megabytes(file.size)}, over 50 MB.` };
  }
  if (already.length >= FILE_RULES.maxFiles) return { zh: `最多上传${String(FILE_RULES.maxFiles)}个文件。`, en: `At most ${String(FILE_RULES.maxFiles)} files.` };
  if (already.reduce((s, f) => s + f.size, 0) + file.size > FILE_RULES.submissionBytes) return { zh: '文件合计不能超过200 MB。', en: 'All files together may not exceed 200 MB.' };
  return null;
}
