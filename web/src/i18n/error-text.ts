// Turns any thrown error into text for the user, in the current language.
import { ApiError } from '../api/client.ts';
import { hasMessage, type Translate } from './i18n.tsx';

export function errorText(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}`;
    if (hasMessage(key)) {
      // Validation messages name the offending field; keep the server's words after ours.
      return err.code === 'VALIDATION_FAILED' && err.message ? `${t(key)}: ${err.message}` : t(key);
    }
    if (err.status >= 500) return t('error.INTERNAL');
    return err.message || t('error.unknown', { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}
