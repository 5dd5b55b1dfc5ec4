// The test-and-demo switches in force (DESIGN §7.4) with the channel settings in force: the environment's
// (config.ts weakenedSwitches) and those of the sysadmin's stored settings — plaintext mail saved in the
// console, and the environment's WeChat mode and API base once a console-set account uses them. /readyz
// and the start-up audit record list these, so a console save is no way to weaken a server unseen.
import { weakenedSwitches, type Config } from '../../config.js';
import { mailWeakenedSwitches, type MailConfig } from '../../config-mail.js';
import { wechatWeakenedSwitches, type WechatConfig } from '../../config-wechat.js';
import { mailFromEnv, wechatFromEnv } from '../../store/channel-settings.js';

export interface ChannelsInForce {
  readonly mail: MailConfig;
  readonly wechat: WechatConfig | null;
}

/** A console setting is named by its field, not by a variable the operator would look for in vain. */
const CONSOLE_MAIL_NAMES: Readonly<Record<string, string>> = {
  'ZHITONG_IMAP_URL=plaintext': 'console:mail.imapUrl=plaintext',
  'ZHITONG_SMTP_URL=plaintext': 'console:mail.smtpUrl=plaintext',
};

export function weakenedSwitchesInForce(config: Config, channels: ChannelsInForce): string[] {
  const stored = [
    ...(mailFromEnv(config) ? [] : mailWeakenedSwitches(channels.mail).map((s) => CONSOLE_MAIL_NAMES[s] ?? `console:${s}`)),
    // The mode and the API base are the environment's even for a console-set account: their own names.
    ...(wechatFromEnv(config) ? [] : wechatWeakenedSwitches(channels.wechat)),
  ];
  return [...new Set([...weakenedSwitches(config), ...stored])];
}
