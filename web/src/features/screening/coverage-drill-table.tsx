// The children of the chosen place with their round coverage; a row opens the child (down to
// buildings).
import { Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { PlaceKind } from '../../../../domain/places.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PlaceKindTag } from '../places/place-kind-tag.tsx';
import { canDrillInto } from './coverage-drill.ts';
import { CoverageProgress } from './coverage-progress.tsx';
import type { CoverageRow } from './screening-api.ts';

const byRate = (a: CoverageRow, b: CoverageRow) => (a.rate ?? -1) - (b.rate ?? -1);

/** `compact` (a phone): place, progress and missing only. */
export function CoverageDrillTable({ items, onPick, compact }: { items: CoverageRow[]; onPick: (c: CoverageRow) => void; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Table<CoverageRow>
      size="small"
      rowKey="id"
      data-testid="coverage-drill-table"
      dataSource={items}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('screening.noChildren') }}
      onRow={(c) =>
        ({
          'data-testid': 'coverage-row',
          'data-name': c.name,
          'data-place-id': c.id,
          onClick: canDrillInto(c.kind) ? () => onPick(c) : undefined,
          style: canDrillInto(c.kind) ? { cursor: 'pointer' } : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('screening.place'),
          dataIndex: 'name',
          render: (v: string, c) => (
            <Space size={6}>
              {canDrillInto(c.kind) ? <Typography.Link>{v}</Typography.Link> : <Typography.Text>{v}</Typography.Text>}
              <PlaceKindTag kind={c.kind as PlaceKind} />
            </Space>
          ),
        },
        { title: t('screening.sampledOfExpected'), key: 'progress', sorter: byRate, render: (_: unknown, c) => <CoverageProgress sampled={c.sampled} expected={c.expected} rate={c.rate} width={compact ? 64 : 120} /> },
        ...(compact
          ? []
          : [
              { title: t('screening.residents'), dataIndex: 'residents' as const, align: 'right' as const },
              { title: t('screening.exempt'), dataIndex: 'exempt' as const, align: 'right' as const },
            ]),
        {
          title: t('screening.missing'),
          dataIndex: 'missing',
          align: 'right',
          sorter: (a, b) => a.missing - b.missing,
          render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
        },
      ]}
    />
  );
}
