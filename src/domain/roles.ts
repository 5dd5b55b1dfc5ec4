// Roles of DESIGN §1. Admin roles and case roles never meet on one user.
import type { Bilingual } from './i18n-text.js';

export const CASE_ROLES = ['intake', 'assigner', 'duty_leader', 'supervision_head', 'bureau_leader', 'liaison', 'handler', 'unit_head', 'followup', 'archivist'] as const;
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const ROLES = [...CASE_ROLES, ...ADMIN_ROLES] as const;
export type CaseRole = (typeof CASE_ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type Role = CaseRole | AdminRole;

/** Granting these needs a second approver (DESIGN §1). */
export const CENTRAL_ROLES: readonly CaseRole[] = ['intake', 'assigner', 'duty_leader', 'supervision_head', 'bureau_leader', 'followup'];

export const ROLE_LABELS = {
  intake: { zh: '受理员', en: 'Intake clerk' },
  assigner: { zh: '交办员', en: 'Assigner' },
  duty_leader: { zh: '值班领导', en: 'Duty leader' },
  supervision_head: { zh: '督察部门负责人', en: 'Head of supervision' },
  bureau_leader: { zh: '局领导', en: 'Bureau leader' },
  liaison: { zh: '内勤', en: 'Liaison' },
  handler: { zh: '承办人', en: 'Handler' },
  unit_head: { zh: '承办单位负责人', en: 'Unit head' },
  followup: { zh: '回访员', en: 'Follow-up clerk' },
  archivist: { zh: '档案管理员', en: 'Archivist' },
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  secadmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计管理员', en: 'Auditor' },
} as const satisfies Record<Role, Bilingual>;

export const RANKS = ['officer', 'unit_leader', 'branch_leader', 'city_leader', 'inspector'] as const;
export type Rank = (typeof RANKS)[number];
export const RANK_LABELS = {
  officer: { zh: '民警/辅警', en: 'Officer or auxiliary' },
  unit_leader: { zh: '所队领导', en: 'Station or squad leader' },
  branch_leader: { zh: '县局/分局领导', en: 'County or district bureau leader' },
  city_leader: { zh: '市局领导', en: 'City bureau leader' },
  inspector: { zh: '督察人员', en: 'Inspector' },
} as const satisfies Record<Rank, Bilingual>;

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

export function isCentralRole(role: Role): boolean {
  return (CENTRAL_ROLES as readonly string[]).includes(role);
}

export function isCaseRole(role: string): role is CaseRole {
  return (CASE_ROLES as readonly string[]).includes(role);
}

/** A user's roles are valid when admin and case roles do not mix. */
export function rolesAreSeparated(roles: readonly Role[]): boolean {
  const admin = roles.some(isAdminRole);
  const casework = roles.some((r) => !isAdminRole(r));
  return !(admin && casework);
}
