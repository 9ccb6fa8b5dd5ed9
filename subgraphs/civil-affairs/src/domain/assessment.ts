// 一次申请、分类审核认定: one application's evidence assessed against every category civil
// affairs recognises, with the policy of the household's county and year. Pure functions over
// whole fen, so a boundary (exactly at the line, one fen above) is decided exactly.
import { DomainError, ErrorCode } from '@lip/shared/errors';
import { type PolicyParameterRow, policyValue } from '@lip/shared/policy';
import { CITY_CODE } from '@lip/shared/regions';
import type { AssetKind, CareLevel, ExpenditureKind, HoldingSubtype, HukouType, IncomeKind, LowIncomeCategory } from '../generated/prisma/enums.ts';

/** The categories one application is assessed against (RELAPSE_MONITORING is imported, never recognised here). */
export const ASSESSED_CATEGORIES = [
  'SUBSISTENCE_ALLOWANCE',
  'EXTREME_POVERTY',
  'NEAR_SUBSISTENCE',
  'ESSENTIAL_EXPENDITURE_HARDSHIP',
  'OTHER_HARDSHIP',
] as const satisfies readonly LowIncomeCategory[];
export type AssessedCategory = (typeof ASSESSED_CATEGORIES)[number];

/**
 * 分档发放: one tier of a county's dibao payment. A household whose per-capita gap to the line is
 * at most `gapUpTo` (fen; null for the last, open tier) and above the previous tier's is paid
 * `amount` (fen) per covered member a month.
 */
export interface SubsistenceTier {
  gapUpTo: number | null;
  amount: number;
}

export interface RecognitionPolicy {
  /** Monthly subsistence line per person, fen. */
  subsistenceLine: Record<HukouType, number>;
  /** The county's payment tiers in order, or empty where it pays the gap itself. */
  subsistenceTiers: SubsistenceTier[];
  financialAssetsMonths: number;
  nearFinancialAssetsMonths: number;
  realEstateLimit: number;
  vehicleLimit: number;
  businessLimit: number;
  nearSubsistenceMultiple: number;
  rigidExpenditureShare: number;
  rigidIncomeMultiple: number;
  extremePovertyAge: number;
  minorAge: number;
  extremePovertySupportMultiple: number;
  /** Monthly care allowance of extreme-poverty support, fen. */
  careAllowance: Record<CareLevel, number>;
  acceptWorkingDays: number;
  decisionWorkingDays: number;
  decisionWorkingDaysExtended: number;
  noticeDays: number;
  notifyWorkingDays: number;
  reviewMonthsStable: number;
  reviewMonthsAbleToWork: number;
  exitGraceMonths: number;
}

const yuanToFen = (yuan: number) => Math.round(yuan * 100);

const TIER = /^SUBSISTENCE_TIER_(\d+)_(GAP_UP_TO|AMOUNT)$/;

const badTiers = (message: string, region: string, year: number) =>
  new DomainError(ErrorCode.INVALID_INPUT, `Dibao tiers of ${region} in ${year}: ${message}`, { reason: 'BAD_POLICY', year });

/**
 * The dibao tiers of a county and year: its own SUBSISTENCE_TIER_<n>_GAP_UP_TO / _AMOUNT rows, else
 * the city-wide ones, else none. Tiers are numbered from 1 without gaps, every tier has an amount,
 * every tier but the last a gap bound, and bounds rise (a bad set is refused, never half used).
 */
