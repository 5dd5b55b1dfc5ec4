// The SMS template registry (issue 6): what the platform may send by SMS, with default texts.
// An SMS is read on a lock screen and by whoever holds the phone, so a template carries only a
// case number, a query code (the acknowledgement and a reissued code alone) and a date: never case content, names or
// units. The placeholder whitelist enforces that for texts a sysadmin edits later.
import { SmsRuleError } from './errors.js';

/** Every value an SMS may carry. Anything else (a name, a unit, the report's text) cannot be named. */
export const SMS_PLACEHOLDERS = ['caseNumber', 'queryCode', 'dueDate'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];

export const SMS_TEMPLATE_KEYS = [
  'reporter.acknowledgement',
  'reporter.query_code',
  'reporter.extension',
  'reporter.reply',
  'followup.question',
  'staff.new_assignment',
  'staff.to_sign_for',
  'staff.to_instruct',
  'staff.due_soon',
  'staff.overdue',
  'staff.chased',
  'staff.supervised',
] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

export type SmsAudience = 'reporter' | 'staff';

export interface SmsTemplateDefinition {
  readonly audience: SmsAudience;
  /** Exactly these placeholders, each at least once: a text without the case number is useless, one with more leaks. */
  readonly placeholders: readonly SmsPlaceholder[];
  /** Default body in zh; the signature is added in front when rendered. */
  readonly text: string;
}

/** The bureau's 签名 (fictional); the providers add it themselves, SMPP gets it in the text. */
export const DEFAULT_SMS_SIGNATURE = '示例市公安局';

export const SMS_TEMPLATES = {
  'reporter.acknowledgement': {
    audience: 'reporter',
    placeholders: ['caseNumber', 'queryCode'],
    text: '您反映的事项已受理，受理编号{caseNumber}，查询码{queryCode}。请妥善保管查询码，凭编号和查询码可查询办理进展。',
  },
  'reporter.query_code': {
    audience: 'reporter',
    placeholders: ['caseNumber', 'queryCode'],
    text: '您反映的事项（编号{caseNumber}）已补发查询码{queryCode}，原查询码已作废。请妥善保管，凭编号和查询码可查询办理进展。',
  },
  'reporter.extension': {
    audience: 'reporter',
    placeholders: ['caseNumber', 'dueDate'],
    text: '您反映的事项（编号{caseNumber}）办理期限延长至{dueDate}，凭编号和查询码可查询办理进展。',
  },
  'reporter.reply': {
    audience: 'reporter',
    placeholders: ['caseNumber'],
    text: '您反映的事项（编号{caseNumber}）已办结答复，请凭编号和查询码查看答复内容。',
  },
  'followup.question': {
    audience: 'reporter',
    placeholders: ['caseNumber'],
    text: '您反映的事项（编号{caseNumber}）已办结，请对办理情况进行评价：回复1满意 2基本满意 3不满意。',
  },
  'staff.new_assignment': {
    audience: 'staff',
    placeholders: ['caseNumber'],
    text: '您有新分派的件{caseNumber}，请及时登录系统办理。',
  },
  'staff.to_sign_for': {
    audience: 'staff',
    placeholders: ['caseNumber', 'dueDate'],
    text: '件{caseNumber}待签收，请于{dueDate}前登录系统签收。',
  },
  'staff.to_instruct': {
    audience: 'staff',
    placeholders: ['caseNumber'],
    text: '件{caseNumber}待您批示，请登录系统办理。',
  },
  'staff.due_soon': {
    audience: 'staff',
    placeholders: ['caseNumber', 'dueDate'],
    text: '件{caseNumber}将于{dueDate}到期，请抓紧办理。',
  },
  'staff.overdue': {
    audience: 'staff',
    placeholders: ['caseNumber', 'dueDate'],
    text: '件{caseNumber}已超过办理期限{dueDate}，请尽快办理。',
  },
  'staff.chased': {
    audience: 'staff',
    placeholders: ['caseNumber'],
    text: '件{caseNumber}已被催办，请尽快办理并反馈。',
  },
  'staff.supervised': {
    audience: 'staff',
    placeholders: ['caseNumber'],
    text: '件{caseNumber}已列为督办件，请登录系统查看督办要求。',
  },
} as const satisfies Record<SmsTemplateKey, SmsTemplateDefinition>;

