// The assessment of every category, at each boundary: exactly at the line and one fen beyond.

import { codeOf } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  assess,
  assetProblems,
  type Evidence,
  extremePovertySupport,
  proposedGrants,
  recognitionPolicy,
  reviewMonths,
  splitAmount,
  subsistenceTiers,
  tierOf,
} from '../src/domain/assessment.ts';

const ROWS = Object.entries({
  SUBSISTENCE_LINE_URBAN: 720,
  SUBSISTENCE_LINE_RURAL: 500,
  FINANCIAL_ASSETS_MONTHS: 24,
  NEAR_FINANCIAL_ASSETS_MONTHS: 36,
  REAL_ESTATE_LIMIT: 1,
  VEHICLE_LIMIT: 0,
  BUSINESS_LIMIT: 0,
  NEAR_SUBSISTENCE_MULTIPLE: 1.5,
  RIGID_EXPENDITURE_SHARE: 0.5,
  RIGID_INCOME_MULTIPLE: 1.5,
  EXTREME_POVERTY_AGE: 60,
  MINOR_AGE: 16,
  EXTREME_POVERTY_SUPPORT_MULTIPLE: 1.3,
  CARE_ALLOWANCE_SELF_CARE: 100,
  CARE_ALLOWANCE_PARTIALLY_DISABLED: 400,
  CARE_ALLOWANCE_FULLY_DISABLED: 900,
  ACCEPT_WORKING_DAYS: 5,
  DECISION_WORKING_DAYS: 30,
  DECISION_WORKING_DAYS_EXTENDED: 45,
  NOTICE_DAYS: 7,
  NOTIFY_WORKING_DAYS: 3,
  REVIEW_MONTHS_STABLE: 12,
  REVIEW_MONTHS_ABLE_TO_WORK: 6,
  EXIT_GRACE_MONTHS: 6,
}).map(([name, value]) => ({ regionCode: '411200', year: 2026, name, value }));
const policy = recognitionPolicy(ROWS, '411202', 2026);

const member = (idNumber: string, overrides: Partial<Evidence['members'][number]> = {}) => ({
  idNumber,
  age: 45,
  ableToWork: true,
  severeDisability: false,
  hasSupporter: true,
  ...overrides,
});
const A = '411202197001010011';
const B = '411202197201010022';

/** Two urban members with a household income in fen. */
const evidence = (incomeFen: number, overrides: Partial<Evidence> = {}): Evidence => ({
  hukouType: 'URBAN',
  members: [member(A), member(B)],
  incomes: [{ kind: 'WAGES', memberIdNumber: A, monthly: incomeFen }],
  assets: [],
  expenditures: [],
  ...overrides,
});
const outcome = (e: Evidence, category: string) => assess(e, policy).results.find((r) => r.category === category)!;

