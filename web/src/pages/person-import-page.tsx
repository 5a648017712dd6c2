// /persons/import — upload a residents sheet, follow the import job, get the summary and the errors.
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Id } from '../api/types.ts';
import { ImportColumns } from '../features/persons/import-columns.tsx';
import { ImportJob } from '../features/persons/import-job.tsx';
import { ImportUpload } from '../features/persons/import-upload.tsx';
import { PersonsTabs } from '../features/persons/persons-tabs.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function PersonImportPage() {
  const { t } = useI18n();
  const [jobId, setJobId] = useState<Id>();
  return (
    <Card data-testid="import-page" styles={{ body: { paddingTop: 4 } }}>
      <PersonsTabs active="import" />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {jobId === undefined ? (
          <ImportUpload onStarted={setJobId} />
        ) : (
          <Card size="small" title={t('import.jobTitle', { id: jobId })} extra={<Button onClick={() => setJobId(undefined)}>{t('import.again')}</Button>}>
            <ImportJob jobId={jobId} />
          </Card>
        )}
        <div>
          <Typography.Title level={5}>{t('import.columns')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('import.columnsNote')}</Typography.Paragraph>
          <ImportColumns />
        </div>
      </Space>
    </Card>
  );
}
