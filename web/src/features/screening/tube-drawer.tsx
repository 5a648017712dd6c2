// The custody view of a tube in a drawer (opened from the pools, retests and findings tables).
import { Drawer, Grid } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { TubeCustody } from './tube-custody.tsx';

export function TubeDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const desk = !!Grid.useBreakpoint().md;
  return (
    <Drawer open={!!code} onClose={onClose} width={desk ? 760 : '100%'} title={t('screening.tubeTitle', { code: code ?? '' })} destroyOnHidden>
      {code && <TubeCustody code={code} />}
    </Drawer>
  );
}
