// People of the registry (DESIGN §4): vocabulary and the pure validation of one person record,
// shared by the API, the imports, the census and the web.
import { parseIdCard } from './id-card.ts';

export const ID_TYPES = ['id_card', 'passport', 'hk_mo_tw', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const SPECIAL_GROUP_TAGS = ['elderly_alone', 'bedridden', 'disabled', 'pregnant', 'dialysis', 'chronic', 'infant'] as const;
export type SpecialGroupTag = (typeof SPECIAL_GROUP_TAGS)[number];
export const RESIDENCE_TYPES = ['permanent', 'temporary', 'floating'] as const;
export type ResidenceType = (typeof RESIDENCE_TYPES)[number];

export const ID_TYPE_LABELS: Record<IdType, { zh: string; en: string }> = {
  id_card: { zh: '身份证', en: 'ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_mo_tw: { zh: '港澳台证件', en: 'HK/Macao/Taiwan permit' },
  other: { zh: '其他', en: 'Other' },
};
export const TAG_LABELS: Record<SpecialGroupTag, { zh: string; en: string }> = {
  elderly_alone: { zh: '独居老人', en: 'Elderly living alone' },
  bedridden: { zh: '卧床', en: 'Bedridden' },
  disabled: { zh: '残疾', en: 'Disabled' },
  pregnant: { zh: '孕产妇', en: 'Pregnant' },
  dialysis: { zh: '透析', en: 'Dialysis' },
  chronic: { zh: '慢性病', en: 'Chronic illness' },
  infant: { zh: '婴幼儿', en: 'Infant' },
};
export const RESIDENCE_LABELS: Record<ResidenceType, { zh: string; en: string }> = {
  permanent: { zh: '常住', en: 'Permanent' },
  temporary: { zh: '暂住', en: 'Temporary' },
  floating: { zh: '流动', en: 'Floating' },
};

const ID_TYPE_ALIASES: Record<string, IdType> = { 身份证: 'id_card', 居民身份证: 'id_card', 护照: 'passport', 港澳台: 'hk_mo_tw', 港澳台证件: 'hk_mo_tw', 其他: 'other' };
const SEX_ALIASES: Record<string, 'M' | 'F'> = { M: 'M', F: 'F', m: 'M', f: 'F', 男: 'M', 女: 'F' };
const TAG_ALIASES: Record<string, SpecialGroupTag> = {
  独居老人: 'elderly_alone', 卧床: 'bedridden', 残疾: 'disabled', 孕妇: 'pregnant', 孕产妇: 'pregnant', 透析: 'dialysis', 慢性病: 'chronic', 婴幼儿: 'infant',
};
const RESIDENCE_ALIASES: Record<string, ResidenceType> = { 常住: 'permanent', 暂住: 'temporary', 流动: 'floating' };

export interface PersonFields {
  idType?: string | null;
  idNumber: string;
  name: string;
  sex?: string | null;
  birthDate?: string | null;
  phone?: string | null;
  tags?: string | string[] | null;
  residenceType?: string | null;
  needs?: string | null;
}

export interface ValidPerson {
  idType: IdType;
  idNumber: string;
  name: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  tags: SpecialGroupTag[];
  residenceType: ResidenceType;
  needs: string | null;
}

export type PersonValidation = { ok: true; person: ValidPerson } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): PersonValidation => ({ ok: false, code, message });

/** YYYY-MM-DD or YYYYMMDD → YYYY-MM-DD, or null when not a real date. */
export function normalizeDate(v: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function normalizePhone(v: string): string | null {
  const p = v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return /^(1\d{10}|0\d{9,11}|\+?\d{6,15})$/.test(p) ? p : null;
}

/** Validates and normalizes one person; `today` is the city's day (YYYY-MM-DD). */
export function validatePerson(f: PersonFields, today: string): PersonValidation {
  const idTypeRaw = (f.idType ?? '').trim();
  const idType = idTypeRaw === '' ? 'id_card' : ((ID_TYPES as readonly string[]).includes(idTypeRaw) ? (idTypeRaw as IdType) : ID_TYPE_ALIASES[idTypeRaw]);
  if (!idType) return fail('PERSON_ID_TYPE_INVALID', `Unknown document type "${idTypeRaw}" (id_card, passport, hk_mo_tw, other)`);
  const name = (f.name ?? '').trim();
  if (!name) return fail('PERSON_NAME_REQUIRED', 'Name is empty');
  if (name.length > 100) return fail('PERSON_NAME_INVALID', 'Name is longer than 100 characters');

  let sex: 'M' | 'F' | null = null;
  const sexRaw = (f.sex ?? '').trim();
  if (sexRaw) {
    sex = SEX_ALIASES[sexRaw] ?? null;
    if (!sex) return fail('PERSON_SEX_INVALID', `Sex "${sexRaw}" is not M/F (男/女)`);
  }
  let birthDate: string | null = null;
  const birthRaw = (f.birthDate ?? '').trim();
  if (birthRaw) {
    birthDate = normalizeDate(birthRaw);
    if (!birthDate || birthDate > today || birthDate < '1870-01-01')
      return fail('PERSON_BIRTH_DATE_INVALID', `Birth date "${birthRaw}" is not a real past date (YYYY-MM-DD)`);
  }

  let idNumber = (f.idNumber ?? '').trim();
  if (!idNumber) return fail('PERSON_ID_REQUIRED', 'Document number is empty');
  if (idType === 'id_card') {
    const r = parseIdCard(idNumber, today);
    if (!r.ok) return fail(r.error, r.message);
    idNumber = r.info.number;
    if (sex && sex !== r.info.sex) return fail('PERSON_SEX_MISMATCH', `Sex ${sex} disagrees with the ID number (${r.info.sex})`);
    if (birthDate && birthDate !== r.info.birthDate) return fail('PERSON_BIRTH_DATE_MISMATCH', `Birth date ${birthDate} disagrees with the ID number (${r.info.birthDate})`);
    sex = r.info.sex;
    birthDate = r.info.birthDate;
  } else {
    idNumber = idNumber.toUpperCase();
    if (!/^[A-Z0-9()-]{4,30}$/.test(idNumber)) return fail('PERSON_ID_FORMAT', 'Document numbers are 4–30 letters and digits');
  }

  let phone: string | null = null;
  if ((f.phone ?? '').trim()) {
    phone = normalizePhone(f.phone!);
    if (!phone) return fail('PERSON_PHONE_INVALID', `Phone "${f.phone}" is not a phone number`);
  }

  const rawTags = Array.isArray(f.tags) ? f.tags : (f.tags ?? '').split(/[;；,，]/);
  const tags: SpecialGroupTag[] = [];
  for (const t of rawTags.map((x) => x.trim()).filter(Boolean)) {
    const tag = (SPECIAL_GROUP_TAGS as readonly string[]).includes(t) ? (t as SpecialGroupTag) : TAG_ALIASES[t];
    if (!tag) return fail('PERSON_TAG_UNKNOWN', `Unknown tag "${t}" (${SPECIAL_GROUP_TAGS.join(', ')})`);
    if (!tags.includes(tag)) tags.push(tag);
  }
  const resRaw = (f.residenceType ?? '').trim();
  const residenceType = resRaw === '' ? 'permanent' : ((RESIDENCE_TYPES as readonly string[]).includes(resRaw) ? (resRaw as ResidenceType) : RESIDENCE_ALIASES[resRaw]);
  if (!residenceType) return fail('PERSON_RESIDENCE_INVALID', `Unknown residence type "${resRaw}"`);
  const needs = (f.needs ?? '').trim() || null;
  return { ok: true, person: { idType, idNumber, name, sex, birthDate, phone, tags, residenceType, needs } };
}

/** Lookup key material for the keyed hash: type and number, so a passport never meets an ID card. */
export function identityKey(idType: IdType, idNumber: string): string {
  return `${idType}:${idNumber.trim().toUpperCase()}`;
}
