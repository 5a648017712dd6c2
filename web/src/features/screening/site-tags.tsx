// How a sampling site and a door visit are labelled wherever they appear (the round's schedule, the
// sampler's phone): a site is a fixed point (固定点) or a door-to-door team (上门队); a household is
// visited because its building is sealed or someone in it belongs to a special group. The texts are
// the sampler's, which had these labels first.
import { Tag } from 'antd';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';

export const isDoorTeam = (siteMode: string) => siteMode === 'door';

export function SiteModeTag({ siteMode }: { siteMode: string }) {
  const { t } = useI18n();
  return isDoorTeam(siteMode) ? <Tag color="purple">{t('sampler.siteDoor')}</Tag> : <Tag color="blue">{t('sampler.siteFixed')}</Tag>;
}

export function DoorReasonTag({ reason }: { reason: string }) {
  const { t } = useI18n();
  const key = `sampler.doorReason.${reason}`;
  return <Tag color={reason === 'sealed_building' ? 'red' : 'gold'}>{hasMessage(key) ? t(key) : reason}</Tag>;
}