export function subsistenceTiers(rows: readonly PolicyParameterRow[], countyCode: string, year: number): SubsistenceTier[] {
  const tierRows = (region: string) => rows.filter((row) => row.year === year && row.regionCode === region && TIER.test(row.name));
  const county = countyCode.slice(0, 6);
  const own = tierRows(county);
  const region = own.length ? county : CITY_CODE;
  const chosen = own.length ? own : tierRows(CITY_CODE);
  if (!chosen.length) return [];
  const byNumber = new Map<number, { gapUpTo?: number; amount?: number }>();
  for (const row of chosen) {
    const [, number, part] = TIER.exec(row.name)!;
    const value = Number(row.value.toString());
    if (!Number.isFinite(value) || value < 0) throw badTiers(`${row.name} must be a non-negative amount`, region, year);
    const tier = byNumber.get(Number(number)) ?? {};
    if (part === 'AMOUNT') tier.amount = yuanToFen(value);
    else tier.gapUpTo = yuanToFen(value);
    byNumber.set(Number(number), tier);
  }
  const tiers: SubsistenceTier[] = [];
  for (let number = 1; number <= byNumber.size; number++) {
    const tier = byNumber.get(number);
    if (!tier) throw badTiers(`tier ${number} is missing (tiers are numbered 1, 2, 3…)`, region, year);
    if (tier.amount === undefined || tier.amount === 0) throw badTiers(`tier ${number} has no amount`, region, year);
    const last = number === byNumber.size;
    if (!last && tier.gapUpTo === undefined) throw badTiers(`tier ${number} needs a GAP_UP_TO (only the last tier is open)`, region, year);
    if (last && tier.gapUpTo !== undefined) throw badTiers(`the last tier (${number}) is open and has no GAP_UP_TO`, region, year);
    const previous = tiers.at(-1)?.gapUpTo ?? -1;
    if (tier.gapUpTo !== undefined && tier.gapUpTo <= previous) throw badTiers(`tier ${number}'s GAP_UP_TO must be above tier ${number - 1}'s`, region, year);
    tiers.push({ gapUpTo: tier.gapUpTo ?? null, amount: tier.amount });
  }
  return tiers;
}

/**
 * The tier (1-based) for a household whose total monthly gap to the line is `gap` fen over `members`
 * persons: compared as totals, so a per-capita gap exactly at a bound stays in the tier and one fen
 * (per capita) above it moves to the next.
 */
export function tierOf(tiers: readonly SubsistenceTier[], gap: number, members: number): number {
  const index = tiers.findIndex((tier) => tier.gapUpTo === null || gap <= tier.gapUpTo * members);
  return index + 1;
}

/** The recognition policy of a county (6 digits) for a year, from civil affairs' parameter rows. */
export function recognitionPolicy(rows: readonly PolicyParameterRow[], countyCode: string, year: number): RecognitionPolicy {
  const value = (name: string) => policyValue(rows, name, countyCode, year);
  return {
    subsistenceLine: { URBAN: yuanToFen(value('SUBSISTENCE_LINE_URBAN')), RURAL: yuanToFen(value('SUBSISTENCE_LINE_RURAL')) },
    subsistenceTiers: subsistenceTiers(rows, countyCode, year),
    financialAssetsMonths: value('FINANCIAL_ASSETS_MONTHS'),
    nearFinancialAssetsMonths: value('NEAR_FINANCIAL_ASSETS_MONTHS'),
    realEstateLimit: value('REAL_ESTATE_LIMIT'),
    vehicleLimit: value('VEHICLE_LIMIT'),
    businessLimit: value('BUSINESS_LIMIT'),
    nearSubsistenceMultiple: value('NEAR_SUBSISTENCE_MULTIPLE'),
    rigidExpenditureShare: value('RIGID_EXPENDITURE_SHARE'),
    rigidIncomeMultiple: value('RIGID_INCOME_MULTIPLE'),
    extremePovertyAge: value('EXTREME_POVERTY_AGE'),
    minorAge: value('MINOR_AGE'),
    extremePovertySupportMultiple: value('EXTREME_POVERTY_SUPPORT_MULTIPLE'),
    careAllowance: {
      SELF_CARE: yuanToFen(value('CARE_ALLOWANCE_SELF_CARE')),
      PARTIALLY_DISABLED: yuanToFen(value('CARE_ALLOWANCE_PARTIALLY_DISABLED')),
      FULLY_DISABLED: yuanToFen(value('CARE_ALLOWANCE_FULLY_DISABLED')),
    },
    acceptWorkingDays: value('ACCEPT_WORKING_DAYS'),
    decisionWorkingDays: value('DECISION_WORKING_DAYS'),
    decisionWorkingDaysExtended: value('DECISION_WORKING_DAYS_EXTENDED'),
    noticeDays: value('NOTICE_DAYS'),
    notifyWorkingDays: value('NOTIFY_WORKING_DAYS'),
    reviewMonthsStable: value('REVIEW_MONTHS_STABLE'),
    reviewMonthsAbleToWork: value('REVIEW_MONTHS_ABLE_TO_WORK'),
    exitGraceMonths: value('EXIT_GRACE_MONTHS'),
  };
}

