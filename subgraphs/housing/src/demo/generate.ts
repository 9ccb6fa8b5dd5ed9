// Demo housing records derived from the same synthetic population civil affairs seeds
// (@lip/shared/demo/population, same seed and size → same persons and categories). Pure and
// deterministic: the same seed, size, policy rows and `today` give the same rows, ids included.
//
// - Rural households: most have a dwelling assessment (mostly A/B, some C/D, a few NO_HOUSE);
//   most entitled households with an unsafe dwelling have a renovation case at some step.
// - Urban households: most entitled ones have a public-rental tenancy or yearly rent subsidies
//   running up to the current year.
// - About 4% of entitled households have no record (coverage gaps for monitoring to find), a
//   few records belong to households no longer entitled, and a few to persons not in the register.

import { AS_OF, DEMO_ACTOR, type DemoHousehold, type DemoPerson, generatePopulation, Random } from '@lip/shared/demo/population';
import type { RegisterFacts } from '@lip/shared/entitlements';
import { makeIdNumber } from '@lip/shared/id-number';
import type { PolicyParameterRow } from '@lip/shared/policy';
import { policyValue } from '@lip/shared/policy';
import { children, findRegion } from '@lip/shared/regions';
import { isUnsafe } from '../domain/assessment.ts';
import { ruralRenovationEntitlement, urbanHousingEntitlement } from '../domain/entitlements.ts';
import { NEXT, SUBSIDY_PARAMETER } from '../domain/renovation.ts';
import type { DwellingSafetyGrade, RuralRenovationStatus, UrbanHousingAssistanceKind } from '../generated/prisma/enums.ts';

export interface AssessmentRow {
  id: string;
  personIdNumber: string;
  memberIdNumbers: string[];
  regionCode: string;
  grade: DwellingSafetyGrade;
  assessedOn: Date;
  assessor: string;
  recordedBy: string;
  createdAt: Date;
}

export interface UrbanRow {
  id: string;
  personIdNumber: string;
  memberIdNumbers: string[];
  kind: UrbanHousingAssistanceKind;
  regionCode: string;
  unit: string | null;
  monthlyAmount: string | null;
  startDate: Date;
  endDate: Date | null;
  recordedBy: string;
  endReason: string | null;
  endedBy: string | null;
  endedAt: Date | null;
  createdAt: Date;
}

export interface CaseRow {
  id: string;
  personIdNumber: string;
  memberIdNumbers: string[];
  regionCode: string;
  status: RuralRenovationStatus;
  appliedOn: Date;
  assessmentId: string | null;
  approvedGrade: DwellingSafetyGrade | null;
  subsidyAmount: string | null;
  rejectionReason: string | null;
  closedAt: Date | null;
  createdAt: Date;
}

export interface StepRow {
  id: string;
  caseId: string;
  fromStatus: RuralRenovationStatus | null;
  toStatus: RuralRenovationStatus;
  actor: string;
  note: string | null;
  at: Date;
}

export interface HousingDemo {
  assessments: AssessmentRow[];
  urban: UrbanRow[];
  cases: CaseRow[];
  steps: StepRow[];
  /** ID numbers that appear in the records but not in the population (for tests). */
  outsiders: string[];
}

export interface HousingDemoOptions {
  seed?: number;
  persons?: number;
  /** The policy parameters the migration filled (subsidy amounts and caps are read from them). */
  policy: readonly PolicyParameterRow[];
  /** Rent subsidies are renewed yearly up to the year of this day (default today). */
  today?: Date;
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC).

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS);
const LAST_DAY = dayOf(AS_OF);
/** Approvals fall in years the policy parameters cover. */
const FIRST_APPROVAL = dayOf('2024-01-15');
/** An instant during office hours in Beijing (UTC+8) on `day`. */
const officeTime = (rng: Random, day: number) => new Date(day * DAY_MS + (rng.int(1, 9) * 60 + rng.int(0, 59)) * 60_000 + rng.int(0, 59) * 1000);

