// The sampler app's own top bar (it runs full screen as an installed app, without the side menu):
// title, who is signed in, language, back to the platform, sign out.
import { AppstoreOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { User } from '../../api/types.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLogout } from '../auth/use-auth.ts';
import { cacheUser } from './sampler-prefs.ts';

export function SamplerHeader({ user }: { user: User }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const logout = useLogout();
  const onLogout = () => {
    cacheUser(null);
    logout.mutate(undefined, { onSettled: () => navigate('/login?next=%2Fsampler', { replace: true }) });
  };
  return (
    <header
      style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '0 12px', height: 52, background: '#c0392b', color: '#fff', position: 'sticky', top: 0, zIndex: 10 }}
      data-testid="sampler-header"
    >
      <Button type="text" icon={<AppstoreOutlined style={{ color: '#fff', fontSize: 18 }} />} aria-label={t('sampler.backToPlatform')} title={t('sampler.backToPlatform')} onClick={() => navigate('/places')} />
      <Typography.Title level={5} style={{ margin: 0, color: '#fff', flex: 1, whiteSpace: 'nowrap' }}>
        {t('sampler.title')}
      </Typography.Title>
      <Space size={8}>
        <Typography.Text style={{ color: '#fff', maxWidth: 96 }} ellipsis data-testid="sampler-user">
          {user.displayName || user.username}
        </Typography.Text>
        <LanguageSwitch size="small" />
        <Button size="small" icon={<LogoutOutlined />} aria-label={t('header.logout')} title={t('header.logout')} onClick={onLogout} loading={logout.isPending} data-testid="sampler-logout" />
      </Space>
    </header>
  );
}
