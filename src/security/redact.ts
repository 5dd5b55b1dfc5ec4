// Log redaction (DESIGN §7.1): a second line of defence behind loggers that never log bodies in the first place.

// scheme://user:password@ — the password may hold '@' or ':', so match up to the last '@' before a '/' or space.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s/]*)@/gi;
// password=…, PGPASSWORD=…, "password": "…", pwd: … in connection strings, env dumps and messages.
const PASSWORD_ASSIGNMENT = /\b([a-z_]*(?:password|passwd|pwd))(["']?\s*[=:]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s&;,]+)/gi;
// SQL that sets a role password (CREATE/ALTER ROLE … PASSWORD '…') in a failed-statement line.
const SQL_PASSWORD = /\bPASSWORD\s+'(?:[^']|'')*'/gi;
// PostgreSQL DETAIL lines quote row values (a phone in a unique-violation, say).
const PG_DETAIL_LINE = /\bDETAIL:.*$/gm;
// The same text inside a JSON-serialised pg error.
const PG_DETAIL_JSON = /"detail"\s*:\s*"(?:[^"\\]|\\.)*"/g;
// Any free-standing run of exactly ten digits could be a query code.
const TEN_DIGITS = /(?<![0-9])[0-9]{10}(?![0-9])/g;

function quoteLike(value: string): string {
  const first = value[0];
  return first === '"' || first === "'" ? `${first}***${first}` : '***';
}

export function redactLogLine(line: string): string {
  return line
    .replace(URL_CREDENTIALS, '$1$2:***@')
    .replace(SQL_PASSWORD, "PASSWORD '***'")
    .replace(PASSWORD_ASSIGNMENT, (_match, key: string, separator: string, value: string) => `${key}${separator}${quoteLike(value)}`)
    .replace(PG_DETAIL_LINE, 'DETAIL: [redacted]')
    .replace(PG_DETAIL_JSON, '"detail":"[redacted]"')
    .replace(TEN_DIGITS, '[redacted]');
}

// pino `redact.paths`: headers that carry credentials and fields that carry secrets or reporter data.
export const pinoRedactPaths: string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.headers["x-zhitong-pow"]',
  'req.headers["idempotency-key"]',
  '*.password',
  '*.queryCode',
  '*.code',
  '*.totp',
  '*.reporter',
  '*.content',
  '*.detail',
];
