import { describe, expect, it } from 'vitest';
import { checkCharacter, makeIdCard, maskIdNumber, maskPhone, parseIdCard } from './id-card.ts';

const TODAY = '2026-11-23';

describe('parseIdCard (GB 11643)', () => {
  it('accepts the worked example of the standard and derives sex and birth date', () => {
    // GB 11643-1999 appendix example: 11010519491231002X (female, born 1949-12-31).
    const r = parseIdCard('11010519491231002x', TODAY);
    expect(r).toEqual({ ok: true, info: { number: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'F' } });
  });

  it('accepts a male number whose check digit is a digit', () => {
    // The example number used in the Chinese Wikipedia article on the standard.
    expect(parseIdCard('440524188001010014', TODAY)).toEqual({
      ok: true,
      info: { number: '440524188001010014', regionCode: '440524', birthDate: '1880-01-01', sex: 'M' },
    });
  });

  it.each([
    ['11010519491231002Y', 'PERSON_ID_FORMAT'],
    ['1101051949123100', 'PERSON_ID_FORMAT'],
    ['00010519491231002X', 'PERSON_ID_REGION'],
    ['110105194902300021', 'PERSON_ID_BIRTH_DATE'], // 30 February
    ['110105203001010011', 'PERSON_ID_BIRTH_DATE'], // in the future
    ['110105194912310021', 'PERSON_ID_INVALID'], // last digit changed
    ['11010519491231003X', 'PERSON_ID_INVALID'], // sequence changed, check kept
  ])('rejects %s with %s', (n, code) => {
    const r = parseIdCard(n, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(code);
  });

  it('computes the check character with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 mod 11', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });
});

describe('makeIdCard', () => {
  it('builds numbers that validate, with the requested sex and birth date', () => {
    for (let i = 0; i < 500; i++) {
      const sex = i % 3 === 0 ? 'F' : 'M';
      const birth = `19${String(30 + (i % 70)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const n = makeIdCard('990101', birth, i * 7, sex);
      const r = parseIdCard(n, TODAY);
      expect(r.ok, n).toBe(true);
      if (r.ok) expect([r.info.sex, r.info.birthDate]).toEqual([sex, birth]);
    }
  });
});

describe('masking', () => {
  it('keeps the region and the last four of an ID number', () => {
    expect(maskIdNumber('22010219800101123X')).toBe('220102********123X');
  });
  it('hides at least half of a short document number and never throws on any length', () => {
    expect(maskIdNumber('E12345678')).toBe('E******78');
    expect(maskIdNumber('H1234567890')).toBe('H********90');
    for (let len = 0; len <= 30; len++) {
      const n = 'A'.repeat(len);
      const masked = maskIdNumber(n);
      expect(masked).toHaveLength(len);
      const hidden = masked.split('*').length - 1;
      // ID-card lengths keep region + last four (DESIGN §4); shorter numbers hide at least half.
      if (len >= 15) expect(hidden).toBe(len - 10);
      else expect(hidden).toBeGreaterThanOrEqual(Math.ceil(len / 2));
    }
  });
  it('keeps the first three and last four of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});
