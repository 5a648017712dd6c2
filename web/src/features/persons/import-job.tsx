// One import job: progress while it runs (polled every second), then the summary and the error sheet.
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Progress, Row, Space, Statistic, Tag } from 'antd';
import type { Id, Job } from '../../api/types.ts';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
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

type Stat = [key: string, title: string, value: number | undefined, color?: string];

function Stats({ items }: { items: Stat[] }) {
  return (
    <Row gutter={[16, 16]}>
      {items.map(([key, title, value, color]) => (
        <Col key={key} xs={12} sm={8} md={4} data-testid={`import-${key}`} data-value={value ?? 0}>
          <Statistic title={title} value={value ?? 0} valueStyle={color ? { color } : undefined} />
        </Col>
      ))}
    </Row>
  );
}

export function ImportJob({ jobId }: { jobId: Id }) {
  const { t } = useI18n();
  const q = useQuery(jobQuery(jobId));
  const job = q.data;
  const errorText = useJobError(job?.error ?? null);
  if (!job) return <Progress percent={100} status="active" showInfo={false} />;
  const running = job.status === 'queued' || job.status === 'running';
  const r = job.result;
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
          <Stats
            items={[
              ['accepted', t('import.accepted'), r.accepted, '#3f8600'],
              ['created', t('import.created'), r.created],
              ['updated', t('import.updated'), r.updated],
              ['merged', t('import.merged'), r.merged],
              ['rejected', t('import.rejected'), r.rejected, r.rejected ? '#cf1322' : undefined],
            ]}
          />
          {r.errorCount > 0 && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              showIcon
              message={t('import.rejectedRows', { n: r.rejected })}
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
