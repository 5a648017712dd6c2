// /screening — 核酸筛查: the testing rounds with their progress; officers start a new round here.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../features/auth/use-auth.ts';
import { NewRoundDrawer } from '../features/screening/new-round-drawer.tsx';
import { RoundsTable } from '../features/screening/rounds-table.tsx';
import { roundsQuery } from '../features/screening/screening-api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ScreeningRoundsPage() {
  const { t } = useI18n();
  const canManage = useCan('screening.manage');
  const rounds = useQuery(roundsQuery());
  const [creating, setCreating] = useState(false);
  return (
    <Card
      data-testid="screening-rounds-page"
      title={
        <Space direction="vertical" size={0} style={{ paddingBlock: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('screening.rounds')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>
            {t('screening.roundsNote')}
          </Typography.Text>
        </Space>
      }
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-new">
            {t('screening.newRound')}
          </Button>
        )
      }
    >
      <RoundsTable rounds={rounds.data?.items ?? []} loading={rounds.isPending} />
      {canManage && <NewRoundDrawer open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}
