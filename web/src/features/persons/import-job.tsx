// One import job: progress while it runs (polled every second), then the summary and the error sheet.
// The summary figures are the residents import's by default; other imports pass their own.
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress, Space, Statistic, Tag } from 'antd';
import type { Id, ImportCounts, Job } from '../../api/types.ts';
import { hasMessage, useI18n, type Translate } from '../../i18n/i18n.tsx';
import { jobErrorsUrl, jobQuery } from './persons-api.ts';

const STATUS_COLORS: Record<Job['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

/** A failed job's error is `CODE: message`; known codes are shown in the user's language. */
function useJobError(error: string | null): string {
  const { t } = useI18n();
  const m = /^([A-Z][A-Z0-9_]+): (.*)$/s.exec(error ?? '');
  if (!m) return error ?? '';
  const key = `error.${m[1]}`;
  return hasMessage(key) ? `${t(key)}（${m[2]}）` : m[2];
}

export type Stat = [key: string, title: string, value: number | undefined, color?: string];

/** What every import summary has: the rejected rows and how many errors the sheet lists. */
export interface JobSummary {
  rejected: number;
  errorCount: number;
}

const personStats = (r: ImportCounts, t: Translate): Stat[] => [
  ['accepted', t('import.accepted'), r.accepted, '#3f8600'],
  ['created', t('import.created'), r.created],
  ['updated', t('import.updated'), r.updated],
  ['merged', t('import.merged'), r.merged],
  ['rejected', t('import.rejected'), r.rejected, r.rejected ? '#cf1322' : undefined],
];

function Stats({ items }: { items: Stat[] }) {
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))' }}>
      {items.map(([key, title, value, color]) => (
        <div key={key} data-testid={`import-${key}`} data-value={value ?? 0}>
          <Statistic title={title} value={value ?? 0} valueStyle={color ? { color } : undefined} />
        </div>
      ))}
    </div>
  );
}

interface Props<R extends JobSummary> {
  jobId: Id;
  /** The figures of the finished job's result; the residents import's by default. */
  stats?: (result: R, t: Translate) => Stat[];
  /** The line above the errors-sheet link; "n rows rejected" by default. */
  errorsMessage?: (result: R, t: Translate) => string;
}

export function ImportJob<R extends JobSummary = ImportCounts>({ jobId, stats, errorsMessage }: Props<R>) {
  const { t } = useI18n();
  const q = useQuery(jobQuery(jobId));
  const job: Job | undefined = q.data;
  const errorText = useJobError(job?.error ?? null);
  if (!job) return <Progress percent={100} status="active" showInfo={false} />;
  const running = job.status === 'queued' || job.status === 'running';
  // The jobs API carries each import's own summary (declared unknown by the server).
  const r = job.result as unknown as R | null;
  const summary = (res: R) => (stats ? stats(res, t) : personStats(res as unknown as ImportCounts, t));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="import-job" data-status={job.status}>
      <Tag color={STATUS_COLORS[job.status]}>{t(`import.status.${job.status}`)}</Tag>
      {running && (
        <>
          <Progress percent={100} status="active" showInfo={false} />
          <Stats
            items={[
              ['processed', t('import.processed'), job.progress.processed],
              ['accepted', t('import.accepted'), job.progress.accepted, '#3f8600'],
              ['rejected', t('import.rejected'), job.progress.rejected, '#cf1322'],
            ]}
          />
        </>
      )}
      {job.status === 'failed' && <Alert type="error" showIcon message={t('import.failed')} description={errorText} />}
      {job.status === 'done' && r && (
        <div data-testid="import-summary">
          <Stats items={summary(r)} />
          {r.errorCount > 0 && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              showIcon
              message={errorsMessage ? errorsMessage(r, t) : t('import.rejectedRows', { n: r.rejected })}
              action={
                <Button icon={<DownloadOutlined />} href={jobErrorsUrl(job.id)} download data-testid="import-errors">
                  {t('import.errors')}
                </Button>
              }
            />
          )}
        </div>
      )}
    </Space>
  );
}
