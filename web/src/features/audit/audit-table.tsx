// The audit entries of one page; a row expands into the before/after diff.
import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { AuditEntry, Id } from '../../api/types.ts';
import { JsonDiff } from '../../components/json-diff.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export function AuditTable({ items, loading }: { items: AuditEntry[]; loading: boolean }) {
  const { t, lang } = useI18n();
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <Table<AuditEntry>
      size="small"
      rowKey="id"
      data-testid="audit-table"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('audit.empty') }}
      expandable={{ expandedRowRender: (e) => <JsonDiff before={e.before} after={e.after} /> }}
      columns={[
        { title: t('audit.at'), dataIndex: 'at', render: (v: string) => fmt.format(new Date(v)) },
        { title: t('audit.actorName'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('common.none') },
        { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag color="blue">{v}</Tag> },
        { title: t('audit.entity'), dataIndex: 'entity' },
        {
          title: t('audit.entityId'),
          dataIndex: 'entityId',
          render: (v: string | null) => (v ? <Typography.Text copyable>{v}</Typography.Text> : t('common.none')),
        },
        {
          title: t('audit.place'),
          dataIndex: 'placeId',
          responsive: ['xl'],
          render: (v: Id | null) => (v == null ? t('common.none') : <Link to={`/places/${v}`}>{v}</Link>),
        },
        {
          title: t('audit.requestId'),
          dataIndex: 'requestId',
          responsive: ['xxl'],
          render: (v: string | null) => <Typography.Text type="secondary">{v ?? t('common.none')}</Typography.Text>,
        },
      ]}
    />
  );
}
