// Time gone against the deadline next to the share sampled: sampling that trails the clock shows red.
import { Progress, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { DeadlineCountdown } from './deadline-countdown.tsx';
import { percentOf, shortTime } from './screening-format.ts';

interface Props {
  startsAt: string;
  deadline: string;
  timeElapsed: number;
  coverage: number | null;
  closed: boolean;
}

export function RoundTimeBar({ startsAt, deadline, timeElapsed, coverage, closed }: Props) {
  const { t } = useI18n();
  const behind = coverage !== null && coverage < timeElapsed;
  return (
    <div data-testid="round-time" data-elapsed={timeElapsed}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">
          {shortTime(startsAt)} → {shortTime(deadline)}
        </Typography.Text>
        <DeadlineCountdown deadline={deadline} closed={closed} />
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 12, alignItems: 'center' }}>
        <Typography.Text type="secondary">{t('screening.timeElapsed')}</Typography.Text>
        <Progress percent={percentOf(timeElapsed)} strokeColor="#8c8c8c" size="small" style={{ margin: 0 }} />
        <Typography.Text type="secondary">{t('screening.coverage')}</Typography.Text>
        <Progress percent={percentOf(coverage)} status={behind ? 'exception' : coverage !== null && coverage >= 1 ? 'success' : 'normal'} size="small" style={{ margin: 0 }} />
      </div>
    </div>
  );
}
