// Demo files and assistance derived from the civil-affairs demo population (the same generator,
// seed and size give the same persons). Pure and deterministic for a given seed, size and
// `asOf` date: "this year's" assistance is dated in asOf's calendar year, up to asOf, so that
// coverage (assistance in the current calendar year) reads sensibly on the day the demo runs.
//
// Shape of the data:
// - files for about 5% of living working-age persons (18–60 on filing) holding an ACTIVE category,
//   and for about 3% of those whose categories all ended or are suspended (filed, not entitled);
// - about a fifth of filed persons also have an older CLOSED file, and a few have only a closed file;
// - a few files for persons who are not in the register at all (valid ID numbers the population lacks);
// - this year: a Spring Festival seasonal visit for most open files, some living, medical and
//   education assistance; about 4% of entitled persons get nothing this year (coverage gaps);
// - earlier years: seasonal visits on most open files; a few duplicate entries, cancelled;
// - most open files reviewed within the last year, about 8% overdue.

import { addMonths, formatDate } from '@lip/shared/calendar';
import { DEMO_ACTOR, generatePopulation, AS_OF as POPULATION_AS_OF, Random } from '@lip/shared/demo/population';
import { makeIdNumber } from '@lip/shared/id-number';
import { CHARSET, makeCreditCode } from '../domain/credit-code.ts';
import type { DifficultWorkerReason, UnionAssistanceKind } from '../generated/prisma/enums.ts';

export interface DemoFile {
  id: string;
  personIdNumber: string;
  countyCode: string;
  employerName: string;
  employerCreditCode: string | null;
  reason: DifficultWorkerReason;
  reasonDetail: string | null;
  status: 'OPEN' | 'CLOSED';
  filedOn: string;
  reviewedOn: string | null;
  closedOn: string | null;
  closingReason: string | null;
  filedBy: string;
}

export interface DemoAssistance {
  id: string;
  fileId: string;
  personIdNumber: string;
  kind: UnionAssistanceKind;
  amount: string;
  grantedOn: string;
  note: string | null;
  recordedBy: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
}

export interface UnionDemo {
  files: DemoFile[];
  assistance: DemoAssistance[];
  /** Persons with an OPEN file and an ACTIVE category (entitled), and those of them with no assistance this year. */
  entitled: number;
  entitledWithoutAssistance: number;
  /** Persons with a file who are not in the register. */
  outsideRegister: number;
}

export interface UnionDemoOptions {
  seed?: number;
  persons?: number;
  /** The demo's "today" (default: the real today). */
  asOf?: Date;
}

const P_FILE_ENTITLED = 0.05;
const P_FILE_NOT_ACTIVE = 0.03;
const P_ONLY_CLOSED = 0.004;
const P_EARLIER_CLOSED = 0.2;
/** 1 in 25 = 4% of entitled persons have no assistance this year. */
const GAP_EVERY = 25;
const P_REVIEW_OVERDUE = 0.08;
const OUTSIDE_REGISTER_SHARE = 0.03;

const DAY_MS = 86_400_000;
const day = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const FIRST_FILING = day('2019-01-01');

/** 春节 (lunar new year's day): seasonal visits happen in the weeks before it. */
const SPRING_FESTIVAL: Record<number, string> = {
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};
const springFestival = (year: number) => day(SPRING_FESTIVAL[year] ?? `${year}-02-01`);

const COUNTY_NAMES: Record<string, string> = {
  '411202': '湖滨区',
  '411203': '陕州区',
  '411221': '渑池县',
  '411224': '卢氏县',
  '411281': '义马市',
  '411282': '灵宝市',
};
const FIRM_WORDS = ['宏达', '鑫源', '永安', '华峰', '金谷', '黄河', '崤山', '天鹅', '中原', '瑞丰', '恒泰', '豫西', '函谷', '新航', '广源', '盛达'];
const TRADES = ['机械制造', '纺织', '建材', '食品', '物流', '商贸', '矿业', '果业', '化工', '电子', '建筑工程', '物业服务', '家政服务', '铝业'];
const LAID_OFF_PLACES = ['原三门峡市第二棉纺厂', '原三门峡市印刷厂', '原义马市煤机厂', '原灵宝市黄金冶炼厂', '原渑池县化肥厂', '原陕县水泥厂'];

const REASONS: readonly (readonly [DifficultWorkerReason, number])[] = [
  ['LAID_OFF', 30],
  ['ILLNESS', 30],
  ['DISABILITY', 12],
  ['FAMILY_HARDSHIP', 23],
  ['OTHER', 5],
];
const REASON_DETAILS: Record<DifficultWorkerReason, readonly string[]> = {
  LAID_OFF: ['企业关停下岗，尚未再就业', '企业经营困难，长期放假待岗'],
  ILLNESS: ['本人患尿毒症长期透析', '配偶患恶性肿瘤，医疗支出大', '子女患白血病'],
  DISABILITY: ['本人工伤致残', '子女重度残疾需长期照料'],
  FAMILY_HARDSHIP: ['单亲家庭，两个子女就学', '家庭遭受火灾，财产损失严重', '赡养多位患病老人'],
  OTHER: ['家庭主要劳动力意外身亡', '遭遇重大交通事故，家庭负债'],
};
const CLOSING_REASONS = [
  '实现稳定就业，家庭收入超过建档标准，脱困销档',
  '子女参加工作，家庭人均收入明显提高，脱困销档',
  '本人达到退休年龄，领取养老金，转出档案',
];

