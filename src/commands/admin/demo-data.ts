// The fictional 示例市公安局 of `zhitong demo`: never a real bureau's name, people or contacts.
import type { Role } from '../../domain/roles.js';
import type { Rank } from '../../domain/roles.js';
import type { ReportInput } from '../submit-report.js';

export interface DemoUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: 'city' | 'branch' | 'county' | 'detachment' | 'squad' | 'station' | 'department';
  readonly parent: string | null;
  /** a 督察 unit (DESIGN §3.4 routing) */
  readonly inspection?: boolean;
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  { code: 'sj', name: '示例市公安局', kind: 'city', parent: null },
  { code: 'dcd', name: '示例市公安局督察支队', kind: 'detachment', parent: 'sj', inspection: true },
  { code: 'zzb', name: '示例市公安局政治部', kind: 'department', parent: 'sj' },
  { code: 'zad', name: '示例市公安局治安支队', kind: 'detachment', parent: 'sj' },
  { code: 'jjzd', name: '示例市公安局交通警察支队', kind: 'detachment', parent: 'sj' },
  { code: 'jjdd1', name: '交警支队第一大队', kind: 'squad', parent: 'jjzd' },
  { code: 'fj1', name: '示例市公安局东城分局', kind: 'branch', parent: 'sj' },
  { code: 'fj1dc', name: '东城分局督察大队', kind: 'squad', parent: 'fj1', inspection: true },
  { code: 'pcs1a', name: '东城分局城关派出所', kind: 'station', parent: 'fj1' },
  { code: 'pcs1b', name: '东城分局新区派出所', kind: 'station', parent: 'fj1' },
  { code: 'xj1', name: '示例县公安局', kind: 'county', parent: 'sj' },
  { code: 'xj1dc', name: '示例县公安局督察大队', kind: 'squad', parent: 'xj1', inspection: true },
  { code: 'pcs2a', name: '示例县公安局城南派出所', kind: 'station', parent: 'xj1' },
  { code: 'pcs2b', name: '示例县公安局河西派出所', kind: 'station', parent: 'xj1' },
];

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly unit: string;
  readonly roles: readonly Role[];
  readonly policeNumber: string;
  readonly rank: Rank;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'intake', displayName: '王受理', unit: 'dcd', roles: ['intake'], policeNumber: '900101', rank: 'inspector' },
  { username: 'assigner', displayName: '李交办', unit: 'dcd', roles: ['assigner'], policeNumber: '900102', rank: 'inspector' },
  { username: 'duty_leader', displayName: '赵值班', unit: 'sj', roles: ['duty_leader'], policeNumber: '900103', rank: 'city_leader' },
  { username: 'supervision_head', displayName: '孙督察', unit: 'dcd', roles: ['supervision_head'], policeNumber: '900104', rank: 'inspector' },
  { username: 'bureau_leader', displayName: '周局长', unit: 'sj', roles: ['bureau_leader'], policeNumber: '900105', rank: 'city_leader' },
  { username: 'followup', displayName: '吴回访', unit: 'dcd', roles: ['followup'], policeNumber: '900106', rank: 'inspector' },
  { username: 'archivist', displayName: '郑档案', unit: 'dcd', roles: ['archivist'], policeNumber: '900107', rank: 'officer' },
  { username: 'sysadmin', displayName: '陈系统', unit: 'sj', roles: ['sysadmin'], policeNumber: '900201', rank: 'officer' },
  { username: 'secadmin', displayName: '褚安全', unit: 'sj', roles: ['secadmin'], policeNumber: '900202', rank: 'officer' },
  { username: 'secadmin2', displayName: '卫安全', unit: 'sj', roles: ['secadmin'], policeNumber: '900203', rank: 'officer' },
  { username: 'auditor', displayName: '蒋审计', unit: 'sj', roles: ['auditor'], policeNumber: '900204', rank: 'officer' },
  { username: 'liaison', displayName: '沈内勤', unit: 'pcs1a', roles: ['liaison', 'handler'], policeNumber: '910301', rank: 'officer' },
  { username: 'handler', displayName: '韩承办', unit: 'pcs1a', roles: ['handler'], policeNumber: '910302', rank: 'officer' },
  { username: 'unit_head', displayName: '杨所长', unit: 'pcs1a', roles: ['unit_head'], policeNumber: '910303', rank: 'unit_leader' },
  { username: 'handler2', displayName: '朱承办', unit: 'pcs2a', roles: ['handler'], policeNumber: '920301', rank: 'officer' },
  { username: 'fj1_liaison', displayName: '秦内勤', unit: 'fj1', roles: ['liaison'], policeNumber: '910101', rank: 'officer' },
  { username: 'fj1_head', displayName: '尤局长', unit: 'fj1', roles: ['unit_head'], policeNumber: '910102', rank: 'branch_leader' },
  { username: 'fj1dc_liaison', displayName: '许内勤', unit: 'fj1dc', roles: ['liaison'], policeNumber: '910201', rank: 'inspector' },
  { username: 'fj1dc_handler', displayName: '何督察', unit: 'fj1dc', roles: ['handler'], policeNumber: '910202', rank: 'inspector' },
  { username: 'dcd_liaison', displayName: '吕内勤', unit: 'dcd', roles: ['liaison'], policeNumber: '900301', rank: 'inspector' },
  { username: 'dcd_handler', displayName: '施督察', unit: 'dcd', roles: ['handler'], policeNumber: '900302', rank: 'inspector' },
  { username: 'dcd_head', displayName: '张支队长', unit: 'dcd', roles: ['unit_head'], policeNumber: '900303', rank: 'unit_leader' },
];

