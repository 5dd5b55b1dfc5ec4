// The SMS part of the configuration (issue 6), kept beside config.ts, which alone reads
// process.env and hands the parsed values here. Endpoints are the providers' official hosts;
// anything else is a test-and-demo switch (DESIGN §7.4), refused off loopback unless ZHITONG_DEMO.
import { z } from 'zod';
import { isSmsTemplateKey, signatureProblems, DEFAULT_SMS_SIGNATURE, type SmsTemplateKey } from './domain/sms/templates.js';

export const SMS_PROVIDERS = ['off', 'aliyun', 'tencent', 'smpp'] as const;
export type SmsProviderChoice = (typeof SMS_PROVIDERS)[number];

/** Secrets of this part: each may come from `NAME_FILE` and leaves process.env once read. */
export const SMS_SECRET_NAMES = ['ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET', 'ZHITONG_TENCENT_SMS_SECRET_KEY', 'ZHITONG_SMPP_PASSWORD', 'ZHITONG_SMS_WEBHOOK_TOKEN'] as const;

export const OFFICIAL_SMS_ENDPOINTS = {
  aliyun: 'https://dysmsapi.aliyuncs.com',
  tencent: 'https://sms.tencentcloudapi.com',
} as const;

const text = z.string().min(1).max(256);

export const smsEnvShape = {
  ZHITONG_SMS_PROVIDER: z.enum(SMS_PROVIDERS).default('off'),
  ZHITONG_SMS_SIGNATURE: z.string().default(DEFAULT_SMS_SIGNATURE),
  ZHITONG_SMS_DAILY_CAP: z.coerce.number().int().min(0).max(1000).default(10),
  /** JSON object: platform template key → the provider's approved TemplateCode / TemplateId. */
  ZHITONG_SMS_TEMPLATE_IDS: z.string().max(10_000).optional(),
  /** The secret path segment of the report and reply webhooks (the pushes themselves are unsigned). */
  ZHITONG_SMS_WEBHOOK_TOKEN: z.string().min(32).max(256).regex(/^[A-Za-z0-9_-]+$/u).optional(),
  ZHITONG_ALIYUN_SMS_ENDPOINT: z.url().default(OFFICIAL_SMS_ENDPOINTS.aliyun),
  ZHITONG_ALIYUN_SMS_ACCESS_KEY_ID: text.optional(),
  ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET: text.optional(),
  ZHITONG_TENCENT_SMS_ENDPOINT: z.url().default(OFFICIAL_SMS_ENDPOINTS.tencent),
  ZHITONG_TENCENT_SMS_SECRET_ID: text.optional(),
  ZHITONG_TENCENT_SMS_SECRET_KEY: text.optional(),
  ZHITONG_TENCENT_SMS_APP_ID: z.string().regex(/^\d{4,20}$/u).optional(),
  ZHITONG_TENCENT_SMS_REGION: z.string().regex(/^[a-z]+-[a-z]+$/u).default('ap-guangzhou'),
  ZHITONG_SMPP_URL: z.url().optional(),
  ZHITONG_SMPP_SYSTEM_ID: z.string().min(1).max(15).optional(),
  ZHITONG_SMPP_PASSWORD: z.string().min(1).max(8).optional(),
  ZHITONG_SMPP_SYSTEM_TYPE: z.string().max(12).optional(),
  ZHITONG_SMPP_SOURCE_ADDR: z.string().regex(/^\d{3,14}$/u).optional(),
  ZHITONG_SMPP_LONG: z.enum(['udh', 'payload']).default('udh'),
  ZHITONG_SMPP_ENQUIRE_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  ZHITONG_SMPP_TPS: z.coerce.number().int().min(1).max(1000).default(10),
};

type SmsEnv = z.output<z.ZodObject<typeof smsEnvShape>>;

export interface SmsConfig {
  readonly provider: SmsProviderChoice;
  /** The 签名 without brackets. */
  readonly signature: string;
  /** SMS per number per local day; 0 sends none. */
  readonly dailyCap: number;
  readonly templateIds: Readonly<Partial<Record<SmsTemplateKey, string>>>;
  readonly webhookToken: string | null;
  readonly aliyun: { readonly endpoint: URL; readonly accessKeyId: string; readonly accessKeySecret: string } | null;
  readonly tencent: { readonly endpoint: URL; readonly secretId: string; readonly secretKey: string; readonly sdkAppId: string; readonly region: string } | null;
  readonly smpp: {
    readonly host: string;
    readonly port: number;
    readonly tls: boolean;
    readonly systemId: string;
    readonly password: string;
    readonly systemType: string;
    readonly sourceAddr: string;
    readonly longMessages: 'udh' | 'payload';
    readonly enquireLinkMs: number;
    readonly submitsPerSecond: number;
  } | null;
}

export class SmsConfigError extends Error {
  override readonly name = 'ConfigError';
}

function need<T>(value: T | undefined, name: string, provider: string): T {
  if (value === undefined) throw new SmsConfigError(`${name} is required when ZHITONG_SMS_PROVIDER=${provider}.`);
  return value;
}

