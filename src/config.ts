// The one typed configuration and the only reader of process.env (DESIGN §6).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { MAIL_SECRET_NAMES, MailConfigError, mailConfigFrom, mailEnvShape, mailWeakenedSwitches, type MailConfig } from './config-mail.js';
import { CTI_SECRET_NAMES, CtiConfigError, ctiConfigFrom, ctiEnvShape, ctiWeakenedSwitches, type CtiConfig } from './config-cti.js';
import { SMS_SECRET_NAMES, SmsConfigError, smsConfigFrom, smsEnvShape, smsWeakenedSwitches, type SmsConfig } from './config-sms.js';
import { WECHAT_SECRET_NAMES, WechatConfigError, wechatConfigFrom, wechatEnvShape, wechatEnvDefaults, wechatWeakenedSwitches, type WechatConfig, type WechatEnvDefaults } from './config-wechat.js';

const onOff = z.enum(['on', 'off', '1', '0', 'true', 'false']).transform((v) => v === 'on' || v === '1' || v === 'true');
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ZHITONG_DATA_DIR: z.string().min(1).default('./data'),
  ZHITONG_KEY_FILE: z.string().min(1).optional(),
  DATABASE_URL: z.url().optional(),
  ZHITONG_RATE_LIMIT_SUBMIT: positiveInt.default(5),
  ZHITONG_RATE_LIMIT_TRACK: positiveInt.default(20),
  ZHITONG_TRUSTED_PROXIES: z.string().default(''),
  ZHITONG_REQUIRE_2FA: onOff.default(true),
  ZHITONG_POW: onOff.default(true),
  ZHITONG_POW_MAX_NUMBER: positiveInt.default(100_000),
  ZHITONG_DEMO: onOff.default(false),
  ZHITONG_SURFACE: z.enum(['public', 'staff', 'all']).default('all'),
  ZHITONG_JOBS: onOff.default(true),
  ZHITONG_CASE_PREFIX: z.string().regex(/^[A-Z]{0,6}$/u).default('SL'),
  ZHITONG_CASE_NUMBER_WIDTH: z.coerce.number().int().min(4).max(10).default(6),
  ZHITONG_TIMEZONE: z.string().default('Asia/Shanghai'),
  ZHITONG_PUBLIC_URL: z.url().optional(),
  ZHITONG_ARGON2: z.enum(['standard', 'low']).default('standard'),
  ZHITONG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  ZHITONG_SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  ZHITONG_DB_POOL_MAX: positiveInt.default(20),
  ZHITONG_WRONG_CODE_BUDGET: positiveInt.default(100),
  ZHITONG_UPLOAD_QUOTA_CLIENT_MB: positiveInt.default(1000),
  ZHITONG_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  ZHITONG_UPLOAD_QUOTA_GLOBAL_MB: positiveInt.default(20_000),
  ZHITONG_ALLOW_LEGACY_OFFICE: onOff.default(false),
  ZHITONG_ALLOW_LARGE_VIDEO: onOff.default(false),
  ZHITONG_CONSOLE_DIR: z.string().min(1).optional(),
  ZHITONG_PORTAL_DIR: z.string().min(1).optional(),
  ...smsEnvShape,
  ...ctiEnvShape,
  ...wechatEnvShape,
  ...mailEnvShape,
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly keyFile: string;
  /** External server (owner credentials); absent means the embedded server. */
  readonly databaseUrl: string | null;
  readonly rateLimit: { readonly submitPerMinute: number; readonly trackPerMinute: number; readonly wrongCodesPerMinute: number };
  readonly trustedProxies: readonly string[];
  /** Attachment megabytes per client per day, and for everyone together per hour. */
  readonly uploadQuota: { readonly clientMbPerDay: number; readonly globalMbPerHour: number };
  /** Operator choices of DESIGN §7.4: legacy doc/xls/wps (kept with the centre), video over 50 MB. */
  readonly uploads: { readonly allowLegacyOffice: boolean; readonly allowLargeVideo: boolean };
  readonly require2fa: boolean;
  /** 0: staff passwords never expire. */
  readonly passwordMaxAgeDays: number;
  readonly pow: { readonly enabled: boolean; readonly maxNumber: number };
  readonly demo: boolean;
  readonly surface: 'public' | 'staff' | 'all';
  /** Whether `zhitong serve` also runs the jobs (`zhitong work` always does, without HTTP). */
  readonly jobs: boolean;
  readonly caseNumber: { readonly prefix: string; readonly width: number };
  readonly timezone: string;
  readonly publicUrl: URL;
  readonly argon2: 'standard' | 'low';
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  readonly shutdownGraceMs: number;
  readonly dbPoolMax: number;
  /** The built staff console; null: the package's own `dist/web/console` (made by `npm run build`). */
  readonly consoleDir: string | null;
  /** The built public portal; null: the package's own `dist/web/portal`. */
  readonly portalDir: string | null;
  /** The SMS provider and its settings (docs/sms.md). */
  readonly sms: SmsConfig;
  /** The PBX's webhooks, recordings and click-to-dial (docs/cti.md); null: telephony off. */
  readonly cti: CtiConfig | null;
  /** The WeChat official account (docs/wechat.md); null when off. */
  readonly wechat: WechatConfig | null;
  /** The environment-only WeChat settings, also for an account the sysadmin sets up in the console. */
  readonly wechatEnv: WechatEnvDefaults;
  /** The e-mail channel: IMAP in, SMTP out (docs/email.md). */
  readonly mail: MailConfig;
}

