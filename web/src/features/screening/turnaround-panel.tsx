// Turnaround of a round: overall P50/P90 by stage, per lab and per site, and the tubes past the
// target still without a result, by lab.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Typography } from 'antd';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { turnaroundQuery, type TurnaroundView } from './screening-api.ts';
import { hoursText, shortTime } from './screening-format.ts';
import { TurnaroundChart } from './turnaround-chart.tsx';

type Overdue = TurnaroundView['overdue'][number];

export function TurnaroundPanel({ roundId }: { roundId: Id }) {
  const { t } = useI18n();
  const q = useQuery(turnaroundQuery(roundId));
  if (q.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (q.isError) return <Alert type="error" showIcon message={t('common.loadFailed')} />;
  const d = q.data;
  const o = d.overall;
  const stage = (label: string, s: { p50: number | null; p90: number | null }) => ({
    key: label,
    label,
    children: `P50 ${hoursText(s.p50)} · P90 ${hoursText(s.p90)}`,
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="turnaround-panel">
      <Card size="small" title={t('screening.turnaroundOverall', { h: d.targetHours })}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            stage(t('screening.stage.total'), o.total),
            stage(t('screening.stage.collectedToBoxed'), o.collectedToBoxed),
            stage(t('screening.stage.boxedToReceived'), o.boxedToReceived),
            stage(t('screening.stage.receivedToReported'), o.receivedToReported),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('screening.turnaroundByLab')}>
            {d.byLab.length ? <TurnaroundChart rows={d.byLab} targetHours={d.targetHours} testId="turnaround-labs" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('screening.turnaroundBySite')}>
            {d.bySite.length ? <TurnaroundChart rows={d.bySite} targetHours={d.targetHours} testId="turnaround-sites" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('screening.overdueByLab', { h: d.targetHours })}>
        <Table<Overdue>
          size="small"
          rowKey={(r) => `${r.labId ?? 'none'}`}
          data-testid="overdue-table"
          pagination={false}
          dataSource={d.overdue}
          locale={{ emptyText: t('screening.noOverdue') }}
          columns={[
            { title: t('screening.lab'), dataIndex: 'labName', render: (v: string, r) => (r.labId === null ? <Typography.Text type="warning">{t('screening.notReceived')}</Typography.Text> : v) },
            { title: t('screening.tubes'), dataIndex: 'tubes', align: 'right', render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text> },
            { title: t('screening.oldestCollected'), dataIndex: 'oldestCollectedAt', render: (v: string) => shortTime(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
