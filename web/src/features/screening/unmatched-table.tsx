// Results for tubes that were never registered (or otherwise not matched), kept apart with the
// reason, a page at a time.
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
import { LabResultTag } from './lab-result-tag.tsx';
import { UNMATCHED_PAGE, unmatchedQuery, type UnmatchedView } from './screening-api.ts';
import { fullTime } from './screening-format.ts';

export function UnmatchedTable() {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const q = useQuery(unmatchedQuery(offset));
  const items = q.data?.items ?? [];
  const reason = (r: UnmatchedView) => {
    const key = `error.${r.code}`;
    return hasMessage(key) ? t(key) : r.message;
  };
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Table<UnmatchedView>
        size="small"
        rowKey="id"
        data-testid="unmatched-table"
        loading={q.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('screening.noUnmatched') }}
        columns={[
          { title: t('screening.tubeCode'), dataIndex: 'tubeCode', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('screening.result'), dataIndex: 'result', render: (v: string | null) => <LabResultTag result={v} /> },
          { title: t('screening.lab'), dataIndex: 'labName', render: (v: string | null) => v ?? '—' },
          {
            title: t('screening.source'),
            dataIndex: 'source',
            render: (v: string) => {
              const key = `screening.source.${v}`;
              return hasMessage(key) ? t(key) : v;
            },
          },
          {
            title: t('screening.reason'),
            key: 'reason',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text type="danger">{reason(r)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('screening.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => fullTime(v) },
        ]}
      />
      {(offset > 0 || items.length === UNMATCHED_PAGE) && (
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - UNMATCHED_PAGE))}>
            {t('common.prev')}
          </Button>
          <Typography.Text type="secondary">{t('common.page', { n: offset / UNMATCHED_PAGE + 1 })}</Typography.Text>
          <Button size="small" disabled={items.length < UNMATCHED_PAGE} onClick={() => setOffset(offset + UNMATCHED_PAGE)}>
            {t('common.next')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