describe('policy', () => {
  it('reads the county’s row before the city-wide one and refuses a year without parameters', () => {
    const county = recognitionPolicy([...ROWS, { regionCode: '411282', year: 2026, name: 'SUBSISTENCE_LINE_URBAN', value: '750' }], '411282', 2026);
    expect(county.subsistenceLine).toEqual({ URBAN: 75000, RURAL: 50000 });
    expect(codeOf(() => recognitionPolicy(ROWS, '411202', 2024))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_POLICY' });
  });
});

describe('subsistence allowance (低保)', () => {
  it('qualifies one fen below the line and pays the gap for every member', () => {
    const result = outcome(evidence(2 * 72000 - 1), 'SUBSISTENCE_ALLOWANCE');
    expect(result).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: '0.01' });
    expect(result.grants.map((g) => g.monthlyAmount)).toEqual(['0.01', null]);
  });

  it('does not qualify exactly at the line or one fen above', () => {
    expect(outcome(evidence(2 * 72000), 'SUBSISTENCE_ALLOWANCE')).toMatchObject({ outcome: 'DOES_NOT_QUALIFY' });
    expect(outcome(evidence(2 * 72000), 'SUBSISTENCE_ALLOWANCE').reason).toContain('不低于本地城市低保标准 720.00 元');
    expect(outcome(evidence(2 * 72000 + 1), 'SUBSISTENCE_ALLOWANCE').outcome).toBe('DOES_NOT_QUALIFY');
  });

  it('pays the gap between the line and the per-capita income, split per member in whole fen', () => {
    const result = outcome(evidence(60000), 'SUBSISTENCE_ALLOWANCE');
    expect(result).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: '840.00' });
    expect(result.grants).toEqual([
      { idNumber: A, category: 'SUBSISTENCE_ALLOWANCE', subtype: null, monthlyAmount: '420.00', careLevel: null, careInstitution: null },
      { idNumber: B, category: 'SUBSISTENCE_ALLOWANCE', subtype: null, monthlyAmount: '420.00', careLevel: null, careInstitution: null },
    ]);
    expect(result.reason).toBe('家庭月人均收入 300.00 元，低于本地城市低保标准 720.00 元，财产符合规定。每月补差 840.00 元（2 人）');
    expect(splitAmount(1001, 3)).toEqual([334, 334, 333]);
  });

  it('uses the rural line for a rural household', () => {
    expect(outcome(evidence(2 * 50000 - 1, { hukouType: 'RURAL' }), 'SUBSISTENCE_ALLOWANCE').outcome).toBe('QUALIFIES');
    expect(outcome(evidence(2 * 50000, { hukouType: 'RURAL' }), 'SUBSISTENCE_ALLOWANCE').outcome).toBe('DOES_NOT_QUALIFY');
  });

  it('holds financial assets to 24 months of the line per person: at the limit qualifies, one fen above does not', () => {
    const limit = 2 * 24 * 72000;
    const at = evidence(0, {
      assets: [
        { kind: 'DEPOSITS', value: limit - 100 },
        { kind: 'SECURITIES', value: 100 },
      ],
    });
    expect(outcome(at, 'SUBSISTENCE_ALLOWANCE').outcome).toBe('QUALIFIES');
    const above = evidence(0, { assets: [{ kind: 'DEPOSITS', value: limit + 1 }] });
    expect(outcome(above, 'SUBSISTENCE_ALLOWANCE')).toMatchObject({ outcome: 'DOES_NOT_QUALIFY' });
    expect(outcome(above, 'SUBSISTENCE_ALLOWANCE').reason).toContain('超过规定的 17280.00 元（低保标准的 24 倍）');
    // Within the near-subsistence asset limit, so the household is near-subsistence instead.
    expect(outcome(above, 'NEAR_SUBSISTENCE').outcome).toBe('QUALIFIES');
  });

  it('counts homes, vehicles and businesses against their limits', () => {
    expect(assetProblems(evidence(0, { assets: [{ kind: 'REAL_ESTATE', value: 1 }] }), policy, 24)).toEqual([]);
    expect(
      assetProblems(
        evidence(0, {
          assets: [
            { kind: 'REAL_ESTATE', value: 1 },
            { kind: 'REAL_ESTATE', value: 1 },
          ],
        }),
        policy,
        24,
      ),
    ).toEqual(['家庭有 2 套房产，超过规定的 1 套']);
    expect(assetProblems(evidence(0, { assets: [{ kind: 'VEHICLE', value: 1 }] }), policy, 24)).toEqual(['家庭有 1 辆机动车，超过规定的 0 辆']);
    expect(assetProblems(evidence(0, { assets: [{ kind: 'BUSINESS', value: 0 }] }), policy, 24)).toEqual([
      '家庭登记经营 1 个企业或个体工商户，超过规定的 0 个',
    ]);
    expect(outcome(evidence(0, { assets: [{ kind: 'VEHICLE', value: 1 }] }), 'SUBSISTENCE_ALLOWANCE').outcome).toBe('DOES_NOT_QUALIFY');
  });
});

describe('near subsistence (低保边缘)', () => {
  it('qualifies from the line up to exactly 1.5 times it, and not one fen above', () => {
    expect(outcome(evidence(2 * 72000), 'NEAR_SUBSISTENCE')).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: null });
    expect(outcome(evidence(2 * 108000), 'NEAR_SUBSISTENCE').outcome).toBe('QUALIFIES');
    const above = outcome(evidence(2 * 108000 + 1), 'NEAR_SUBSISTENCE');
    expect(above.outcome).toBe('DOES_NOT_QUALIFY');
    expect(above.reason).toContain('高于低保边缘标准 1080.00 元（低保标准的 1.5 倍）');
  });

  it('is not granted to a household that qualifies for dibao', () => {
    expect(outcome(evidence(0), 'NEAR_SUBSISTENCE')).toMatchObject({ outcome: 'DOES_NOT_QUALIFY', reason: '家庭已符合低保条件，按低保认定' });
  });

  it('holds financial assets to 36 months of the line per person', () => {
    const limit = 2 * 36 * 72000;
    expect(outcome(evidence(2 * 80000, { assets: [{ kind: 'DEPOSITS', value: limit }] }), 'NEAR_SUBSISTENCE').outcome).toBe('QUALIFIES');
    expect(outcome(evidence(2 * 80000, { assets: [{ kind: 'DEPOSITS', value: limit + 1 }] }), 'NEAR_SUBSISTENCE').outcome).toBe('DOES_NOT_QUALIFY');
  });
});

