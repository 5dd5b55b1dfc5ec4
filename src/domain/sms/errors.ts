// Coded refusals of the SMS rules. Codes are upper-case so `errorTag` (src/jobs/errors.ts) keeps
// them in outbox.last_error; the detail names a template key or placeholder, never a value.

export const SMS_RULE_CODES = [
  'TEMPLATE_UNKNOWN',
  'TEMPLATE_PLACEHOLDER_UNKNOWN',
  'TEMPLATE_PLACEHOLDER_NOT_ALLOWED',
  'TEMPLATE_PLACEHOLDER_MISSING',
  'TEMPLATE_SYNTAX',
  'TEMPLATE_WORD_FORBIDDEN',
  'TEMPLATE_TOO_LONG',
  'SIGNATURE_INVALID',
  'PARAM_MISSING',
  'PARAM_UNKNOWN',
  'PARAM_INVALID',
] as const;
export type SmsRuleCode = (typeof SMS_RULE_CODES)[number];

export class SmsRuleError extends Error {
  override readonly name = 'SmsRuleError';

  constructor(
    readonly code: SmsRuleCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
