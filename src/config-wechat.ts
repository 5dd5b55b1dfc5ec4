// The WeChat official account part of the configuration (issue 8), beside config.ts, which alone reads
// process.env. Secure mode and the official API host are the production settings; plaintext or
// compatible mode and any other API base are test-and-demo switches (DESIGN §7.4).
import { z } from 'zod';

export const WECHAT_MODES = ['secure', 'compatible', 'plaintext'] as const;
export type WechatMode = (typeof WECHAT_MODES)[number];

export const OFFICIAL_WECHAT_API = 'https://api.weixin.qq.com';

/** How long the previous EncodingAESKey still opens messages after a rotation (issue 8). */
export const PREVIOUS_KEY_GRACE_MS = 72 * 3600_000;

export const WECHAT_SECRET_NAMES = ['ZHITONG_WECHAT_SECRET', 'ZHITONG_WECHAT_TOKEN', 'ZHITONG_WECHAT_AES_KEY', 'ZHITONG_WECHAT_AES_KEY_PREVIOUS'] as const;

const AES_KEY = /^[A-Za-z0-9]{43}$/u;

export const wechatEnvShape = {
  ZHITONG_WECHAT_APPID: z.string().regex(/^wx[0-9a-zA-Z]{16}$/u).optional(),
  ZHITONG_WECHAT_SECRET: z.string().regex(/^[0-9a-zA-Z]{16,64}$/u).optional(),
  ZHITONG_WECHAT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/u).optional(),
  ZHITONG_WECHAT_AES_KEY: z.string().regex(AES_KEY).optional(),
  ZHITONG_WECHAT_AES_KEY_PREVIOUS: z.string().regex(AES_KEY).optional(),
  /** When the key was changed on the WeChat platform; the previous key is refused 72 hours later. */
  ZHITONG_WECHAT_AES_KEY_ROTATED_AT: z.iso.datetime({ offset: true }).optional(),
  ZHITONG_WECHAT_MODE: z.enum(WECHAT_MODES).default('secure'),
  ZHITONG_WECHAT_API_BASE: z.url().default(OFFICIAL_WECHAT_API),
  /** Messages from one user within this many minutes of the last one join the same inbox item. */
  ZHITONG_WECHAT_CONVERSATION_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** The one-time subscription template notices use once the 48-hour customer-service window has closed. */
  ZHITONG_WECHAT_SUBSCRIBE_TEMPLATE: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/u).optional(),
};

type WechatEnv = z.output<z.ZodObject<typeof wechatEnvShape>>;

export interface WechatConfig {
  readonly appId: string;
  readonly appSecret: string | null;
  readonly token: string;
  readonly mode: WechatMode;
  /** Base64 EncodingAESKey texts; null only in plaintext mode. */
  readonly aesKey: string | null;
  readonly previousAesKey: { readonly key: string; readonly until: Date } | null;
  readonly apiBase: URL;
  readonly conversationMs: number;
  /** The one-time subscription template id; unset: no subscription messages. */
  readonly subscribeTemplateId?: string | null;
}

export class WechatConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** null: WeChat is off (no AppID set); the push URL then answers like an unknown path. */
export function wechatConfigFrom(e: WechatEnv): WechatConfig | null {
  if (e.ZHITONG_WECHAT_APPID === undefined) return null;
  if (e.ZHITONG_WECHAT_TOKEN === undefined) throw new WechatConfigError('ZHITONG_WECHAT_TOKEN is required when ZHITONG_WECHAT_APPID is set.');
  if (e.ZHITONG_WECHAT_MODE !== 'plaintext' && e.ZHITONG_WECHAT_AES_KEY === undefined) throw new WechatConfigError('ZHITONG_WECHAT_AES_KEY is required unless ZHITONG_WECHAT_MODE=plaintext.');
  let previousAesKey: WechatConfig['previousAesKey'] = null;
  if (e.ZHITONG_WECHAT_AES_KEY_PREVIOUS !== undefined) {
    if (e.ZHITONG_WECHAT_AES_KEY_ROTATED_AT === undefined) throw new WechatConfigError('ZHITONG_WECHAT_AES_KEY_ROTATED_AT is required with ZHITONG_WECHAT_AES_KEY_PREVIOUS.');
    previousAesKey = { key: e.ZHITONG_WECHAT_AES_KEY_PREVIOUS, until: new Date(Date.parse(e.ZHITONG_WECHAT_AES_KEY_ROTATED_AT) + PREVIOUS_KEY_GRACE_MS) };
  }
  const apiBase = new URL(e.ZHITONG_WECHAT_API_BASE);
  return {
    appId: e.ZHITONG_WECHAT_APPID,
    appSecret: e.ZHITONG_WECHAT_SECRET ?? null,
    token: e.ZHITONG_WECHAT_TOKEN,
    mode: e.ZHITONG_WECHAT_MODE,
    aesKey: e.ZHITONG_WECHAT_AES_KEY ?? null,
    previousAesKey,
    apiBase,
    conversationMs: e.ZHITONG_WECHAT_CONVERSATION_MINUTES * 60_000,
    subscribeTemplateId: e.ZHITONG_WECHAT_SUBSCRIBE_TEMPLATE ?? null,
  };
}

/** What only the environment sets (DESIGN §7.3: the API base is never a console setting). */
export interface WechatEnvDefaults {
  readonly mode: WechatMode;
  readonly apiBase: URL;
  readonly conversationMs: number;
  readonly subscribeTemplateId: string | null;
}

export function wechatEnvDefaults(e: WechatEnv): WechatEnvDefaults {
  return {
    mode: e.ZHITONG_WECHAT_MODE,
    apiBase: new URL(e.ZHITONG_WECHAT_API_BASE),
    conversationMs: e.ZHITONG_WECHAT_CONVERSATION_MINUTES * 60_000,
    subscribeTemplateId: e.ZHITONG_WECHAT_SUBSCRIBE_TEMPLATE ?? null,
  };
}

/** The mode and API base are the environment's for any account, env- or console-set: `c` may be either. */
export function wechatWeakenedSwitches(c: Pick<WechatConfig, 'mode' | 'apiBase'> | null): string[] {
  if (c === null) return [];
  const weak: string[] = [];
  if (c.mode !== 'secure') weak.push(`ZHITONG_WECHAT_MODE=${c.mode}`);
  if (c.apiBase.href !== `${OFFICIAL_WECHAT_API}/`) weak.push('ZHITONG_WECHAT_API_BASE≠official');
  return weak;
}
