// The bureau's identity as the public portal shows it (issue 5): names, the hotline and its hours, where
// to write or visit, and the government-site footer (主办、承办、网站标识码、ICP备案号、公安备案号).
// Prose is in both languages; numbers and codes are plain strings. The defaults are a FICTIONAL bureau
// (示例市公安局) with obviously invented numbers, so a fresh installation never impersonates a real one.
import type { Bilingual } from './i18n-text.js';

export const BILINGUAL_SITE_FIELDS = [
  'bureauName',
  'platformName',
  'centreName',
  'hotlineHours',
  'letterAddress',
  'wechatAccount',
  'visitAddress',
  'sponsor',
  'organiser',
] as const;
export const PLAIN_SITE_FIELDS = ['hotline', 'email', 'postcode', 'siteIdentifier', 'icpNumber', 'psbNumber'] as const;

export type BilingualSiteField = (typeof BILINGUAL_SITE_FIELDS)[number];
export type PlainSiteField = (typeof PLAIN_SITE_FIELDS)[number];
export type SiteField = BilingualSiteField | PlainSiteField;

export type SiteSettings = { readonly [K in BilingualSiteField]: Bilingual } & { readonly [K in PlainSiteField]: string };

/**
 * Longest text per field, in code points. `required` fields must have their Chinese text (or value):
 * the portal's header and hotline cannot be blank; the rest may be empty and the portal leaves them out.
 */
export const SITE_FIELD_RULES: Readonly<Record<SiteField, { readonly max: number; readonly required: boolean }>> = {
  bureauName: { max: 60, required: true },
  platformName: { max: 80, required: true },
  centreName: { max: 80, required: true },
  hotlineHours: { max: 200, required: true },
  letterAddress: { max: 200, required: false },
  wechatAccount: { max: 60, required: false },
  visitAddress: { max: 200, required: false },
  sponsor: { max: 80, required: false },
  organiser: { max: 80, required: false },
  hotline: { max: 40, required: true },
  email: { max: 100, required: false },
  postcode: { max: 10, required: false },
  siteIdentifier: { max: 30, required: false },
  icpNumber: { max: 60, required: false },
  psbNumber: { max: 60, required: false },
};

/** Labels for the sysadmin's form and the audit's list of changed fields. */
export const SITE_FIELD_LABELS: Readonly<Record<SiteField, Bilingual>> = {
  bureauName: { zh: '本局名称', en: 'Bureau name' },
  platformName: { zh: '平台名称', en: 'Platform name' },
  centreName: { zh: '中心名称', en: 'Centre name' },
  hotlineHours: { zh: '热线受理时间', en: 'Hotline hours' },
  letterAddress: { zh: '来信地址', en: 'Letter address' },
  wechatAccount: { zh: '微信公众号', en: 'WeChat account' },
  visitAddress: { zh: '来访接待地址', en: 'Visit address' },
  sponsor: { zh: '主办单位', en: 'Sponsor' },
  organiser: { zh: '承办单位', en: 'Organiser' },
  hotline: { zh: '监督热线', en: 'Hotline' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  postcode: { zh: '邮政编码', en: 'Postcode' },
  siteIdentifier: { zh: '政府网站标识码', en: 'Government site identifier' },
  icpNumber: { zh: 'ICP备案号', en: 'ICP filing number' },
  psbNumber: { zh: '公安备案号', en: 'Public security filing number' },
};

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  bureauName: { zh: '示例市公安局', en: 'Example City Public Security Bureau' },
  platformName: { zh: '示例市公安局12389公安服务平台', en: '12389 Police Service Platform, Example City Public Security Bureau' },
  centreName: { zh: '示例市公安局12389群众监督中心', en: '12389 Public Supervision Centre, Example City Public Security Bureau' },
  hotlineHours: {
    zh: '工作日 8:30–17:30；其余时间录音留言，工作人员及时收听',
    en: 'Working days 8:30–17:30; at other times leave a recorded message, which staff listen to promptly',
  },
  letterAddress: { zh: '示例市示例区示例路1号 示例市公安局12389群众监督中心', en: '12389 Public Supervision Centre, 1 Example Road, Example District, Example City' },
  wechatAccount: { zh: '示例市公安局12389', en: 'Example City PSB 12389' },
  visitAddress: { zh: '示例市示例区示例路1号 示例市公安局来访接待室', en: 'Visitors’ reception, 1 Example Road, Example District, Example City' },
  sponsor: { zh: '示例市公安局', en: 'Example City Public Security Bureau' },
  organiser: { zh: '示例市公安局12389群众监督中心', en: '12389 Public Supervision Centre, Example City Public Security Bureau' },
  hotline: '0000-12389',
  email: '12389@example.invalid',
  postcode: '000000',
  siteIdentifier: '0000000000',
  icpNumber: '示ICP备00000000号',
  psbNumber: '示公网安备00000000000000号',
};

/** The names of the fields whose values differ, in the form's order: what an audit record lists. */
export function changedSiteFields(before: SiteSettings, after: SiteSettings): SiteField[] {
  const changed: SiteField[] = [];
  for (const f of BILINGUAL_SITE_FIELDS) if (before[f].zh !== after[f].zh || before[f].en !== after[f].en) changed.push(f);
  for (const f of PLAIN_SITE_FIELDS) if (before[f] !== after[f]) changed.push(f);
  return changed;
}
