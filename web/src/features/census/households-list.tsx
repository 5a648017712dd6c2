// The households under a place: visited or not in this campaign (with the last outcome), a toggle
// for only the not-visited ones, their XLSX, and paging by "load more".
import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, List, Space, Switch, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { HouseholdRow, Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { householdsQuery, unvisitedExportUrl } from './census-api.ts';
import { OutcomeTag, visitedSince } from './outcome-tag.tsx';

interface Props {
  placeId: Id;
  since?: string;
  onlyUnvisited: boolean;
  onOnlyUnvisited: (v: boolean) => void;
}

function Row({ h, placeId, since }: { h: HouseholdRow; placeId: Id; since?: string }) {
  const { t } = useI18n();
  const visited = visitedSince(h.lastVisitedAt, since);
  return (
    <List.Item style={{ padding: 0 }}>
      <Link
        to={`/census/${placeId}/household/${h.id}`}
        style={{ display: 'flex', alignItems: 'center', width: '100%', padding: '12px 16px', color: 'inherit' }}
        data-testid="household-row"
        data-visited={visited}
        data-name={h.name}
      >
        <Space direction="vertical" size={2} style={{ flex: 1 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {h.parentName ? `${h.parentName} ${h.name}` : h.name}
          </Typography.Text>
          <Space size={8} wrap>
            <Badge status={visited ? 'success' : 'warning'} text={t(visited ? 'census.visited' : 'census.notVisited')} />
            {h.lastOutcome && <OutcomeTag outcome={h.lastOutcome} />}
            <Typography.Text type="secondary">{t('census.membersCount', { n: h.members })}</Typography.Text>
          </Space>
        </Space>
        <RightOutlined />
      </Link>
    </List.Item>
  );
}

export function HouseholdsList({ placeId, since, onlyUnvisited, onOnlyUnvisited }: Props) {
  const { t } = useI18n();
  const q = useInfiniteQuery(householdsQuery(placeId, onlyUnvisited));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="households-list">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Switch checked={onlyUnvisited} onChange={onOnlyUnvisited} data-testid="only-unvisited" />
          <Typography.Text>{t('census.onlyUnvisited')}</Typography.Text>
        </Space>
        <Button size="small" icon={<DownloadOutlined />} href={unvisitedExportUrl(placeId)} download data-testid="unvisited-export">
          {t('census.exportUnvisited')}
        </Button>
      </Space>
      <List<HouseholdRow>
        bordered
        style={{ background: '#fff' }}
        loading={q.isPending}
        dataSource={rows}
        locale={{ emptyText: t(onlyUnvisited ? 'census.allVisited' : 'census.noHouseholds') }}
        renderItem={(h) => <Row h={h} placeId={placeId} since={since} />}
      />
      {q.hasNextPage && (
        <Button block size="large" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {t('census.loadMore')}
        </Button>
      )}
    </Space>
  );
}