const anon = { anonymity: 'anonymous', subjects: [] } as const;

/** Sample web reports; the case-handling issue grows the sample to every state and channel. */
export const DEMO_REPORTS: readonly ReportInput[] = [
  { ...anon, type: 'complaint', reportedPoliceBranch: 'household', content: '在城关派出所户籍窗口办理身份证，排队两个多小时，窗口只开一个，工作人员还中途离岗。' },
  { type: 'complaint', reportedPoliceBranch: 'traffic', content: '在交警一大队处理违章，工作人员态度生硬，不解释扣分依据，要求我自己去网上查。', anonymity: 'real_name', reporter: { name: '示例群众甲', phone: '13800000001' }, subjects: [] },
  { ...anon, type: 'suggestion', content: '建议在新区派出所增加周末户籍办理时间，上班族工作日很难请假办理业务。' },
  { type: 'praise', content: '城南派出所民警深夜帮助我找回走失的老人，非常感谢他们的耐心和负责。', anonymity: 'real_name', reporter: { name: '示例群众乙', phone: '13800000002' }, subjects: [{ name: '示例民警', unit: '城南派出所' }] },
  { ...anon, type: 'consultation', reportedPoliceBranch: 'exit_entry', content: '请问办理港澳通行证需要准备哪些材料？是否可以在县局出入境窗口办理？' },
  { type: 'accusation', content: '东城分局某派出所一名民警在处理邻里纠纷时收受一方当事人财物，偏袒该方。', anonymity: 'real_name', reporter: { name: '示例群众丙', phone: '13800000003' }, subjects: [{ name: '示例被反映人', unit: '东城分局某派出所' }] },
  { ...anon, type: 'complaint', reportedPoliceBranch: 'public_order', content: '小区附近夜市噪音扰民多次报警，出警后没有任何处理结果，也没有人回复。' },
  { ...anon, type: 'complaint', reportedPoliceBranch: 'case_handling', content: '企业报案被合同诈骗已经两个月，经办民警一直说在调查，没有任何进展告知。' },
  { ...anon, type: 'suggestion', reportedPoliceBranch: 'traffic', content: '建议在学校门口上下学时段安排交警或辅警疏导交通，现在经常堵车。' },
  { type: 'other', content: '我想了解一下12389平台反映的问题一般多长时间能有答复，以及如何查询进度。', anonymity: 'real_name', reporter: { name: '示例群众丁', email: 'demo-reporter@example.invalid' }, subjects: [] },
];
