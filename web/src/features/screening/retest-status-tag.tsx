// The state of a retest task: open (to sample), sampled (awaiting the result), done.
import { Tag } from 'antd';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';

const COLORS: Record<string, string> = { open: 'orange', sampled: 'processing', done: 'success' };

export function RetestStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `screening.retestStatus.${status}`;
  return (
    <Tag color={COLORS[status] ?? 'default'} bordered={false} data-testid="retest-status" data-status={status}>
      {hasMessage(key) ? t(key) : status}
    </Tag>
  );
}
