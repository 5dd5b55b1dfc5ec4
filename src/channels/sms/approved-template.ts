// What the cloud providers send: an approved template by its provider id, with our text rendered to check
// every value first (channels.md §4.4). Shared by Aliyun and Tencent, which differ only in how they post it.
import { renderSms, type RenderedSms } from '../../domain/sms/render.js';
import type { SmsTemplateSet } from '../../domain/sms/templates.js';
import { SmsSendError } from './errors.js';
import { assertIdempotencyKey, assertReplyTag } from './phone.js';
import type { SmsMessage, SmsTemplateIds } from './types.js';

export function approvedTemplate(message: SmsMessage, templateIds: SmsTemplateIds, templates: SmsTemplateSet): { readonly templateId: string; readonly rendered: RenderedSms } {
  assertIdempotencyKey(message.idempotencyKey);
  assertReplyTag(message.replyTag);
  const templateId = templateIds[message.template.key];
  // Permanent: a template the provider has not approved cannot be sent by retrying.
  if (templateId === undefined) throw new SmsSendError('TEMPLATE_NOT_CONFIGURED', false);
  return { templateId, rendered: renderSms(templates, message.template.key, message.template.params) };
}
