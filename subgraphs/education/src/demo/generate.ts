// Demo student records and education assistance derived from the civil-affairs demo population (the
// same generator, seed and size give the same persons). Pure and deterministic for a given seed, size
// and `asOf` date: the current academic year is the one `asOf` falls in, so that coverage (assistance
// in the current academic year) reads sensibly on the day the demo runs.
//
// Shape of the data:
// - the living members aged 3–22 on 1 September of the current academic year are students at the stage
//   their age gives (preschool 3–5, primary 6–11, junior 12–14, senior or vocational 15–17, higher 18–22),
//   with participation falling off at the ends (not every 3-year-old is in kindergarten, about half of
//   18–22-year-olds are in higher education); each has one CURRENT record;
// - most students past preschool also have the record of their previous stage (CHANGED), and some
//   young adults and teenagers out of school have a GRADUATED or LEFT record only (not current students);
// - schools identify about 85% of students holding an ACTIVE category as from a difficult family,
//   and about a quarter of the others;
// - assistance in the last three academic years, by stage (living allowances in compulsory education,
//   grants and fee waivers in upper secondary, grants, loans and work-study in higher education);
//   exactly 1 in 25 (4%) of entitled students (CURRENT, ACTIVE category) have none this academic year;
//   past years are PAID, this year's terms are PAID once their payment window has passed, else APPROVED;
//   about 1.5% of entries were keyed twice and the copy CANCELLED;
// - about 1.5% of the population size in difficult students whose ID numbers are not in the population
//   (their families are not registered: what monitoring should notice), half of them assisted.
import { addDays, ageOn, civilDate, earlierOf, formatDate, today as todayOf } from '@lip/shared/calendar';
import { DEMO_ACTOR, generatePopulation, Random } from '@lip/shared/demo/population';
import { makeIdNumber } from '@lip/shared/id-number';
import { findRegion, townships } from '@lip/shared/regions';
import { type AcademicYear, academicYear, academicYearOf } from '../domain/academic-year.ts';
import { recordCoversAcademicYear } from '../domain/assistance.ts';
import type { AcademicTerm, EducationAssistanceKind, EducationAssistanceStatus, EducationStage, StudentRecordStatus } from '../generated/prisma/enums.ts';

export interface DemoStudentRecord {
  id: string;
  personIdNumber: string;
  schoolName: string;
  schoolRegionCode: string;
  stage: EducationStage;
  enrolmentYear: number;
  status: StudentRecordStatus;
  identifiedAsDifficult: boolean;
  /** YYYY-MM-DD */
  identifiedOn: string | null;
  endedOn: string | null;
  endNote: string | null;
  recordedBy: string;
}

export interface DemoEducationAssistance {
  id: string;
  studentRecordId: string;
  personIdNumber: string;
  kind: EducationAssistanceKind;
  /** Yuan with 2 decimals. */
  amount: string;
  academicYear: string;
  term: AcademicTerm;
  status: EducationAssistanceStatus;
  approvedBy: string;
  paidOn: string | null;
  /** ISO 8601 timestamp. */
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
  recordedBy: string;
}

export interface EducationDemo {
  records: DemoStudentRecord[];
  assistance: DemoEducationAssistance[];
  /** The academic year `asOf` falls in, e.g. "2026-2027". */
  currentAcademicYear: string;
  /** CURRENT students holding an ACTIVE category (entitled), and those of them with no assistance this academic year. */
  entitled: number;
  entitledWithoutAssistance: number;
  /** Difficult students whose ID numbers are not in the population. */
  outsideRegister: number;
}

export interface EducationDemoOptions {
  seed?: number;
  persons?: number;
  /** The demo's "today" (default: the real today). */
  asOf?: Date;
}

/** 1 in 25 = 4% of entitled students have no assistance this academic year. */
const GAP_EVERY = 25;
const OUTSIDE_REGISTER_SHARE = 0.015;
/** Academic years with assistance: the current one and the two before. */
const YEARS_BACK = 2;
const P_DUPLICATE = 0.015;

