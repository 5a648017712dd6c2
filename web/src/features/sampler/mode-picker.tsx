// Kind and size of the next tube: 单采单检, 1户1管, 10合1, 20合1 (default: the round's mode for
// precaution areas). Four across a phone: short texts on the buttons, the full label as their title.
import { Segmented, Typography } from 'antd';
import { SAMPLING_MODE_LABELS, SAMPLING_MODES, type SamplingMode } from '../../../../domain/screening.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const SHORT: Record<SamplingMode, MessageKey> = { single: 'sampler.mode.single', household: 'sampler.mode.household', pool10: 'sampler.mode.pool10', pool20: 'sampler.mode.pool20' };

export function ModePicker({ value, onChange }: { value: SamplingMode; onChange: (m: SamplingMode) => void }) {
  const { t, label } = useI18n();
  return (
    <div data-testid="mode-picker" data-mode={value}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sampler.modeForNewTube')}</Typography.Text>
      <Segmented<SamplingMode>
        block
        value={value}
        onChange={onChange}
        options={SAMPLING_MODES.map((m) => ({ value: m, label: <span data-testid={`mode-${m}`} title={label(SAMPLING_MODE_LABELS[m], m)}>{t(SHORT[m])}</span> }))}
      />
    </div>
  );
}
