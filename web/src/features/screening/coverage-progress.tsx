// Sampled / expected of a round or place as a small bar with the figures.
import { Progress, Space, Typography } from 'antd';
import { percentOf } from './screening-format.ts';

interface Props {
  sampled: number;
  expected: number;
  rate: number | null;
  width?: number;
  /** The percent at the end of the bar (off where a column shows it already). */
  showPercent?: boolean;
}

export function CoverageProgress({ sampled, expected, rate, width = 120, showPercent = true }: Props) {
  return (
    <Space size={8} style={{ whiteSpace: 'nowrap' }} data-testid="coverage-progress" data-sampled={sampled} data-expected={expected}>
      <Progress percent={percentOf(rate)} showInfo={showPercent} size="small" status={rate !== null && rate >= 1 ? 'success' : 'normal'} style={{ width, margin: 0 }} />
      <Typography.Text type="secondary">
        {sampled}/{expected}
      </Typography.Text>
    </Space>
  );
}
