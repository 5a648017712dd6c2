// Deterministic synthetic population of the demo city (DESIGN.md §4, persons import values of §13). Pure, no I/O.
//
// Every household of generatePlaces() gets exactly householdSize() residents, so the total is `people`.
// A household's members (composition, ages, sexes, names, origin, tags) come from its own random stream,
// seeded by (seed, household code); nothing about them depends on other households.
//
// Uniqueness without a city-wide table. A 身份证 number is region (6) + birth date (8) + sequence (3, odd = male).
//   - Region: locals carry their district's code (9901DD); migrants carry a real code of another province,
//     and each district draws its migrants from its own share of those codes. So equal regions imply the
//     same district.
//   - Sequence: as on real cards, its first two digits name the police station (派出所) — here the
//     community's ordinal inside its district (< 100) — and the last digit gives 5 values per sex.
//     So equal (region, sequence) imply the same community.
//   - Inside a community a small map counts (region, birth date, sex); when a date's 5 values are taken
//     (≈ never: ~10,000 residents over ~30,000 birth dates) the person is born a day earlier instead.
// Phones: an 8-digit tail is a keyed bijection (Feistel) of (district, community ordinal, person index in
// the community), the network prefix a hash of the tail plus the key's high part — injective, so unique.
//
// Hence a household's people depend only on its community's earlier households: personsOfHousehold()
// replays that one community's identity bookings (≈ 10,000 people, ~15 ms at 1,000,000 people), finding its
// households by asking householdSize() which codes exist, and keeps a cursor so walking a community's
// households in order costs O(1) each. generatePersons() streams the whole city holding one community's
// map (well under 1 MB): 1,000,000 people in ~6 s, peak RSS ~150 MB for the whole process.
import { fmix32, hashKey as seededHash, pad, rngFor as seededRng, type Rng, type StreamSalt } from './random.ts';
import { makeIdCard } from '../domain/id-card.ts';
import { generatePlaces, householdSize, type CityOptions } from './city.ts';
import {
  MOBILE_PREFIXES, NEEDS, ORIGIN_CODES, infantNeed, pickGivenName, pickNeed, pickSurname, pregnancyNeed,
} from './person-names.ts';

import { SPECIAL_GROUP_TAGS, type ResidenceType, type SpecialGroupTag } from '../domain/persons.ts';
export { SPECIAL_GROUP_TAGS, type ResidenceType, type SpecialGroupTag };

export interface PersonSeed {
  idType: 'id_card';
  idNumber: string; // valid 18-char 身份证; region = district code (locals) or another province's county code (migrants)
  name: string;
  sex: 'M' | 'F';
  birthDate: string; // YYYY-MM-DD, the one inside idNumber
  phone: string | null; // 11-digit mobile, unique in the city; null for children under 12 and some elderly
  householdCode: string;
  residenceType: ResidenceType; // 常住 / 暂住 / 流动
  tags: string[]; // SpecialGroupTag values, in SPECIAL_GROUP_TAGS order
  needs: string | null; // Chinese text, one clause per tag, for special groups; else null
}

export interface PopulationOptions extends CityOptions {
  asOf: string; // YYYY-MM-DD, the city's day: nobody is born after it, ages count up to it
}

// ---------------------------------------------------------------- seeded randomness

const PERSON_STREAMS: StreamSalt = { hi: 0x7f4a7c15, xor: 0x5bd1e995 };
const rngFor = (seed: number, key: string): Rng => seededRng(seed, key, PERSON_STREAMS);
const hashKey = (seed: number, key: string): number => seededHash(seed, key, PERSON_STREAMS);


// ---------------------------------------------------------------- calendar (days since 1970-01-01, proleptic Gregorian)

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

interface Ymd { y: number; m: number; d: number }

