// What a scan means at this moment of the loop: with no open tube it is a tube barcode; with an open
// tube it is the next person (身份证 number or health-code QR `HC1:…`). An 18-character ID number
// is checked here (GB 11643 check digit) so a misread never enters the queue. Pure.
import { parseIdCard } from '../../../../domain/id-card.ts';
import type { IdType } from '../../../../domain/persons.ts';
import { parseHealthCodeQr } from '../../../../domain/screening.ts';

export type ScanDecision =
  | { kind: 'tube'; code: string }
  | { kind: 'person'; person: string; idType?: IdType }
  | { kind: 'ignore' }
  | { kind: 'error'; code: ScanErrorCode; scanned: string };

/** Local scan errors; their texts are `error.<code>` messages like the server's. */
export type ScanErrorCode =
  | 'SCAN_TUBE_FIRST'
  | 'SCAN_TUBE_CODE_INVALID'
  | 'SCAN_TUBE_OPEN'
  | 'SCAN_PERSON_TWICE'
  | 'SAMPLE_QR_INVALID'
  | 'PERSON_ID_FORMAT'
  | 'PERSON_ID_REGION'
  | 'PERSON_ID_BIRTH_DATE'
  | 'PERSON_ID_INVALID';

export interface ScanContext {
  /** Code of the tube being filled, or null when the next scan starts a tube. */
  openTube: string | null;
  /** Numbers (upper case) already in the open tube, sent or queued. */
  inTube: readonly string[];
  /** Document type for scans that are neither an ID card number nor a health code. */
  idType: IdType;
  today: string;
}

const TUBE_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const ID_CARD_LIKE = /^\d{17}[\dXx]$/;
/** Digits that were probably meant as an ID number (a short or long read). */
const DIGITS_ONLY = /^\d{15,19}[Xx]?$/;

export function decideScan(raw: string, ctx: ScanContext): ScanDecision {
  const text = raw.trim();
  if (!text) return { kind: 'ignore' };
  if (text.toUpperCase().startsWith('HC1:')) {
    if (!parseHealthCodeQr(text)) return { kind: 'error', code: 'SAMPLE_QR_INVALID', scanned: text };
    if (!ctx.openTube) return { kind: 'error', code: 'SCAN_TUBE_FIRST', scanned: text };
    if (ctx.inTube.includes(text.toUpperCase())) return { kind: 'error', code: 'SCAN_PERSON_TWICE', scanned: text };
    return { kind: 'person', person: text };
  }
  if (ID_CARD_LIKE.test(text)) {
    const id = parseIdCard(text, ctx.today);
    if (!id.ok) return { kind: 'error', code: id.error, scanned: text };
    if (!ctx.openTube) return { kind: 'error', code: 'SCAN_TUBE_FIRST', scanned: text };
    if (ctx.inTube.includes(id.info.number)) return { kind: 'error', code: 'SCAN_PERSON_TWICE', scanned: text };
    return { kind: 'person', person: id.info.number, idType: 'id_card' };
  }
  if (!ctx.openTube) return TUBE_CODE.test(text) ? { kind: 'tube', code: text } : { kind: 'error', code: 'SCAN_TUBE_CODE_INVALID', scanned: text };
  if (text === ctx.openTube) return { kind: 'ignore' }; // the tube scanned twice
  if (ctx.idType !== 'id_card') {
    if (ctx.inTube.includes(text.toUpperCase())) return { kind: 'error', code: 'SCAN_PERSON_TWICE', scanned: text };
    return { kind: 'person', person: text, idType: ctx.idType };
  }
  if (DIGITS_ONLY.test(text)) return { kind: 'error', code: 'PERSON_ID_FORMAT', scanned: text };
  return { kind: 'error', code: 'SCAN_TUBE_OPEN', scanned: text };
}