/**
 * Words a reporter's phone must not show: whoever reads it learns that its owner accused someone.
 * Staff texts may name the workflow; reporter texts stay neutral ("您反映的事项").
 */
const REPORTER_FORBIDDEN_WORDS = ['举报', '控告', '检举', '被反映', '民警'] as const;

/** Longest body in UTF-16 units (what SMS length counts): about two segments once values are in. */
export const SMS_TEMPLATE_MAX_CHARS = 120;

const PLACEHOLDER = /\{([^{}]*)\}/gu;

export function isSmsTemplateKey(value: string): value is SmsTemplateKey {
  return (SMS_TEMPLATE_KEYS as readonly string[]).includes(value);
}

function isPlaceholder(name: string): name is SmsPlaceholder {
  return (SMS_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Placeholder names in order of first appearance (Tencent's ordered parameters follow it). */
export function placeholdersOf(text: string): string[] {
  const seen: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!seen.includes(name)) seen.push(name);
  }
  return seen;
}

/** Every reason a body cannot serve as `key`'s template; empty when it can. */
export function templateProblems(key: SmsTemplateKey, text: string): SmsRuleError[] {
  const def: SmsTemplateDefinition = SMS_TEMPLATES[key];
  const problems: SmsRuleError[] = [];
  if (/[{}]/u.test(text.replace(PLACEHOLDER, ''))) problems.push(new SmsRuleError('TEMPLATE_SYNTAX', `${key}: unbalanced braces`));
  if (/[【】]/u.test(text)) problems.push(new SmsRuleError('TEMPLATE_SYNTAX', `${key}: the signature is added, not written`));
  if (text.length > SMS_TEMPLATE_MAX_CHARS) problems.push(new SmsRuleError('TEMPLATE_TOO_LONG', key));
  const used = placeholdersOf(text);
  for (const name of used) {
    if (!isPlaceholder(name)) problems.push(new SmsRuleError('TEMPLATE_PLACEHOLDER_UNKNOWN', `${key}: {${name.slice(0, 40)}}`));
    else if (!def.placeholders.includes(name)) problems.push(new SmsRuleError('TEMPLATE_PLACEHOLDER_NOT_ALLOWED', `${key}: {${name}}`));
  }
  for (const name of def.placeholders) {
    if (!used.includes(name)) problems.push(new SmsRuleError('TEMPLATE_PLACEHOLDER_MISSING', `${key}: {${name}}`));
  }
  if (def.audience === 'reporter') {
    for (const word of REPORTER_FORBIDDEN_WORDS) {
      if (text.includes(word)) problems.push(new SmsRuleError('TEMPLATE_WORD_FORBIDDEN', `${key}: ${word}`));
    }
  }
  return problems;
}

/** 2–12 letters, digits or Han characters, as the cloud providers accept for a 签名. */
export function signatureProblems(signature: string): SmsRuleError[] {
  return /^[\p{Script=Han}A-Za-z0-9]{2,12}$/u.test(signature) ? [] : [new SmsRuleError('SIGNATURE_INVALID', 'signature')];
}

export interface SmsTemplateSet {
  readonly signature: string;
  readonly texts: Readonly<Record<SmsTemplateKey, string>>;
}

/** The defaults with a sysadmin's overrides; throws the first problem found so nothing half-valid is used. */
export function buildTemplateSet(options: { signature?: string; overrides?: Readonly<Record<string, string>> } = {}): SmsTemplateSet {
  const signature = options.signature ?? DEFAULT_SMS_SIGNATURE;
  const problems = signatureProblems(signature);
  const texts = Object.fromEntries(SMS_TEMPLATE_KEYS.map((k) => [k, SMS_TEMPLATES[k].text])) as Record<SmsTemplateKey, string>;
  for (const [key, text] of Object.entries(options.overrides ?? {})) {
    if (!isSmsTemplateKey(key)) {
      problems.push(new SmsRuleError('TEMPLATE_UNKNOWN', key.slice(0, 60)));
      continue;
    }
    problems.push(...templateProblems(key, text));
    texts[key] = text;
  }
  const first = problems[0];
  if (first) throw first;
  return { signature, texts };
}
