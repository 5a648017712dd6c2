// One person's antigen self-test: their last report and three buttons to report today's result.
import { Button, Card, Space, Tag, Typography } from 'antd';
import { LAB_RESULT_LABELS, LAB_RESULT_VALUES, type LabResultValue } from '../../../../domain/lab-results.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AntigenPersonView } from './antigen-api.ts';

const COLOR: Record<LabResultValue, string> = { negative: 'green', positive: 'red', invalid: 'default' };

export function AntigenReportCard({ person, busy, onReport }: { person: AntigenPersonView; busy: boolean; onReport: (r: LabResultValue) => void }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" data-testid={`antigen-person-${person.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{person.name}</Typography.Text>
          <Typography.Text type="secondary">{person.idNumber}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">
          {person.lastResult ? (
            <>
              {t('antigen.last')} <Tag color={COLOR[person.lastResult as LabResultValue]}>{label(LAB_RESULT_LABELS[person.lastResult as LabResultValue], person.lastResult)}</Tag>
              {new Date(person.lastTestedAt!).toLocaleString()}
            </>
          ) : (
            t('antigen.never')
          )}
        </Typography.Text>
        <Space wrap>
          {LAB_RESULT_VALUES.map((r) => (
            <Button key={r} size="large" danger={r === 'positive'} disabled={busy} onClick={() => onReport(r)} data-testid={`antigen-${r}-${person.id}`}>
              {label(LAB_RESULT_LABELS[r])}
            </Button>
          ))}
        </Space>
      </Space>
    </Card>
  );
}
