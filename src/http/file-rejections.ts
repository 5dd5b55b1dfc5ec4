// A refused file as problem+json: 415 (413 for size) with a sentence the reporter can act on, and the
// machine-readable reason as the field error's code.
import type { Bilingual } from '../domain/i18n-text.js';
import { FileRejected, type RejectionReason } from '../security/file-checks/rejection.js';
import { ERRORS, HttpError } from './errors.js';

const SAVE_AS = { zh: '请删除后另存为 DOCX/XLSX 或 PDF 再上传。', en: 'Remove it, or save the file as DOCX/XLSX or PDF, and upload again.' };

const REASONS: Record<RejectionReason, Bilingual> = {
  not_allowed: ERRORS.unsupported_media_type.detail,
  malformed: { zh: '文件已损坏或与其格式不符，无法接收。', en: 'The file is damaged or not a valid file of its type.' },
  too_large: ERRORS.payload_too_large.detail,
  too_many_pixels: { zh: '图片像素过多（超过 5000 万像素），请缩小后再上传。', en: 'The image has too many pixels (over 50 megapixels); make it smaller and upload again.' },
  archive_limits: { zh: '文档内部文件过多或解压后过大，无法接收。', en: 'The document holds too many parts or unpacks to too much data.' },
  xml_declarations: { zh: '文档含有不允许的 XML 声明（DOCTYPE/ENTITY），无法接收。', en: 'The document contains XML declarations (DOCTYPE/ENTITY), which are not accepted.' },
  macros: { zh: `文档含有宏，无法接收。${SAVE_AS.zh}`, en: `The document contains macros. ${SAVE_AS.en}` },
  embedded_object: { zh: `文档含有嵌入对象（OLE），无法接收。${SAVE_AS.zh}`, en: `The document contains an embedded (OLE) object. ${SAVE_AS.en}` },
  activex: { zh: `文档含有 ActiveX 控件，无法接收。${SAVE_AS.zh}`, en: `The document contains ActiveX controls. ${SAVE_AS.en}` },
  external_relationship: { zh: `文档含有外部链接（如超链接、链接的模板或对象），无法接收。${SAVE_AS.zh}`, en: `The document contains external links (hyperlinks, linked templates or objects). ${SAVE_AS.en}` },
};

/** `path` names the file in the request (`files.0`). */
export function fileRejectionToHttp(error: FileRejected, path: string): HttpError {
  const message = REASONS[error.reason];
  const field = [{ path, code: error.reason, message }];
  if (error.reason === 'too_large') return new HttpError('payload_too_large', field);
  return new HttpError('unsupported_media_type', field, {}, error.reason === 'not_allowed' ? undefined : message);
}
