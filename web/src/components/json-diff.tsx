// Before/after of an audited change side by side, one row per top-level field; changed rows marked.
import { Table, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

interface Row {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

function rowsOf(before: unknown, after: unknown): Row[] {
  if (!isRecord(before) && !isRecord(after)) {
    return [{ field: '', before, after, changed: show(before) !== show(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((field) => ({ field, before: b[field], after: a[field], changed: show(b[field]) !== show(a[field]) }));
}

function Cell({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === undefined) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{show(value)}</pre>;
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const rows = rowsOf(before, after);
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      data-testid="json-diff"
      locale={{ emptyText: t('audit.noData') }}
      onRow={(r) => ({ style: r.changed ? { background: '#fff7e6' } : undefined })}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 160, render: (f: string, r) => (r.changed ? <b>{f}</b> : f) },
        { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <Cell value={v} /> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => <Cell value={v} /> },
      ]}
    />
  );
}