/** The parameter for a year, else the latest earlier year that has it (the demo may run after the last filled year). */
function policyFor(rows: readonly PolicyParameterRow[], name: string, county: string, year: number): number {
  const years = [...new Set(rows.filter((row) => row.name === name).map((row) => row.year))].sort((a, b) => b - a);
  const usable = years.find((candidate) => candidate <= year) ?? years[years.length - 1];
  if (usable === undefined) throw new Error(`the migration filled no policy parameter ${name}`);
  return policyValue(rows, name, county, usable);
}

// ---------------------------------------------------------------------------------------------

const GRADES: readonly (readonly [DwellingSafetyGrade, number])[] = [
  ['A', 42],
  ['B', 36],
  ['C', 12],
  ['D', 7],
  ['NO_HOUSE', 3],
];
const INSPECTORS = ['三门峡市建设工程质量检测中心', '河南省建筑科学研究院三门峡分院', '三门峡市房屋安全鉴定所'];
const STEP_NOTES: Record<RuralRenovationStatus, string> = {
  APPLIED: '农户申请，提交身份证明、房屋安全鉴定结论和改造承诺书',
  VILLAGE_REVIEWED: '村民代表会议评议通过，村内公示7天无异议',
  TOWNSHIP_REVIEWED: '乡镇入户核查属实，审核通过',
  COUNTY_APPROVED: '县住建局审批通过，纳入年度农村危房改造计划',
  COMPLETED: '竣工验收合格，补助资金已通过一卡通拨付',
  REJECTED: '',
};
/** Rejection reasons by the step that rejected (the state the case was in). */
const REJECTIONS: Partial<Record<RuralRenovationStatus, readonly string[]>> = {
  APPLIED: ['村级评议未通过：家庭在镇区另有安全住房', '村级评议未通过：申请人长期在外居住，房屋无人居住'],
  VILLAGE_REVIEWED: ['乡镇审核未通过：家庭成员名下有城镇商品房', '乡镇审核未通过：已享受过易地扶贫搬迁住房政策'],
  TOWNSHIP_REVIEWED: ['县级审批未通过：复核鉴定为B级，不属于危房', '县级审批未通过：非低收入人口或防返贫监测对象'],
};
const PROJECTS = ['阳光苑', '康居苑', '安居小区', '惠民家园', '和谐家园', '幸福里', '民生苑'];
const END_REASONS = ['家庭人均收入超过保障标准，退出', '已购买自有住房，退出', '户籍迁出本市，终止'];

interface Household {
  applicant: DemoPerson;
  members: string[];
  regionCode: string;
  countyCode: string;
  /** Some living member is entitled by register facts (the dwelling grade aside). */
  urbanQualified: boolean;
  ruralQualified: boolean;
}

const factsOf = (person: DemoPerson): RegisterFacts => {
  const active = person.holdings.filter((holding) => holding.status === 'ACTIVE');
  return {
    activeCategories: [...new Set(active.map((holding) => holding.category))],
    hukouType: person.hukouType,
    extremePovertySupport: active.find((holding) => holding.category === 'EXTREME_POVERTY')?.subtype ?? null,
  };
};

const TODAY_PROBE = new Date(0);

function householdOf(household: DemoHousehold): Household | undefined {
  const living = household.members.filter((member) => member.deceasedOn === null);
  if (living.length === 0) return undefined;
  const applicant = living.find((member) => member.relationshipToHead === 'HEAD') ?? living[0]!;
  const probeAssessment = { grade: 'D' as const, assessedOn: TODAY_PROBE };
  return {
    applicant,
    members: living.filter((member) => member !== applicant).map((member) => member.idNumber),
    regionCode: household.regionCode,
    countyCode: household.regionCode.slice(0, 6),
    urbanQualified: living.some((member) => urbanHousingEntitlement(factsOf(member), [], TODAY_PROBE).status !== 'NOT_ENTITLED'),
    ruralQualified: living.some((member) => ruralRenovationEntitlement(factsOf(member), probeAssessment, []).status !== 'NOT_ENTITLED'),
  };
}