describe('essential expenditure hardship (刚性支出困难)', () => {
  // Per capita 1200 yuan: above the near band. Rigid spending must be ≥ 50% of the yearly income
  // and leave at most 1080 yuan per person per month.
  const income = 2 * 120000;
  const yearly = income * 12;
  it('qualifies when spending is exactly half the income and leaves at most 1.5 times the line', () => {
    const result = outcome(evidence(income, { expenditures: [{ kind: 'MEDICAL', annual: yearly / 2 }] }), 'ESSENTIAL_EXPENDITURE_HARDSHIP');
    expect(result.outcome).toBe('QUALIFIES');
    expect(result.grants.map((g) => g.idNumber)).toEqual([A, B]);
  });

  it('does not qualify one fen below the share', () => {
    const result = outcome(evidence(income, { expenditures: [{ kind: 'MEDICAL', annual: yearly / 2 - 1 }] }), 'ESSENTIAL_EXPENDITURE_HARDSHIP');
    expect(result.outcome).toBe('DOES_NOT_QUALIFY');
    expect(result.reason).toContain('未达到家庭年收入 28800.00 元的 50%');
  });

  it('qualifies when what is left is exactly 1.5 times the line, not one fen above', () => {
    // Higher income: 2400 yuan per person; after spending, 1080 per person per month is left at most.
    const high = 2 * 240000;
    const leaveExactly = high * 12 - 2 * 108000 * 12;
    expect(outcome(evidence(high, { expenditures: [{ kind: 'EDUCATION', annual: leaveExactly }] }), 'ESSENTIAL_EXPENDITURE_HARDSHIP').outcome).toBe(
      'QUALIFIES',
    );
    const result = outcome(evidence(high, { expenditures: [{ kind: 'EDUCATION', annual: leaveExactly - 1 }] }), 'ESSENTIAL_EXPENDITURE_HARDSHIP');
    expect(result.outcome).toBe('DOES_NOT_QUALIFY');
    expect(result.reason).toContain('高于 1080.00 元（低保标准的 1.5 倍）');
  });

  it('is not granted without rigid spending or to a household of a lower tier', () => {
    expect(outcome(evidence(income), 'ESSENTIAL_EXPENDITURE_HARDSHIP').reason).toBe('没有申报医疗、教育等刚性支出');
    expect(outcome(evidence(0, { expenditures: [{ kind: 'MEDICAL', annual: 100000 }] }), 'ESSENTIAL_EXPENDITURE_HARDSHIP').reason).toBe('家庭已按低保认定');
  });
});

