// Bridges errors raised outside React (the query cache) to AntD's message in the current language.
import { App } from 'antd';
import { useEffect } from 'react';
import { errorText } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/i18n.tsx';

let notify: (err: unknown) => void = (err) => console.error(err);

export function reportError(err: unknown): void {
  notify(err);
}

export function ErrorNotifier() {
  const { message } = App.useApp();
  const { t } = useI18n();
  useEffect(() => {
    notify = (err) => {
      void message.error({ content: errorText(err, t), key: errorText(err, t) });
    };
  }, [message, t]);
  return null;
}
