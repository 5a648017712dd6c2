// Route guards: signed in, and (optionally) holding a permission. The server enforces both anyway.
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../../../../domain/roles.ts';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { hasPermission, useMe } from './use-auth.ts';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (me.isPending) {
    return <Spin size="large" tip={t('common.loading')} fullscreen />;
  }
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorText(me.error, t)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <>{children}</>;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data } = useMe();
  const { t } = useI18n();
  if (!hasPermission(data, permission)) return <Result status="403" title={t('error.PERMISSION_DENIED')} />;
  return <>{children}</>;
}
