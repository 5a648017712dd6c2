import { describe, expect, it } from 'vitest';
import { dayInZone, parseLocalTime } from './time.ts';

const iso = (text: string, zone = 'Asia/Shanghai') => parseLocalTime(text, zone)?.toISOString() ?? null;

describe('parseLocalTime', () => {
  it('reads a time without offset as the city wall clock (Asia/Shanghai is UTC+8)', () => {
    expect(iso('2022-04-01 08:00')).toBe('2022-04-01T00:00:00.000Z');
    expect(iso('2022-04-01T08:00')).toBe('2022-04-01T00:00:00.000Z');
    expect(iso('2022-04-01T08:00:30')).toBe('2022-04-01T00:00:30.000Z');
    expect(iso('2022-04-01 07:59:59.25')).toBe('2022-03-31T23:59:59.250Z');
    expect(iso('  2022-04-01 08:00  ')).toBe('2022-04-01T00:00:00.000Z');
  });

  it('reads a plain date as local midnight', () => {
    expect(iso('2022-04-01')).toBe('2022-03-31T16:00:00.000Z');
    expect(iso('20220401')).toBe('2022-03-31T16:00:00.000Z');
  });

  it('takes Z and explicit offsets as they are, whatever the city', () => {
    expect(iso('2022-04-01T08:00:00Z')).toBe('2022-04-01T08:00:00.000Z');
    expect(iso('2022-04-01T08:00:00z', 'America/New_York')).toBe('2022-04-01T08:00:00.000Z');
    expect(iso('2022-04-01T08:00:00+08:00', 'America/New_York')).toBe('2022-04-01T00:00:00.000Z');
    expect(iso('2022-04-01T08:00:00-0530')).toBe('2022-04-01T13:30:00.000Z');
    expect(iso('2022-04-01T08:00+09')).toBe('2022-03-31T23:00:00.000Z');
    expect(iso('20220401T080000+0800')).toBe('2022-04-01T00:00:00.000Z');
  });

  it('follows daylight saving time: New York is UTC−4 in summer and UTC−5 in winter', () => {
    expect(iso('2022-07-01 08:00', 'America/New_York')).toBe('2022-07-01T12:00:00.000Z');
    expect(iso('2022-01-15 08:00', 'America/New_York')).toBe('2022-01-15T13:00:00.000Z');
    expect(iso('2022-03-13 01:59', 'America/New_York')).toBe('2022-03-13T06:59:00.000Z');
    expect(iso('2022-03-13 03:00', 'America/New_York')).toBe('2022-03-13T07:00:00.000Z');
  });

  it('resolves the skipped and the repeated hour like Temporal "compatible"', () => {
    // 02:30 never happens on 13 March 2022 in New York: read with the winter offset, i.e. 03:30 EDT.
    expect(iso('2022-03-13 02:30', 'America/New_York')).toBe('2022-03-13T07:30:00.000Z');
    // 01:30 happens twice on 6 November 2022: the first (EDT) one.
    expect(iso('2022-11-06 01:30', 'America/New_York')).toBe('2022-11-06T05:30:00.000Z');
    // Southern hemisphere: Sydney is UTC+11 in January and UTC+10 in July.
    expect(iso('2022-01-10 12:00', 'Australia/Sydney')).toBe('2022-01-10T01:00:00.000Z');
    expect(iso('2022-07-10 12:00', 'Australia/Sydney')).toBe('2022-07-10T02:00:00.000Z');
  });

  it.each(['', 'garbage', '2022-13-01', '2022-02-30', '2022-04-01 25:00', '2022-04-01 08:60', '2022/04/01 08:00', '01-04-2022', '2022-04-01T08:00+25:00', '2022-04-01T', '2022-04-01Z'])(
    'gives null for %j',
    (text) => {
      expect(parseLocalTime(text, 'Asia/Shanghai')).toBeNull();
    },
  );

  it('round-trips with dayInZone across the UTC date line', () => {
    const t = parseLocalTime('2022-04-02 00:30', 'Asia/Shanghai')!;
    expect(t.toISOString()).toBe('2022-04-01T16:30:00.000Z');
    expect(dayInZone(t, 'Asia/Shanghai')).toBe('2022-04-02');
  });
});
