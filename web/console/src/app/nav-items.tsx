// The side menu: the workbench for everyone, and the screens a role works in (the API still guards each).
import { AuditOutlined, BarChartOutlined, DesktopOutlined, FormOutlined, InboxOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import type { Bilingual } from '../api/types.js';
import { auditPath, inboxPath, navigate, registerPath, statsPath, workbenchPath, type Route } from './router.js';

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
  // Everyone sees the entry; the statistics API answers who may read them (centre roles and unit heads).
  { key: 'stats', label: { zh: '统计分析', en: 'Statistics' }, icon: <BarChartOutlined />, path: statsPath() },
];

export function navItems(roles: readonly string[], pick: (b: Bilingual) => string): Item[] {
  return ENTRIES.filter((e) => e.roles === undefined || e.roles.some((r) => roles.includes(r))).map((e) => ({
    key: e.key,
    icon: e.icon,
    label: <span data-nav={e.key}>{pick(e.label)}</span>,
    onClick: () => navigate(e.path),
  }));
}

/** The menu entry a route belongs to (a case opened from the workbench keeps the workbench lit). */
export function navKeyOf(route: Route): string {
  switch (route.name) {
    case 'inbox':
    case 'register':
    case 'audit':
      return route.name;
    case 'stats':
    case 'cases':
      return 'stats';
    case 'workbench':
    case 'case':
    case 'print':
    case 'not_found':
      return 'workbench';
  }
}
