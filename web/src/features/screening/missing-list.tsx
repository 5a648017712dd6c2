// 漏采名单: the people of the chosen place not yet sampled in the round (masked), a page at a time,
// with the XLSX export. A table on a desk, cards on a phone (the grid worker at the door).
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Grid, List, Pagination, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { SpecialGroupTag } from '../../../../domain/persons.ts';
import type { Id } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PersonTags } from '../persons/person-tags.tsx';
import { MISSING_PAGE, missingExportUrl, missingQuery, type MissingRowView } from './screening-api.ts';

interface Props {
  roundId: Id;
  placeId: Id;
  placeName: string;
}

export function MissingList({ roundId, placeId, placeName }: Props) {
  const { t } = useI18n();
  const desk = !!Grid.useBreakpoint().md;
  const [page, setPage] = useState({ placeId, offset: 0 });
  const offset = page.placeId === placeId ? page.offset : 0; // a new place starts at its first page
  const q = useQuery(missingQuery(roundId, placeId, offset));
  const total = q.data?.total ?? 0;
  const pager = (
    <Pagination
      size="small"
      simple={!desk}
      current={offset / MISSING_PAGE + 1}
      pageSize={MISSING_PAGE}
      total={total}
      showSizeChanger={false}
      showTotal={desk ? (n) => t('common.total', { n }) : undefined}
      onChange={(p) => setPage({ placeId, offset: (p - 1) * MISSING_PAGE })}
      style={{ textAlign: 'right' }}
    />
  );
  return (
    <Card
      size="small"
      data-testid="missing-list"
      data-total={total}
      title={
        <Space size={6} wrap>
          <Typography.Text strong>{t('screening.missingList')}</Typography.Text>
          <Typography.Text type="secondary">
            {placeName} · {t('screening.missingCount', { n: total })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Button size="small" icon={<DownloadOutlined />} href={missingExportUrl(roundId, placeId)} download data-testid="missing-export">
          {desk ? t('screening.exportMissing') : t('screening.export')}
        </Button>
      }
    >
      {desk ? (
        <Table<MissingRowView>
          size="small"
          rowKey="personId"
          loading={q.isFetching && !q.data}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('screening.noMissing') }}
          columns={[
            { title: t('persons.name'), dataIndex: 'name' },
            { title: t('persons.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('persons.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            { title: t('screening.location'), dataIndex: 'location' },
            { title: t('persons.tags'), dataIndex: 'tags', render: (v: string[]) => <PersonTags tags={v as SpecialGroupTag[]} /> },
          ]}
        />
      ) : (
        <List<MissingRowView>
          size="small"
          loading={q.isFetching && !q.data}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('screening.noMissing') }}
          renderItem={(m) => (
            <List.Item key={m.personId} data-testid="missing-item" style={{ paddingInline: 0 }}>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {m.name}
                  </Typography.Text>
                  {m.phone && <Typography.Text type="secondary">{m.phone}</Typography.Text>}
                </Space>
                <Typography.Text type="secondary">{m.location}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.idNumber}
                </Typography.Text>
                {m.tags.length > 0 && <PersonTags tags={m.tags as SpecialGroupTag[]} />}
              </Space>
            </List.Item>
          )}
        />
      )}
      {total > MISSING_PAGE && <div style={{ marginTop: 12 }}>{pager}</div>}
    </Card>
  );
}