export interface AssessedMember {
  idNumber: string;
  /** Whole years on the assessment date. */
  age: number;
  ableToWork: boolean;
  severeDisability: boolean;
  /** Someone legally obliged to support them (法定赡养、抚养、扶养义务人) is able to. */
  hasSupporter: boolean;
  careLevel?: CareLevel | null;
  careInstitution?: string | null;
}

/** An application's evidence, amounts in fen. */
export interface Evidence {
  hukouType: HukouType;
  members: readonly AssessedMember[];
  incomes: readonly { kind: IncomeKind; memberIdNumber?: string | null; monthly: number }[];
  assets: readonly { kind: AssetKind; value: number }[];
  expenditures: readonly { kind: ExpenditureKind; annual: number }[];
  /** A hardship the county government may recognise as 其他困难 (free text); absent when none was claimed. */
  otherHardship?: string | null;
}

export type Outcome = 'QUALIFIES' | 'DOES_NOT_QUALIFY';

/** One holding the decision grants if the case is confirmed. */
export interface ProposedGrant {
  idNumber: string;
  category: AssessedCategory;
  subtype: HoldingSubtype | null;
  /** Yuan, 2 decimals; null where the category is not paid monthly. */
  monthlyAmount: string | null;
  careLevel: CareLevel | null;
  careInstitution: string | null;
}

export interface CategoryResult {
  category: AssessedCategory;
  outcome: Outcome;
  /** Why, in words a family can understand. */
  reason: string;
  /** The household's monthly amount for the category (yuan), where it is paid. */
  monthlyAmount: string | null;
  grants: ProposedGrant[];
}

