// 补发查询码 (DESIGN §7.4): which way a reissued query code goes. The code goes only to the contact the case
// already holds, never to one the caller names now: the way the reporter was acknowledged if it still has its
// contact, else a mobile for SMS, an e-mail address, a WeChat OpenID. None of them (a letter, a visit, a
// landline) and the clerk is shown the code once, to hand it over in person or by letter.
import type { CodeDelivery } from './channels.js';

export interface StoredContact {
  readonly phone: string | null;
  readonly email: string | null;
  readonly openid: boolean;
}

/** What the SMS sender will take (mirrors its E.164 check): a mainland mobile, or a number with its country code. */
export function takesSms(phone: string): boolean {
  const digits = phone.replace(/[\s()-]/gu, '');
  return /^(?:\+|00)[1-9]\d{7,14}$/u.test(digits) || /^(?:86)?1[3-9]\d{9}$/u.test(digits);
}

function reaches(delivery: CodeDelivery, c: StoredContact): boolean {
  switch (delivery) {
    case 'sms':
      return c.phone !== null && takesSms(c.phone);
    case 'email':
      return c.email !== null && c.email.includes('@');
    case 'wechat':
      return c.openid;
  }
}

/** null: nothing can carry it, so the clerk hands it over. */
export function reissueDeliveryFor(acknowledgedBy: CodeDelivery | null, contact: StoredContact | null): CodeDelivery | null {
  if (contact === null) return null;
  if (acknowledgedBy !== null && reaches(acknowledgedBy, contact)) return acknowledgedBy;
  // WeChat last: its customer-service window may have closed, and then nothing carries the code.
  const order: readonly CodeDelivery[] = ['sms', 'email', 'wechat'];
  return order.find((d) => reaches(d, contact)) ?? null;
}
