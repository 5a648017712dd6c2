// What the last scan did: a red error (nothing was queued) or a short green confirmation.
import { Alert } from 'antd';
import { maskIdNumber } from '../../../../domain/id-card.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { rejectionText } from './rejection-text.ts';
import type { ScanFeedback as Feedback } from './use-sampling-session.ts';

/** A scanned ID number is masked on screen too: the person behind may read over the shoulder. */
const shown = (s: string) => (/^\d{17}[\dXx]$/.test(s) ? maskIdNumber(s) : s.startsWith('HC1:') ? 'HC1:…' : s);

export function ScanFeedback({ feedback }: { feedback: Feedback }) {
  const { t } = useI18n();
  if (!feedback) return null;
  if (feedback.kind === 'error')
    return (
      <Alert
        type="error"
        showIcon
        message={rejectionText({ code: feedback.code, message: feedback.code }, t)}
        description={shown(feedback.scanned)}
        data-testid="scan-feedback"
        data-kind="error"
        data-code={feedback.code}
      />
    );
  const text =
    feedback.kind === 'tube'
      ? t(feedback.resumed ? 'sampler.tubeResumed' : 'sampler.tubeOpened', { code: feedback.code })
      : feedback.full
        ? `${t('sampler.personQueued', { slot: feedback.slot, capacity: feedback.capacity })} · ${t('sampler.tubeFullNext')}`
        : t('sampler.personQueued', { slot: feedback.slot, capacity: feedback.capacity });
  return <Alert type="success" showIcon message={text} data-testid="scan-feedback" data-kind={feedback.kind} />;
}
