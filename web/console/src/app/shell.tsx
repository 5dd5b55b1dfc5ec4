// The frame of every signed-in screen: the bureau's blue header with the user and sign-out, the side menu.
import { LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { Me } from '../api/types.js';
import { CallPopups } from '../calls/call-pop.js';
import { roleLabel } from '../common/labels.js';
import { useI18n } from './i18n.js';
import { LanguageSwitch } from './language-switch.js';
import { NotificationBell } from './notification-bell.js';
import { navItems, navKeyOf } from './nav-items.js';
import { navigate, useRoute, workbenchPath } from './router.js';

export function Shell(props: { me: Me; onSignOut: () => void; children: ReactNode }): ReactNode {
  const { t, pick } = useI18n();
  const route = useRoute();
  const roles = props.me.roles.map((r) => pick(roleLabel(r))).join('、');
  return (
    <Layout className="zt-shell">
      <Layout.Header className="zt-header">
        <a className="zt-brand" href={workbenchPath()} onClick={(e) => { e.preventDefault(); navigate(workbenchPath()); }}>
          <SafetyCertificateOutlined className="zt-brand-icon" />
          <span className="zt-brand-title">{t('appTitle')}</span>
        </a>
        <Space className="zt-header-right" size="middle">
          <Tooltip title={roles}>
            <span className="zt-user" data-testid="current-user">
              <UserOutlined /> {props.me.displayName}
              {props.me.policeNumber === null ? null : (
                <span className="zt-user-meta">
                  （{t('policeNumber')} {props.me.policeNumber}）
                </span>
              )}
              <span className="zt-user-meta">{props.me.unit.name}</span>
            </span>
          </Tooltip>
          <NotificationBell />
          <LanguageSwitch dark />
          <Button type="text" className="zt-on-dark" icon={<LogoutOutlined />} onClick={props.onSignOut} data-testid="sign-out">
            {t('signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} className="zt-sider" breakpoint="lg" collapsedWidth={0}>
          <Menu mode="inline" selectedKeys={[navKeyOf(route)]} items={navItems(props.me.roles, pick)} />
        </Layout.Sider>
        <Layout.Content className="zt-content">{props.children}</Layout.Content>
      </Layout>
      {/* Only the hotline's clerks take calls at a seat. */}
      {props.me.roles.includes('intake') ? <CallPopups /> : null}
    </Layout>
  );
}
