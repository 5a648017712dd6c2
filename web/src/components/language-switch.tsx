import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n/i18n.tsx';

export function LanguageSwitch({ size }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('lang.switch')}
      data-testid="lang-switch"
      value={lang}
      onChange={setLang}
      options={[
        { label: t('lang.zh'), value: 'zh-CN' },
        { label: t('lang.en'), value: 'en-US' },
      ]}
    />
  );
}
