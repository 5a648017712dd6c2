// Registrations the server refused, in red, each with its reason and a "remove" button. The rest
// of the queue was sent without them.
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { rejectionText } from './rejection-text.ts';
import type { QueuedRegistration } from './sampler-types.ts';
import { scannedLabel } from './tube-fill.ts';

export function RejectedList({ items, onRemove }: { items: QueuedRegistration[]; onRemove: (clientId: string) => void }) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <Card size="small" title={<Typography.Text type="danger">{t('sampler.rejectedTitle', { n: items.length })}</Typography.Text>} style={{ borderColor: '#ff4d4f' }} data-testid="rejected-list">
      <Alert type="error" message={t('sampler.rejectedHint')} style={{ marginBottom: 8 }} />
      <List<QueuedRegistration>
        size="small"
        dataSource={items}
        rowKey="clientId"
        renderItem={(q) => {
          const who = scannedLabel(q.item.person);
          return (
            <List.Item
              style={{ padding: '6px 0' }}
              data-testid="rejected-item"
              data-code={q.rejection?.code}
              actions={[
                <Button key="remove" danger size="small" icon={<DeleteOutlined />} onClick={() => onRemove(q.clientId)} data-testid="rejected-remove">
                  {t('sampler.remove')}
                </Button>,
              ]}
            >
              <div style={{ minWidth: 0 }}>
                <Typography.Text style={{ fontFamily: 'monospace' }}>{who.healthCode ? t('sampler.healthCode') : who.idNumber}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>{t('sampler.inTube', { code: q.item.tubeCode })}</Typography.Text>
                <Typography.Text type="danger" style={{ display: 'block', fontSize: 13 }}>{q.rejection ? rejectionText(q.rejection, t) : ''}</Typography.Text>
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
