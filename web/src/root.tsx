// Providers (i18n, AntD theme/locale, TanStack Query) around the router.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { ErrorNotifier } from './components/error-notifier.tsx';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';

function Themed() {
  const { lang, t } = useI18n();
  useEffect(() => {
    document.title = t('app.title');
    document.documentElement.lang = lang;
  }, [lang, t]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#c0392b' } }}>
      <AntApp>
        <ErrorNotifier />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <Themed />
      </QueryClientProvider>
    </I18nProvider>
  );
}
