// A tube's lab result (negative / positive / invalid) as a tag; "pending" without one.
import { Tag } from 'antd';
import { LAB_RESULT_LABELS, type LabResultValue } from '../../../../domain/lab-results.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const COLORS: Record<LabResultValue, string> = { negative: 'green', positive: 'red', invalid: 'orange' };

export function LabResultTag({ result }: { result: string | null }) {
  const { t, label } = useI18n();
  if (!result) return <Tag bordered={false}>{t('screening.pending')}</Tag>;
  const known = result in LAB_RESULT_LABELS ? (result as LabResultValue) : undefined;
  return (
    <Tag color={known ? COLORS[known] : 'default'} data-testid="lab-result" data-result={result} style={{ marginInlineEnd: 0 }}>
      {known ? label(LAB_RESULT_LABELS[known]) : result}
    </Tag>
  );
}
