// "显示完整信息": only with persons.unmask; says before and after that the server logs every unmask.
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCan } from '../auth/use-auth.ts';

export function UnmaskButton({ unmasked, loading, onChange }: { unmasked: boolean; loading: boolean; onChange: (u: boolean) => void }) {
  const { t } = useI18n();
  const canUnmask = useCan('persons.unmask');
  if (!canUnmask) return null;
  if (unmasked) {
    return (
      <Button icon={<EyeInvisibleOutlined />} onClick={() => onChange(false)} data-testid="person-mask">
        {t('persons.hideFull')}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t('persons.unmaskTitle')}
      description={<div style={{ maxWidth: 280 }}>{t('persons.unmaskNote')}</div>}
      okText={t('persons.unmask')}
      cancelText={t('common.cancel')}
      placement="bottomRight"
      onConfirm={() => onChange(true)}
    >
      <Button icon={<EyeOutlined />} loading={loading} data-testid="person-unmask">
        {t('persons.unmask')}
      </Button>
    </Popconfirm>
  );
}
