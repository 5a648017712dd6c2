// The head of a round's command page: name and state, places, sampling modes, zone marks, and the
// time gone against the deadline next to the coverage.
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { SAMPLING_MODE_LABELS, ZONE_LEVEL_LABELS, ZONE_LEVELS, type SamplingMode, type ZoneLevel } from '../../../../domain/screening.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { RoundStatusTag } from './round-status-tag.tsx';
import { RoundTimeBar } from './round-time-bar.tsx';
import type { RoundStatusView, RoundView } from './screening-api.ts';

export function RoundHeader({ round, status }: { round: RoundView; status: RoundStatusView }) {
  const { t, label } = useI18n();
  const zonesBy = (level: ZoneLevel) => round.zones.filter((z) => z.level === level).length;
  return (
    <Card size="small" data-testid="round-header">
      <Row gutter={[24, 12]} align="middle">
        <Col xs={24} lg={13}>
          <Space direction="vertical" size={4}>
            <Space size={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="round-name">
                {round.name}
              </Typography.Title>
              <RoundStatusTag status={round.status} />
            </Space>
            <Typography.Text type="secondary">{round.places.map((p) => p.name).join('、')}</Typography.Text>
            <Space size={[4, 4]} wrap>
              {ZONE_LEVELS.map((level) => (
                <Tag key={level} bordered={false} color={level === 'sealed' ? 'red' : level === 'controlled' ? 'orange' : 'blue'}>
                  {label(ZONE_LEVEL_LABELS[level])} · {label(SAMPLING_MODE_LABELS[round.modes[level] as SamplingMode], round.modes[level])}
                  {level !== 'precaution' && zonesBy(level) > 0 ? ` · ${t('screening.zoneCount', { n: zonesBy(level) })}` : ''}
                </Tag>
              ))}
            </Space>
          </Space>
        </Col>
        <Col xs={24} lg={11}>
          <RoundTimeBar startsAt={round.startsAt} deadline={round.deadline} timeElapsed={status.timeElapsed} coverage={status.coverage} closed={round.status === 'closed'} />
        </Col>
      </Row>
    </Card>
  );
}
