// One lab result row (DESIGN §5, §13 lab-results: tube_code,result,ct_orf1ab,ct_n,tested_at,lab_code
// and an optional instrument), checked before anything touches the database. Pure: the caller
// passes the city's time zone and the clock.
import { parseLocalTime } from './time.ts';

export const LAB_RESULT_VALUES = ['negative', 'positive', 'invalid'] as const;
export type LabResultValue = (typeof LAB_RESULT_VALUES)[number];

export const LAB_RESULT_LABELS: Record<LabResultValue, { zh: string; en: string }> = {
  negative: { zh: '阴性', en: 'Negative' },
  positive: { zh: '阳性', en: 'Positive' },
  invalid: { zh: '无效', en: 'Invalid' },
};

export type LabResultErrorCode = 'RESULT_TUBE_REQUIRED' | 'RESULT_TUBE_INVALID' | 'RESULT_VALUE_INVALID' | 'RESULT_CT_INVALID' | 'RESULT_TIME_INVALID';

export interface LabResultFields {
  tubeCode: string;
  result: string;
  ctOrf1ab?: string | number | null;
  ctN?: string | number | null;
  testedAt?: string | null;
  labCode?: string | null;
  instrument?: string | null;
}

export interface ValidLabResult {
  tubeCode: string;
  result: LabResultValue;
  ctOrf1ab: number | null;
  ctN: number | null;
  testedAt: Date | null;
  labCode: string | null;
  instrument: string | null;
}

export type LabResultCheck = { ok: true; value: ValidLabResult } | { ok: false; code: LabResultErrorCode; message: string };

export const TUBE_CODE_MAX = 64;
const TUBE_CODE = /^[A-Za-z0-9_-]+$/;
/** Ct above 50 cycles is past the end of any PCR run: a typo, not a measurement. */
export const CT_MAX = 50;
/** Instrument clocks drift; a result a few minutes "ahead" of the server is not an error. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

// What labs write in the result column: the contract's words, the Chinese ones, short forms, and
// the 检出/未检出 (detected / not detected) of many lab information systems.
const RESULT_WORDS: Record<string, LabResultValue> = {
  negative: 'negative', neg: 'negative', 阴性: 'negative', 'not detected': 'negative', 未检出: 'negative',
  positive: 'positive', pos: 'positive', 阳性: 'positive', detected: 'positive', 检出: 'positive',
  invalid: 'invalid', 无效: 'invalid',
};

/** The result value for a word labs use (any case, surrounding spaces ignored), or null. */
export function parseLabResultValue(text: string): LabResultValue | null {
  return RESULT_WORDS[text.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function text(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

type CtCheck = { ok: true; ct: number | null } | { ok: false; message: string };

function checkCt(raw: string | number | null | undefined, column: string): CtCheck {
  const t = text(raw);
  if (t === '') return { ok: true, ct: null };
  const n = typeof raw === 'number' ? raw : DECIMAL.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0 || n > CT_MAX) return { ok: false, message: `${column} must be a number above 0 and at most ${CT_MAX}, got '${t}'` };
  return { ok: true, ct: n };
}

export function validateLabResult(f: LabResultFields, opts: { timeZone: string; now: Date }): LabResultCheck {
  const tubeCode = text(f.tubeCode);
  if (tubeCode === '') return { ok: false, code: 'RESULT_TUBE_REQUIRED', message: 'tube_code is required' };
  if (tubeCode.length > TUBE_CODE_MAX || !TUBE_CODE.test(tubeCode))
    return { ok: false, code: 'RESULT_TUBE_INVALID', message: `Tube code '${tubeCode}' must be at most ${TUBE_CODE_MAX} letters, digits, - or _` };

  const rawResult = text(f.result);
  const result = parseLabResultValue(rawResult);
  if (!result)
    return { ok: false, code: 'RESULT_VALUE_INVALID', message: `Result '${rawResult}' is not one of negative, positive, invalid (阴性, 阳性, 无效)` };

  const orf1ab = checkCt(f.ctOrf1ab, 'ct_orf1ab');
  if (!orf1ab.ok) return { ok: false, code: 'RESULT_CT_INVALID', message: orf1ab.message };
  const n = checkCt(f.ctN, 'ct_n');
  if (!n.ok) return { ok: false, code: 'RESULT_CT_INVALID', message: n.message };

  let testedAt: Date | null = null;
  const rawTime = text(f.testedAt);
  if (rawTime !== '') {
    testedAt = parseLocalTime(rawTime, opts.timeZone);
    if (!testedAt)
      return { ok: false, code: 'RESULT_TIME_INVALID', message: `tested_at '${rawTime}' is not an ISO 8601 time (e.g. 2022-04-01 08:30 or 2022-04-01T08:30:00+08:00)` };
    if (testedAt.getTime() > opts.now.getTime() + FUTURE_TOLERANCE_MS)
      return { ok: false, code: 'RESULT_TIME_INVALID', message: `tested_at '${rawTime}' is in the future` };
  }

  return {
    ok: true,
    value: { tubeCode, result, ctOrf1ab: orf1ab.ct, ctN: n.ct, testedAt, labCode: text(f.labCode) || null, instrument: text(f.instrument) || null },
  };
}
