// The audit trail of one person as a timeline (newest first): who did what, when.
import { Empty, Timeline, Typography } from 'antd';
import type { PersonHistoryEntry } from '../../api/types.ts';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';

export function PersonHistory({ items }: { items: PersonHistoryEntry[] }) {
  const { t, lang } = useI18n();
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('persons.noHistory')} />;
  const actionText = (action: string) => {
    const key = `persons.action.${action}`;
    return hasMessage(key) ? t(key) : action;
  };
  return (
    <Timeline
      data-testid="person-history"
      items={items.map((e) => ({
        key: e.id,
        color: e.action.endsWith('unmask') ? 'red' : e.action.endsWith('create') ? 'green' : 'blue',
        children: (
          <>
            <Typography.Text strong>{actionText(e.action)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {fmt.format(new Date(e.at))} · {e.actorName ?? t('common.none')}
            </Typography.Text>
          </>
        ),
      }))}
    />
  );
}
