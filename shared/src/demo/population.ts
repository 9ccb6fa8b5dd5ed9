// A believable low-income population of Sanmenxia for demos and load tests. Pure and deterministic:
// the same seed and size give the same households, ids included, so another department's subgraph can
// derive records consistent with the civil-affairs register by running the same generator.
import { type HoldingSubtype, type HukouType, LOW_INCOME_CATEGORIES, type LowIncomeCategory } from '../enums.ts';
import { makeIdNumber, type Sex } from '../id-number.ts';
import { children, findRegion } from '../regions.ts';
import { GIVEN_NAMES, nameEra, STREETS, SURNAMES } from './names.ts';

export type { HoldingSubtype, HukouType, LowIncomeCategory, Sex };
export type Relationship = 'HEAD' | 'SPOUSE' | 'CHILD' | 'CHILD_IN_LAW' | 'PARENT' | 'GRANDPARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';
export type HoldingStatus = 'ACTIVE' | 'SUSPENDED' | 'ENDED';
export type HoldingAction = 'GRANTED' | 'SUSPENDED' | 'RESUMED' | 'ENDED';

export interface DemoHoldingEvent {
  id: string;
  action: HoldingAction;
  fromStatus: HoldingStatus | null;
  toStatus: HoldingStatus;
  subtype: HoldingSubtype | null;
  reason: string;
  actor: string;
  /** ISO 8601 timestamp (UTC). */
  at: string;
}

export interface DemoHolding {
  id: string;
  category: LowIncomeCategory;
  status: HoldingStatus;
  subtype: HoldingSubtype | null;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD; set when ENDED. */
  validTo: string | null;
  recognizedBy: string;
  /** Oldest first; the last event's toStatus is the holding's status. */
  events: DemoHoldingEvent[];
}

export interface DemoPerson {
  idNumber: string;
  name: string;
  sex: Sex;
  /** YYYY-MM-DD */
  birthDate: string;
  regionCode: string;
  hukouType: HukouType;
  phone: string | null;
  /** YYYY-MM-DD */
  deceasedOn: string | null;
  relationshipToHead: Relationship;
  holdings: DemoHolding[];
}

export interface DemoHousehold {
  id: string;
  /** A 12-digit village or community code. */
  regionCode: string;
  address: string;
  hukouType: HukouType;
  /** Decimal strings with 2 decimals (yuan). */
  monthlyIncome: string;
  financialAssets: string;
  realEstateCount: number;
  vehicleCount: number;
  /** The head first. */
  members: DemoPerson[];
}

export interface PopulationOptions {
  seed?: number;
  /** Total number of persons (the last household is cut to fit). */
  persons?: number;
}

export const DEMO_ACTOR = 'demo-seed';
/** The day the generated register describes: dates run up to it, ages are counted at it. */
export const AS_OF = '2024-12-31';

