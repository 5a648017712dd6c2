// Time left until a round's deadline (red once it has passed, grey once the round is closed).
import { ClockCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { durationText } from './screening-format.ts';
import { useNow } from './use-now.ts';

export function DeadlineCountdown({ deadline, closed }: { deadline: string; closed?: boolean }) {
  const { t } = useI18n();
  const now = useNow();
  const left = new Date(deadline).getTime() - now.getTime();
  if (closed) return <Typography.Text type="secondary">{t('screening.closed')}</Typography.Text>;
  return (
    <Typography.Text type={left < 0 ? 'danger' : left < 3 * 3_600_000 ? 'warning' : undefined} data-testid="deadline-countdown" style={{ whiteSpace: 'nowrap' }}>
      <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
      {left < 0 ? t('screening.overdueBy', { d: durationText(-left, t) }) : t('screening.leftUntil', { d: durationText(left, t) })}
    </Typography.Text>
  );
}
