// Aliyun API signatures (channels.md §4.1). V3 (ACS3-HMAC-SHA256) signs what we send; V1
// (HMAC-SHA1 over the sorted query) is kept for deployments whose gateway still wants it. The
// verifier lets tests (and a mock) check requests from the official SDK against our reading.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 with the Aliyun quirks: space → %20, `*` → %2A, `~` kept. */
export function pct(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${pct(k)}=${pct(query[k] ?? '')}`)
    .join('&');
}

/** V1: `Signature` for the given parameters (all of them except Signature itself). */
export function signRpcV1(params: Readonly<Record<string, string>>, accessKeySecret: string, method: 'GET' | 'POST' = 'GET'): string {
  const stringToSign = `${method}&${pct('/')}&${pct(canonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

export interface Acs3Input {
  readonly method: string;
  readonly pathname: string;
  readonly query: Readonly<Record<string, string>>;
  /** Every header sent; host, content-type and x-acs-* are signed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

export const ACS3 = 'ACS3-HMAC-SHA256';

function signedHeaderMap(headers: Readonly<Record<string, string>>): Map<string, string> {
  const picked = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'content-type' || lower.startsWith('x-acs-')) picked.set(lower, value.trim());
  }
  return new Map([...picked.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function acs3Signature(input: Acs3Input, signed: Map<string, string>, secret: string): string {
  const canonicalHeaders = [...signed.entries()].map(([k, v]) => `${k}:${v}\n`).join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.pathname === '' ? '/' : input.pathname,
    canonicalQuery(input.query),
    canonicalHeaders,
    [...signed.keys()].join(';'),
    sha256Hex(input.body),
  ].join('\n');
  return createHmac('sha256', secret).update(`${ACS3}\n${sha256Hex(canonicalRequest)}`).digest('hex');
}

/** The `Authorization` header for a request whose headers already hold the x-acs-* values. */
export function acs3Authorization(input: Acs3Input, accessKeyId: string, accessKeySecret: string): string {
  const signed = signedHeaderMap(input.headers);
  return `${ACS3} Credential=${accessKeyId},SignedHeaders=${[...signed.keys()].join(';')},Signature=${acs3Signature(input, signed, accessKeySecret)}`;
}

/** The headers a V3 request needs besides Authorization. */
export function acs3Headers(o: { host: string; action: string; version: string; date: Date; nonce: string; body: string | Uint8Array }): Record<string, string> {
  return {
    host: o.host,
    'x-acs-action': o.action,
    'x-acs-version': o.version,
    'x-acs-date': o.date.toISOString().replace(/\.\d{3}Z$/u, 'Z'),
    'x-acs-signature-nonce': o.nonce,
    'x-acs-content-sha256': sha256Hex(o.body),
  };
}

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as received, still percent-encoded. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: string | Uint8Array;
}

export type Acs3Verdict = { readonly ok: true; readonly accessKeyId: string } | { readonly ok: false; readonly reason: string };

const AUTH = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/u;
const MUST_SIGN = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

function decodeQuery(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    out[decodeURIComponent(k.replace(/\+/gu, '%20'))] = decodeURIComponent(v.replace(/\+/gu, '%20'));
  }
  return out;
}

function single(v: string | readonly string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Checks a received V3 request: signature, body hash and a date within `maxSkewMs` of `now`. */
export function verifyAcs3(req: ReceivedRequest, secretFor: (accessKeyId: string) => string | null, opts: { now: Date; maxSkewMs: number }): Acs3Verdict {
  const m = AUTH.exec(single(req.headers.authorization) ?? '');
  if (!m) return { ok: false, reason: 'authorization' };
  const [, accessKeyId = '', signedList = '', signature = ''] = m;
  const secret = secretFor(accessKeyId);
  if (secret === null) return { ok: false, reason: 'credential' };
  const names = signedList.split(';');
  if (MUST_SIGN.some((n) => !names.includes(n))) return { ok: false, reason: 'signed_headers' };
  const headers: Record<string, string> = {};
  for (const n of names) {
    const v = single(req.headers[n]);
    if (v === undefined) return { ok: false, reason: 'signed_headers' };
    headers[n] = v;
  }
  if (headers['x-acs-content-sha256'] !== sha256Hex(req.body)) return { ok: false, reason: 'body_hash' };
  const at = Date.parse(headers['x-acs-date'] ?? '');
  if (!Number.isFinite(at) || Math.abs(at - opts.now.getTime()) > opts.maxSkewMs) return { ok: false, reason: 'date' };
  let pathname: string;
  let query: Record<string, string>;
  try {
    const q = req.url.indexOf('?');
    pathname = q < 0 ? req.url : req.url.slice(0, q);
    query = q < 0 ? {} : decodeQuery(req.url.slice(q + 1));
  } catch {
    return { ok: false, reason: 'query' };
  }
  const signed = new Map(names.map((n) => [n, (headers[n] ?? '').trim()] as const));
  const expected = Buffer.from(acs3Signature({ method: req.method, pathname, query, headers, body: req.body }, signed, secret), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true, accessKeyId } : { ok: false, reason: 'signature' };
}
