// A stored rejection (code + server message) in the current language, through the same error-text
// mechanism as live API errors.
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../i18n/error-text.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import type { Rejection } from './sampler-types.ts';

export const rejectionText = (r: Rejection, t: Translate) => errorText(new ApiError(400, r.code, r.message), t);
