// Errors of the SMS providers. Only `name` and `code` survive into logs and outbox.last_error
// (src/jobs/errors.ts), so codes are normalised to that shape and messages carry nothing else.
import { SmsRuleError } from '../../domain/sms/errors.js';

/** `isv.BUSINESS_LIMIT_CONTROL` → `ISV_BUSINESS_LIMIT_CONTROL`: the shape errorTag keeps. */
export function normaliseCode(raw: string): string {
  const code = raw.toUpperCase().replace(/[^A-Z0-9_]+/gu, '_').replace(/^_+|_+$/gu, '').slice(0, 32);
  return /[A-Z_]/u.test(code) ? code : `CODE_${code}`.slice(0, 32);
}

/** A carrier's report code (DELIVRD, MA:0001, isv.MOBILE_NUMBER_ILLEGAL …) kept readable but bounded. */
export function normaliseCarrierCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9_:.-]+/gu, '_').slice(0, 32);
}

/**
 * A send that did not go out. `retryable` is false for business refusals (a template, a number or
 * the provider's own per-number limit): sending again cannot help and may cost (channels.md §4.4).
 */
export class SmsSendError extends Error {
  override readonly name = 'SmsSendError';
  readonly code: string;

  constructor(
    code: string,
    readonly retryable: boolean,
  ) {
    const normalised = normaliseCode(code);
    super(normalised);
    this.code = normalised;
  }
}

/** A webhook body that is not what the provider documents; the caller answers 400. */
export class SmsPayloadError extends Error {
  override readonly name = 'SmsPayloadError';
  readonly code = 'SMS_PAYLOAD_INVALID';

  constructor() {
    super('SMS_PAYLOAD_INVALID');
  }
}

/**
 * Whether sending the same message again can succeed: false for a refusal by the provider and for
 * a message our own rules refuse (a template or value that breaks them stays broken).
 */
export function isRetryableSmsError(err: unknown): boolean {
  if (err instanceof SmsRuleError) return false;
  if (err instanceof SmsSendError) return err.retryable;
  return true;
}
