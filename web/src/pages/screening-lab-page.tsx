// /screening/lab — 检测机构: receive boxes by scanning, upload results, see the unmatched results
// and look a tube up.
import { Card, Space } from 'antd';
import { BoxReceive } from '../features/screening/box-receive.tsx';
import { ResultsUpload } from '../features/screening/results-upload.tsx';
import { TubeLookup } from '../features/screening/tube-lookup.tsx';
import { UnmatchedTable } from '../features/screening/unmatched-table.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function ScreeningLabPage() {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-lab-page">
      <Card title={t('screening.lab.receive')} data-testid="lab-receive-card">
        <BoxReceive />
      </Card>
      <Card title={t('screening.lab.upload')} data-testid="lab-upload-card">
        <ResultsUpload />
      </Card>
      <Card title={t('screening.lab.unmatched')} data-testid="lab-unmatched-card">
        <UnmatchedTable />
      </Card>
      <Card title={t('screening.lab.lookup')} data-testid="lab-lookup-card">
        <TubeLookup />
      </Card>
    </Space>
  );
}