export interface Assessment {
  perCapitaMonthlyIncome: string;
  subsistenceLine: string;
  results: CategoryResult[];
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export const totalMonthlyIncome = (evidence: Evidence) => sum(evidence.incomes.map((income) => income.monthly));

const countOf = (evidence: Evidence, kind: AssetKind) => evidence.assets.filter((asset) => asset.kind === kind).length;
const financialAssets = (evidence: Evidence) =>
  sum(evidence.assets.filter((asset) => asset.kind === 'DEPOSITS' || asset.kind === 'SECURITIES').map((asset) => asset.value));

/** Why the household's assets exceed the limits (an empty list when they are within them), for a limit of `months` of the line per person. */
export function assetProblems(evidence: Evidence, policy: RecognitionPolicy, months: number): string[] {
  const line = policy.subsistenceLine[evidence.hukouType];
  const n = evidence.members.length;
  const problems: string[] = [];
  const financial = financialAssets(evidence);
  // Compared as totals so a per-person limit is exact to the fen.
  const limit = Math.round(line * months);
  if (financial > limit * n) {
    problems.push(`家庭人均存款和有价证券 ${yuan(Math.round(financial / n))} 元，超过规定的 ${yuan(limit)} 元（低保标准的 ${months} 倍）`);
  }
  const homes = countOf(evidence, 'REAL_ESTATE');
  if (homes > policy.realEstateLimit) problems.push(`家庭有 ${homes} 套房产，超过规定的 ${policy.realEstateLimit} 套`);
  const vehicles = countOf(evidence, 'VEHICLE');
  if (vehicles > policy.vehicleLimit) problems.push(`家庭有 ${vehicles} 辆机动车，超过规定的 ${policy.vehicleLimit} 辆`);
  const businesses = countOf(evidence, 'BUSINESS');
  if (businesses > policy.businessLimit) problems.push(`家庭登记经营 ${businesses} 个企业或个体工商户，超过规定的 ${policy.businessLimit} 个`);
  return problems;
}

/** Extreme-poverty conditions for one member: why they are met, or what is missing. */
export function extremePovertyConditions(member: AssessedMember, ownIncome: number, line: number, policy: RecognitionPolicy): { met: boolean; reason: string } {
  const minor = member.age < policy.minorAge;
  const elderly = member.age >= policy.extremePovertyAge;
  const missing: string[] = [];
  if (!minor && !elderly && !member.severeDisability)
    missing.push(`不是 ${policy.extremePovertyAge} 周岁以上老年人、重度残疾人或未满 ${policy.minorAge} 周岁的未成年人`);
  if (!minor && member.ableToWork) missing.push('有劳动能力');
  if (ownIncome >= line) missing.push(`本人月收入 ${yuan(ownIncome)} 元，不低于低保标准 ${yuan(line)} 元`);
  if (member.hasSupporter) missing.push('有能够履行义务的法定赡养、抚养、扶养义务人');
  if (missing.length) return { met: false, reason: missing.join('；') };
  const who = minor ? '未成年人' : elderly ? '老年人' : '重度残疾人';
  return { met: true, reason: `${who}，无劳动能力、无生活来源，且无法定义务人或义务人无履行能力` };
}

/** Monthly extreme-poverty support of one person: the basic living standard plus the care allowance of their care level. */
export function extremePovertySupport(line: number, careLevel: CareLevel, policy: RecognitionPolicy): number {
  return Math.round(line * policy.extremePovertySupportMultiple) + policy.careAllowance[careLevel];
}

/** A household amount shared out per member in whole fen; the first members take the remainder. */
export function splitAmount(total: number, members: number): number[] {
  const base = Math.floor(total / members);
  const remainder = total - base * members;
  return Array.from({ length: members }, (_, index) => base + (index < remainder ? 1 : 0));
}

/**
 * The household's monthly dibao for a total gap to the line of `gap` fen over `members` persons, of
 * whom `covered` are paid: the county's tier amount per covered member where it uses tiers, else the
 * per-capita gap times the members covered (exact in fen); with each member's share and the words.
 */
export function subsistenceAmount(
  gap: number,
  members: number,
  covered: number,
  tiers: readonly SubsistenceTier[],
): { total: number; shares: number[]; how: string } {
  if (tiers.length) {
    const tier = tierOf(tiers, gap, members);
    const amount = tiers[tier - 1]!.amount;
    return {
      total: amount * covered,
      shares: Array.from({ length: covered }, () => amount),
      how: `按县级分档标准第 ${tier} 档，每人每月 ${yuan(amount)} 元，共 ${yuan(amount * covered)} 元（${covered} 人）`,
    };
  }
  const total = Math.round((gap * covered) / members);
  return { total, shares: splitAmount(total, covered), how: `每月补差 ${yuan(total)} 元（${covered} 人）` };
}

const result = (category: AssessedCategory, outcome: Outcome, reason: string, grants: ProposedGrant[] = [], monthly: number | null = null): CategoryResult => ({
  category,
  outcome,
  reason,
  monthlyAmount: monthly == null ? null : yuan(monthly),
  grants,
});

const plainGrant = (idNumber: string, category: AssessedCategory, amount: number | null = null): ProposedGrant => ({
  idNumber,
  category,
  subtype: null,
  monthlyAmount: amount == null || amount <= 0 ? null : yuan(amount),
  careLevel: null,
  careInstitution: null,
});

/** Every category for one household. The tiers exclude each other: dibao before near-subsistence before rigid expenditure. */
export function assess(evidence: Evidence, policy: RecognitionPolicy): Assessment {
  if (evidence.members.length === 0) throw new RangeError('an assessment needs at least one member');
  const line = policy.subsistenceLine[evidence.hukouType];
  const n = evidence.members.length;
  const income = totalMonthlyIncome(evidence);
  const perCapita = `家庭月人均收入 ${yuan(Math.round(income / n))} 元`;
  const lineText = `本地${evidence.hukouType === 'URBAN' ? '城市' : '农村'}低保标准 ${yuan(line)} 元`;

  // Extreme poverty is personal: it takes the member out of the household's dibao.
  const ownIncome = (idNumber: string) => sum(evidence.incomes.filter((item) => item.memberIdNumber === idNumber).map((item) => item.monthly));
  const saAssets = assetProblems(evidence, policy, policy.financialAssetsMonths);
  const extreme = evidence.members.map((member) => ({ member, ...extremePovertyConditions(member, ownIncome(member.idNumber), line, policy) }));
  const extremeGrants: ProposedGrant[] = saAssets.length
    ? []
    : extreme
        .filter((entry) => entry.met)
        .map(({ member }) => {
          const careLevel = member.careLevel ?? 'SELF_CARE';
          return {
            idNumber: member.idNumber,
            category: 'EXTREME_POVERTY',
            subtype: member.careInstitution ? 'CENTRALIZED' : 'DISPERSED',
            monthlyAmount: yuan(extremePovertySupport(line, careLevel, policy)),
            careLevel,
            careInstitution: member.careInstitution ?? null,
          };
        });
  const extremeResult = extremeGrants.length
    ? result(
        'EXTREME_POVERTY',
        'QUALIFIES',
        extreme
          .filter((entry) => extremeGrants.some((grant) => grant.idNumber === entry.member.idNumber))
          .map(
            (entry) =>
              `${entry.member.idNumber.slice(-4)} 号成员：${entry.reason}，每月基本生活费和照料护理补贴共 ${extremeGrants.find((grant) => grant.idNumber === entry.member.idNumber)!.monthlyAmount} 元`,
          )
          .join('；'),
        extremeGrants,
        sum(extremeGrants.map((grant) => Math.round(Number(grant.monthlyAmount) * 100))),
      )
    : result(
        'EXTREME_POVERTY',
        'DOES_NOT_QUALIFY',
        saAssets.length
          ? `财产不符合规定：${saAssets.join('；')}`
          : extreme.map((entry) => `${entry.member.idNumber.slice(-4)} 号成员${entry.reason}`).join('；'),
      );

  const covered = evidence.members.filter((member) => !extremeGrants.some((grant) => grant.idNumber === member.idNumber));
  const belowLine = income < line * n;
  let subsistence: CategoryResult;
  if (!belowLine) subsistence = result('SUBSISTENCE_ALLOWANCE', 'DOES_NOT_QUALIFY', `${perCapita}，不低于${lineText}`);
  else if (saAssets.length)
    subsistence = result('SUBSISTENCE_ALLOWANCE', 'DOES_NOT_QUALIFY', `${perCapita}，低于${lineText}，但财产不符合规定：${saAssets.join('；')}`);
  else if (covered.length === 0) subsistence = result('SUBSISTENCE_ALLOWANCE', 'DOES_NOT_QUALIFY', '家庭成员均认定为特困人员，不再纳入低保');
  else {
    const { total, shares, how } = subsistenceAmount(line * n - income, n, covered.length, policy.subsistenceTiers);
    subsistence = result(
      'SUBSISTENCE_ALLOWANCE',
      'QUALIFIES',
      `${perCapita}，低于${lineText}，财产符合规定。${how}`,
      covered.map((member, index) => plainGrant(member.idNumber, 'SUBSISTENCE_ALLOWANCE', shares[index]!)),
      total,
    );
  }

  const nearAssets = assetProblems(evidence, policy, policy.nearFinancialAssetsMonths);
  const nearLimit = Math.round(line * policy.nearSubsistenceMultiple);
  const allMembers = (category: AssessedCategory) => evidence.members.map((member) => plainGrant(member.idNumber, category));
  let near: CategoryResult;
  if (subsistence.outcome === 'QUALIFIES') near = result('NEAR_SUBSISTENCE', 'DOES_NOT_QUALIFY', '家庭已符合低保条件，按低保认定');
  else if (income > nearLimit * n)
    near = result(
      'NEAR_SUBSISTENCE',
      'DOES_NOT_QUALIFY',
      `${perCapita}，高于低保边缘标准 ${yuan(nearLimit)} 元（低保标准的 ${policy.nearSubsistenceMultiple} 倍）`,
    );
  else if (nearAssets.length) near = result('NEAR_SUBSISTENCE', 'DOES_NOT_QUALIFY', `财产不符合规定：${nearAssets.join('；')}`);
  else if (covered.length === 0) near = result('NEAR_SUBSISTENCE', 'DOES_NOT_QUALIFY', '家庭成员均认定为特困人员');
  else
    near = result(
      'NEAR_SUBSISTENCE',
      'QUALIFIES',
      `${perCapita}，不超过低保边缘标准 ${yuan(nearLimit)} 元（低保标准的 ${policy.nearSubsistenceMultiple} 倍），财产符合规定`,
      allMembers('NEAR_SUBSISTENCE').filter((grant) => covered.some((member) => member.idNumber === grant.idNumber)),
    );

  const rigid = sum(evidence.expenditures.map((item) => item.annual));
  const annualIncome = income * 12;
  const rigidLimit = Math.round(line * policy.rigidIncomeMultiple);
  const afterRigid = annualIncome - rigid;
  let essential: CategoryResult;
  if (subsistence.outcome === 'QUALIFIES' || near.outcome === 'QUALIFIES')
    essential = result('ESSENTIAL_EXPENDITURE_HARDSHIP', 'DOES_NOT_QUALIFY', `家庭已按${subsistence.outcome === 'QUALIFIES' ? '低保' : '低保边缘'}认定`);
  else if (rigid === 0) essential = result('ESSENTIAL_EXPENDITURE_HARDSHIP', 'DOES_NOT_QUALIFY', '没有申报医疗、教育等刚性支出');
  else if (rigid < annualIncome * policy.rigidExpenditureShare) {
    essential = result(
      'ESSENTIAL_EXPENDITURE_HARDSHIP',
      'DOES_NOT_QUALIFY',
      `年刚性支出 ${yuan(rigid)} 元，未达到家庭年收入 ${yuan(annualIncome)} 元的 ${Math.round(policy.rigidExpenditureShare * 100)}%`,
    );
  } else if (afterRigid > rigidLimit * n * 12) {
    essential = result(
      'ESSENTIAL_EXPENDITURE_HARDSHIP',
      'DOES_NOT_QUALIFY',
      `扣除刚性支出后家庭月人均收入 ${yuan(Math.round(afterRigid / 12 / n))} 元，高于 ${yuan(rigidLimit)} 元（低保标准的 ${policy.rigidIncomeMultiple} 倍）`,
    );
  } else if (nearAssets.length) essential = result('ESSENTIAL_EXPENDITURE_HARDSHIP', 'DOES_NOT_QUALIFY', `财产不符合规定：${nearAssets.join('；')}`);
  else {
    essential = result(
      'ESSENTIAL_EXPENDITURE_HARDSHIP',
      'QUALIFIES',
      `年刚性支出 ${yuan(rigid)} 元，占家庭年收入的比例达到规定，扣除后家庭月人均收入 ${yuan(Math.round(Math.max(afterRigid, 0) / 12 / n))} 元，不超过 ${yuan(rigidLimit)} 元`,
      allMembers('ESSENTIAL_EXPENDITURE_HARDSHIP'),
    );
  }

  const anyOther = [extremeResult, subsistence, near, essential].some((item) => item.outcome === 'QUALIFIES');
  const claim = evidence.otherHardship?.trim();
  const other = !claim
    ? result('OTHER_HARDSHIP', 'DOES_NOT_QUALIFY', '未申报其他困难情形')
    : anyOther
      ? result('OTHER_HARDSHIP', 'DOES_NOT_QUALIFY', '家庭已按其他类别认定')
      : result('OTHER_HARDSHIP', 'QUALIFIES', `申报的困难情形（${claim}）经县级人民政府认定为其他困难人员`, allMembers('OTHER_HARDSHIP'));

  return {
    perCapitaMonthlyIncome: yuan(Math.round(income / n)),
    subsistenceLine: yuan(line),
    results: [subsistence, extremeResult, near, essential, other],
  };
}

/** Every holding a confirmed assessment grants. */
export const proposedGrants = (assessment: Assessment) => assessment.results.flatMap((item) => item.grants);

/** Months to the next review: shorter when a member could work (their income may change). */
export function reviewMonths(category: LowIncomeCategory, anyAbleToWork: boolean, policy: RecognitionPolicy): number {
  if (category === 'EXTREME_POVERTY' || !anyAbleToWork) return policy.reviewMonthsStable;
  return policy.reviewMonthsAbleToWork;
}