function civilFromDays(z: number): Ymd {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const isoDate = (t: Ymd): string => `${t.y}-${pad(t.m, 2)}-${pad(t.d, 2)}`;

/** Completed years on `on` of someone born on `birth`. */
const ageOn = (birth: Ymd, on: Ymd): number => on.y - birth.y - (on.m < birth.m || (on.m === birth.m && on.d < birth.d) ? 1 : 0);

// ---------------------------------------------------------------- household composition

type Sex = 'M' | 'F';
/** A member before identity bookkeeping: age in (fractional) years on asOf. */
interface Draft { age: number; sex: Sex; surname: string; married: boolean }

const MAX_AGE = 100;

/**
 * Household compositions for a household size, with their ages. A class rather than closures: one household
 * is composed per call, and (under tsx / esbuild keepNames) per-call closures cost more than the work.
 */
class Composer {
  constructor(private readonly r: Rng) {}

  private uni(lo: number, hi: number): number {
    return lo + this.r() * (hi - lo);
  }

  private childSex(): Sex {
    return this.r() < 0.52 ? 'M' : 'F'; // sex ratio at birth ≈ 1.1
  }

  /** Husband minus wife: −2…6 years, most often about 2. */
  private spouseGap(): number {
    return -2 + 4 * (this.r() + this.r());
  }

  /** Older people thin out with age: a truncated exponential from lo up to 100. */
  private elderly(lo: number, mean = 9): number {
    const span = 1 - Math.exp(-(MAX_AGE - lo) / mean);
    return lo - mean * Math.log(1 - this.r() * span);
  }

  private person(age: number, sex: Sex, surname = pickSurname(this.r), married = false): Draft {
    return { age: Math.min(MAX_AGE - 0.01, Math.max(0, age)), sex, surname, married };
  }

  private couple(husbandAge: number): Draft[] {
    const h = Math.max(22, husbandAge);
    return [this.person(h, 'M', pickSurname(this.r), true), this.person(Math.max(20, h - this.spouseGap()), 'F', pickSurname(this.r), true)];
  }

  /** Ages of n children living at home, oldest first; the oldest is at most maxAge. */
  private kidAges(n: number, maxAge: number): number[] {
    if (n === 0) return [];
    const r = this.r;
    const oldest = n === 1
      ? (r() < 0.72 ? Math.min(18, maxAge) * r() ** 0.9 : this.uni(Math.min(18, maxAge), maxAge)) // births have been falling
      : this.uni(1.5 * (n - 1), Math.min(maxAge, 26));
    const ages = [oldest];
    for (let i = 1; i < n; i++) {
      const prev = ages[i - 1];
      const next = prev - this.uni(1.2, 7);
      ages.push(next >= 0 ? next : this.uni(0, Math.max(0, prev - 1)));
    }
    return ages;
  }

  /**
   * Parents (one or two) with kids at home, optionally a grandparent or two from one side and an unmarried
   * adult sibling of the parent. Mothers are 22–42 years older than each child, fathers 20–45.
   */
  private family(o: { parents: 1 | 2; kids: number; kidMax: number; grand: 0 | 1 | 2; sibling?: boolean }): Draft[] {
    const r = this.r;
    const kids = this.kidAges(o.kids, o.kidMax);
    const spread = kids.length ? kids[0] - kids[kids.length - 1] : 0;
    const oldest = kids.length ? kids[0] : -1;
    let parents: Draft[];
    if (o.parents === 2) {
      if (kids.length) {
        const mother = oldest + this.uni(22, Math.max(22.5, Math.min(36, 42 - spread)));
        const father = Math.min(Math.max(mother + this.spouseGap(), 22), oldest + 45);
        parents = [this.person(Math.max(father, 22), 'M', pickSurname(r), true), this.person(mother, 'F', pickSurname(r), true)];
      } else {
        parents = this.couple(this.uni(25, 58));
      }
    } else {
      const sex: Sex = r() < 0.75 ? 'F' : 'M';
      const age = oldest + this.uni(sex === 'F' ? 22 : 24, Math.max(sex === 'F' ? 22.5 : 24.5, Math.min(38, 42 - spread)));
      parents = [this.person(Math.max(age, 20), sex)];
    }
    const father = parents.find((p) => p.sex === 'M');
    const mother = parents.find((p) => p.sex === 'F');
    const members = parents.slice();
    if (o.grand > 0) {
      const side = parents.length === 1 || r() < 0.62 ? parents[0] : parents[1]; // husband's parents more often
      const base = side.age;
      if (o.grand === 2) {
        const gpa = Math.min(base + this.uni(23, 32), MAX_AGE - this.uni(0.1, 4));
        members.push(this.person(gpa, 'M', side.surname, true), this.person(Math.max(base + 20, gpa - this.spouseGap()), 'F', pickSurname(r), true));
      } else {
        const sex: Sex = r() < 0.68 ? 'F' : 'M'; // more widows than widowers
        const age = Math.min(base + this.uni(sex === 'F' ? 21 : 23, 33), MAX_AGE - this.uni(0.1, 4));
        members.push(this.person(age, sex, sex === 'M' ? side.surname : pickSurname(r)));
      }
    }
    if (o.sibling) {
      const of = parents[0];
      members.push(this.person(Math.max(18, of.age + this.uni(-8, 8)), this.childSex(), of.surname));
    }
    for (const age of kids) {
      const surname = father
        ? (r() < 0.93 || !mother ? father.surname : mother.surname)
        : (r() < 0.35 ? mother!.surname : pickSurname(r));
      members.push(this.person(age, this.childSex(), surname));
    }
    return members;
  }

  private single(): Draft[] {
    const r = this.r;
    const x = r();
    if (x < 0.45) return [this.person(this.uni(18, 35), r() < 0.56 ? 'M' : 'F')];
    if (x < 0.75) return [this.person(this.uni(35, 65), r() < 0.5 ? 'M' : 'F')];
    return [this.person(this.elderly(65), r() < 0.62 ? 'F' : 'M')];
  }

  private coupleOnly(): Draft[] {
    const x = this.r();
    if (x < 0.32) return this.couple(this.uni(23, 36));
    if (x < 0.38) return this.couple(this.uni(36, 45));
    if (x < 0.75) return this.couple(this.uni(45, 65));
    return this.couple(this.elderly(62));
  }

  /** An old parent (or couple) with one unmarried grown-up child. */
  private elderWithAdultChild(both: boolean): Draft[] {
    const r = this.r;
    const parents = both ? this.couple(this.elderly(58)) : [this.person(this.elderly(62), r() < 0.68 ? 'F' : 'M')];
    const mother = parents.find((p) => p.sex === 'F') ?? parents[0];
    const father = parents.find((p) => p.sex === 'M');
    parents.push(this.person(Math.max(18, mother.age - this.uni(24, 36)), this.childSex(), father?.surname ?? pickSurname(r)));
    return parents;
  }

  compose(size: number): Draft[] {
    const x = this.r();
    const kidMax = 30; // grown-up unmarried children often still live at home
    const threeGenKidMax = 20;
    switch (size) {
      case 1: return this.single();
      case 2:
        if (x < 0.68) return this.coupleOnly();
        if (x < 0.88) return this.family({ parents: 1, kids: 1, kidMax, grand: 0 });
        return this.elderWithAdultChild(false);
      case 3:
        if (x < 0.7) return this.family({ parents: 2, kids: 1, kidMax, grand: 0 });
        if (x < 0.8) return this.family({ parents: 2, kids: 0, kidMax, grand: 1 });
        if (x < 0.9) return this.elderWithAdultChild(true);
        if (x < 0.95) return this.family({ parents: 1, kids: 2, kidMax, grand: 0 });
        return this.family({ parents: 1, kids: 1, kidMax: threeGenKidMax, grand: 1 });
      case 4:
        if (x < 0.4) return this.family({ parents: 2, kids: 2, kidMax, grand: 0 });
        if (x < 0.73) return this.family({ parents: 2, kids: 1, kidMax: threeGenKidMax, grand: 1 });
        if (x < 0.8) return this.family({ parents: 2, kids: 0, kidMax, grand: 2 });
        if (x < 0.85) return this.family({ parents: 1, kids: 3, kidMax, grand: 0 });
        if (x < 0.93) return this.family({ parents: 1, kids: 1, kidMax: threeGenKidMax, grand: 2 });
        return this.family({ parents: 2, kids: 1, kidMax, grand: 0, sibling: true });
      case 5:
        if (x < 0.5) return this.family({ parents: 2, kids: 1, kidMax: threeGenKidMax, grand: 2 });
        if (x < 0.82) return this.family({ parents: 2, kids: 2, kidMax: threeGenKidMax, grand: 1 });
        if (x < 0.88) return this.family({ parents: 2, kids: 3, kidMax, grand: 0 });
        if (x < 0.94) return this.family({ parents: 1, kids: 2, kidMax: threeGenKidMax, grand: 2 });
        return this.family({ parents: 2, kids: 1, kidMax: threeGenKidMax, grand: 1, sibling: true });
      case 6:
        if (x < 0.62) return this.family({ parents: 2, kids: 2, kidMax: threeGenKidMax, grand: 2 });
        if (x < 0.77) return this.family({ parents: 2, kids: 1, kidMax: threeGenKidMax, grand: 2, sibling: true });
        if (x < 0.87) return this.family({ parents: 2, kids: 3, kidMax: threeGenKidMax, grand: 1 });
        return this.family({ parents: 2, kids: 2, kidMax: threeGenKidMax, grand: 1, sibling: true });
      default: // city.ts caps households at 6; a bigger one would be a large three-generation family
        return this.family({ parents: 2, kids: size - 4, kidMax: threeGenKidMax, grand: 2 });
    }
  }
}

// ---------------------------------------------------------------- special groups

interface Member { draft: Draft; birth: Ymd; birthDay: number; age: number }

/** Tags and needs from final ages; probabilities follow age the way the conditions do. */
function specialGroups(r: Rng, m: Member, householdSize: number, asOfDay: number): { tags: SpecialGroupTag[]; needs: string | null } {
  const a = m.age;
  const tags: SpecialGroupTag[] = [];
  const needs: string[] = [];
  if (householdSize === 1 && a >= 65) {
    tags.push('elderly_alone');
    needs.push(pickNeed(r, NEEDS.elderly_alone));
  }
  const pBed = a >= 85 ? 0.07 : a >= 75 ? 0.03 : a >= 65 ? 0.009 : a >= 18 ? 0.0007 : 0.0002;
  if (r() < pBed) {
    tags.push('bedridden');
    needs.push(pickNeed(r, NEEDS.bedridden));
  }
  const pDisabled = a >= 80 ? 0.085 : a >= 65 ? 0.038 : a >= 40 ? 0.014 : 0.006;
  if (r() < pDisabled) {
    tags.push('disabled');
    needs.push(pickNeed(r, NEEDS.disabled));
  }
  if (m.draft.sex === 'F' && a >= 20 && a <= 42) {
    const p = m.draft.married ? (a <= 35 ? 0.05 : 0.02) : 0.004;
    if (r() < p) {
      tags.push('pregnant');
      needs.push(pregnancyNeed(r));
    }
  }
  const dialysis = r() < (a >= 40 ? 0.0009 : a >= 18 ? 0.0002 : 0);
  if (dialysis) {
    tags.push('dialysis');
    needs.push(pickNeed(r, NEEDS.dialysis));
  }
  const pChronic = a >= 70 ? 0.3 : a >= 60 ? 0.22 : a >= 50 ? 0.12 : a >= 40 ? 0.05 : a >= 18 ? 0.012 : 0.004;
  if (dialysis || r() < pChronic) {
    tags.push('chronic'); // kidney failure is one, and it has its own clause already
    if (!dialysis) needs.push(pickNeed(r, a >= 18 ? NEEDS.chronic : NEEDS.chronicYoung));
  }
  if (a < 3) {
    tags.push('infant');
    needs.push(infantNeed(r, asOfDay - m.birthDay));
  }
  return { tags, needs: needs.length ? needs.join('；') : null };
}

// ---------------------------------------------------------------- options and the per-community state

const COMMUNITY_CODE_LENGTH = 12; // 9901 + district 2 + subdistrict 3 + community 3 (city.ts DIGITS)
const SLOTS_PER_SEX = 5; // last sequence digit: 1 3 5 7 9 male, 0 2 4 6 8 female
const MAX_STATIONS = 100; // first two sequence digits
const PERSON_INDEX_LIMIT = 2 ** 17; // people of one community, for the phone key
const MIGRANT_GROUPS = 9; // districts that can have disjoint origin codes (city.ts makes at most 9 districts)

interface Ctx { city: CityOptions; seed: number; asOfDay: number; asOf: Ymd; phoneKey: number }

function context(opts: PopulationOptions): Ctx {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(opts?.asOf ?? '');
  const asOf = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
  const day = asOf ? daysFromCivil(asOf.y, asOf.m, asOf.d) : NaN;
  // From 1971 so the oldest (100) are born after 1870 as GB 11643 wants; before 2200 for the booking keys.
  if (!asOf || isoDate(civilFromDays(day)) !== opts.asOf || asOf.y < 1971 || asOf.y >= 2200) {
    throw new RangeError(`asOf must be a date YYYY-MM-DD from 1971 to 2199, got ${opts?.asOf}`);
  }
  const city = { people: opts.people, seed: opts.seed };
  return { city, seed: opts.seed, asOfDay: day, asOf, phoneKey: hashKey(opts.seed, 'phone') };
}

/** Migrant origin codes of each district: every MIGRANT_GROUPS-th code, weighted, as a cumulative table. */
const ORIGIN_TABLES = Array.from({ length: MIGRANT_GROUPS }, (_, g) => {
  const codes = ORIGIN_CODES.map((c, i) => ({ ...c, index: i + 1 })).filter((_, i) => i % MIGRANT_GROUPS === g);
  const total = codes.reduce((s, c) => s + c.weight, 0);
  let acc = 0;
  return codes.map((c) => ({ code: c.code, index: c.index, upTo: (acc += c.weight) / total }));
});

interface Block {
  district: number; // 1-based, from the code
  station: number; // community ordinal inside its district, 0-based
  used: Map<number, number>; // (region, birth day, sex) → sequence slots taken
  people: number; // residents of this community generated so far
}

function newBlock(communityCode: string, station: number): Block {
  const district = Number(communityCode.slice(4, 6));
  if (!(district >= 1 && district <= MIGRANT_GROUPS)) throw new RangeError(`population supports districts 01–09, got ${communityCode.slice(0, 6)}`);
  if (station >= MAX_STATIONS) throw new RangeError(`more than ${MAX_STATIONS} communities in district ${communityCode.slice(0, 6)}`);
  return { district, station, used: new Map(), people: 0 };
}

// ---------------------------------------------------------------- phones

/** 4-round Feistel network on two base-10⁴ halves: a keyed bijection of [0, 10⁸). */
function scramble8(x: number, key: number): number {
  let l = Math.floor(x / 10_000);
  let r = x % 10_000;
  for (let round = 0; round < 4; round++) {
    const f = fmix32((Math.imul(r + 1, 0x9e3779b1) ^ key ^ Math.imul(round + 1, 0x85ebca6b)) >>> 0) % 10_000;
    [l, r] = [r, (l + f) % 10_000];
  }
  return l * 10_000 + r;
}

/** (high, tail) ↔ (prefix, 8 digits) is injective: the tail is a bijection, the prefix shifts by high < prefixes. */
function phoneFor(ctx: Ctx, block: Block, index: number): string {
  const key = ((block.district - 1) * MAX_STATIONS + block.station) * PERSON_INDEX_LIMIT + index; // < 1.2e9
  const high = Math.floor(key / 1e8);
  const tail = scramble8(key % 1e8, ctx.phoneKey);
  const prefix = MOBILE_PREFIXES[(fmix32(tail ^ ctx.phoneKey) + high) % MOBILE_PREFIXES.length];
  return prefix + pad(tail, 8);
}

// ---------------------------------------------------------------- one household

/**
 * Books a (birth day, sequence slot) for each member in the community's map — the only state households
 * share: the first free slot of the member's birth day, or of the day before when that date is full.
 */
function claimIdentities(ctx: Ctx, block: Block, code: string, drafts: Draft[], regionIndex: number): { day: number; slot: number; index: number }[] {
  const claims: { day: number; slot: number; index: number }[] = [];
  for (const d of drafts) {
    const sexBit = d.sex === 'M' ? 1 : 0;
    let day = ctx.asOfDay - Math.floor(d.age * 365.2425);
    for (;;) {
      const key = ((regionIndex * 200_000 + day + 100_000) << 1) + sexBit; // < 2^31 for ≤ 5000 regions
      const taken = block.used.get(key) ?? 0;
      if (taken < SLOTS_PER_SEX) {
        block.used.set(key, taken + 1);
        const slot = (taken + (((day % SLOTS_PER_SEX) + SLOTS_PER_SEX) % SLOTS_PER_SEX)) % SLOTS_PER_SEX;
        claims.push({ day, slot, index: block.people++ });
        break;
      }
      day--;
    }
  }
  if (block.people > PERSON_INDEX_LIMIT) throw new RangeError(`community ${code.slice(0, COMMUNITY_CODE_LENGTH)} has more than ${PERSON_INDEX_LIMIT} people`);
  return claims;
}

/**
 * The residents of one household. With `bookOnly` it stops once the household's identities are booked in
 * the community's map (all a later household depends on) and returns nothing: replays are cheap.
 */
function householdPersons(ctx: Ctx, block: Block, code: string, size: number, bookOnly = false): PersonSeed[] {
  const r = rngFor(ctx.seed, code);
  const drafts = new Composer(r).compose(size);
  if (drafts.length !== size) throw new Error(`household ${code}: composed ${drafts.length} people for ${size}`);

  // Origin and residence type, one per household: 85 % locals (常住); migrants mostly 暂住 or 流动.
  const x = r();
  let region = code.slice(0, 6);
  let regionIndex = 0;
  let residenceType: ResidenceType = 'permanent';
  if (x >= 0.85) {
    const table = ORIGIN_TABLES[block.district - 1];
    const y = r();
    const origin = table.find((o) => y < o.upTo) ?? table[table.length - 1];
    region = origin.code;
    regionIndex = origin.index;
    const z = (x - 0.85) / 0.15;
    residenceType = z < 0.05 ? 'permanent' : z < 0.67 ? 'temporary' : 'floating';
  }
  const claims = claimIdentities(ctx, block, code, drafts, regionIndex);
  if (bookOnly) return [];

  const names = new Set<string>(); // unique inside the household
  const out: PersonSeed[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    const { day, slot, index } = claims[i];
    const birth = civilFromDays(day);
    let name = '';
    for (let tries = 0; tries < 6 && (name === '' || names.has(name)); tries++) name = d.surname + pickGivenName(r, d.sex, birth.y);
    names.add(name);
    const birthDate = isoDate(birth);
    const member: Member = { draft: d, birth, birthDay: day, age: ageOn(birth, ctx.asOf) };
    const { tags, needs } = specialGroups(r, member, size, ctx.asOfDay);
    const a = member.age;
    const noPhone = a < 12 || (a < 15 && r() < 0.3) || (a >= 80 && r() < 0.45) || (a >= 70 && r() < 0.15) || (tags.includes('bedridden') && r() < 0.5);
    out.push({
      idType: 'id_card',
      idNumber: makeIdCard(region, birthDate, block.station * 10 + 2 * slot + (d.sex === 'M' ? 1 : 0), d.sex),
      name, sex: d.sex, birthDate,
      phone: noPhone ? null : phoneFor(ctx, block, index),
      householdCode: code, residenceType, tags, needs,
    });
  }
  return out;
}

// ---------------------------------------------------------------- the whole city

/** Every resident, household by household in generatePlaces() order; memory stays at one community's map. */
export function generatePersons(opts: PopulationOptions): Generator<PersonSeed> {
  const ctx = context(opts);
  const places = generatePlaces(ctx.city); // checks people and seed now, not at the first next()
  return (function* () {
    let station = -1;
    let block: Block | null = null;
    for (const place of places) {
      if (place.kind === 'district') station = -1;
      else if (place.kind === 'community') block = newBlock(place.code, ++station);
      else if (place.kind === 'household') yield* householdPersons(ctx, block!, place.code, householdSize(ctx.city, place.code));
    }
  })();
}

// ---------------------------------------------------------------- one household alone

function exists(city: CityOptions, householdCode: string): boolean {
  try {
    householdSize(city, householdCode);
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

const FIRST_HOUSEHOLD_BELOW_COMMUNITY = '001' + '01' + '01' + '1' + '0101'; // compound, grid, building, unit, room
const communityCounts = new Map<string, number>();

/** Communities of a subdistrict: every place has at least one resident, so each has household 001-01-01-1-0101. */
function communitiesIn(city: CityOptions, subdistrictCode: string): number {
  const key = `${city.people}:${city.seed}:${subdistrictCode}`;
  let n = communityCounts.get(key);
  if (n === undefined) {
    n = 0;
    while (exists(city, subdistrictCode + pad(n + 1, 3) + FIRST_HOUSEHOLD_BELOW_COMMUNITY)) n++;
    if (communityCounts.size > 10_000) communityCounts.clear();
    communityCounts.set(key, n);
  }
  return n;
}

/** The community's households in generation order (fixed-width codes, so also in code order), by probing. */
function* communityHouseholds(city: CityOptions, community: string): Generator<{ code: string; size: number }> {
  for (let c = 1; exists(city, community + pad(c, 3) + '010110101'); c++) {
    const compound = community + pad(c, 3);
    for (let g = 1; exists(city, compound + pad(g, 2) + '0110101'); g++) {
      const grid = compound + pad(g, 2);
      for (let b = 1; exists(city, grid + pad(b, 2) + '10101'); b++) {
        const building = grid + pad(b, 2);
        for (let u = 1; u <= 9 && exists(city, building + u + '0101'); u++) {
          const unit = building + u;
          for (let i = 0; ; i++) {
            const code = unit + pad(Math.floor(i / 2) + 1, 2) + pad((i % 2) + 1, 2);
            let size: number;
            try {
              size = householdSize(city, code);
            } catch (e) {
              if (e instanceof RangeError) break;
              throw e;
            }
            yield { code, size };
          }
        }
      }
    }
  }
}

interface Cursor { key: string; ctx: Ctx; block: Block; households: Generator<{ code: string; size: number }>; last: string }
let cursor: Cursor | null = null;

/**
 * The residents of one household, exactly as generatePersons() yields them. Cost: replaying the household's
 * community up to it (≈ 10,000 people, a few ms); asking for households of one community in code order
 * resumes where the last call stopped, so walking a whole community costs about as much as one replay.
 */
export function personsOfHousehold(opts: PopulationOptions, householdCode: string): PersonSeed[] {
  const ctx = context(opts);
  if (!/^\d{24}$/.test(householdCode)) throw new RangeError(`not a household code: ${householdCode}`);
  householdSize(ctx.city, householdCode); // throws RangeError for a household this city does not have
  const community = householdCode.slice(0, COMMUNITY_CODE_LENGTH);
  const key = `${opts.people}:${opts.seed}:${opts.asOf}:${community}`;
  if (!cursor || cursor.key !== key || cursor.last >= householdCode) {
    const subdistrict = community.slice(0, 9);
    const district = community.slice(0, 6);
    let station = Number(community.slice(9)) - 1;
    for (let s = 1; s < Number(subdistrict.slice(6)); s++) station += communitiesIn(ctx.city, district + pad(s, 3));
    cursor = { key, ctx, block: newBlock(community, station), households: communityHouseholds(ctx.city, community), last: '' };
  }
  const c = cursor;
  cursor = null; // until this call succeeds: a failure must not leave a half-replayed community behind
  for (let next = c.households.next(); !next.done; next = c.households.next()) {
    const { code, size } = next.value;
    c.last = code;
    const target = code === householdCode;
    const persons = householdPersons(c.ctx, c.block, code, size, !target);
    if (target) {
      cursor = c;
      return persons;
    }
  }
  throw new RangeError(`no such household in this city: ${householdCode}`);
}