/** Age at which a stage is entered, and how many years it lasts. */
const ENTRY_AGE: Record<EducationStage, number> = { PRESCHOOL: 3, PRIMARY: 6, JUNIOR_SECONDARY: 12, SENIOR_SECONDARY: 15, VOCATIONAL: 15, HIGHER: 18 };
const STAGE_YEARS: Record<EducationStage, number> = { PRESCHOOL: 3, PRIMARY: 6, JUNIOR_SECONDARY: 3, SENIOR_SECONDARY: 3, VOCATIONAL: 3, HIGHER: 4 };
const GRADUATION_NOTES: Record<EducationStage, string> = {
  PRESCHOOL: '幼儿园毕业升入小学',
  PRIMARY: '小学毕业升入初中',
  JUNIOR_SECONDARY: '初中毕业升入高中阶段',
  SENIOR_SECONDARY: '高中毕业',
  VOCATIONAL: '中职毕业',
  HIGHER: '毕业',
};
const LEFT_NOTES = ['辍学外出务工', '因病休学', '随父母迁往外省就读'];
const COLLEGES = [
  '郑州大学',
  '河南大学',
  '河南理工大学',
  '河南科技大学',
  '洛阳师范学院',
  '河南工业大学',
  '黄河水利职业技术学院',
  '郑州铁路职业技术学院',
  '河南农业大学',
  '河南师范大学',
];
const LOCAL_COLLEGE = '三门峡职业技术学院';
const LOCAL_COLLEGE_REGION = '411202';
const CHINESE_ORDINALS = ['一', '二', '三'];

/** The stage someone of `age` (on 1 September) is at, or null when not in school. */
function stageFor(rng: Random, age: number): EducationStage | null {
  if (age < 3 || age > 22) return null;
  if (age <= 5) return rng.chance(0.85) ? 'PRESCHOOL' : null;
  if (age <= 11) return rng.chance(0.995) ? 'PRIMARY' : null;
  if (age <= 14) return rng.chance(0.99) ? 'JUNIOR_SECONDARY' : null;
  if (age <= 17) {
    const roll = rng.next();
    return roll < 0.6 ? 'SENIOR_SECONDARY' : roll < 0.9 ? 'VOCATIONAL' : null;
  }
  if (age === 18) {
    const roll = rng.next();
    return roll < 0.45 ? 'HIGHER' : roll < 0.6 ? 'SENIOR_SECONDARY' : roll < 0.7 ? 'VOCATIONAL' : null;
  }
  return rng.chance(age <= 21 ? 0.45 : 0.25) ? 'HIGHER' : null;
}

const previousStage = (rng: Random, stage: EducationStage): EducationStage | null =>
  stage === 'PRIMARY'
    ? rng.chance(0.6)
      ? 'PRESCHOOL'
      : null
    : stage === 'JUNIOR_SECONDARY'
      ? 'PRIMARY'
      : stage === 'SENIOR_SECONDARY' || stage === 'VOCATIONAL'
        ? 'JUNIOR_SECONDARY'
        : stage === 'HIGHER'
          ? rng.chance(0.75)
            ? 'SENIOR_SECONDARY'
            : 'VOCATIONAL'
          : null;

const DAY_MS = 86_400_000;
const isoOrNull = (date: Date | null) => (date ? formatDate(date) : null);

interface School {
  schoolName: string;
  schoolRegionCode: string;
}

/** A believable school for a stage near a village (12-digit code). */
function schoolFor(rng: Random, stage: EducationStage, villageCode: string): School {
  const countyCode = villageCode.slice(0, 6);
  const county = findRegion(countyCode)?.name ?? '三门峡市';
  const townshipCode = villageCode.slice(0, 9);
  const township = findRegion(townshipCode)?.name ?? county;
  const street = /街道$/.test(township);
  const base = township.replace(/(街道|镇|乡)$/, '');
  switch (stage) {
    case 'PRESCHOOL':
      return { schoolName: street ? `${county}${base}幼儿园` : `${township}中心幼儿园`, schoolRegionCode: townshipCode };
    case 'PRIMARY':
      return { schoolName: street ? `${county}${base}小学` : `${township}${rng.chance(0.7) ? '中心' : '第二'}小学`, schoolRegionCode: townshipCode };
    case 'JUNIOR_SECONDARY':
      return street
        ? { schoolName: `${county}第${rng.pick(CHINESE_ORDINALS)}初级中学`, schoolRegionCode: countyCode }
        : { schoolName: `${township}初级中学`, schoolRegionCode: townshipCode };
    case 'SENIOR_SECONDARY':
      return { schoolName: `${county}第${rng.pick(CHINESE_ORDINALS)}高级中学`, schoolRegionCode: countyCode };
    case 'VOCATIONAL':
      return { schoolName: `${county}职业教育中心`, schoolRegionCode: countyCode };
    case 'HIGHER':
      // A college elsewhere is recorded at the county of origin (生源地), which handles the student's loans.
      return rng.chance(0.2)
        ? { schoolName: LOCAL_COLLEGE, schoolRegionCode: LOCAL_COLLEGE_REGION }
        : { schoolName: rng.pick(COLLEGES), schoolRegionCode: countyCode };
  }
}

