// The state of a round (open, closed…) as a tag; unknown states show their code.
import { Tag } from 'antd';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';

const COLORS: Record<string, string> = { open: 'processing', active: 'processing', planned: 'default', closed: 'default' };

export function RoundStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `screening.roundStatus.${status}`;
  return (
    <Tag color={COLORS[status] ?? 'default'} bordered={false} data-testid="round-status">
      {hasMessage(key) ? t(key) : status}
    </Tag>
  );
}
