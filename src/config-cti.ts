// The telephony part of the configuration (issue 6), beside config.ts, which alone reads process.env and
// hands the parsed values here. The PBX signs its webhooks (Standard Webhooks) with the shared secret and
// serves recordings from its own origin; plain HTTP to it is a test-and-demo switch unless it is loopback.
import { z } from 'zod';

/** Secrets of this part: each may come from `NAME_FILE` and leaves process.env once read. */
export const CTI_SECRET_NAMES = ['ZHITONG_CTI_SECRET'] as const;

const SECRET_PREFIX = 'whsec_';
/** Below this the HMAC key is guessable in principle; the Standard Webhooks examples use 24 bytes and more. */
const MIN_SECRET_BYTES = 24;

export const ctiEnvShape = {
  ZHITONG_CTI_SECRET: z.string().min(1).max(512).optional(),
  ZHITONG_CTI_PBX_URL: z.url().optional(),
  ZHITONG_CTI_DIAL_PATH: z.string().regex(/^\/[A-Za-z0-9._~/-]{0,200}$/u).default('/zhitong/dial'),
  ZHITONG_CTI_RECORDING_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(50 * 1024 * 1024),
};

type CtiEnv = z.output<z.ZodObject<typeof ctiEnvShape>>;

export interface CtiConfig {
  /** `whsec_<base64>`, as the standardwebhooks library takes it */
  readonly secret: string;
  /** Recordings come only from this origin; dial requests go to it. */
  readonly pbxOrigin: URL;
  readonly dialUrl: URL;
  readonly recordingMaxBytes: number;
}

export class CtiConfigError extends Error {
  override readonly name = 'ConfigError';
}

function checkedSecret(raw: string): string {
  const body = raw.startsWith(SECRET_PREFIX) ? raw.slice(SECRET_PREFIX.length) : null;
  const bytes = body !== null && /^[A-Za-z0-9+/]+={0,2}$/u.test(body) ? Buffer.from(body, 'base64') : null;
  if (bytes === null || bytes.length < MIN_SECRET_BYTES) throw new CtiConfigError(`ZHITONG_CTI_SECRET must be whsec_ followed by base64 of at least ${String(MIN_SECRET_BYTES)} bytes.`);
  return raw;
}

function pbxOrigin(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CtiConfigError('ZHITONG_CTI_PBX_URL must be an https:// URL.');
  if (url.username || url.password) throw new CtiConfigError('ZHITONG_CTI_PBX_URL must not carry credentials; the PBX is trusted by ZHITONG_CTI_SECRET.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) throw new CtiConfigError('ZHITONG_CTI_PBX_URL must be an origin only (scheme, host, port).');
  return new URL(url.origin);
}

/** null: CTI off, /hooks/cti answers like an unknown path. */
export function ctiConfigFrom(e: CtiEnv): CtiConfig | null {
  if (e.ZHITONG_CTI_SECRET === undefined) return null;
  if (e.ZHITONG_CTI_PBX_URL === undefined) throw new CtiConfigError('ZHITONG_CTI_PBX_URL is required when ZHITONG_CTI_SECRET is set.');
  const origin = pbxOrigin(e.ZHITONG_CTI_PBX_URL);
  return {
    secret: checkedSecret(e.ZHITONG_CTI_SECRET),
    pbxOrigin: origin,
    dialUrl: new URL(e.ZHITONG_CTI_DIAL_PATH, origin),
    recordingMaxBytes: e.ZHITONG_CTI_RECORDING_MAX_BYTES,
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Recordings and click-to-dial numbers in clear across a network: a test-and-demo switch. */
export function ctiWeakenedSwitches(c: CtiConfig | null): string[] {
  if (c === null || c.pbxOrigin.protocol === 'https:' || LOOPBACK_HOSTS.has(c.pbxOrigin.hostname)) return [];
  return ['ZHITONG_CTI_PBX_URL=http'];
}
