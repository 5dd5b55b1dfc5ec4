// The side menu: the workbench for everyone, and the screens a role works in (the API still guards each).
import {
  ApartmentOutlined, AuditOutlined, BarChartOutlined, BookOutlined, BranchesOutlined, CalendarOutlined, CheckSquareOutlined, ClockCircleOutlined, DesktopOutlined,
  EyeOutlined, FieldTimeOutlined, FormOutlined, GlobalOutlined, InboxOutlined, LockOutlined, MailOutlined, MessageOutlined, PrinterOutlined, ScheduleOutlined, SearchOutlined, TeamOutlined, WarningOutlined, WechatOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { adminHome, ADMIN_SECTIONS, ADMIN_SECTION_INFO, type AdminSection } from '../admin/admin-sections.js';
import type { Bilingual } from '../api/types.js';
import { adminPath, auditPath, filteredListPath, inboxPath, navigate, registerPath, statsPath, workbenchPath, type Route } from './router.js';

type Item = Required<MenuProps>['items'][number];

interface Entry {
  readonly key: string;
  readonly label: Bilingual;
  readonly icon: ReactNode;
  readonly path: string;
  /** Shown to a user holding one of these roles; everyone when absent. */
  readonly roles?: readonly string[];
}

const ENTRIES: readonly Entry[] = [
  { key: 'workbench', label: { zh: '工作台', en: 'Workbench' }, icon: <DesktopOutlined />, path: workbenchPath() },
  { key: 'inbox', label: { zh: '来件箱', en: 'Intake inbox' }, icon: <InboxOutlined />, path: inboxPath(), roles: ['intake'] },
  { key: 'register', label: { zh: '来件登记', en: 'Register' }, icon: <FormOutlined />, path: registerPath(), roles: ['intake'] },
  { key: 'audit', label: { zh: '审计日志', en: 'Audit log' }, icon: <AuditOutlined />, path: auditPath(), roles: ['auditor'] },
  // Everyone with cases searches within what they may see: the list API scopes the words like any queue.
  { key: 'search', label: { zh: '案件检索', en: 'Case search' }, icon: <SearchOutlined />, path: filteredListPath({}) },
  // Everyone sees the entry; the statistics API answers who may read them (centre roles and unit heads).
  { key: 'stats', label: { zh: '统计分析', en: 'Statistics' }, icon: <BarChartOutlined />, path: statsPath() },
];

const ADMIN_ICONS: Readonly<Record<AdminSection, ReactNode>> = {
  units: <ApartmentOutlined />, dictionaries: <BookOutlined />, 'duty-roster': <ScheduleOutlined />, deadlines: <FieldTimeOutlined />, routing: <BranchesOutlined />,
  calendar: <CalendarOutlined />, 'working-hours': <ClockCircleOutlined />, 'print-templates': <PrinterOutlined />, site: <GlobalOutlined />, 'sms-templates': <MessageOutlined />, 'mail-channel': <MailOutlined />, 'wechat-channel': <WechatOutlined />, 'dead-letters': <WarningOutlined />,
  users: <TeamOutlined />, 'role-requests': <CheckSquareOutlined />, 'sealed-group': <LockOutlined />, 'unusual-access': <EyeOutlined />,
};

/** The administration screens, each shown to the one admin role that keeps it. */
const ADMIN_ENTRIES: readonly Entry[] = ADMIN_SECTIONS.map((s) => ({ key: `admin:${s}`, label: ADMIN_SECTION_INFO[s].label, icon: ADMIN_ICONS[s], path: adminPath(s), roles: [ADMIN_SECTION_INFO[s].role] }));

function item(e: Entry, pick: (b: Bilingual) => string): Item {
  return { key: e.key, icon: e.icon, label: <span data-nav={e.key}>{pick(e.label)}</span>, onClick: () => navigate(e.path) };
}

export function navItems(roles: readonly string[], pick: (b: Bilingual) => string): Item[] {
  const visible = (e: Entry): boolean => e.roles === undefined || e.roles.some((r) => roles.includes(r));
  const admin = ADMIN_ENTRIES.filter(visible).map((e) => item(e, pick));
  // An administrator holds no case role (three-role separation): no queue and no case figures are theirs.
  const adminOnly = admin.length > 0 && adminHome(roles) !== null;
  const main = ENTRIES.filter((e) => visible(e) && !(adminOnly && (e.key === 'workbench' || e.key === 'stats' || e.key === 'search'))).map((e) => item(e, pick));
  return admin.length === 0 ? main : [...main, { type: 'group', key: 'admin', label: pick({ zh: '系统管理', en: 'Administration' }), children: admin }];
}

/** The menu entry a route belongs to (a case opened from the workbench keeps the workbench lit). */
export function navKeyOf(route: Route): string {
  switch (route.name) {
    case 'inbox':
    case 'register':
    case 'audit':
      return route.name;
    case 'admin':
      return `admin:${route.section}`;
    case 'stats':
      return 'stats';
    case 'cases':
      return Object.keys(route.filter).length === 0 ? 'search' : 'stats';
    case 'workbench':
    case 'case':
    case 'print':
    case 'not_found':
      return 'workbench';
  }
}
