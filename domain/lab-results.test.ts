import { describe, expect, it } from 'vitest';
import { LAB_RESULT_LABELS, LAB_RESULT_VALUES, parseLabResultValue, validateLabResult, type LabResultFields } from './lab-results.ts';

const opts = { timeZone: 'Asia/Shanghai', now: new Date('2022-04-02T00:00:00Z') };
const row = (over: Partial<LabResultFields> = {}): LabResultFields => ({ tubeCode: 'T0001', result: 'negative', ...over });

function errorOf(f: LabResultFields) {
  const r = validateLabResult(f, opts);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(f)}`);
  return r;
}

describe('lab result vocabulary', () => {
  it('labels every value in both languages', () => {
    expect(LAB_RESULT_VALUES.map((v) => LAB_RESULT_LABELS[v].zh)).toEqual(['阴性', '阳性', '无效']);
    expect(LAB_RESULT_VALUES.map((v) => LAB_RESULT_LABELS[v].en)).toEqual(['Negative', 'Positive', 'Invalid']);
  });

  it.each([
    ['negative', 'negative'], ['NEGATIVE', 'negative'], [' Neg ', 'negative'], ['阴性', 'negative'], ['未检出', 'negative'], ['Not  detected', 'negative'],
    ['positive', 'positive'], ['POS', 'positive'], ['阳性', 'positive'], ['Detected', 'positive'],
    ['invalid', 'invalid'], ['Invalid', 'invalid'], ['无效', 'invalid'],
    ['', null], ['maybe', null], ['阴', null],
  ])('reads %j as %s', (text, value) => {
    expect(parseLabResultValue(text)).toBe(value);
  });
});

describe('validateLabResult', () => {
  it('accepts a complete row and normalises it', () => {
    const r = validateLabResult(
      { tubeCode: ' T-2022_0001 ', result: '阳性', ctOrf1ab: '28.1', ctN: 30.4, testedAt: '2022-04-01 08:30', labCode: ' LAB01 ', instrument: 'ABI 7500' },
      opts,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        tubeCode: 'T-2022_0001',
        result: 'positive',
        ctOrf1ab: 28.1,
        ctN: 30.4,
        testedAt: new Date('2022-04-01T00:30:00Z'),
        labCode: 'LAB01',
        instrument: 'ABI 7500',
      },
    });
  });

  it('turns empty optional columns into null', () => {
    expect(validateLabResult({ tubeCode: 'T1', result: 'neg', ctOrf1ab: '', ctN: null, testedAt: '  ', labCode: '', instrument: undefined }, opts)).toEqual({
      ok: true,
      value: { tubeCode: 'T1', result: 'negative', ctOrf1ab: null, ctN: null, testedAt: null, labCode: null, instrument: null },
    });
    expect(validateLabResult(row(), opts).ok).toBe(true);
  });

  it('requires a tube code made of letters, digits, - and _ up to 64 characters', () => {
    expect(errorOf(row({ tubeCode: '' })).code).toBe('RESULT_TUBE_REQUIRED');
    expect(errorOf(row({ tubeCode: '   ' })).code).toBe('RESULT_TUBE_REQUIRED');
    expect(errorOf(row({ tubeCode: 'T 1' })).code).toBe('RESULT_TUBE_INVALID');
    expect(errorOf(row({ tubeCode: 'T1;DROP' })).code).toBe('RESULT_TUBE_INVALID');
    expect(errorOf(row({ tubeCode: '管1' })).code).toBe('RESULT_TUBE_INVALID');
    expect(errorOf(row({ tubeCode: 'A'.repeat(65) })).code).toBe('RESULT_TUBE_INVALID');
    expect(validateLabResult(row({ tubeCode: 'A'.repeat(64) }), opts).ok).toBe(true);
  });

  it('names the bad result value', () => {
    const e = errorOf(row({ result: 'unclear' }));
    expect(e.code).toBe('RESULT_VALUE_INVALID');
    expect(e.message).toContain("'unclear'");
    expect(errorOf(row({ result: '' })).code).toBe('RESULT_VALUE_INVALID');
  });

  it.each([
    [{ ctOrf1ab: 'abc' }, 'ct_orf1ab'],
    [{ ctOrf1ab: '0' }, 'ct_orf1ab'],
    [{ ctOrf1ab: -3 }, 'ct_orf1ab'],
    [{ ctOrf1ab: '50.01' }, 'ct_orf1ab'],
    [{ ctOrf1ab: Number.POSITIVE_INFINITY }, 'ct_orf1ab'],
    [{ ctN: '35,2' }, 'ct_n'],
    [{ ctN: '0x1F' }, 'ct_n'],
    [{ ctN: Number.NaN }, 'ct_n'],
  ])('rejects Ct %j naming column %s', (over, column) => {
    const e = errorOf(row(over));
    expect(e.code).toBe('RESULT_CT_INVALID');
    expect(e.message).toContain(column);
  });

  it('accepts Ct values in (0, 50] as numbers or text', () => {
    const r = validateLabResult(row({ ctOrf1ab: ' 35.2 ', ctN: '50' }), opts);
    expect(r.ok && [r.value.ctOrf1ab, r.value.ctN]).toEqual([35.2, 50]);
  });

  it('reads tested_at as city time unless it has an offset', () => {
    const at = (testedAt: string) => {
      const r = validateLabResult(row({ testedAt }), opts);
      return r.ok ? r.value.testedAt?.toISOString() : r.code;
    };
    expect(at('2022-04-01T08:30:00')).toBe('2022-04-01T00:30:00.000Z');
    expect(at('2022-04-01T08:30:00Z')).toBe('2022-04-01T08:30:00.000Z');
    expect(at('2022-04-01T08:30:00+08:00')).toBe('2022-04-01T00:30:00.000Z');
    expect(at('2022-04-01')).toBe('2022-03-31T16:00:00.000Z');
    expect(at('01/04/2022 08:30')).toBe('RESULT_TIME_INVALID');
    expect(at('2022-02-30 08:30')).toBe('RESULT_TIME_INVALID');
  });

  it('allows five minutes of clock drift but not a time further in the future', () => {
    // now is 2022-04-02 08:00 in Shanghai
    expect(validateLabResult(row({ testedAt: '2022-04-02 08:05' }), opts).ok).toBe(true);
    const e = errorOf(row({ testedAt: '2022-04-02 08:06' }));
    expect(e.code).toBe('RESULT_TIME_INVALID');
    expect(e.message).toMatch(/future/);
  });

  it('checks the columns in order and reports the first problem', () => {
    expect(errorOf({ tubeCode: '', result: 'x', ctOrf1ab: 'y' }).code).toBe('RESULT_TUBE_REQUIRED');
    expect(errorOf({ tubeCode: 'T1', result: 'x', ctOrf1ab: 'y' }).code).toBe('RESULT_VALUE_INVALID');
  });
});
