// Pool advisor (Dorfman, DESIGN §5) for the places of a new round: the previous round's prevalence
// in each, the best pool size, tests per person and the saving; a clear stop-pooling alert above 0.1 %.
import { useQuery } from '@tanstack/react-query';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { POOLING_PREVALENCE_LIMIT } from '../../../../domain/pooling.ts';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { poolAdviceQuery, type PoolAdviceRowView } from './screening-api.ts';
import { percentText, prevalenceText } from './screening-format.ts';

/** The server's warning flag, or the policy line itself should a row come without it. */
const mustStop = (r: PoolAdviceRowView) => !!r.warning || r.prevalence > POOLING_PREVALENCE_LIMIT;

interface Props {
  placeIds: Id[];
  /** Offered with the stop-pooling alert: switch the pooled modes of the round to single tubes. */
  onUseSingle?: () => void;
}

export function PoolAdvisor({ placeIds, onUseSingle }: Props) {
  const { t } = useI18n();
  const q = useQuery(poolAdviceQuery(placeIds));
  if (placeIds.length === 0) return <Typography.Text type="secondary">{t('screening.advice.pickPlaces')}</Typography.Text>;
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={t('common.loadFailed')} />;
  const rows = q.data.items;
  const stop = rows.filter(mustStop);
  const poolText = (k: number) => (k <= 1 ? t('screening.advice.single') : t('screening.advice.poolOf', { k }));
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="pool-advice">
      {stop.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="pool-advice-stop"
          message={t('screening.advice.stopTitle')}
          description={t('screening.advice.stopText', { places: stop.map((r) => `${r.name}（${prevalenceText(r.prevalence)}）`).join('、') })}
          action={
            onUseSingle && (
              <Button size="small" danger onClick={onUseSingle} data-testid="pool-advice-use-single">
                {t('screening.advice.useSingle')}
              </Button>
            )
          }
        />
      )}
      <Table<PoolAdviceRowView>
        size="small"
        rowKey="placeId"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': 'pool-advice-row', 'data-best': r.bestPoolSize }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('screening.place'), dataIndex: 'name' },
          {
            title: t('screening.advice.prevalence'),
            key: 'prevalence',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text type={mustStop(r) ? 'danger' : undefined} strong={mustStop(r)}>
                  {prevalenceText(r.prevalence)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.assumed || !r.previousRound ? t('screening.advice.assumed') : t('screening.advice.from', { round: r.previousRound, positives: r.positives, sampled: r.sampled })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('screening.advice.best'),
            dataIndex: 'bestPoolSize',
            render: (k: number, r) =>
              mustStop(r) ? (
                <Space size={4}>
                  <Tag color="red">{t('screening.advice.single')}</Tag>
                  {k > 1 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('screening.advice.dorfman', { pool: poolText(k) })}</Typography.Text>}
                </Space>
              ) : (
                <Tag color={k <= 1 ? 'orange' : 'green'}>{poolText(k)}</Tag>
              ),
          },
          {
            title: (
              <Tooltip title={t('screening.advice.perPersonHelp')}>
                <span>{t('screening.advice.perPerson')}</span>
              </Tooltip>
            ),
            dataIndex: 'testsPerPerson',
            align: 'right',
            render: (v: number, r) => (
              <Tooltip title={t('screening.advice.bound', { h: r.entropyBound.toFixed(3) })}>
                <span>{v.toFixed(3)}</span>
              </Tooltip>
            ),
          },
          { title: t('screening.advice.saving'), dataIndex: 'savingVsSingle', align: 'right', render: (v: number) => percentText(v) },
        ]}
      />
    </Space>
  );
}
