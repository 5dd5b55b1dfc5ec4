// The administration screens and the one admin role that keeps each (DESIGN §1, §7.3: three-role
// separation). The menu shows a screen to that role; the API still guards every call.
import type { Bilingual } from '../api/types.js';

export const ADMIN_SECTIONS = [
  'units', 'dictionaries', 'duty-roster', 'deadlines', 'routing', 'calendar', 'working-hours', 'print-templates', 'site', 'sms-templates', 'mail-channel', 'wechat-channel', 'dead-letters',
  'users', 'role-requests', 'sealed-group',
  'unusual-access',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const isAdminSection = (s: string): s is AdminSection => (ADMIN_SECTIONS as readonly string[]).includes(s);

export const ADMIN_SECTION_INFO = {
  units: { label: { zh: '单位管理', en: 'Units' }, role: 'sysadmin' },
  dictionaries: { label: { zh: '字典管理', en: 'Dictionaries' }, role: 'sysadmin' },
  'duty-roster': { label: { zh: '值班表', en: 'Duty roster' }, role: 'sysadmin' },
  deadlines: { label: { zh: '办理时限', en: 'Deadline policies' }, role: 'sysadmin' },
  routing: { label: { zh: '分流规则', en: 'Routing table' }, role: 'sysadmin' },
  calendar: { label: { zh: '工作日历', en: 'Business calendar' }, role: 'sysadmin' },
  'working-hours': { label: { zh: '工作时间', en: 'Working hours' }, role: 'sysadmin' },
  'print-templates': { label: { zh: '打印模板', en: 'Print templates' }, role: 'sysadmin' },
  site: { label: { zh: '门户信息', en: 'Site settings' }, role: 'sysadmin' },
  'sms-templates': { label: { zh: '短信模板', en: 'SMS templates' }, role: 'sysadmin' },
  'mail-channel': { label: { zh: '邮件渠道', en: 'E-mail channel' }, role: 'sysadmin' },
  'wechat-channel': { label: { zh: '微信公众号', en: 'WeChat account' }, role: 'sysadmin' },
  'dead-letters': { label: { zh: '死信', en: 'Dead letters' }, role: 'sysadmin' },
  users: { label: { zh: '用户管理', en: 'Users' }, role: 'secadmin' },
  'role-requests': { label: { zh: '授权审批', en: 'Role approvals' }, role: 'secadmin' },
  'sealed-group': { label: { zh: '密级组', en: 'Sealed group' }, role: 'secadmin' },
  'unusual-access': { label: { zh: '异常访问', en: 'Unusual access' }, role: 'auditor' },
} as const satisfies Record<AdminSection, { label: Bilingual; role: 'sysadmin' | 'secadmin' | 'auditor' }>;

/**
 * Where an administrator lands instead of the 工作台 (they hold no case role, so no queue is theirs):
 * the first screen of their role, or null for a user with a case role.
 */
export function adminHome(roles: readonly string[]): AdminSection | 'audit' | null {
  if (roles.some((r) => !['sysadmin', 'secadmin', 'auditor'].includes(r))) return null;
  if (roles.includes('auditor')) return 'audit';
  return ADMIN_SECTIONS.find((s) => roles.includes(ADMIN_SECTION_INFO[s].role)) ?? null;
}