/** A whole or half amount in yuan from min to max, in steps. */
const amount = (rng: Random, min: number, max: number, step: number) => (min + step * rng.int(0, Math.floor((max - min) / step))).toFixed(2);

interface Grant {
  kind: EducationAssistanceKind;
  term: AcademicTerm;
  amount: string;
}

/** What a student at `stage` typically receives in one academic year. */
function grantsFor(rng: Random, stage: EducationStage): Grant[] {
  const perTerm = (kind: EducationAssistanceKind, value: string): Grant[] => [
    { kind, term: 'AUTUMN', amount: value },
    { kind, term: 'SPRING', amount: value },
  ];
  switch (stage) {
    case 'PRESCHOOL':
      return rng.chance(0.6)
        ? [{ kind: 'FEE_WAIVER', term: 'FULL_YEAR', amount: amount(rng, 800, 1500, 100) }]
        : [{ kind: 'LIVING_ALLOWANCE', term: 'FULL_YEAR', amount: amount(rng, 500, 1000, 100) }];
    case 'PRIMARY':
      return perTerm('LIVING_ALLOWANCE', rng.chance(0.6) ? '500.00' : '250.00'); // boarding or day pupil
    case 'JUNIOR_SECONDARY':
      return perTerm('LIVING_ALLOWANCE', rng.chance(0.7) ? '625.00' : '312.50');
    case 'SENIOR_SECONDARY':
      return [
        ...perTerm('GRANT', amount(rng, 750, 1250, 250)),
        ...(rng.chance(0.5) ? [{ kind: 'FEE_WAIVER' as const, term: 'FULL_YEAR' as const, amount: amount(rng, 800, 1600, 100) }] : []),
      ];
    case 'VOCATIONAL':
      return [...perTerm('GRANT', '1000.00'), { kind: 'FEE_WAIVER', term: 'FULL_YEAR', amount: '2000.00' }];
    case 'HIGHER':
      return [
        { kind: 'GRANT', term: 'FULL_YEAR', amount: rng.pick(['2200.00', '3300.00', '4400.00']) },
        ...(rng.chance(0.6) ? [{ kind: 'STUDENT_LOAN' as const, term: 'FULL_YEAR' as const, amount: amount(rng, 6000, 16000, 1000) }] : []),
        ...(rng.chance(0.15) ? [{ kind: 'WORK_STUDY' as const, term: 'AUTUMN' as const, amount: amount(rng, 800, 3000, 100) }] : []),
      ];
  }
}

/** When each term is usually paid: [first day, last day] relative to the academic year. */
function paymentWindow(year: AcademicYear, grant: Grant): [Date, Date] {
  if (grant.term === 'SPRING') return [civilDate(year.startYear + 1, 3, 20), civilDate(year.startYear + 1, 6, 20)];
  if (grant.kind === 'STUDENT_LOAN') return [civilDate(year.startYear, 9, 20), civilDate(year.startYear, 11, 30)];
  return [civilDate(year.startYear, 10, 1), civilDate(year.startYear, 12, 20)];
}

