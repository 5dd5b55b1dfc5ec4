// The configured provider (docs/sms.md), or null when SMS is off. The caller starts it, registers
// its sender with the outbox, subscribes to SMPP events and closes it at shutdown.
import type { SmsConfig } from '../../config-sms.js';
import { buildTemplateSet, type SmsTemplateSet } from '../../domain/sms/templates.js';
import { AliyunSmsProvider } from './aliyun.js';
import { SMPP_DEFAULTS, SmppSmsProvider } from './smpp.js';
import { TencentSmsProvider } from './tencent.js';
import type { SmsProvider } from './types.js';

/** `templates` defaults to the built-in texts with the configured signature; pass the sysadmin's set once it exists. */
export function createSmsProvider(c: SmsConfig, templates: SmsTemplateSet = buildTemplateSet({ signature: c.signature })): SmsProvider | null {
  if (c.aliyun) return new AliyunSmsProvider({ ...c.aliyun, templates, templateIds: c.templateIds });
  if (c.tencent) return new TencentSmsProvider({ ...c.tencent, templates, templateIds: c.templateIds });
  if (c.smpp) return new SmppSmsProvider({ ...SMPP_DEFAULTS, ...c.smpp, templates });
  return null;
}
