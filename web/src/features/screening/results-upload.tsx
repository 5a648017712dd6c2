// 结果上传: a lab's CSV/XLSX of results through the shared import upload and job views, with the
// screening summary (accepted, rejected, unmatched, positive pools, members controlled, retests).
import { Button, Card, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Id } from '../../api/types.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ImportJob, type Stat } from '../persons/import-job.tsx';
import { ImportUpload } from '../persons/import-upload.tsx';
import { jobQuery } from '../persons/persons-api.ts';
import { screeningKeys, uploadResults, type ResultJobSummary } from './screening-api.ts';

const RED = '#cf1322';

const resultStats = (r: ResultJobSummary, t: Translate): Stat[] => [
  ['accepted', t('import.accepted'), r.accepted, '#3f8600'],
  ['rejected', t('import.rejected'), r.rejected, r.rejected ? RED : undefined],
  ['unmatched', t('screening.upload.unmatched'), r.unmatched, r.unmatched ? '#d46b08' : undefined],
  ['positivePools', t('screening.positivePools'), r.positivePools, r.positivePools ? RED : undefined],
  ['membersControlled', t('screening.membersControlled'), r.membersControlled, r.membersControlled ? '#d46b08' : undefined],
  ['retestTasks', t('screening.upload.retestTasks'), r.retestTasks],
  ['findings', t('screening.upload.findings'), r.findings, r.findings ? RED : undefined],
];

export const RESULT_COLUMNS = 'tube_code,result,ct_orf1ab,ct_n,tested_at,lab_code,instrument';

export function ResultsUpload() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<Id>();
  const job = useQuery({ ...jobQuery(jobId ?? 0), enabled: jobId !== undefined });
  const finished = job.data?.status === 'done';
  useEffect(() => {
    // New results change unmatched lists, tubes and round progress.
    if (finished) void qc.invalidateQueries({ queryKey: screeningKeys.all });
  }, [finished, qc]);
  return (
    <div data-testid="results-upload">
      {jobId === undefined ? (
        <ImportUpload onStarted={setJobId} upload={uploadResults} hint={t('screening.upload.hint')} />
      ) : (
        <Card size="small" title={t('import.jobTitle', { id: jobId })} extra={<Button onClick={() => setJobId(undefined)}>{t('import.again')}</Button>}>
          <ImportJob<ResultJobSummary> jobId={jobId} stats={resultStats} errorsMessage={(r, tr) => tr('screening.upload.errorRows', { n: r.errorCount, rejected: r.rejected, unmatched: r.unmatched })} />
        </Card>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('screening.upload.columns')} <Typography.Text code>{RESULT_COLUMNS}</Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}
