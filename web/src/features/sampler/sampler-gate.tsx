// Sign-in and permission guard of the sampler app that also opens offline: when /api/auth/me cannot
// be reached (or is paused because the browser is offline), the user of the last good answer is
// used. It only decides what the screen shows; the server checks every request it receives.
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Navigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { hasPermission, useMe } from '../auth/use-auth.ts';
import { cachedUser, cacheUser } from './sampler-prefs.ts';

const LOGIN = `/login?next=${encodeURIComponent('/sampler')}`;

export function SamplerGate({ children }: { children: (user: User, offline: boolean) => ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  const unauthorized = me.error instanceof ApiError && me.error.status === 401;
  const unreachable = (me.isPending && me.fetchStatus === 'paused') || (me.error instanceof ApiError && me.error.status === 0);

  useEffect(() => {
    if (me.data) cacheUser(me.data);
    else if (unauthorized) cacheUser(null);
  }, [me.data, unauthorized]);

  const offlineUser = unreachable ? cachedUser() : null;
  const user = me.data ?? offlineUser;
  if (unauthorized) return <Navigate to={LOGIN} replace />;
  if (!user) {
    if (me.isPending && !unreachable) return <Spin size="large" tip={t('common.loading')} fullscreen />;
    return (
      <Result
        status="warning"
        title={unreachable ? t('sampler.offlineNoUser') : t('common.loadFailed')}
        subTitle={me.error ? errorText(me.error, t) : undefined}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
        data-testid="sampler-gate-error"
      />
    );
  }
  if (!hasPermission(user, 'screening.sample')) return <Result status="403" title={t('error.PERMISSION_DENIED')} />;
  return <>{children(user, !me.data)}</>;
}
