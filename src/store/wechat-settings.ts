// The WeChat official account's console settings (issue 8): the AppID in the clear, the AppSecret, the
// push Token and EncodingAESKey as secrets; checked by the same parser as the environment
// (config-wechat.ts). The API base and the message mode stay with the environment (DESIGN §7.3, §7.4).
// Changing the EncodingAESKey keeps the previous one for the 72 hours WeChat may still use it.
import { z } from 'zod';
import { wechatConfigFrom, wechatEnvShape, type WechatConfig, type WechatEnvDefaults } from '../config-wechat.js';

export const wechatValueSchema = z.strictObject({ appId: wechatEnvShape.ZHITONG_WECHAT_APPID.unwrap().nullable() });
export type WechatValue = z.output<typeof wechatValueSchema>;

export const wechatSecretsSchema = z.strictObject({
  appSecret: wechatEnvShape.ZHITONG_WECHAT_SECRET.unwrap().optional(),
  token: wechatEnvShape.ZHITONG_WECHAT_TOKEN.unwrap().optional(),
  aesKey: wechatEnvShape.ZHITONG_WECHAT_AES_KEY.unwrap().optional(),
});
export const WECHAT_SECRET_FIELDS = ['appSecret', 'token', 'aesKey'] as const;

/** Stored beside the secrets: the key before the last change, refused 72 hours after it. */
export const storedWechatSecretsSchema = wechatSecretsSchema.extend({
  previousAesKey: z.strictObject({ key: wechatEnvShape.ZHITONG_WECHAT_AES_KEY.unwrap(), rotatedAt: z.iso.datetime({ offset: true }) }).optional(),
});
export type WechatSecrets = z.output<typeof storedWechatSecretsSchema>;

export const wechatSettingsInput = wechatValueSchema.extend(wechatSecretsSchema.shape);
export type WechatSettingsInput = z.output<typeof wechatSettingsInput>;

export const EMPTY_WECHAT_VALUE: WechatValue = { appId: null };

/** null: no account set. Throws WechatConfigError when a required secret is missing. */
export function wechatConfigOfSettings(value: WechatValue, secrets: WechatSecrets, env: WechatEnvDefaults): WechatConfig | null {
  const e = z.object(wechatEnvShape).parse({
    ZHITONG_WECHAT_APPID: value.appId ?? undefined,
    ZHITONG_WECHAT_SECRET: secrets.appSecret,
    ZHITONG_WECHAT_TOKEN: secrets.token,
    ZHITONG_WECHAT_AES_KEY: secrets.aesKey,
    ZHITONG_WECHAT_AES_KEY_PREVIOUS: secrets.previousAesKey?.key,
    ZHITONG_WECHAT_AES_KEY_ROTATED_AT: secrets.previousAesKey?.rotatedAt,
    ZHITONG_WECHAT_MODE: env.mode,
    ZHITONG_WECHAT_API_BASE: env.apiBase.href,
    ZHITONG_WECHAT_CONVERSATION_MINUTES: String(env.conversationMs / 60_000),
    ZHITONG_WECHAT_SUBSCRIBE_TEMPLATE: env.subscribeTemplateId ?? undefined,
  });
  return wechatConfigFrom(e);
}
