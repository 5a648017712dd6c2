import { describe, expect, it } from 'vitest';
import { parseIdCard } from '../domain/id-card.ts';
import { generatePlaces, householdSize } from './city.ts';
import { ORIGIN_CODES } from './person-names.ts';
import { type PersonSeed, type PopulationOptions, SPECIAL_GROUP_TAGS, generatePersons, personsOfHousehold } from './population.ts';

const AS_OF = '2022-04-01';
const DEMO: PopulationOptions = { people: 20_000, seed: 42, asOf: AS_OF };
const TINY: PopulationOptions = { people: 500, seed: 42, asOf: AS_OF };

const cache = new Map<string, PersonSeed[]>();
function persons(opts: PopulationOptions): PersonSeed[] {
  const key = `${opts.people}:${opts.seed}:${opts.asOf}`;
  if (!cache.has(key)) cache.set(key, [...generatePersons(opts)]);
  return cache.get(key)!;
}

function byHousehold(list: PersonSeed[]): Map<string, PersonSeed[]> {
  const m = new Map<string, PersonSeed[]>();
  for (const p of list) {
    const h = m.get(p.householdCode);
    if (h) h.push(p);
    else m.set(p.householdCode, [p]);
  }
  return m;
}

/** Completed years on asOf. */
function age(p: PersonSeed, asOf = AS_OF): number {
  const [y, m, d] = p.birthDate.split('-').map(Number);
  const [ay, am, ad] = asOf.split('-').map(Number);
  return ay - y - (am < m || (am === m && ad < d) ? 1 : 0);
}

const share = (list: PersonSeed[], f: (p: PersonSeed) => boolean) => list.filter(f).length / list.length;

