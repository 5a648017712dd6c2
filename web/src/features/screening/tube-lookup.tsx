// 采样管查询: scan or type a tube code to see its custody and result.
import { Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ScanInput } from './scan-input.tsx';
import { TubeCustody } from './tube-custody.tsx';

export function TubeLookup() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="tube-lookup">
      <div style={{ maxWidth: 420 }}>
        <ScanInput onScan={setCode} size="middle" placeholder={t('screening.lookupPlaceholder')} testId="tube-lookup-input" />
      </div>
      {code && <TubeCustody code={code} />}
    </Space>
  );
}
