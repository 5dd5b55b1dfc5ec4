// The administration screens (issue 4), one lazily loaded module each, so a clerk's first load carries none.
import { lazy, type ReactNode } from 'react';
import type { AdminSection } from './admin-sections.js';

const SCREENS = {
  units: lazy(() => import('./units-page.js')),
  dictionaries: lazy(() => import('./dictionaries-page.js')),
  'duty-roster': lazy(() => import('./duty-roster-page.js')),
  deadlines: lazy(() => import('./deadlines-page.js')),
  routing: lazy(() => import('./routing-page.js')),
  calendar: lazy(() => import('./calendar-page.js')),
  'working-hours': lazy(() => import('./working-hours-page.js')),
  'print-templates': lazy(() => import('./print-templates-page.js')),
  site: lazy(() => import('./site-page.js')),
  'sms-templates': lazy(() => import('./sms-templates-page.js')),
  'mail-channel': lazy(() => import('./mail-channel-page.js')),
  'wechat-channel': lazy(() => import('./wechat-channel-page.js')),
  'dead-letters': lazy(() => import('./dead-letters-page.js')),
  users: lazy(() => import('./users-page.js')),
  'role-requests': lazy(() => import('./role-requests-page.js')),
  'sealed-group': lazy(() => import('./sealed-group-page.js')),
  'unusual-access': lazy(() => import('./unusual-access-page.js')),
} satisfies Record<AdminSection, unknown>;

export default function AdminPage(props: { section: AdminSection }): ReactNode {
  const Screen = SCREENS[props.section];
  return <Screen />;
}