export function generateHousingDemo({ seed = 2024, persons = 20_000, policy, today = new Date() }: HousingDemoOptions): HousingDemo {
  const rng = new Random((seed ^ 0x484f5553) >>> 0); // "HOUS": a stream of its own, independent of the population's
  const demo: HousingDemo = { assessments: [], urban: [], cases: [], steps: [], outsiders: [] };
  const known = new Set<string>();
  const currentYear = today.getUTCFullYear();

  const assess = (h: Household, grade: DwellingSafetyGrade, day: number): AssessmentRow => {
    const row: AssessmentRow = {
      id: rng.uuid(),
      personIdNumber: h.applicant.idNumber,
      memberIdNumbers: h.members,
      regionCode: h.regionCode,
      grade,
      assessedOn: dateOf(day),
      assessor: rng.chance(0.7) ? `${findRegion(h.countyCode)?.name ?? ''}住房和城乡建设局` : rng.pick(INSPECTORS),
      recordedBy: DEMO_ACTOR,
      createdAt: officeTime(rng, day + rng.int(0, 5)),
    };
    demo.assessments.push(row);
    return row;
  };

  /**
   * A case that reached `target` (or was rejected while in `rejectedIn`), dated backwards from its last
   * step. Returns the day of application so the assessment can be dated before it.
   */
  const renovationCase = (
    h: Household,
    target: RuralRenovationStatus,
    rejectedIn?: RuralRenovationStatus,
  ): { appliedOn: number; approvedOn?: number; caseRow: CaseRow } => {
    const path: RuralRenovationStatus[] = ['APPLIED'];
    const last = rejectedIn ?? target;
    while (path[path.length - 1] !== last) path.push(NEXT[path[path.length - 1]!]!);
    if (rejectedIn) path.push('REJECTED');
    const gaps = path.slice(1).map((status) => (status === 'COMPLETED' ? rng.int(60, 150) : rng.int(8, 40)));
    const total = gaps.reduce((sum, gap) => sum + gap, 0);
    // Approvals from 2024 on (the years the policy covers); everything else up to AS_OF.
    const approvalIndex = path.indexOf('COUNTY_APPROVED');
    const beforeApproval = approvalIndex > 0 ? gaps.slice(0, approvalIndex).reduce((sum, gap) => sum + gap, 0) : 0;
    const earliest = approvalIndex > 0 ? FIRST_APPROVAL - beforeApproval : dayOf('2023-03-01');
    const start = rng.int(earliest, Math.max(earliest, LAST_DAY - total));
    const days = [start];
    for (const gap of gaps) days.push(days[days.length - 1]! + gap);
    const caseRow: CaseRow = {
      id: rng.uuid(),
      personIdNumber: h.applicant.idNumber,
      memberIdNumbers: h.members,
      regionCode: h.regionCode,
      status: path[path.length - 1]!,
      appliedOn: dateOf(start),
      assessmentId: null,
      approvedGrade: null,
      subsidyAmount: null,
      rejectionReason: null,
      closedAt: null,
      createdAt: officeTime(rng, start),
    };
    let from: RuralRenovationStatus | null = null;
    path.forEach((status, index) => {
      const note = status === 'REJECTED' ? rng.pick(REJECTIONS[from!]!) : STEP_NOTES[status];
      const at = index === 0 ? caseRow.createdAt : officeTime(rng, days[index]!);
      demo.steps.push({ id: rng.uuid(), caseId: caseRow.id, fromStatus: from, toStatus: status, actor: DEMO_ACTOR, note, at });
      if (status === 'REJECTED') caseRow.rejectionReason = note;
      if (status === 'REJECTED' || status === 'COMPLETED') caseRow.closedAt = at;
      from = status;
    });
    demo.cases.push(caseRow);
    return { appliedOn: start, approvedOn: approvalIndex > 0 ? days[approvalIndex] : undefined, caseRow };
  };

  const approve = (caseRow: CaseRow, assessment: AssessmentRow, approvedOn: number) => {
    const year = dateOf(approvedOn).getUTCFullYear();
    const parameter = SUBSIDY_PARAMETER[assessment.grade as keyof typeof SUBSIDY_PARAMETER];
    Object.assign(caseRow, {
      assessmentId: assessment.id,
      approvedGrade: assessment.grade,
      subsidyAmount: policyFor(policy, parameter, caseRow.regionCode.slice(0, 6), year).toFixed(2),
    });
  };

  const rural = (h: Household) => {
    if (!rng.chance(h.ruralQualified ? 0.95 : 0.8)) return; // not every dwelling has been assessed yet
    const grade = rng.weighted(GRADES);
    const unsafe = isUnsafe(grade);
    // An older assessment for some: the house has since deteriorated or been repaired.
    const earlier = rng.chance(0.1) ? rng.weighted(GRADES) : undefined;
    let plan: { target: RuralRenovationStatus; rejectedIn?: RuralRenovationStatus } | undefined;
    const roll = rng.next();
    if (unsafe && h.ruralQualified) {
      if (roll < 0.03)
        plan = undefined; // coverage gap: entitled, no case
      else if (roll < 0.042) plan = { target: 'REJECTED', rejectedIn: rng.pick(['APPLIED', 'VILLAGE_REVIEWED'] as const) };
      else {
        plan = {
          target: rng.weighted([
            ['COMPLETED', 52],
            ['COUNTY_APPROVED', 16],
            ['TOWNSHIP_REVIEWED', 11],
            ['VILLAGE_REVIEWED', 10],
            ['APPLIED', 11],
          ] as const),
        };
      }
    } else if (unsafe && roll < 0.2) {
      // Not entitled by the register, applied anyway: most are turned down, some are still in review.
      plan = roll < 0.12 ? { target: 'REJECTED', rejectedIn: rng.pick(['APPLIED', 'VILLAGE_REVIEWED', 'TOWNSHIP_REVIEWED'] as const) } : { target: 'APPLIED' };
    } else if (!unsafe && roll < 0.015) {
      plan = { target: 'REJECTED', rejectedIn: 'TOWNSHIP_REVIEWED' }; // a safe house: refused at county level
    }
    if (!plan) {
      const day = rng.int(dayOf('2021-01-01'), LAST_DAY - 20);
      if (earlier && day - 400 > dayOf('2019-01-01')) assess(h, earlier, rng.int(dayOf('2019-01-01'), day - 400));
      assess(h, grade, day);
      return;
    }
    const { appliedOn, approvedOn, caseRow } = renovationCase(h, plan.target, plan.rejectedIn);
    const assessedOn = appliedOn - rng.int(10, 240);
    if (earlier) assess(h, earlier, assessedOn - rng.int(400, 900));
    const assessment = assess(h, grade, assessedOn);
    if (approvedOn !== undefined) approve(caseRow, assessment, approvedOn);
  };

  const urbanRecord = (h: Household, kind: UrbanHousingAssistanceKind, startDay: number, endDay: number | null, extra: Partial<UrbanRow>): UrbanRow => {
    const row: UrbanRow = {
      id: rng.uuid(),
      personIdNumber: h.applicant.idNumber,
      memberIdNumbers: h.members,
      kind,
      regionCode: h.regionCode,
      unit: null,
      monthlyAmount: null,
      startDate: dateOf(startDay),
      endDate: endDay === null ? null : dateOf(endDay),
      recordedBy: DEMO_ACTOR,
      endReason: null,
      endedBy: null,
      endedAt: null,
      createdAt: officeTime(rng, Math.min(startDay, LAST_DAY) - rng.int(0, 20)),
      ...extra,
    };
    demo.urban.push(row);
    return row;
  };

  const unitName = () => `${rng.pick(PROJECTS)}公租房 ${rng.int(1, 12)}-${rng.int(1, 4)}-${rng.int(1, 18)}0${rng.int(1, 4)}`;

  /** Yearly rent subsidies from `startDay` through the current year (each at most 12 months, within one calendar year). */
  const rentSubsidies = (h: Household, startDay: number, untilYear: number) => {
    const size = 1 + h.members.length;
    let start = startDay;
    for (let year = dateOf(startDay).getUTCFullYear(); year <= untilYear; year++) {
      const max = policyFor(policy, 'RENT_SUBSIDY_MONTHLY_MAX', h.countyCode, year);
      const amount = Math.min(max, Math.round((100 + 110 * size + rng.int(0, 150)) / 10) * 10);
      urbanRecord(h, 'RENT_SUBSIDY', start, Date.UTC(year, 11, 31) / DAY_MS, { monthlyAmount: amount.toFixed(2) });
      start = Date.UTC(year + 1, 0, 1) / DAY_MS;
    }
  };

  const urban = (h: Household) => {
    const roll = rng.next();
    if (h.urbanQualified) {
      if (roll < 0.04) return; // coverage gap: entitled, no record
      if (rng.chance(0.35)) {
        urbanRecord(h, 'PUBLIC_RENTAL', rng.int(dayOf('2019-01-01'), LAST_DAY - 30), null, { unit: unitName() });
      } else {
        rentSubsidies(h, rng.int(dayOf('2024-01-01'), LAST_DAY - 30), currentYear);
      }
    } else if (roll < 0.05) {
      // No longer entitled: a record that ended with a reason (应退尽退), or rarely one still running (to be caught).
      const start = rng.int(dayOf('2021-01-01'), dayOf('2024-03-01'));
      const end = rng.int(start + 90, LAST_DAY);
      const ended = { endReason: rng.pick(END_REASONS), endedBy: DEMO_ACTOR, endedAt: officeTime(rng, end) };
      if (roll < 0.04) urbanRecord(h, 'PUBLIC_RENTAL', start, end, { unit: unitName(), ...ended });
      else rentSubsidies(h, rng.int(dayOf('2024-01-01'), LAST_DAY - 30), currentYear);
    }
  };

  for (const household of generatePopulation({ seed, persons })) {
    for (const member of household.members) known.add(member.idNumber);
    const h = householdOf(household);
    if (!h) continue;
    if (household.hukouType === 'RURAL') rural(h);
    else urban(h);
  }

  // A few records of persons the register does not know (new arrivals, or households never recognised).
  const villages = ['411224', '411282', '411221', '411203'].flatMap((county) => children(county).flatMap((township) => children(township.code)));
  const outsider = (): Household => {
    for (;;) {
      const year = rng.int(1950, 1990);
      const id = makeIdNumber({
        areaCode: rng.pick(['411224', '411282', '411221', '411202']),
        birthDate: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        sequence: rng.int(1, 999),
      });
      if (known.has(id)) continue;
      known.add(id);
      demo.outsiders.push(id);
      const village = rng.pick(villages);
      return {
        applicant: { idNumber: id } as DemoPerson,
        members: [],
        regionCode: village.code,
        countyCode: village.code.slice(0, 6),
        urbanQualified: false,
        ruralQualified: false,
      };
    }
  };
  for (let i = 0; i < 12; i++) {
    const h = outsider();
    const grade = i < 6 ? rng.pick(['C', 'D', 'NO_HOUSE'] as const) : rng.weighted(GRADES);
    if (i < 4) {
      const { appliedOn, approvedOn, caseRow } = renovationCase(h, rng.pick(['APPLIED', 'VILLAGE_REVIEWED', 'COUNTY_APPROVED', 'COMPLETED'] as const));
      const assessment = assess(h, grade, appliedOn - rng.int(10, 120));
      if (approvedOn !== undefined) approve(caseRow, assessment, approvedOn);
    } else assess(h, grade, rng.int(dayOf('2022-01-01'), LAST_DAY - 20));
  }
  for (let i = 0; i < 8; i++) {
    const h = outsider();
    if (i % 2) urbanRecord(h, 'PUBLIC_RENTAL', rng.int(dayOf('2020-01-01'), LAST_DAY - 30), null, { unit: unitName() });
    else rentSubsidies(h, rng.int(dayOf('2024-01-01'), LAST_DAY - 30), currentYear);
  }
  return demo;
}
