// 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence whose
// parity is the sex (odd = male), and a check character over the first 17 digits (ISO 7064 MOD 11-2).
// Pure: no I/O, no clock except the `today` the caller passes.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdCardError =
  | 'PERSON_ID_FORMAT' // not 17 digits + a digit or X
  | 'PERSON_ID_REGION' // region code not a province-level code
  | 'PERSON_ID_BIRTH_DATE' // impossible date or in the future
  | 'PERSON_ID_INVALID'; // wrong check digit

export interface IdCardInfo {
  number: string; // normalized: upper-case X
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'M' | 'F';
}

/** Province-level codes (first two digits) of GB/T 2260, plus 99 used by the demo city. */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '99',
]);

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export type IdCardResult = { ok: true; info: IdCardInfo } | { ok: false; error: IdCardError; message: string };

/** Validates an 18-character 身份证 number; `today` (YYYY-MM-DD, the city's day) bounds the birth date. */
export function parseIdCard(raw: string, today: string): IdCardResult {
  const number = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, error: 'PERSON_ID_FORMAT', message: 'An ID card number is 17 digits followed by a digit or X' };
  if (!PROVINCE_PREFIXES.has(number.slice(0, 2))) return { ok: false, error: 'PERSON_ID_REGION', message: `Region code ${number.slice(0, 6)} is not a Chinese administrative code` };
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (y < 1870 || !isRealDate(y, m, d) || birthDate > today)
    return { ok: false, error: 'PERSON_ID_BIRTH_DATE', message: `Birth date ${birthDate} in the ID number is impossible or in the future` };
  if (checkCharacter(number) !== number[17]) return { ok: false, error: 'PERSON_ID_INVALID', message: 'The check digit of the ID number is wrong' };
  return { ok: true, info: { number, regionCode: number.slice(0, 6), birthDate, sex: Number(number[16]) % 2 === 1 ? 'M' : 'F' } };
}

/** Builds a valid number from its parts (synthetic population, tests). */
export function makeIdCard(regionCode: string, birthDate: string, sequence: number, sex: 'M' | 'F'): string {
  // The last sequence digit carries the sex: odd male, even female.
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (sex === 'M')) seq = seq % 2 === 0 ? seq + 1 : seq - 1;
  if (seq > 999) seq -= 2;
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(seq).padStart(3, '0');
  return first17 + checkCharacter(first17);
}

/**
 * 220102********123X: an ID card keeps its region code and last four. Shorter documents (passports,
 * permits) keep only their first and last two, so at least half of any number is hidden.
 */
export function maskIdNumber(n: string): string {
  if (n.length >= 15) return n.slice(0, 6) + '*'.repeat(n.length - 10) + n.slice(-4);
  if (n.length >= 6) return n.slice(0, 1) + '*'.repeat(n.length - 3) + n.slice(-2);
  return '*'.repeat(n.length);
}

/** 138****5678 */
export function maskPhone(p: string): string {
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}
