// Names of files from outside (the portal's uploads, e-mail attachments): control, bidi and path
// characters replaced, the sniffed type's extension enforced, length bounded.

// eslint-disable-next-line no-control-regex -- control, bidi and path characters are what we strip
export const UNSAFE_NAME = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/gu;

/** Windows device names (con.txt, NUL, lpt1.png): a download saved under one opens the device, not a file. */
const DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\.|$)/iu;

export function sanitizeFileName(name: string, ext: string): string {
  const trimmed = Array.from(name.normalize('NFC').replace(UNSAFE_NAME, '_').replace(/^\.+/u, '').trim()).slice(0, 100).join('');
  const cleaned = DEVICE_NAME.test(trimmed) ? `_${trimmed}` : trimmed;
  const base = cleaned === '' ? `附件.${ext}` : cleaned;
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}
