// What makes a message unreadable enough for quarantine (issue 7): mailparser reads nearly anything, so
// structure it would silently paper over is checked here on the raw bytes first. A quarantined message
// keeps its encrypted raw copy for intake; the sysadmin sees only the reason and metadata.
export const QUARANTINE_REASONS = ['too_large', 'no_header_end', 'bad_header_line', 'multipart_without_boundary', 'boundary_not_found', 'unparsable', 'no_sender', 'unprocessable'] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const QUARANTINE_REASON_LABELS = {
  too_large: { zh: '邮件超过大小上限', en: 'The message is over the size limit' },
  no_header_end: { zh: '邮件头与正文之间没有空行', en: 'No blank line ends the header' },
  bad_header_line: { zh: '邮件头中有不合规的行', en: 'A header line is not a field' },
  multipart_without_boundary: { zh: '多部分邮件未声明分隔符', en: 'A multipart message declares no boundary' },
  boundary_not_found: { zh: '多部分邮件的分隔符在正文中不存在', en: 'The multipart boundary never occurs in the body' },
  unparsable: { zh: '邮件无法解析', en: 'The message cannot be parsed' },
  no_sender: { zh: '邮件没有可用的发件地址', en: 'The message has no usable sender address' },
  unprocessable: { zh: '邮件内容无法处理', en: 'The message could not be processed' },
} as const satisfies Record<QuarantineReason, { zh: string; en: string }>;

/** Larger than any honest message with the 200 MB of attachments a report may carry, base64 included. */
export const MAX_RAW_BYTES = 280 * 1024 * 1024;

const FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/u;

function headerEnd(raw: Uint8Array): number {
  for (let i = 0; i + 1 < raw.length; i += 1) {
    if (raw[i] === 0x0a && raw[i + 1] === 0x0a) return i + 1;
    if (raw[i] === 0x0a && raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return i + 1;
  }
  return -1;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** The top-level content type with its parameters, from unfolded header text. */
function contentType(header: string): string | null {
  const m = /^content-type[ \t]*:(.*(?:\r?\n[ \t].*)*)/imu.exec(header);
  return m?.[1] === undefined ? null : m[1].replace(/\r?\n[ \t]+/gu, ' ').trim();
}

/** The reason to quarantine this raw message, or null when its structure is sound enough to parse. */
export function structuralProblem(raw: Uint8Array): QuarantineReason | null {
  if (raw.length > MAX_RAW_BYTES) return 'too_large';
  const end = headerEnd(raw);
  if (end < 0) return 'no_header_end';
  const header = latin1(raw.subarray(0, end));
  const lines = header.split(/\r?\n/u).filter((l) => l !== '');
  for (const [i, l] of lines.entries()) {
    const continuation = l.startsWith(' ') || l.startsWith('\t');
    if ((continuation && i === 0) || (!continuation && !FIELD.test(l))) return 'bad_header_line';
  }
  const type = contentType(header);
  if (type === null || !/^multipart\//iu.test(type)) return null;
  const b = /boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))/iu.exec(type);
  const boundary = b?.[1] ?? b?.[2];
  if (boundary === undefined) return 'multipart_without_boundary';
  return latin1(raw.subarray(end)).includes(`--${boundary}`) ? null : 'boundary_not_found';
}
