// Coverage of one place: households visited / households and people confirmed / people, as bars.
import { Progress, Space, Typography } from 'antd';
import type { CoverageCounts } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const pct = (rate: number | null) => (rate === null ? 0 : Math.round(rate * 1000) / 10);

export function CoverageBar({ label, done, total, rate, testId }: { label: string; done: number; total: number; rate: number | null; testId?: string }) {
  return (
    <div data-testid={testId} data-done={done} data-total={total}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <Typography.Text>
          <Typography.Text strong>
            {done}/{total}
          </Typography.Text>
          <Typography.Text type="secondary"> · {pct(rate)}%</Typography.Text>
        </Typography.Text>
      </Space>
      <Progress percent={pct(rate)} showInfo={false} size="small" status={rate === 1 ? 'success' : 'normal'} style={{ marginBlock: 0 }} />
    </div>
  );
}

export function CoverageBars({ c }: { c: CoverageCounts }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <CoverageBar testId="coverage-households" label={t('census.householdsVisited')} done={c.visited} total={c.households} rate={c.householdRate} />
      <CoverageBar testId="coverage-people" label={t('census.peopleConfirmed')} done={c.confirmed} total={c.people} rate={c.peopleRate} />
    </Space>
  );
}