describe.each([TINY, DEMO])('population of $people people', (opts) => {
  it('gives every household exactly householdSize() people, in generatePlaces() order, summing to people', () => {
    const list = persons(opts);
    expect(list.length).toBe(opts.people);
    const households = [...generatePlaces(opts)].filter((p) => p.kind === 'household').map((p) => p.code);
    const groups = byHousehold(list);
    expect([...groups.keys()]).toEqual(households); // every household has people, in order, each once
    for (const [code, members] of groups) expect(members.length).toBe(householdSize(opts, code));
  });

  it('issues valid ID numbers that agree with sex and birth date, and plausible phones and names', () => {
    const origins = new Set(ORIGIN_CODES.map((o) => o.code));
    const problems: string[] = []; // one expect at the end: 20,000 × expect() is slow
    const check = (ok: boolean, what: string, p: PersonSeed) => ok || problems.push(`${what}: ${JSON.stringify(p)}`);
    for (const p of persons(opts)) {
      const parsed = parseIdCard(p.idNumber, opts.asOf);
      check(parsed.ok && parsed.info.number === p.idNumber && parsed.info.sex === p.sex && parsed.info.birthDate === p.birthDate, 'id', p);
      const region = p.idNumber.slice(0, 6);
      // a local carries the district's code, a migrant a real code of another province
      check(region.startsWith('99') ? region === p.householdCode.slice(0, 6) : origins.has(region), 'region', p);
      check(p.idType === 'id_card', 'idType', p);
      check(/^[\u4e00-\u9fff]{2,4}$/.test(p.name), 'name', p);
      check(p.phone === null || /^1[35789]\d{9}$/.test(p.phone), 'phone', p);
      check(age(p) >= 12 || p.phone === null, 'child phone', p);
      check(['permanent', 'temporary', 'floating'].includes(p.residenceType), 'residenceType', p);
      check(p.tags.every((t) => (SPECIAL_GROUP_TAGS as readonly string[]).includes(t)) && new Set(p.tags).size === p.tags.length, 'tags', p);
      check((p.needs === null) === (p.tags.length === 0), 'needs', p);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('never repeats an ID number or a phone', () => {
    const list = persons(opts);
    expect(new Set(list.map((p) => p.idNumber)).size).toBe(list.length);
    const phones = list.flatMap((p) => (p.phone ? [p.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('builds households that look like families', () => {
    const problems: string[] = [];
    for (const [code, members] of byHousehold(persons(opts))) {
      const ages = members.map((p) => age(p));
      if (Math.max(...ages) < 18) problems.push(`${code}: children only`);
      if (members.length === 1 && ages[0] < 18) problems.push(`${code}: a minor alone`);
      // a parent or grandparent at least 18 years older lives with every minor
      for (const a of ages) if (a < 18 && !ages.some((b) => b >= a + 18)) problems.push(`${code}: minor of ${a} without a parent`);
      if (new Set(members.map((m) => m.name)).size !== members.length) problems.push(`${code}: two members with one name`);
      if (new Set(members.map((m) => m.residenceType)).size !== 1) problems.push(`${code}: mixed residence types`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('tags special groups only where they fit', () => {
    const households = byHousehold(persons(opts));
    const problems: string[] = [];
    const check = (ok: boolean, what: string, p: PersonSeed) => ok || problems.push(`${what}: ${JSON.stringify(p)}`);
    for (const p of persons(opts)) {
      const a = age(p);
      const has = (t: string) => p.tags.includes(t);
      check(has('infant') === a < 3, 'infant', p);
      check(has('elderly_alone') === (households.get(p.householdCode)!.length === 1 && a >= 65), 'elderly_alone', p);
      check(!has('pregnant') || (p.sex === 'F' && a >= 20 && a <= 42 && /孕\d+周/.test(p.needs!)), 'pregnant', p);
      check(!has('dialysis') || (has('chronic') && /透析/.test(p.needs!)), 'dialysis', p);
      check(!has('bedridden') || /上门|卧床|瘫痪/.test(p.needs!), 'bedridden', p);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('is deterministic', () => {
    const again = [...generatePersons({ ...opts })];
    expect(again).toEqual(persons(opts));
  });
});

describe('population of the 20,000-person demo city', () => {
  it('has a Chinese city age structure', () => {
    const list = persons(DEMO);
    const ages = list.map((p) => age(p)).sort((a, b) => a - b);
    expect(ages[ages.length >> 1]).toBeGreaterThanOrEqual(36); // median ≈ 40
    expect(ages[ages.length >> 1]).toBeLessThanOrEqual(44);
    expect(share(list, (p) => age(p) >= 60)).toBeGreaterThan(0.15); // ≈ 18–20 %
    expect(share(list, (p) => age(p) >= 60)).toBeLessThan(0.24);
    expect(share(list, (p) => age(p) < 1)).toBeGreaterThan(0.006); // ≈ 1 %
    expect(share(list, (p) => age(p) < 1)).toBeLessThan(0.016);
    expect(share(list, (p) => age(p) < 15)).toBeGreaterThan(0.1);
    expect(share(list, (p) => age(p) < 15)).toBeLessThan(0.22);
    expect(ages[ages.length - 1]).toBeLessThanOrEqual(100);
    expect(share(list, (p) => p.sex === 'M')).toBeGreaterThan(0.46);
    expect(share(list, (p) => p.sex === 'M')).toBeLessThan(0.54);
  });

  it('has special groups in realistic shares', () => {
    const list = persons(DEMO);
    const tagShare = (t: string) => share(list, (p) => p.tags.includes(t));
    const bounds: Record<(typeof SPECIAL_GROUP_TAGS)[number], [number, number]> = {
      elderly_alone: [0.01, 0.05],
      bedridden: [0.0015, 0.006], // ≈ 0.3 %
      disabled: [0.01, 0.02], // ≈ 1.5 %
      pregnant: [0.003, 0.008], // ≈ 0.5 %
      dialysis: [0.0001, 0.0015], // ≈ 0.05 %: 10 people in 20,000
      chronic: [0.065, 0.095], // ≈ 8 %
      infant: [0.02, 0.045], // under 3, ≈ 3 %
    };
    for (const [tag, [lo, hi]] of Object.entries(bounds)) {
      expect(tagShare(tag), tag).toBeGreaterThan(lo);
      expect(tagShare(tag), tag).toBeLessThan(hi);
    }
    const chronic = list.filter((p) => p.tags.includes('chronic'));
    expect(share(chronic, (p) => age(p) >= 50)).toBeGreaterThan(0.75); // mostly 50 and over
    const bedridden = list.filter((p) => p.tags.includes('bedridden'));
    expect(share(bedridden, (p) => age(p) >= 65)).toBeGreaterThan(0.6); // mostly elderly
  });

  it('has mostly local residents with the district code, some migrants', () => {
    const list = persons(DEMO);
    expect(share(list, (p) => p.idNumber.startsWith('99'))).toBeGreaterThan(0.8);
    expect(share(list, (p) => p.idNumber.startsWith('99'))).toBeLessThan(0.9);
    expect(share(list, (p) => p.residenceType === 'permanent')).toBeGreaterThan(0.8);
    expect(share(list, (p) => p.residenceType === 'temporary')).toBeGreaterThan(0.06);
    expect(share(list, (p) => p.residenceType === 'floating')).toBeGreaterThan(0.02);
    expect(share(list, (p) => p.phone === null)).toBeLessThan(0.25);
    expect(new Set(list.map((p) => p.name[0])).size).toBeGreaterThan(60); // many surnames
    expect(share(list, (p) => '王李张刘陈'.includes(p.name[0]))).toBeGreaterThan(0.2); // the big five dominate
  });

  it('gives different people for another seed or another day', () => {
    const a = persons(TINY);
    const b = [...generatePersons({ ...TINY, seed: 43 })];
    const sameIds = new Set(a.map((p) => p.idNumber));
    expect(b.filter((p) => sameIds.has(p.idNumber)).length).toBeLessThan(5);
    const later = [...generatePersons({ ...TINY, asOf: '2023-04-01' })];
    // the same people at the same ages, born a year later (a few names follow the fashion of the new birth year)
    expect(later.filter((p, i) => p.name === a[i].name).length).toBeGreaterThan(0.9 * a.length);
    expect(later.filter((p, i) => age(p, '2023-04-01') === age(a[i])).length).toBeGreaterThan(0.98 * a.length);
    expect(later.every((p) => p.birthDate <= '2023-04-01')).toBe(true);
  });

  it('personsOfHousehold() equals what the generator yields for that household', () => {
    const groups = byHousehold(persons(DEMO));
    const codes = [...groups.keys()];
    const communities = [...new Set(codes.map((c) => c.slice(0, 12)))];
    const picks = new Set<string>([codes[0], codes[1], codes[codes.length - 1]]);
    for (const c of communities) {
      const inside = codes.filter((h) => h.startsWith(c));
      picks.add(inside[0]).add(inside[inside.length - 1]).add(inside[Math.floor(inside.length / 2)]);
    }
    for (let i = 0; i < 40; i++) picks.add(codes[(i * 7919) % codes.length]);
    // out of order (the cursor restarts), then in order (it resumes)
    for (const code of [...picks].reverse()) expect(personsOfHousehold(DEMO, code), code).toEqual(groups.get(code));
    for (const code of [...picks].sort()) expect(personsOfHousehold(DEMO, code), code).toEqual(groups.get(code));
    expect(personsOfHousehold(DEMO, codes[5])).toEqual(personsOfHousehold(DEMO, codes[5]));
  });

  it('personsOfHousehold() over a whole community in order matches the generator', () => {
    const list = persons(DEMO);
    const community = list[list.length - 1].householdCode.slice(0, 12);
    const expected = list.filter((p) => p.householdCode.startsWith(community));
    const codes = [...new Set(expected.map((p) => p.householdCode))];
    expect(codes.flatMap((c) => personsOfHousehold(DEMO, c))).toEqual(expected);
  });

  it('refuses households the city does not have and bad options', () => {
    const code = persons(DEMO)[0].householdCode;
    expect(() => personsOfHousehold(DEMO, `${code.slice(0, 20)}9901`)).toThrow(RangeError);
    expect(() => personsOfHousehold(DEMO, '990109001001001010110101')).toThrow(RangeError);
    expect(() => personsOfHousehold(DEMO, 'nope')).toThrow(RangeError);
    expect(() => generatePersons({ ...DEMO, asOf: '2022-02-30' })).toThrow(RangeError);
    expect(() => generatePersons({ ...DEMO, asOf: '1 April 2022' })).toThrow(RangeError);
    expect(() => generatePersons({ ...DEMO, people: 0 })).toThrow(RangeError);
  });
});

describe('population of a 1,000,000-person city', () => {
  it('streams a million people with unique ID numbers and phones', { timeout: 120_000 }, () => {
    const opts: PopulationOptions = { people: 1_000_000, seed: 7, asOf: AS_OF };
    const ids = new Set<string>();
    const phones = new Set<number>();
    let count = 0;
    let withPhone = 0;
    for (const p of generatePersons(opts)) {
      count++;
      ids.add(p.idNumber);
      if (p.phone) {
        withPhone++;
        phones.add(Number(p.phone));
      }
    }
    expect(count).toBe(1_000_000);
    expect(ids.size).toBe(count);
    expect(phones.size).toBe(withPhone);
  });
});