function templateIds(raw: string | undefined, provider: 'aliyun' | 'tencent'): Partial<Record<SmsTemplateKey, string>> {
  const name = 'ZHITONG_SMS_TEMPLATE_IDS';
  let json: unknown;
  try {
    json = JSON.parse(need(raw, name, provider));
  } catch (err) {
    if (err instanceof SmsConfigError) throw err;
    throw new SmsConfigError(`${name} must be a JSON object of template key to template id.`);
  }
  const parsed = z.record(z.string(), z.string().regex(/^[A-Za-z0-9_]{1,64}$/u)).safeParse(json);
  if (!parsed.success) throw new SmsConfigError(`${name} must be a JSON object of template key to template id.`);
  const ids: Partial<Record<SmsTemplateKey, string>> = {};
  for (const [key, id] of Object.entries(parsed.data)) {
    if (!isSmsTemplateKey(key)) throw new SmsConfigError(`${name} names an unknown template key.`);
    ids[key] = id;
  }
  return ids;
}

function smppTarget(raw: string): { host: string; port: number; tls: boolean } {
  const url = new URL(raw);
  if (url.protocol !== 'smpp:' && url.protocol !== 'ssmpp:') throw new SmsConfigError('ZHITONG_SMPP_URL must be smpp://host:port or ssmpp://host:port.');
  if (url.username || url.password) throw new SmsConfigError('ZHITONG_SMPP_URL must not carry credentials; use ZHITONG_SMPP_SYSTEM_ID and ZHITONG_SMPP_PASSWORD.');
  const tls = url.protocol === 'ssmpp:';
  return { host: url.hostname.replace(/^\[|\]$/gu, ''), port: url.port === '' ? (tls ? 3550 : 2775) : Number(url.port), tls };
}

export function smsConfigFrom(e: SmsEnv): SmsConfig {
  const p = e.ZHITONG_SMS_PROVIDER;
  if (signatureProblems(e.ZHITONG_SMS_SIGNATURE).length > 0) throw new SmsConfigError('ZHITONG_SMS_SIGNATURE must be 2–12 letters, digits or Han characters, without 【】.');
  const base = { provider: p, signature: e.ZHITONG_SMS_SIGNATURE, dailyCap: e.ZHITONG_SMS_DAILY_CAP, webhookToken: e.ZHITONG_SMS_WEBHOOK_TOKEN ?? null };
  switch (p) {
    case 'off':
      return { ...base, templateIds: {}, aliyun: null, tencent: null, smpp: null };
    case 'aliyun':
      return {
        ...base,
        templateIds: templateIds(e.ZHITONG_SMS_TEMPLATE_IDS, p),
        aliyun: {
          endpoint: new URL(e.ZHITONG_ALIYUN_SMS_ENDPOINT),
          accessKeyId: need(e.ZHITONG_ALIYUN_SMS_ACCESS_KEY_ID, 'ZHITONG_ALIYUN_SMS_ACCESS_KEY_ID', p),
          accessKeySecret: need(e.ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET, 'ZHITONG_ALIYUN_SMS_ACCESS_KEY_SECRET', p),
        },
        tencent: null,
        smpp: null,
      };
    case 'tencent':
      return {
        ...base,
        templateIds: templateIds(e.ZHITONG_SMS_TEMPLATE_IDS, p),
        aliyun: null,
        tencent: {
          endpoint: new URL(e.ZHITONG_TENCENT_SMS_ENDPOINT),
          secretId: need(e.ZHITONG_TENCENT_SMS_SECRET_ID, 'ZHITONG_TENCENT_SMS_SECRET_ID', p),
          secretKey: need(e.ZHITONG_TENCENT_SMS_SECRET_KEY, 'ZHITONG_TENCENT_SMS_SECRET_KEY', p),
          sdkAppId: need(e.ZHITONG_TENCENT_SMS_APP_ID, 'ZHITONG_TENCENT_SMS_APP_ID', p),
          region: e.ZHITONG_TENCENT_SMS_REGION,
        },
        smpp: null,
      };
    case 'smpp':
      return {
        ...base,
        // SMPP sends rendered text: no provider template ids.
        templateIds: {},
        aliyun: null,
        tencent: null,
        smpp: {
          ...smppTarget(need(e.ZHITONG_SMPP_URL, 'ZHITONG_SMPP_URL', p)),
          systemId: need(e.ZHITONG_SMPP_SYSTEM_ID, 'ZHITONG_SMPP_SYSTEM_ID', p),
          password: need(e.ZHITONG_SMPP_PASSWORD, 'ZHITONG_SMPP_PASSWORD', p),
          systemType: e.ZHITONG_SMPP_SYSTEM_TYPE ?? '',
          sourceAddr: need(e.ZHITONG_SMPP_SOURCE_ADDR, 'ZHITONG_SMPP_SOURCE_ADDR', p),
          longMessages: e.ZHITONG_SMPP_LONG,
          enquireLinkMs: e.ZHITONG_SMPP_ENQUIRE_SECONDS * 1000,
          submitsPerSecond: e.ZHITONG_SMPP_TPS,
        },
      };
  }
}

/** An endpoint other than the official one, for the provider in use: a test-and-demo switch. */
export function smsWeakenedSwitches(c: SmsConfig): string[] {
  const weak: string[] = [];
  if (c.aliyun && c.aliyun.endpoint.href !== `${OFFICIAL_SMS_ENDPOINTS.aliyun}/`) weak.push('ZHITONG_ALIYUN_SMS_ENDPOINT≠official');
  if (c.tencent && c.tencent.endpoint.href !== `${OFFICIAL_SMS_ENDPOINTS.tencent}/`) weak.push('ZHITONG_TENCENT_SMS_ENDPOINT≠official');
  return weak;
}
