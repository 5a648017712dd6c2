import { describe, expect, it } from 'vitest';
import { makeIdCard } from '../../../../domain/id-card.ts';
import { decideScan, type ScanContext } from './scan-rules.ts';

const today = '2022-04-01';
const good = makeIdCard('990101', '1975-06-30', 123, 'M');
const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
const noTube: ScanContext = { openTube: null, inTube: [], idType: 'id_card', today };
const inTube: ScanContext = { ...noTube, openTube: 'TUBE-001' };

describe('decideScan', () => {
  it('takes a code as the tube when no tube is open', () => {
    expect(decideScan(' TUBE-001 \n', noTube)).toEqual({ kind: 'tube', code: 'TUBE-001' });
    expect(decideScan('tube 1', noTube)).toMatchObject({ kind: 'error', code: 'SCAN_TUBE_CODE_INVALID' });
    expect(decideScan(good, noTube)).toMatchObject({ kind: 'error', code: 'SCAN_TUBE_FIRST' });
  });

  it('takes an ID number with a right check digit as the next person, upper-cased', () => {
    const x = makeIdCard('990101', '1990-01-01', 5, 'M');
    expect(decideScan(x.toLowerCase(), inTube)).toEqual({ kind: 'person', person: x.toUpperCase(), idType: 'id_card' });
    expect(decideScan(good, inTube)).toEqual({ kind: 'person', person: good, idType: 'id_card' });
  });

  it('refuses a wrong check digit, a short read and the same person twice, before anything is queued', () => {
    expect(decideScan(badCheck, inTube)).toMatchObject({ kind: 'error', code: 'PERSON_ID_INVALID' });
    expect(decideScan(good.slice(0, 16), inTube)).toMatchObject({ kind: 'error', code: 'PERSON_ID_FORMAT' });
    expect(decideScan(good, { ...inTube, inTube: [good] })).toMatchObject({ kind: 'error', code: 'SCAN_PERSON_TWICE' });
  });

  it('takes a health-code QR as a person and refuses a malformed one', () => {
    expect(decideScan('HC1:42:0123456789abcdef', inTube)).toEqual({ kind: 'person', person: 'HC1:42:0123456789abcdef' });
    expect(decideScan('HC1:42:nope', inTube)).toMatchObject({ kind: 'error', code: 'SAMPLE_QR_INVALID' });
  });

  it('ignores the open tube scanned again and refuses another tube while one is open', () => {
    expect(decideScan('TUBE-001', inTube)).toEqual({ kind: 'ignore' });
    expect(decideScan('TUBE-002', inTube)).toMatchObject({ kind: 'error', code: 'SCAN_TUBE_OPEN' });
  });

  it('takes any text as the document number when another document type is chosen', () => {
    expect(decideScan('E12345678', { ...inTube, idType: 'passport' })).toEqual({ kind: 'person', person: 'E12345678', idType: 'passport' });
  });
});