export function generateEducationDemo({ seed = 2024, persons = 20_000, asOf = new Date() }: EducationDemoOptions = {}): EducationDemo {
  const rng = new Random((seed ^ 0x65647563) >>> 0); // a stream of its own ("educ"), independent of the population's
  const today = todayOf(asOf);
  const current = academicYearOf(today);
  const records: DemoStudentRecord[] = [];
  const assistance: DemoEducationAssistance[] = [];
  const known = new Set<string>();
  let entitled = 0;
  let entitledWithoutAssistance = 0;

  const countyOffice = (regionCode: string) => `${findRegion(regionCode.slice(0, 6))?.name ?? '三门峡市'}学生资助管理中心`;

  const addRecord = (record: Omit<DemoStudentRecord, 'id' | 'recordedBy'>): DemoStudentRecord => {
    const full = { id: rng.uuid(), ...record, recordedBy: DEMO_ACTOR };
    records.push(full);
    return full;
  };

  /** An identification date in the autumn of a year the record was open, on or before `until`; null when none fits. */
  const identificationDate = (enrolmentYear: number, until: Date): Date | null => {
    const years: number[] = [];
    for (let y = enrolmentYear; y <= until.getUTCFullYear(); y++) if (civilDate(y, 9, 10) <= until) years.push(y);
    // Enrolled this year and asked before the autumn identification: identified on the day.
    if (!years.length) return until >= civilDate(enrolmentYear, 1, 1) ? until : null;
    const year = rng.chance(0.7) ? years[years.length - 1]! : rng.pick(years);
    const day = addDays(civilDate(year, 9, 10), rng.int(0, 50));
    return day <= until ? day : until;
  };

  /** The year's assistance under a record; returns whether any counts (not cancelled). */
  const assist = (record: DemoStudentRecord, year: AcademicYear): boolean => {
    const approvedBy = (kind: EducationAssistanceKind) =>
      record.stage === 'HIGHER' && kind !== 'STUDENT_LOAN' ? `${record.schoolName}学生资助管理中心` : countyOffice(record.schoolRegionCode);
    let counted = false;
    for (const grant of grantsFor(rng, record.stage)) {
      const [from, to] = paymentWindow(year, grant);
      const paidOn = addDays(from, rng.int(0, Math.round((to.getTime() - from.getTime()) / DAY_MS)));
      const paid = paidOn <= today;
      const entry: DemoEducationAssistance = {
        id: rng.uuid(),
        studentRecordId: record.id,
        personIdNumber: record.personIdNumber,
        kind: grant.kind,
        amount: grant.amount,
        academicYear: year.label,
        term: grant.term,
        status: paid ? 'PAID' : 'APPROVED',
        approvedBy: approvedBy(grant.kind),
        paidOn: paid ? formatDate(paidOn) : null,
        cancelledAt: null,
        cancelledBy: null,
        cancellationReason: null,
        recordedBy: DEMO_ACTOR,
      };
      assistance.push(entry);
      counted = true;
      if (rng.chance(P_DUPLICATE)) {
        // Keyed twice by mistake; the copy was cancelled a few days after approval.
        const cancelled = addDays(from, -rng.int(5, 25));
        assistance.push({
          ...entry,
          id: rng.uuid(),
          status: 'CANCELLED',
          paidOn: null,
          cancelledAt: `${formatDate(earlierOf(cancelled, today))}T0${rng.int(1, 8)}:${String(rng.int(10, 59))}:00.000Z`,
          cancelledBy: DEMO_ACTOR,
          cancellationReason: '重复录入，撤销',
        });
      }
    }
    return counted;
  };

  /**
   * The academic years of the demo window in which a record receives assistance: those it covers from its
   * enrolment year on (the year before belongs to the previous record, which ended that summer).
   */
  const yearsOf = (record: DemoStudentRecord) => {
    const span = { enrolmentYear: record.enrolmentYear, endedOn: record.endedOn ? new Date(`${record.endedOn}T00:00:00Z`) : null };
    const years: AcademicYear[] = [];
    for (let y = current.startYear - YEARS_BACK; y <= current.startYear; y++) {
      const year = academicYear(y);
      if (y >= record.enrolmentYear && recordCoversAcademicYear(span, year) && year.start <= today) years.push(year);
    }
    return years;
  };

  /** A current student with their history; `pAssisted` is the chance of assistance in a past year. */
  const student = (
    idNumber: string,
    birth: Date,
    villageCode: string,
    stage: EducationStage,
    options: { active: boolean; identified: number; pAssisted: number },
  ) => {
    const age = ageOn(birth, current.start);
    const enrolmentYear = current.startYear - Math.min(age - ENTRY_AGE[stage], STAGE_YEARS[stage] - 1);
    // The previous stage's record, ended in the summer before this one started.
    const previous = previousStage(rng, stage);
    let past: DemoStudentRecord | undefined;
    if (previous && rng.chance(0.7)) {
      const endedOn = addDays(civilDate(enrolmentYear, 7, 1), rng.int(0, 10));
      if (endedOn <= today) {
        const pastEnrolment = enrolmentYear - STAGE_YEARS[previous];
        const identifiedOn = rng.chance(options.identified * 0.8) ? identificationDate(pastEnrolment, addDays(endedOn, -1)) : null;
        past = addRecord({
          personIdNumber: idNumber,
          ...schoolFor(rng, previous, villageCode),
          stage: previous,
          enrolmentYear: pastEnrolment,
          status: 'CHANGED',
          identifiedAsDifficult: identifiedOn !== null,
          identifiedOn: isoOrNull(identifiedOn),
          endedOn: formatDate(endedOn),
          endNote: GRADUATION_NOTES[previous],
        });
      }
    }
    const identifiedOn = rng.chance(options.identified) ? identificationDate(enrolmentYear, today) : null;
    const record = addRecord({
      personIdNumber: idNumber,
      ...schoolFor(rng, stage, villageCode),
      stage,
      enrolmentYear,
      status: 'CURRENT',
      identifiedAsDifficult: identifiedOn !== null,
      identifiedOn: isoOrNull(identifiedOn),
      endedOn: null,
      endNote: null,
    });
    if (past) for (const year of yearsOf(past)) if (rng.chance(options.pAssisted)) assist(past, year);
    for (const year of yearsOf(record)) {
      if (year.startYear < current.startYear) {
        if (rng.chance(options.pAssisted)) assist(record, year);
        continue;
      }
      if (options.active) {
        // Every GAP_EVERY-th entitled student has nothing this academic year: an exact share, whatever the date.
        if (entitled++ % GAP_EVERY === GAP_EVERY >> 1) entitledWithoutAssistance++;
        else if (!assist(record, year)) entitledWithoutAssistance++;
      } else if (rng.chance(options.pAssisted)) assist(record, year);
    }
  };

  /** Someone out of school now, with the record of the stage they finished or left. */
  const formerStudent = (idNumber: string, birth: Date, villageCode: string, age: number, options: { identified: number; pAssisted: number }) => {
    const stage: EducationStage = age >= 18 ? (rng.chance(0.7) ? 'SENIOR_SECONDARY' : 'VOCATIONAL') : 'JUNIOR_SECONDARY';
    const graduated = age >= 18;
    // Graduates finished at 18; those who left did so a year or two ago.
    const endYear = graduated ? current.startYear - (age - 18) : current.startYear - rng.int(0, 1);
    const endedOn = graduated ? addDays(civilDate(endYear, 6, 25), rng.int(0, 10)) : addDays(civilDate(endYear, 3, 1), rng.int(0, 120));
    if (endedOn > today) return;
    const enrolmentYear = graduated ? endYear - 3 : Math.min(endYear, birth.getUTCFullYear() + 12);
    if (ageOn(birth, civilDate(enrolmentYear, 9, 1)) < ENTRY_AGE[stage] - 2) return;
    const identifiedOn = rng.chance(options.identified) ? identificationDate(enrolmentYear, addDays(endedOn, -1)) : null;
    const record = addRecord({
      personIdNumber: idNumber,
      ...schoolFor(rng, stage, villageCode),
      stage,
      enrolmentYear,
      status: graduated ? 'GRADUATED' : 'LEFT',
      identifiedAsDifficult: identifiedOn !== null,
      identifiedOn: isoOrNull(identifiedOn),
      endedOn: formatDate(endedOn),
      endNote: graduated ? GRADUATION_NOTES[stage] : rng.pick(LEFT_NOTES),
    });
    for (const year of yearsOf(record)) if (rng.chance(options.pAssisted)) assist(record, year);
  };

  for (const household of generatePopulation({ seed, persons })) {
    for (const person of household.members) {
      known.add(person.idNumber);
      if (person.deceasedOn) continue;
      const birth = new Date(`${person.birthDate}T00:00:00Z`);
      const age = ageOn(birth, current.start);
      if (age < 3 || age > 22) continue;
      const active = person.holdings.some((holding) => holding.status === 'ACTIVE');
      const options = { active, identified: active ? 0.85 : 0.25, pAssisted: active ? 0.9 : 0.3 };
      const stage = stageFor(rng, age);
      if (stage) student(person.idNumber, birth, person.regionCode, stage, options);
      else if (age >= 15 && rng.chance(0.7)) formerStudent(person.idNumber, birth, person.regionCode, age, options);
    }
  }

  // Difficult students the schools identified whose families are not in the register.
  const outside = Math.max(3, Math.round(persons * OUTSIDE_REGISTER_SHARE));
  const counties = ['411202', '411203', '411221', '411224', '411281', '411282'];
  let outsideRegister = 0;
  while (outsideRegister < outside) {
    const countyCode = rng.pick(counties);
    const age = rng.int(6, 20);
    const birth = addDays(civilDate(current.startYear - age - 1, 9, 2), rng.int(0, 364));
    const idNumber = makeIdNumber({ areaCode: countyCode, birthDate: formatDate(birth), sequence: rng.int(1, 999) });
    if (known.has(idNumber)) continue;
    known.add(idNumber);
    const stage = stageFor(rng, ageOn(birth, current.start)) ?? 'JUNIOR_SECONDARY';
    if (stage === 'JUNIOR_SECONDARY' && ageOn(birth, current.start) > 17) continue;
    const township = rng.pick(townships(countyCode));
    student(idNumber, birth, `${township.code}001`, stage, { active: false, identified: 1, pAssisted: 0.5 });
    outsideRegister++;
  }
  return { records, assistance, currentAcademicYear: current.label, entitled, entitledWithoutAssistance, outsideRegister };
}
