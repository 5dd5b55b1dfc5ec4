// Filling a template: every placeholder needs a value of its own shape, and no value may be left
// over. The shapes matter as much as the whitelist: a name passed as `caseNumber` is refused.
import { SmsRuleError } from './errors.js';
import { countSegments, type SegmentCount } from './segments.js';
import { placeholdersOf, SMS_TEMPLATES, type SmsPlaceholder, type SmsTemplateKey, type SmsTemplateSet } from './templates.js';

const VALUE_SHAPES: Readonly<Record<SmsPlaceholder, RegExp>> = {
  caseNumber: /^[A-Z0-9][A-Z0-9-]{0,31}$/u,
  queryCode: /^\d{10}$/u,
  // ISO or the written form; a time of day may follow.
  dueDate: /^(?:\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)(?: ?\d{2}:\d{2})?$/u,
};

export interface RenderedSms {
  readonly key: SmsTemplateKey;
  /** The body with values, without the signature (what the cloud providers' templates hold). */
  readonly body: string;
  /** What the phone shows: 【signature】 then the body (SMPP sends exactly this). */
  readonly text: string;
  readonly signature: string;
  /** Values by name (Aliyun's TemplateParam). */
  readonly named: Readonly<Record<string, string>>;
  /** Values in order of first appearance in the body (Tencent's TemplateParamSet). */
  readonly ordered: readonly string[];
  readonly segments: SegmentCount;
}

export function renderSms(set: SmsTemplateSet, key: SmsTemplateKey, params: Readonly<Record<string, string>>): RenderedSms {
  const template = set.texts[key];
  const wanted: readonly SmsPlaceholder[] = SMS_TEMPLATES[key].placeholders;
  const used = placeholdersOf(template);
  for (const name of used) {
    if (!(wanted as readonly string[]).includes(name)) throw new SmsRuleError('TEMPLATE_PLACEHOLDER_UNKNOWN', `${key}: {${name.slice(0, 40)}}`);
  }
  for (const name of Object.keys(params)) {
    if (!(wanted as readonly string[]).includes(name)) throw new SmsRuleError('PARAM_UNKNOWN', `${key}: ${name.slice(0, 40)}`);
  }
  const named: Record<string, string> = {};
  for (const name of wanted) {
    const value = params[name];
    if (value === undefined) throw new SmsRuleError('PARAM_MISSING', `${key}: ${name}`);
    if (!VALUE_SHAPES[name].test(value)) throw new SmsRuleError('PARAM_INVALID', `${key}: ${name}`);
    named[name] = value;
  }
  const body = template.replace(/\{([A-Za-z]+)\}/gu, (_m, name: string) => named[name] ?? '');
  const text = `【${set.signature}】${body}`;
  return { key, body, text, signature: set.signature, named, ordered: used.map((n) => named[n] ?? ''), segments: countSegments(text) };
}