/** Secrets may come from `NAME_FILE`; both forms leave process.env once read. */
const SECRET_NAMES = ['DATABASE_URL', ...SMS_SECRET_NAMES, ...CTI_SECRET_NAMES, ...WECHAT_SECRET_NAMES, ...MAIL_SECRET_NAMES] as const;

function takeSecrets(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const taken: Record<string, string | undefined> = {};
  for (const name of SECRET_NAMES) {
    const file = env[`${name}_FILE`];
    taken[name] = file ? readFileSync(file, 'utf8').trim() : env[name];
    if (env === process.env) {
      Reflect.deleteProperty(process.env, name);
      Reflect.deleteProperty(process.env, `${name}_FILE`);
    }
  }
  return taken;
}

export function defaultKeyFile(): string {
  return process.getuid?.() === 0 ? '/etc/zhitong/master.key' : path.join(homedir(), '.config', 'zhitong', 'master.key');
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secrets = takeSecrets(env);
  const parsed = envSchema.safeParse({ ...env, ...secrets });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${String(first?.path[0] ?? '')}: ${first?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  let sms: SmsConfig;
  let cti: CtiConfig | null;
  let wechat: WechatConfig | null;
  let mail: MailConfig;
  try {
    sms = smsConfigFrom(e);
    cti = ctiConfigFrom(e);
    wechat = wechatConfigFrom(e);
    mail = mailConfigFrom(e, (file) => readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof SmsConfigError || err instanceof CtiConfigError || err instanceof WechatConfigError || err instanceof MailConfigError) throw new ConfigError(err.message);
    throw err;
  }
  const publicUrl = new URL(e.ZHITONG_PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.ZHITONG_DATA_DIR),
    keyFile: path.resolve(e.ZHITONG_KEY_FILE ?? defaultKeyFile()),
    databaseUrl: e.DATABASE_URL ?? null,
    rateLimit: { submitPerMinute: e.ZHITONG_RATE_LIMIT_SUBMIT, trackPerMinute: e.ZHITONG_RATE_LIMIT_TRACK, wrongCodesPerMinute: e.ZHITONG_WRONG_CODE_BUDGET },
    uploadQuota: { clientMbPerDay: e.ZHITONG_UPLOAD_QUOTA_CLIENT_MB, globalMbPerHour: e.ZHITONG_UPLOAD_QUOTA_GLOBAL_MB },
    uploads: { allowLegacyOffice: e.ZHITONG_ALLOW_LEGACY_OFFICE, allowLargeVideo: e.ZHITONG_ALLOW_LARGE_VIDEO },
    trustedProxies: e.ZHITONG_TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean),
    require2fa: e.ZHITONG_REQUIRE_2FA,
    passwordMaxAgeDays: e.ZHITONG_PASSWORD_MAX_AGE_DAYS,
    pow: { enabled: e.ZHITONG_POW, maxNumber: e.ZHITONG_POW_MAX_NUMBER },
    demo: e.ZHITONG_DEMO,
    surface: e.ZHITONG_SURFACE,
    jobs: e.ZHITONG_JOBS,
    caseNumber: { prefix: e.ZHITONG_CASE_PREFIX, width: e.ZHITONG_CASE_NUMBER_WIDTH },
    timezone: e.ZHITONG_TIMEZONE,
    publicUrl,
    argon2: e.ZHITONG_ARGON2,
    logLevel: e.ZHITONG_LOG_LEVEL,
    shutdownGraceMs: e.ZHITONG_SHUTDOWN_GRACE_MS,
    dbPoolMax: e.ZHITONG_DB_POOL_MAX,
    consoleDir: e.ZHITONG_CONSOLE_DIR === undefined ? null : path.resolve(e.ZHITONG_CONSOLE_DIR),
    portalDir: e.ZHITONG_PORTAL_DIR === undefined ? null : path.resolve(e.ZHITONG_PORTAL_DIR),
    sms,
    cti,
    wechat,
    wechatEnv: wechatEnvDefaults(e),
    mail,
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/u;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** The test-and-demo switches in force (DESIGN §7.4): refused unless loopback-only or demo. */
export function weakenedSwitches(c: Config): string[] {
  const weak: string[] = [];
  if (!c.pow.enabled) weak.push('ZHITONG_POW=off');
  if (c.pow.maxNumber < 10_000) weak.push('ZHITONG_POW_MAX_NUMBER<10000');
  if (!c.require2fa) weak.push('ZHITONG_REQUIRE_2FA=off');
  if (c.argon2 === 'low') weak.push('ZHITONG_ARGON2=low');
  weak.push(...smsWeakenedSwitches(c.sms), ...ctiWeakenedSwitches(c.cti), ...wechatWeakenedSwitches(c.wechatEnv), ...mailWeakenedSwitches(c.mail));
  return weak;
}

/**
 * Where test-and-demo switches (and demo accounts) may be on: a server reachable only from this
 * machine, or an explicit demo. Behind a trusted reverse proxy the loopback address proves nothing.
 */
export function demoAllowed(c: Config): boolean {
  return c.demo || (isLoopbackHost(c.host) && c.trustedProxies.length === 0);
}

export function assertSwitchesAllowed(c: Config): void {
  const weak = weakenedSwitches(c);
  if (weak.length > 0 && !demoAllowed(c)) {
    throw new ConfigError(`${weak.join(', ')} is allowed only when the server listens on loopback without trusted proxies, or ZHITONG_DEMO=1 is set.`);
  }
}