describe('extreme poverty (特困)', () => {
  const alone = (overrides: Partial<Evidence['members'][number]>, incomeFen = 0): Evidence => ({
    hukouType: 'URBAN',
    members: [member(A, { age: 70, ableToWork: false, hasSupporter: false, ...overrides })],
    incomes: incomeFen ? [{ kind: 'PENSION', memberIdNumber: A, monthly: incomeFen }] : [],
    assets: [],
    expenditures: [],
  });

  it('recognises an elderly person with no ability to work, no income and no supporter, dispersed, with the care allowance of the care level', () => {
    const result = outcome(alone({ careLevel: 'PARTIALLY_DISABLED' }), 'EXTREME_POVERTY');
    expect(result.outcome).toBe('QUALIFIES');
    // 720 × 1.3 = 936 basic living standard + 400 care allowance.
    expect(result.grants).toEqual([
      { idNumber: A, category: 'EXTREME_POVERTY', subtype: 'DISPERSED', monthlyAmount: '1336.00', careLevel: 'PARTIALLY_DISABLED', careInstitution: null },
    ]);
    expect(extremePovertySupport(72000, 'FULLY_DISABLED', policy)).toBe(93600 + 90000);
    // Not also dibao: the categories exclude each other.
    expect(outcome(alone({}), 'SUBSISTENCE_ALLOWANCE')).toMatchObject({ outcome: 'DOES_NOT_QUALIFY', reason: '家庭成员均认定为特困人员，不再纳入低保' });
  });

  it('supports in a care institution as CENTRALIZED, self-care by default', () => {
    expect(outcome(alone({ careInstitution: '湖滨区敬老院' }), 'EXTREME_POVERTY').grants[0]).toMatchObject({
      subtype: 'CENTRALIZED',
      careLevel: 'SELF_CARE',
      careInstitution: '湖滨区敬老院',
      monthlyAmount: '1036.00',
    });
  });

  it('takes age 60 and age under 16 at the boundary', () => {
    expect(outcome(alone({ age: 60 }), 'EXTREME_POVERTY').outcome).toBe('QUALIFIES');
    expect(outcome(alone({ age: 59 }), 'EXTREME_POVERTY').outcome).toBe('DOES_NOT_QUALIFY');
    expect(outcome(alone({ age: 15, ableToWork: true }), 'EXTREME_POVERTY').outcome).toBe('QUALIFIES');
    expect(outcome(alone({ age: 16 }), 'EXTREME_POVERTY').outcome).toBe('DOES_NOT_QUALIFY');
    expect(outcome(alone({ age: 40, severeDisability: true }), 'EXTREME_POVERTY').outcome).toBe('QUALIFIES');
  });

  it('needs no supporter, no ability to work and an own income below the line: one fen below qualifies, at the line does not', () => {
    expect(outcome(alone({ hasSupporter: true }), 'EXTREME_POVERTY').reason).toContain('有能够履行义务的法定赡养、抚养、扶养义务人');
    expect(outcome(alone({ ableToWork: true }), 'EXTREME_POVERTY').reason).toContain('有劳动能力');
    expect(outcome(alone({}, 72000 - 1), 'EXTREME_POVERTY').outcome).toBe('QUALIFIES');
    const atLine = outcome(alone({}, 72000), 'EXTREME_POVERTY');
    expect(atLine.outcome).toBe('DOES_NOT_QUALIFY');
    expect(atLine.reason).toContain('本人月收入 720.00 元，不低于低保标准 720.00 元');
  });

  it('leaves the other members of the household to dibao', () => {
    const e: Evidence = { ...evidence(0), members: [member(A, { age: 75, ableToWork: false, hasSupporter: false }), member(B)] };
    const grants = proposedGrants(assess(e, policy));
    expect(grants.map((g) => [g.idNumber, g.category])).toEqual([
      [B, 'SUBSISTENCE_ALLOWANCE'],
      [A, 'EXTREME_POVERTY'],
    ]);
    // The per-capita gap (720) for the one member covered.
    expect(grants[0]!.monthlyAmount).toBe('720.00');
  });
});

describe('other hardship (其他困难)', () => {
  it('qualifies a stated hardship only when no other category does', () => {
    expect(outcome(evidence(2 * 200000, { otherHardship: '突发火灾，房屋损毁' }), 'OTHER_HARDSHIP')).toMatchObject({ outcome: 'QUALIFIES' });
    expect(outcome(evidence(0, { otherHardship: '突发火灾' }), 'OTHER_HARDSHIP')).toMatchObject({
      outcome: 'DOES_NOT_QUALIFY',
      reason: '家庭已按其他类别认定',
    });
    expect(outcome(evidence(2 * 200000), 'OTHER_HARDSHIP').reason).toBe('未申报其他困难情形');
  });
});

describe('review interval', () => {
  it('reviews extreme poverty and households without anyone able to work yearly, others every six months', () => {
    expect(reviewMonths('EXTREME_POVERTY', true, policy)).toBe(12);
    expect(reviewMonths('SUBSISTENCE_ALLOWANCE', false, policy)).toBe(12);
    expect(reviewMonths('SUBSISTENCE_ALLOWANCE', true, policy)).toBe(6);
  });
});

