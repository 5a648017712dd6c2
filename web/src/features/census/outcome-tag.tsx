// A visit outcome (在家 / 不在家 / 空置 / 拒绝) as a coloured tag, and whether a household counts as
// visited in the current campaign.
import { Tag } from 'antd';
import type { CensusOutcome } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export const OUTCOME_COLORS: Record<CensusOutcome, string> = { present: 'green', absent: 'orange', vacant: 'default', refused: 'red' };

export function OutcomeTag({ outcome }: { outcome: CensusOutcome }) {
  const { t } = useI18n();
  return (
    <Tag color={OUTCOME_COLORS[outcome]} style={{ marginInlineEnd: 0 }}>
      {t(`census.outcome.${outcome}`)}
    </Tag>
  );
}

/** Visited in the campaign that started at `since` (visits before it belong to an older round). */
export function visitedSince(lastVisitedAt: string | null, since: string | undefined): boolean {
  if (!lastVisitedAt) return false;
  return !since || Date.parse(lastVisitedAt) >= Date.parse(since);
}
