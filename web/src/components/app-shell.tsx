// Signed-in layout: side menu (collapses on narrow screens) and a header with the user and actions.
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { hasPermission, useLogout, useMe } from '../features/auth/use-auth.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { activeNavKey, NAV_ITEMS } from './nav-items.tsx';
import { UserBadge } from './user-badge.tsx';

export function AppShell() {
  const { t } = useI18n();
  const { data: user } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const narrow = !screens.md;
  // On a phone the menu is a drawer-like overlay opened from the header, closed by default.
  const [menuOpen, setMenuOpen] = useState(false);
  const siderCollapsed = narrow ? !menuOpen : collapsed;

  const items = useMemo(
    () =>
      NAV_ITEMS.filter((i) => hasPermission(user, i.permission)).map((i) => ({
        key: i.key,
        icon: i.icon,
        label: t(i.labelKey),
        onClick: () => {
          navigate(i.path);
          setMenuOpen(false);
        },
      })),
    [user, t, navigate],
  );
  const active = activeNavKey(location.pathname);

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        trigger={narrow ? null : undefined}
        collapsed={siderCollapsed}
        onCollapse={(c) => {
          if (!narrow) setCollapsed(c);
        }}
        width={200}
        theme="dark"
        data-testid="app-sider"
        style={narrow ? { position: 'fixed', insetBlock: 0, insetInlineStart: 0, zIndex: 100 } : undefined}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff' }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: siderCollapsed ? 14 : 18 }}>
            {t('app.short')}
          </Typography.Text>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={active ? [active] : []} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {narrow && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('header.menu')}
              onClick={() => setMenuOpen((o) => !o)}
              data-testid="menu-toggle"
            />
          )}
          <Typography.Title level={5} style={{ margin: 0, flex: 1, whiteSpace: 'nowrap', overflow: 'hidden' }}>
            {narrow ? t('app.short') : t('app.title')}
          </Typography.Title>
          <Space size={12}>
            {user && <UserBadge user={user} compact={narrow} />}
            <LanguageSwitch size="small" />
            <Button icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending} data-testid="logout">
              {narrow ? null : t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }} onClick={() => setMenuOpen(false)}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