describe('county dibao tiers (分档发放)', () => {
  // 411282 pays by tier: a per-capita gap up to 200 yuan gets 200, up to 400 gets 400, more gets 600.
  const TIER_ROWS = Object.entries({
    SUBSISTENCE_TIER_1_GAP_UP_TO: 200,
    SUBSISTENCE_TIER_1_AMOUNT: 200,
    SUBSISTENCE_TIER_2_GAP_UP_TO: 400,
    SUBSISTENCE_TIER_2_AMOUNT: 400,
    SUBSISTENCE_TIER_3_AMOUNT: 600,
  }).map(([name, value]) => ({ regionCode: '411282', year: 2026, name, value }));
  const tiered = recognitionPolicy([...ROWS, ...TIER_ROWS], '411282', 2026);
  const tieredOutcome = (e: Evidence) => assess(e, tiered).results.find((r) => r.category === 'SUBSISTENCE_ALLOWANCE')!;

  it('reads the county’s tiers, and none where neither the county nor the city has any', () => {
    expect(tiered.subsistenceTiers).toEqual([
      { gapUpTo: 20000, amount: 20000 },
      { gapUpTo: 40000, amount: 40000 },
      { gapUpTo: null, amount: 60000 },
    ]);
    expect(recognitionPolicy([...ROWS, ...TIER_ROWS], '411202', 2026).subsistenceTiers).toEqual([]);
    expect(recognitionPolicy([...ROWS, ...TIER_ROWS.map((row) => ({ ...row, regionCode: '411200' }))], '411202', 2026).subsistenceTiers).toHaveLength(3);
  });

  it('keeps a per-capita gap exactly at a tier edge in the tier, and moves one fen above it to the next', () => {
    // Two members: a per-capita gap of exactly 200.00 yuan is a household gap of 400.00.
    expect(tierOf(tiered.subsistenceTiers, 2 * 20000, 2)).toBe(1);
    expect(tierOf(tiered.subsistenceTiers, 2 * 20000 + 2, 2)).toBe(2);
    expect(tierOf(tiered.subsistenceTiers, 2 * 40000, 2)).toBe(2);
    expect(tierOf(tiered.subsistenceTiers, 2 * 40000 + 2, 2)).toBe(3);
    expect(tierOf(tiered.subsistenceTiers, 1, 2)).toBe(1);
  });

  it('pays the tier amount per covered member instead of the gap', () => {
    // Line 720: income 1040 for two is a per-capita gap of exactly 200.00.
    const atEdge = tieredOutcome(evidence(104000));
    expect(atEdge).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: '400.00' });
    expect(atEdge.grants.map((g) => g.monthlyAmount)).toEqual(['200.00', '200.00']);
    expect(atEdge.reason).toContain('按县级分档标准第 1 档，每人每月 200.00 元');
    // One fen less income per person: the per-capita gap is one fen above the edge.
    const above = tieredOutcome(evidence(104000 - 2));
    expect(above).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: '800.00' });
    expect(above.grants.map((g) => g.monthlyAmount)).toEqual(['400.00', '400.00']);
    expect(tieredOutcome(evidence(0))).toMatchObject({ monthlyAmount: '1200.00' });
    // The line itself still decides who qualifies: exactly at it does not, one fen below does (tier 1).
    expect(tieredOutcome(evidence(2 * 72000)).outcome).toBe('DOES_NOT_QUALIFY');
    expect(tieredOutcome(evidence(2 * 72000 - 1))).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: '400.00' });
  });

  it('pays only the members dibao covers when another is recognised as extremely poor', () => {
    const e = evidence(0, { members: [member(A, { age: 70, ableToWork: false, hasSupporter: false }), member(B)], incomes: [] });
    const result = tieredOutcome(e);
    expect(result.grants).toEqual([expect.objectContaining({ idNumber: B, monthlyAmount: '600.00' })]);
    expect(result.monthlyAmount).toBe('600.00');
  });

  it('refuses a tier set with a hole, a missing amount, an unbounded middle tier or bounds that do not rise', () => {
    const bad = (rows: Record<string, number>) =>
      codeOf(() =>
        subsistenceTiers(
          Object.entries(rows).map(([name, value]) => ({ regionCode: '411282', year: 2026, name, value })),
          '411282',
          2026,
        ),
      );
    expect(bad({ SUBSISTENCE_TIER_1_GAP_UP_TO: 200, SUBSISTENCE_TIER_1_AMOUNT: 200, SUBSISTENCE_TIER_3_AMOUNT: 600 })).toMatchObject({
      code: 'INVALID_INPUT',
      reason: 'BAD_POLICY',
    });
    expect(bad({ SUBSISTENCE_TIER_1_GAP_UP_TO: 200, SUBSISTENCE_TIER_2_AMOUNT: 600 })).toMatchObject({ reason: 'BAD_POLICY' });
    expect(bad({ SUBSISTENCE_TIER_1_AMOUNT: 200, SUBSISTENCE_TIER_2_AMOUNT: 600 })).toMatchObject({ reason: 'BAD_POLICY' });
    expect(
      bad({
        SUBSISTENCE_TIER_1_GAP_UP_TO: 400,
        SUBSISTENCE_TIER_1_AMOUNT: 200,
        SUBSISTENCE_TIER_2_GAP_UP_TO: 400,
        SUBSISTENCE_TIER_2_AMOUNT: 400,
        SUBSISTENCE_TIER_3_AMOUNT: 600,
      }),
    ).toMatchObject({ reason: 'BAD_POLICY' });
    expect(
      bad({ SUBSISTENCE_TIER_1_GAP_UP_TO: 200, SUBSISTENCE_TIER_1_AMOUNT: 200, SUBSISTENCE_TIER_2_GAP_UP_TO: 300, SUBSISTENCE_TIER_2_AMOUNT: 600 }),
    ).toMatchObject({ reason: 'BAD_POLICY' });
  });
});
