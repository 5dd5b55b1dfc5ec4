// Strict schemas for everything from outside, and their failures as field errors a person understands.
import { z } from 'zod';
import { codePointLength } from '../domain/classification.js';
import type { Bilingual } from '../domain/i18n-text.js';
import { HttpError, type FieldError } from './errors.js';

// The transforms hide the limits from z.toJSONSchema; the metadata states them for the OpenAPI
// document (JSON Schema lengths count code points too, though before our trimming).
const documentedLength = (max: number, min = 0) => ({ ...(min > 0 ? { minLength: min } : {}), maxLength: max, description: 'trimmed and NFC-normalised; lengths count code points' });

/** Trimmed text whose length limits count code points (DESIGN §10), with control characters refused. */
export function text(min: number, max: number) {
  return z.string().transform((s, ctx) => {
    const t = s.normalize('NFC').trim();
    const n = codePointLength(t);
    if (n < min) ctx.addIssue({ code: 'custom', params: { reason: n === 0 ? 'required' : 'too_short', limit: min } });
    else if (n > max) ctx.addIssue({ code: 'custom', params: { reason: 'too_long', limit: max } });
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(t)) ctx.addIssue({ code: 'custom', params: { reason: 'control_chars' } });
    return t;
  }).meta(documentedLength(max, min));
}

export function optionalText(max: number) {
  return z
    .string()
    .optional()
    .transform((s) => (s === undefined ? undefined : s.normalize('NFC').trim()))
    .pipe(z.string().optional().refine((s) => s === undefined || codePointLength(s) <= max, { params: { reason: 'too_long', limit: max } }))
    .transform((s) => (s === '' ? undefined : s))
    .meta(documentedLength(max));
}

function messageFor(issue: z.core.$ZodIssue): { code: string; message: Bilingual } {
  const params = (issue as { params?: { reason?: string; limit?: number } }).params;
  const limit = params?.limit ?? 0;
  switch (params?.reason) {
    case 'required':
      return { code: 'required', message: { zh: '此项为必填项', en: 'This field is required' } };
    case 'too_short':
      return { code: 'too_short', message: { zh: `至少填写${limit}个字`, en: `Enter at least ${limit} characters` } };
    case 'too_long':
      return { code: 'too_long', message: { zh: `不能超过${limit}个字`, en: `Enter at most ${limit} characters` } };
    case 'control_chars':
      return { code: 'invalid_characters', message: { zh: '包含不允许的控制字符', en: 'Contains control characters' } };
    case 'contact_required':
      return { code: 'contact_required', message: { zh: '实名反映请填写姓名和联系电话或电子邮箱', en: 'A real-name report needs your name and a phone number or e-mail' } };
    case 'name_required':
      return { code: 'name_required', message: { zh: '实名反映请填写反映人姓名', en: "A real-name report needs the reporter's name" } };
    case 'datetime':
      return { code: 'invalid_datetime', message: { zh: '请填写带时区的时间，例如 2026-03-02T10:00:00+08:00', en: 'Enter a time with its offset, e.g. 2026-03-02T10:00:00+08:00' } };
    case 'future_time':
      return { code: 'in_future', message: { zh: '时间不能晚于当前时间', en: 'The time cannot be in the future' } };
    case 'two_openers':
      return { code: 'two_openers', message: { zh: '开箱须由两名不同的工作人员共同进行', en: 'The box is opened by two different staff members' } };
    case 'anonymous_with_identity':
      return { code: 'anonymous_with_identity', message: { zh: '匿名反映无需填写个人信息；如需留下联系方式，请选择实名反映', en: 'An anonymous report takes no personal details; choose a real-name report to leave contact details' } };
    case 'phone':
      return { code: 'invalid_phone', message: { zh: '请填写正确的电话号码', en: 'Enter a valid phone number' } };
    case 'date':
      return { code: 'invalid_date', message: { zh: '请填写正确的日期，且不能晚于今天', en: 'Enter a valid date, not in the future' } };
    case 'email':
      return { code: 'invalid_email', message: { zh: '请填写正确的电子邮箱地址', en: 'Enter a valid e-mail address' } };
    case 'postcode':
      return { code: 'invalid_postcode', message: { zh: '邮政编码为6位数字', en: 'A postcode is 6 digits' } };
    default:
      break;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return { code: 'unknown_field', message: { zh: '不允许的字段', en: 'Unknown field' } };
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'required', message: { zh: '此项为必填项', en: 'This field is required' } }
        : { code: 'invalid_type', message: { zh: '格式不正确', en: 'Wrong format' } };
    case 'invalid_value':
      return { code: 'invalid_choice', message: { zh: '请从给定选项中选择', en: 'Choose one of the given options' } };
    case 'invalid_format':
      return issue.format === 'email'
        ? { code: 'invalid_email', message: { zh: '请填写正确的电子邮箱', en: 'Enter a valid e-mail address' } }
        : { code: 'invalid_format', message: { zh: '格式不正确', en: 'Wrong format' } };
    case 'too_big':
      return { code: 'too_many', message: { zh: `不能超过${String(issue.maximum)}项`, en: `At most ${String(issue.maximum)} items` } };
    default:
      return { code: 'invalid', message: { zh: '填写内容有误', en: 'Invalid value' } };
  }
}

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: base ? `${base}.${key}` : key, ...messageFor(issue) });
    } else {
      out.push({ path: base, ...messageFor(issue) });
    }
  }
  return out;
}

/** Parses or throws a 422 naming each field; nothing is written before this passes. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError('validation_failed', fieldErrorsOf(result.error));
  return result.data;
}
