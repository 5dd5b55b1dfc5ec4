// Coded errors of the calendar and the clocks; clients switch on `code`, never on message text.
// Kept beside the calendar until a shared src/domain/errors.ts exists; move it there then.
import type { Bilingual } from '../i18n-text.js';

export const DOMAIN_ERRORS = {
  invalid_date: { zh: '日期格式无效。', en: 'The date is not a valid YYYY-MM-DD date.' },
  invalid_calendar: { zh: '节假日数据有误，请核对后重新录入。', en: 'The holiday data is inconsistent; check it and enter it again.' },
  calendar_year_missing: { zh: '缺少该年度的节假日数据，请管理员录入国务院办公厅放假安排通知。', en: 'There is no holiday data for this year; an administrator must enter the State Council notice.' },
  invalid_day_count: { zh: '期限天数无效。', en: 'The number of days is not valid for this clock.' },
  extension_too_long: { zh: '每个办理周期延期合计不得超过30日。', en: 'Extensions may not exceed 30 days in total per handling cycle.' },
} as const satisfies Record<string, Bilingual>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

/** A rule of the domain was broken; `detail` is for logs and never holds personal data. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail?: string,
  ) {
    super(detail === undefined ? code : `${code}: ${detail}`);
    this.name = 'DomainError';
  }

  get text(): Bilingual {
    return DOMAIN_ERRORS[this.code];
  }
}
