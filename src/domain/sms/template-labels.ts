// What the sysadmin's 短信模板 screen calls each template and each refusal of an edited text (issue 6).
import type { Bilingual } from '../i18n-text.js';
import type { SmsRuleCode } from './errors.js';
import type { SmsPlaceholder, SmsTemplateKey } from './templates.js';

export const SMS_TEMPLATE_LABELS = {
  'reporter.acknowledgement': { zh: '受理告知（受理编号和查询码）', en: 'Acknowledgement (case number and query code)' },
  'reporter.query_code': { zh: '补发查询码（受理编号和新查询码）', en: 'Reissued query code (case number and the new code)' },
  'reporter.extension': { zh: '延期告知', en: 'Extension notice' },
  'reporter.reply': { zh: '办结答复告知', en: 'Reply notice' },
  'followup.question': { zh: '回访满意度询问', en: 'Follow-up question' },
  'staff.new_assignment': { zh: '新分派提醒', en: 'New assignment' },
  'staff.to_sign_for': { zh: '待签收提醒', en: 'To sign for' },
  'staff.to_instruct': { zh: '待批示提醒', en: 'To instruct' },
  'staff.due_soon': { zh: '即将到期提醒', en: 'Due soon' },
  'staff.overdue': { zh: '超期提醒', en: 'Overdue' },
  'staff.chased': { zh: '催办提醒', en: 'Chased' },
  'staff.supervised': { zh: '督办提醒', en: 'Supervised' },
} as const satisfies Record<SmsTemplateKey, Bilingual>;

export const SMS_PLACEHOLDER_LABELS = {
  caseNumber: { zh: '受理编号', en: 'Case number' },
  queryCode: { zh: '查询码', en: 'Query code' },
  dueDate: { zh: '期限', en: 'Due date' },
} as const satisfies Record<SmsPlaceholder, Bilingual>;

export const SMS_RULE_MESSAGES = {
  TEMPLATE_UNKNOWN: { zh: '没有这个短信模板', en: 'There is no such template' },
  TEMPLATE_PLACEHOLDER_UNKNOWN: { zh: '含有未定义的占位符，只能使用列出的占位符', en: 'Uses a placeholder that does not exist; use only those listed' },
  TEMPLATE_PLACEHOLDER_NOT_ALLOWED: { zh: '此模板不能使用该占位符（短信不得携带更多信息）', en: 'This template may not use that placeholder (a text may carry no more)' },
  TEMPLATE_PLACEHOLDER_MISSING: { zh: '缺少此模板必需的占位符', en: 'A placeholder this template needs is missing' },
  TEMPLATE_SYNTAX: { zh: '花括号不成对，或写入了【】签名（签名由系统自动添加）', en: 'Unbalanced braces, or a 【】 signature (the system adds it)' },
  TEMPLATE_WORD_FORBIDDEN: { zh: '发给群众的短信不得出现“举报、控告、检举、被反映、民警”等字样', en: 'A text to the public may not contain words such as 举报 or 民警' },
  TEMPLATE_TOO_LONG: { zh: '模板过长（不超过120字）', en: 'Too long (120 characters at most)' },
  SIGNATURE_INVALID: { zh: '短信签名不符合要求', en: 'The signature is not valid' },
  PARAM_MISSING: { zh: '缺少参数', en: 'A value is missing' },
  PARAM_UNKNOWN: { zh: '多余的参数', en: 'An unexpected value' },
  PARAM_INVALID: { zh: '参数格式不正确', en: 'A value has the wrong shape' },
} as const satisfies Record<SmsRuleCode, Bilingual>;