/** A whole amount in yuan from min to max, in steps. */
const amount = (rng: Random, min: number, max: number, step: number) => (min + step * rng.int(0, Math.floor((max - min) / step))).toFixed(2);

export function generateUnionDemo({ seed = 2024, persons = 20_000, asOf = new Date() }: UnionDemoOptions = {}): UnionDemo {
  const rng = new Random((seed ^ 0x756e696f) >>> 0); // a stream of its own ("unio"), independent of the population's
  const today = Math.floor(asOf.getTime() / DAY_MS);
  const year = new Date(today * DAY_MS).getUTCFullYear();
  const yearStart = day(`${year}-01-01`);
  const files: DemoFile[] = [];
  const assistance: DemoAssistance[] = [];
  const known = new Set<string>();
  let entitled = 0;
  let entitledWithoutAssistance = 0;

  const employer = (countyCode: string, reason: DifficultWorkerReason) => {
    if (reason === 'LAID_OFF' && rng.chance(0.4)) return { employerName: rng.pick(LAID_OFF_PLACES), employerCreditCode: null };
    const name = `三门峡${COUNTY_NAMES[countyCode] ?? ''}${rng.pick(FIRM_WORDS)}${rng.pick(TRADES)}有限公司`;
    if (!rng.chance(0.75)) return { employerName: name, employerCreditCode: null };
    let org = '';
    for (let i = 0; i < 9; i++) org += CHARSET.charAt(i < 8 ? rng.int(0, 30) : rng.int(0, 9));
    return { employerName: name, employerCreditCode: makeCreditCode(`91${countyCode}${org}`) };
  };

  const record = (file: DemoFile, kind: UnionAssistanceKind, on: number, note: string | null) => {
    const amounts: Record<UnionAssistanceKind, string> = {
      SEASONAL_VISIT: amount(rng, 500, 1000, 100),
      LIVING: amount(rng, 500, 3000, 100),
      MEDICAL: amount(rng, 1000, 10000, 500),
      EDUCATION: amount(rng, 1000, 5000, 500),
    };
    const entry: DemoAssistance = {
      id: rng.uuid(),
      fileId: file.id,
      personIdNumber: file.personIdNumber,
      kind,
      amount: amounts[kind],
      grantedOn: isoDay(on),
      note,
      recordedBy: DEMO_ACTOR,
      cancelledAt: null,
      cancelledBy: null,
      cancellationReason: null,
    };
    assistance.push(entry);
    if (rng.chance(0.02)) {
      // Entered twice by mistake; the copy was cancelled.
      assistance.push({
        ...entry,
        id: rng.uuid(),
        cancelledAt: `${isoDay(Math.min(on + rng.int(1, 20), today))}T09:${String(rng.int(10, 59))}:00.000Z`,
        cancelledBy: DEMO_ACTOR,
        cancellationReason: '重复录入，作废',
      });
    }
  };

  /** Seasonal visits in each earlier year the file was open for. */
  const earlierYears = (file: DemoFile, until: number) => {
    const from = day(file.filedOn);
    for (let y = new Date(from * DAY_MS).getUTCFullYear(); y < year; y++) {
      const visit = springFestival(y) - rng.int(1, 20);
      if (visit >= from && visit <= until && rng.chance(0.8)) record(file, 'SEASONAL_VISIT', visit, `${y}年春节送温暖`);
    }
  };

  /** This year's assistance on an open file; returns whether any was given. */
  const thisYear = (file: DemoFile): boolean => {
    const from = Math.max(day(file.filedOn), yearStart);
    if (from > today) return false;
    const visit = springFestival(year) - rng.int(1, 20);
    let given = false;
    if (visit >= from && visit <= today) {
      record(file, 'SEASONAL_VISIT', visit, `${year}年春节送温暖`);
      given = true;
    }
    const later = () => rng.int(from, today);
    if (!given || rng.chance(0.3)) {
      record(file, 'LIVING', later(), '生活救助');
      given = true;
    }
    if (rng.chance(0.12)) record(file, 'MEDICAL', later(), '医疗救助');
    const autumn = day(`${year}-08-20`) + rng.int(0, 25); // 金秋助学, before the school year
    if (rng.chance(0.08) && autumn >= from && autumn <= today) record(file, 'EDUCATION', autumn, '金秋助学');
    return given;
  };

  /** An OPEN file for a person born on `birth`, after `after` (the end of any earlier file); undefined if no date fits. */
  const openFile = (idNumber: string, countyCode: string, birth: number, after: number): DemoFile | undefined => {
    const earliest = Math.max(FIRST_FILING, day(formatDate(addMonths(new Date(birth * DAY_MS), 18 * 12))), after + 1);
    const latest = Math.min(today - 7, day(formatDate(addMonths(new Date(birth * DAY_MS), 60 * 12))));
    if (earliest > latest) return undefined;
    const filedOn = rng.int(earliest, latest);
    const reason = rng.weighted(REASONS);
    let reviewedOn: string | null = null;
    const dueWithoutReview = day(formatDate(addMonths(new Date(filedOn * DAY_MS), 12)));
    if (dueWithoutReview <= today) {
      // Reviewed within the last year, or (overdue) more than a year ago or never.
      if (!rng.chance(P_REVIEW_OVERDUE)) reviewedOn = isoDay(Math.max(filedOn, today - rng.int(0, 330)));
      else if (rng.chance(0.5) && today - 400 > filedOn) reviewedOn = isoDay(rng.int(filedOn, today - 400));
    }
    return {
      id: rng.uuid(),
      personIdNumber: idNumber,
      countyCode,
      ...employer(countyCode, reason),
      reason,
      reasonDetail: reason === 'OTHER' || rng.chance(0.6) ? rng.pick(REASON_DETAILS[reason]) : null,
      status: 'OPEN',
      filedOn: isoDay(filedOn),
      reviewedOn,
      closedOn: null,
      closingReason: null,
      filedBy: DEMO_ACTOR,
    };
  };

  /** A CLOSED file filed at 18–58 between 2019 and two years ago, closed within two years; with a visit or two. */
  const closedFile = (idNumber: string, countyCode: string, birth: number): DemoFile | undefined => {
    const file = openFile(idNumber, countyCode, birth, FIRST_FILING - 1);
    if (!file) return undefined;
    const filed = Math.min(day(file.filedOn), today - 500);
    if (filed < FIRST_FILING || filed < day(formatDate(addMonths(new Date(birth * DAY_MS), 18 * 12)))) return undefined;
    const closed = Math.min(filed + rng.int(120, 720), today - 60);
    Object.assign(file, {
      filedOn: isoDay(filed),
      reviewedOn: closed - filed > 365 ? isoDay(filed + rng.int(330, 365)) : null,
      status: 'CLOSED',
      closedOn: isoDay(closed),
      closingReason: rng.pick(CLOSING_REASONS),
    });
    earlierYears(file, closed);
    return file;
  };

  const fileFor = (idNumber: string, countyCode: string, birth: number, isEntitled: boolean) => {
    let after = FIRST_FILING - 1;
    if (rng.chance(P_EARLIER_CLOSED)) {
      const closed = closedFile(idNumber, countyCode, birth);
      if (closed) {
        files.push(closed);
        after = day(closed.closedOn!);
      }
    }
    const file = openFile(idNumber, countyCode, birth, after);
    if (!file) return;
    files.push(file);
    earlierYears(file, today);
    if (isEntitled) {
      // Every GAP_EVERY-th entitled person gets nothing this year: an exact share, whatever the date.
      if (entitled++ % GAP_EVERY === GAP_EVERY >> 1) entitledWithoutAssistance++;
      else if (!thisYear(file)) entitledWithoutAssistance++;
    } else if (rng.chance(0.85)) thisYear(file);
  };

  const populationEnd = day(POPULATION_AS_OF);
  for (const household of generatePopulation({ seed, persons })) {
    for (const person of household.members) {
      known.add(person.idNumber);
      if (person.deceasedOn) continue;
      const birth = day(person.birthDate);
      const age = new Date(populationEnd * DAY_MS).getUTCFullYear() - new Date(birth * DAY_MS).getUTCFullYear();
      if (age < 18 || age > 60) continue;
      const countyCode = person.regionCode.slice(0, 6);
      const active = person.holdings.some((holding) => holding.status === 'ACTIVE');
      if (rng.chance(active ? P_FILE_ENTITLED : P_FILE_NOT_ACTIVE)) fileFor(person.idNumber, countyCode, birth, active);
      else if (rng.chance(P_ONLY_CLOSED)) {
        const closed = closedFile(person.idNumber, countyCode, birth);
        if (closed) files.push(closed);
      }
    }
  }

  // Workers the union filed who are not in the register (what monitoring should notice).
  const outside = Math.max(3, Math.round(new Set(files.map((file) => file.personIdNumber)).size * OUTSIDE_REGISTER_SHARE));
  const counties = Object.keys(COUNTY_NAMES);
  let outsideRegister = 0;
  while (outsideRegister < outside) {
    const countyCode = rng.pick(counties);
    const birth = day(`${rng.int(1968, 2000)}-01-01`) + rng.int(0, 364);
    const idNumber = makeIdNumber({ areaCode: countyCode, birthDate: isoDay(birth), sequence: rng.int(1, 999) });
    if (known.has(idNumber)) continue;
    known.add(idNumber);
    const before = files.length;
    fileFor(idNumber, countyCode, birth, false);
    if (files.length > before) outsideRegister++;
  }
  return { files, assistance, entitled, entitledWithoutAssistance, outsideRegister };
}
