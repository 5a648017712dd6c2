// The earlier visits of a household, newest first.
import { Empty, Timeline, Typography } from 'antd';
import type { HouseholdVisit } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { OutcomeTag } from './outcome-tag.tsx';

export function HouseholdVisits({ visits }: { visits: HouseholdVisit[] }) {
  const { t, lang } = useI18n();
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });
  if (!visits.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('census.noVisits')} />;
  return (
    <Timeline
      data-testid="household-visits"
      items={visits.map((v) => ({
        key: v.id,
        children: (
          <>
            <OutcomeTag outcome={v.outcome} /> <Typography.Text>{fmt.format(new Date(v.visitedAt))}</Typography.Text>
            <Typography.Text type="secondary"> · {v.visitor ?? t('common.none')}</Typography.Text>
            {v.note && <Typography.Paragraph style={{ margin: 0 }}>{v.note}</Typography.Paragraph>}
          </>
        ),
      }))}
    />
  );
}