// ---------------------------------------------------------------------------------------------
// Seeded randomness: sfc32, its 128-bit state filled by splitmix32. Fast and plenty for fake data.

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const mix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = Math.imul(s ^ (s >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    [this.a, this.b, this.c, this.d] = [mix(), mix(), mix(), mix()];
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of [value, weight] pairs, drawn in proportion to the weights (one draw). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let x = this.next() * total;
    for (const [value, weight] of entries) {
      x -= weight;
      if (x < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  private issued = 0;

  /**
   * A UUID that repeats with the seed and ascends in the order drawn: version 7's layout with the
   * number of ids this stream has issued where the timestamp goes, then 74 bits from the stream. A
   * seeder inserts rows in the order it draws their ids, so each primary key is appended to the right
   * of its index instead of a random leaf: at 100,000 claims into a table of 400,000 that is 40 %
   * less PostgreSQL CPU (bench/RESULTS.md, loading). Four draws, as before, so the rest of the stream is unchanged.
   */
  uuid(): string {
    const order = (this.issued++).toString(16).padStart(12, '0');
    let hex = '';
    for (let i = 0; i < 4; i++) {
      let word = this.u32();
      if (i === 1) word = (word & 0xffff0fff) | 0x7000; // version 7
      if (i === 2) word = (word & 0x3fffffff) | 0x80000000; // variant 10
      hex += BYTE_HEX[word >>> 24]! + BYTE_HEX[(word >>> 16) & 255]! + BYTE_HEX[(word >>> 8) & 255]! + BYTE_HEX[word & 255]!;
    }
    hex = order + hex.slice(12);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Picks from [value, weight] pairs with a cumulative table (binary search). */
function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Random) => T {
  const values = entries.map(([value]) => value);
  let total = 0;
  const bounds = entries.map(([, weight]) => (total += weight));
  return (rng) => {
    const x = rng.next() * total;
    let [lo, hi] = [0, bounds.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC).

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
// Memoised: a century of days is few, formatting them over and over is not.
const isoDays = new Map<number, string>();
function isoDay(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(day, iso);
  }
  return iso;
}
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const TODAY = dayOf(AS_OF);
const AS_OF_YEAR = Number(AS_OF.slice(0, 4));
const FIRST_GRANT = dayOf('2019-01-01');
const FIRST_RELAPSE = dayOf('2020-06-01'); // the monitoring mechanism started in 2020

// ---------------------------------------------------------------------------------------------
// Where people live: every village and community of the six counties, by county.

/** Low-income persons by county, roughly: the rural mountain counties carry the largest shares. */
const COUNTY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['411202', 8], // 湖滨区, urban
  ['411203', 15], // 陕州区
  ['411221', 15], // 渑池县
  ['411224', 25], // 卢氏县
  ['411281', 5], // 义马市, small and urban
  ['411282', 32], // 灵宝市
];

interface Place {
  countyCode: string;
  countyName: string;
  townshipName: string;
  villageCode: string;
  /** The village's everyday name: 罗家村, 车站社区. */
  villageName: string;
  isCommunity: boolean;
  isStreetOffice: boolean;
}

// Statistical names carry the committee: 罗家村委会 → 罗家村, 车站社区居民委员会 → 车站社区.
const everydayName = (name: string) =>
  name
    .replace(/(居民委员会|居委会)$/, '')
    .replace(/(村民委员会|村委会)$/, '村')
    .replace(/村村$/, '村');

let placesByCounty: Map<string, Place[]> | undefined;
function places(countyCode: string): Place[] {
  placesByCounty ??= new Map(
    COUNTY_WEIGHTS.map(([code]) => {
      const county = findRegion(code)!;
      const list = children(code).flatMap((township) =>
        children(township.code)
          .filter((village) => !/虚拟|类似/.test(village.name)) // statistical placeholders, nobody's address
          .map((village) => ({
            countyCode: code,
            countyName: county.name,
            townshipName: township.name,
            villageCode: village.code,
            villageName: everydayName(village.name),
            isCommunity: /社区|居委会|居民委员会/.test(village.name),
            isStreetOffice: /街道$|区$/.test(township.name),
          })),
      );
      return [code, list];
    }),
  );
  return placesByCounty.get(countyCode)!;
}

// ---------------------------------------------------------------------------------------------
// Who lives together. Low-income households skew small: lone elderly people and elderly couples,
// then families of 3–5, three-generation and skipped-generation (留守) households, a few of 6+.

interface MemberPlan {
  relationship: Relationship;
  sex: Sex;
  age: number;
  surname: string;
}

type Kind = 'singleElderly' | 'singleAdult' | 'siblings' | 'elderlyCouple' | 'nuclear' | 'singleParent' | 'threeGenerations' | 'extended' | 'skippedGeneration';

const pickKind = weighted<Kind>([
  ['singleElderly', 25],
  ['singleAdult', 9],
  ['siblings', 2],
  ['elderlyCouple', 14],
  ['nuclear', 20],
  ['singleParent', 8],
  ['threeGenerations', 10],
  ['extended', 5],
  ['skippedGeneration', 7],
]);
const pickSurname = weighted(SURNAMES);
const pickChildCount = weighted([
  [1, 45],
  [2, 40],
  [3, 15],
]);
const clampAge = (age: number) => Math.max(0, Math.min(99, age));

function planMembers(rng: Random, kind: Kind): MemberPlan[] {
  // `family` is the paternal surname that children inherit.
  const family = pickSurname(rng);
  const members: MemberPlan[] = [];
  const add = (relationship: Relationship, sex: Sex, age: number, surname = family) => members.push({ relationship, sex, age: clampAge(age), surname });
  const randomSex = (): Sex => (rng.chance(0.52) ? 'MALE' : 'FEMALE');
  /** A head and a spouse of similar age; the husband is usually the registered head. Returns the head's surname. */
  const couple = (age: number) => {
    const headIsMale = rng.chance(0.88);
    const surname = headIsMale ? family : pickSurname(rng);
    add('HEAD', headIsMale ? 'MALE' : 'FEMALE', age, surname);
    add('SPOUSE', headIsMale ? 'FEMALE' : 'MALE', age + (headIsMale ? -rng.int(-1, 6) : rng.int(-1, 6)), headIsMale ? pickSurname(rng) : family);
    return surname;
  };
  /** Children 20–36 years younger than `parentAge`, never unborn. */
  const offspring = (parentAge: number, count: number, relationship: Relationship) => {
    for (let i = 0; i < count && parentAge >= 20; i++) add(relationship, randomSex(), parentAge - rng.int(20, Math.min(36, parentAge)));
  };
  const elderAge = () => 60 + Math.floor(32 * rng.next() ** 1.4);

  switch (kind) {
    case 'singleElderly':
      add('HEAD', rng.chance(0.58) ? 'FEMALE' : 'MALE', elderAge()); // more widows than widowers
      break;
    case 'singleAdult': // mostly unmarried or disabled men
      add('HEAD', rng.chance(0.68) ? 'MALE' : 'FEMALE', rng.int(22, 59));
      break;
    case 'siblings': {
      const age = rng.int(40, 75);
      add('HEAD', 'MALE', age);
      add('SIBLING', randomSex(), age + rng.int(-8, 8));
      break;
    }
    case 'elderlyCouple':
      couple(elderAge());
      break;
    case 'nuclear': {
      const age = rng.int(28, 56);
      couple(age);
      offspring(age, pickChildCount(rng), 'CHILD');
      break;
    }
    case 'singleParent': {
      const age = rng.int(26, 52);
      const mother = rng.chance(0.7);
      add('HEAD', mother ? 'FEMALE' : 'MALE', age, mother ? pickSurname(rng) : family);
      offspring(age, pickChildCount(rng), 'CHILD');
      break;
    }
    case 'threeGenerations': {
      const age = rng.int(38, 60);
      const headSurname = couple(age);
      const parentAge = age + rng.int(22, 34);
      if (rng.chance(0.55)) add('PARENT', 'FEMALE', parentAge - rng.int(0, 4), pickSurname(rng));
      else {
        add('PARENT', 'MALE', parentAge, headSurname);
        if (rng.chance(0.5)) add('PARENT', 'FEMALE', parentAge - rng.int(0, 5), pickSurname(rng));
      }
      offspring(age, rng.int(0, 2), 'CHILD');
      break;
    }
    case 'extended': {
      const age = rng.int(52, 72);
      couple(age);
      const sonAge = age - rng.int(22, 30);
      add('CHILD', 'MALE', sonAge);
      add('CHILD_IN_LAW', 'FEMALE', sonAge - rng.int(0, 4), pickSurname(rng));
      offspring(sonAge, pickChildCount(rng), 'GRANDCHILD');
      if (rng.chance(0.25)) add('CHILD', randomSex(), sonAge - rng.int(2, 8)); // an unmarried younger child
      break;
    }
    case 'skippedGeneration': {
      const age = rng.int(58, 80);
      if (rng.chance(0.65)) couple(age);
      else add('HEAD', rng.chance(0.6) ? 'FEMALE' : 'MALE', age);
      const count = pickChildCount(rng);
      const surname = rng.chance(0.7) ? family : pickSurname(rng); // a son's children, or a daughter's
      for (let i = 0; i < count; i++) add('GRANDCHILD', randomSex(), rng.int(1, 17), surname);
      if (rng.chance(0.05)) add('OTHER', randomSex(), rng.int(6, 17)); // a relative's child in their care
      break;
    }
  }
  return members;
}

// ---------------------------------------------------------------------------------------------
// Categories. Each household gets a primary category (all members hold it); relapse monitoring may
// come with dibao. The probabilities are tuned to the household mix above so that shares by persons
// land near: dibao 60%, extreme poverty 7%, near-subsistence 9%, relapse 5%, other kinds 19%.

const P_EXTREME_POVERTY: Partial<Record<Kind, number>> = { singleElderly: 0.59, singleAdult: 0.37 };
/** Of the rural households not in extreme poverty. */
const P_RELAPSE = 0.067;
const P_RELAPSE_WITH_DIBAO = 0.3;
/** The rest, by persons; dibao is reduced by what relapse households already hold. */
const pickOther = weighted<LowIncomeCategory>([
  ['SUBSISTENCE_ALLOWANCE', 57.5],
  ['NEAR_SUBSISTENCE', 9],
  ['ESSENTIAL_EXPENDITURE_HARDSHIP', 10],
  ['OTHER_HARDSHIP', 9],
]);
const pickRelapseSubtype = weighted<HoldingSubtype>([
  ['UNSTABLE_LIFTED_OUT', 40],
  ['MARGINAL_AT_RISK', 42],
  ['SUDDEN_SEVERE_HARDSHIP', 18],
]);

const GRANT_REASONS: Record<LowIncomeCategory, string> = {
  SUBSISTENCE_ALLOWANCE: '经家庭经济状况核对、乡镇审核、公示无异议，确认为最低生活保障对象',
  EXTREME_POVERTY: '无劳动能力、无生活来源、无法定赡养抚养扶养义务人，确认为特困人员',
  NEAR_SUBSISTENCE: '家庭人均收入低于低保标准1.5倍且财产符合规定，认定为低保边缘家庭成员',
  ESSENTIAL_EXPENDITURE_HARDSHIP: '医疗、教育等刚性支出较大导致基本生活困难，认定为刚性支出困难家庭成员',
  RELAPSE_MONITORING: '经农户申请、村级评议、乡镇审核，纳入防止返贫监测对象（农业农村部门推送）',
  OTHER_HARDSHIP: '因病、因灾导致基本生活出现严重困难，经县级人民政府认定为其他困难人员',
};
const SUSPEND_REASONS = [
  '未按期参加年度复核，暂停发放待核实',
  '家庭成员外出务工收入增加，暂停待重新核对',
  '大数据比对发现家庭新增车辆，暂停待核实',
  '长期联系不上本人，暂停待核实',
];
const RESUME_REASON = '补充材料经核实仍符合条件，恢复';
const END_REASONS = ['经复核家庭人均收入超过认定标准，退出', '家庭经济状况好转，本人申请退出', '户籍迁出本县，终止'];
const RELAPSE_END_REASON = '收入持续稳定、风险已消除，标注风险消除';
const DEATH_REASON = '死亡，自然减员终止';

const recognizer = (category: LowIncomeCategory, countyName: string) =>
  countyName + (category === 'RELAPSE_MONITORING' ? '农业农村局' : category === 'OTHER_HARDSHIP' ? '人民政府' : '民政局');

interface Step {
  action: Exclude<HoldingAction, 'GRANTED'>;
  day: number;
  reason: string;
}

/** A category as granted to a household: every member's holding follows it. */
interface Grant {
  category: LowIncomeCategory;
  subtype: HoldingSubtype | null;
  from: number;
  steps: Step[];
}

const TO_STATUS: Record<HoldingAction, HoldingStatus> = { GRANTED: 'ACTIVE', SUSPENDED: 'SUSPENDED', RESUMED: 'ACTIVE', ENDED: 'ENDED' };

/** ~5% ended, ~3% suspended, ~2% suspended and resumed, the rest active since granted. */
function grant(rng: Random, category: LowIncomeCategory, subtype: HoldingSubtype | null): Grant {
  const first = category === 'RELAPSE_MONITORING' ? FIRST_RELAPSE : FIRST_GRANT;
  const from = rng.int(first, TODAY - 120);
  const later = (after: number) => rng.int(after + 30, TODAY);
  const roll = rng.next();
  const steps: Step[] = [];
  if (roll < 0.05) {
    const reason = category === 'RELAPSE_MONITORING' ? RELAPSE_END_REASON : rng.pick(END_REASONS);
    steps.push({ action: 'ENDED', day: later(from), reason });
  } else if (roll < 0.1) {
    const suspended = later(from);
    steps.push({ action: 'SUSPENDED', day: suspended, reason: rng.pick(SUSPEND_REASONS) });
    if (roll < 0.07 && suspended < TODAY - 30) steps.push({ action: 'RESUMED', day: later(suspended), reason: RESUME_REASON });
  }
  return { category, subtype, from, steps };
}

function holdingOf(rng: Random, g: Grant, memberFrom: number, deceasedOn: number | undefined, countyName: string): DemoHolding {
  const from = Math.max(g.from, memberFrom);
  // Death ends every holding on that day, whatever happened before.
  const steps =
    deceasedOn === undefined
      ? g.steps
      : [...g.steps.filter((step) => step.day < deceasedOn && step.action !== 'ENDED'), { action: 'ENDED' as const, day: deceasedOn, reason: DEATH_REASON }];
  const events: DemoHoldingEvent[] = [];
  let status: HoldingStatus | null = null;
  let validTo: string | null = null;
  const record = (action: HoldingAction, day: number, reason: string) => {
    // Office hours in Beijing time (UTC+8), an hour apart so that same-day events keep their order.
    const at = `${isoDay(Math.max(day, from))}T${TWO_DIGITS[1 + events.length]}:${TWO_DIGITS[rng.int(0, 59)]}:${TWO_DIGITS[rng.int(0, 59)]}.000Z`;
    events.push({ id: rng.uuid(), action, fromStatus: status, toStatus: TO_STATUS[action], subtype: g.subtype, reason, actor: DEMO_ACTOR, at });
    status = TO_STATUS[action];
    if (action === 'ENDED') validTo = isoDay(Math.max(day, from));
  };
  record('GRANTED', from, GRANT_REASONS[g.category]);
  for (const step of steps) record(step.action, step.day, step.reason);
  return {
    id: rng.uuid(),
    category: g.category,
    status: status!,
    subtype: g.subtype,
    validFrom: isoDay(from),
    validTo,
    recognizedBy: recognizer(g.category, countyName),
    events,
  };
}

// ---------------------------------------------------------------------------------------------
// Household facts, plausible for each category (dibao standard about 600 yuan per person per month).

const PER_CAPITA_INCOME: Record<LowIncomeCategory, readonly [number, number]> = {
  EXTREME_POVERTY: [0, 420],
  SUBSISTENCE_ALLOWANCE: [60, 580],
  NEAR_SUBSISTENCE: [600, 890],
  ESSENTIAL_EXPENDITURE_HARDSHIP: [550, 1600],
  RELAPSE_MONITORING: [450, 1400],
  OTHER_HARDSHIP: [400, 1300],
};
const ASSET_CEILING: Record<LowIncomeCategory, number> = {
  EXTREME_POVERTY: 8_000,
  SUBSISTENCE_ALLOWANCE: 20_000,
  NEAR_SUBSISTENCE: 50_000,
  ESSENTIAL_EXPENDITURE_HARDSHIP: 60_000,
  RELAPSE_MONITORING: 40_000,
  OTHER_HARDSHIP: 60_000,
};
const pickRuralRealEstate = weighted([
  [1, 88],
  [0, 8],
  [2, 4],
]);
const pickUrbanRealEstate = weighted([
  [0, 40],
  [1, 57],
  [2, 3],
]);
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];

const money = (yuan: number) => yuan.toFixed(2);

function address(rng: Random, place: Place, inCare: boolean): string {
  const where = `${place.countyName}${place.townshipName}${place.villageName}`;
  if (inCare) return `${place.countyName}${place.townshipName}${place.isStreetOffice ? '社会福利中心' : '敬老院'}`; // 集中供养
  if (!place.isCommunity) return `${where}${rng.int(1, 12)}组${rng.int(1, 80)}号`;
  return `${where}${rng.pick(STREETS)}${rng.int(1, 199)}号院${rng.int(1, 16)}号楼${rng.int(1, 4)}单元${rng.int(1, 7)}0${rng.int(1, 4)}`;
}

// ---------------------------------------------------------------------------------------------

/** Households of the demo population, one at a time (200,000 persons take 1–2 s). */
export function* generatePopulation({ seed = 2024, persons = 20_000 }: PopulationOptions = {}): Generator<DemoHousehold> {
  const rng = new Random(seed);
  const pickCounty = weighted(COUNTY_WEIGHTS);
  const usedIds = new Set<string>();
  let remaining = persons;

  const idNumber = (areaCode: string, birthDate: string, sex: Sex) => {
    for (;;) {
      // 001–999; odd is male.
      const sequence = sex === 'MALE' ? 2 * rng.int(0, 499) + 1 : 2 * rng.int(1, 499);
      const id = makeIdNumber({ areaCode, birthDate, sequence });
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  while (remaining > 0) {
    const place = rng.pick(places(pickCounty(rng)));
    const urban = rng.chance(place.isCommunity ? 0.9 : place.isStreetOffice ? 0.5 : 0.03);
    const hukouType: HukouType = urban ? 'URBAN' : 'RURAL';
    const kind = pickKind(rng);
    const plans = planMembers(rng, kind).slice(0, remaining);
    remaining -= plans.length;

    const grants: Grant[] = [];
    if (plans.length === 1 && rng.chance(P_EXTREME_POVERTY[kind] ?? 0)) {
      grants.push(grant(rng, 'EXTREME_POVERTY', rng.chance(0.15) ? 'CENTRALIZED' : 'DISPERSED'));
    } else if (!urban && rng.chance(P_RELAPSE)) {
      grants.push(grant(rng, 'RELAPSE_MONITORING', pickRelapseSubtype(rng)));
      if (rng.chance(P_RELAPSE_WITH_DIBAO)) grants.push(grant(rng, 'SUBSISTENCE_ALLOWANCE', null));
    } else {
      grants.push(grant(rng, pickOther(rng), null));
    }
    // Income and assets follow the household's means-tested category: dibao when it holds it.
    const primary = grants.some((g) => g.category === 'SUBSISTENCE_ALLOWANCE') ? 'SUBSISTENCE_ALLOWANCE' : grants[0]!.category;

    const members = plans.map((plan): DemoPerson => {
      const year = AS_OF_YEAR - plan.age;
      const born = rng.int(Date.UTC(year, 0, 1) / DAY_MS, Date.UTC(year, 11, 31) / DAY_MS);
      const birthDate = isoDay(born);
      // People born in 陕县 before it became 陕州区 (2015) keep its code for life.
      const areaCode = place.countyCode === '411203' && year < 2015 && rng.chance(0.25) ? '411222' : place.countyCode;
      // A newborn joins the household's holdings about a month after birth.
      const memberFrom = Math.min(born + 30, TODAY);
      const deathRisk = plan.age >= 85 ? 0.05 : plan.age >= 75 ? 0.02 : plan.age >= 60 ? 0.0055 : 0.0005;
      const deathFrom = Math.max(...grants.map((g) => g.from), memberFrom) + 30;
      const deceased = deathFrom < TODAY && rng.chance(deathRisk) ? rng.int(deathFrom, TODAY) : undefined;
      const adult = plan.age >= 18 && plan.age <= 80;
      return {
        idNumber: idNumber(areaCode, birthDate, plan.sex),
        name: plan.surname + rng.pick(GIVEN_NAMES[plan.sex][nameEra(year)]),
        sex: plan.sex,
        birthDate,
        regionCode: place.villageCode,
        hukouType,
        phone: deceased === undefined && adult && rng.chance(0.07) ? rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0') : null,
        deceasedOn: deceased === undefined ? null : isoDay(deceased),
        relationshipToHead: plan.relationship,
        holdings: grants.map((g) => holdingOf(rng, g, memberFrom, deceased, place.countyName)),
      };
    });

    const [low, high] = PER_CAPITA_INCOME[primary];
    const basic = primary === 'SUBSISTENCE_ALLOWANCE' || primary === 'EXTREME_POVERTY';
    yield {
      id: rng.uuid(),
      regionCode: place.villageCode,
      address: address(rng, place, grants[0]!.subtype === 'CENTRALIZED'),
      hukouType,
      monthlyIncome: money(Math.round((low + (high - low) * rng.next()) * members.length * 100) / 100),
      financialAssets: money(rng.chance(0.15) ? 0 : Math.round(ASSET_CEILING[primary] * rng.next() ** 2.2 * 100) / 100),
      realEstateCount: urban ? pickUrbanRealEstate(rng) : pickRuralRealEstate(rng),
      // A rare vehicle among dibao households is exactly what monitoring should catch.
      vehicleCount: rng.chance(basic ? 0.01 : 0.05) ? 1 : 0,
      members,
    };
  }
}

export interface PopulationSummary {
  households: number;
  persons: number;
  deceased: number;
  withPhone: number;
  urban: number;
  byCounty: Record<string, number>;
  /** Persons holding each category (any status), and their share of all persons. */
  byCategory: Record<LowIncomeCategory, { persons: number; share: number }>;
  holdings: number;
  holdingsByStatus: Record<HoldingStatus, number>;
  events: number;
}

export function summarizePopulation(households: Iterable<DemoHousehold>): PopulationSummary {
  const byCategory = Object.fromEntries(LOW_INCOME_CATEGORIES.map((c) => [c, { persons: 0, share: 0 }])) as PopulationSummary['byCategory'];
  const summary: PopulationSummary = {
    households: 0,
    persons: 0,
    deceased: 0,
    withPhone: 0,
    urban: 0,
    byCounty: {},
    byCategory,
    holdings: 0,
    holdingsByStatus: { ACTIVE: 0, SUSPENDED: 0, ENDED: 0 },
    events: 0,
  };
  for (const household of households) {
    summary.households++;
    for (const person of household.members) {
      summary.persons++;
      if (person.deceasedOn) summary.deceased++;
      if (person.phone) summary.withPhone++;
      if (person.hukouType === 'URBAN') summary.urban++;
      const county = person.regionCode.slice(0, 6);
      summary.byCounty[county] = (summary.byCounty[county] ?? 0) + 1;
      for (const holding of person.holdings) {
        byCategory[holding.category].persons++;
        summary.holdings++;
        summary.holdingsByStatus[holding.status]++;
        summary.events += holding.events.length;
      }
    }
  }
  for (const entry of Object.values(byCategory)) entry.share = summary.persons ? entry.persons / summary.persons : 0;
  return summary;
}
