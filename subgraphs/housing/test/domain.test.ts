import { makeIdNumber } from '@lip/shared/id-number';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkAssessment, isUnsafe, latestAssessment } from '../src/domain/assessment.ts';
import { addMonths, checkMembers, checkPeriod, checkRegion, checkText, personsOf, today } from '../src/domain/common.ts';
import { ruralRenovationEntitlement, urbanHousingEntitlement } from '../src/domain/entitlements.ts';
import { checkAdvance, checkApprovalGrade, checkNoOpenCase, checkReject, NEXT } from '../src/domain/renovation.ts';
import { checkEnd, checkNoOverlap, checkPublicRental, checkRentSubsidy, isCurrent, overlaps, urbanStatus } from '../src/domain/urban.ts';

const id = (sequence: number) => makeIdNumber({ areaCode: '411224', birthDate: '1968-04-02', sequence });
const TODAY = day('2026-06-15');

describe('common validation', () => {
  it('takes today as the calendar date in China (UTC+8), held at UTC midnight', () => {
    expect(today(new Date('2026-06-15T15:59:59.000Z')).toISOString()).toBe('2026-06-15T00:00:00.000Z');
    expect(today(new Date('2026-06-15T16:00:00.000Z')).toISOString()).toBe('2026-06-16T00:00:00.000Z');
  });

  it('adds months, rolling a missing day back to the month end', () => {
    expect(addMonths(day('2024-01-31'), 1).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(addMonths(day('2024-03-15'), 12).toISOString().slice(0, 10)).toBe('2025-03-15');
  });

  it('trims text and bounds its length', () => {
    expect(checkText('assessor', '  卢氏县住建局 ')).toBe('卢氏县住建局');
    expect(codeOf(() => checkText('assessor', ' x '))).toMatchObject({ code: 'INVALID_INPUT', field: 'assessor' });
    expect(codeOf(() => checkText('reason', 'x'.repeat(501), { max: 500 }))).toMatchObject({ field: 'reason' });
  });

  it('refuses a period that ends before it starts', () => {
    expect(codeOf(() => checkPeriod(day('2024-05-01'), day('2024-04-30')))).toMatchObject({ code: 'INVALID_INPUT', field: 'endDate' });
    expect(codeOf(() => checkPeriod(day('2024-05-01'), day('2024-05-01')))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkPeriod(day('2024-05-01'), null))).toEqual({ code: 'NONE' });
  });

  it('checks region codes by level, inside Sanmenxia only', () => {
    expect(checkRegion('411224', 'COUNTY').level).toBe('COUNTY');
    expect(codeOf(() => checkRegion('411224', 'VILLAGE'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' });
    expect(codeOf(() => checkRegion('410102', 'COUNTY'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'OUTSIDE_SANMENXIA' });
    expect(codeOf(() => checkRegion('41122x', 'COUNTY'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'NOT_NUMERIC' });
  });

  it('checks the household members a record covers', () => {
    expect(checkMembers(id(1), [id(3), id(5)])).toEqual([id(3), id(5)]);
    expect(checkMembers(id(1), null)).toEqual([]);
    expect(codeOf(() => checkMembers(id(1), [id(1)]))).toMatchObject({ code: 'INVALID_INPUT', field: 'memberIdNumbers' });
    expect(codeOf(() => checkMembers(id(1), [id(3), id(3)]))).toMatchObject({ field: 'memberIdNumbers' });
    expect(
      codeOf(() =>
        checkMembers(
          id(1),
          Array.from({ length: 21 }, (_, i) => id(2 * i + 3)),
        ),
      ),
    ).toMatchObject({ field: 'memberIdNumbers' });
    expect(personsOf({ personIdNumber: id(1), memberIdNumbers: [id(3)] })).toEqual([id(1), id(3)]);
  });
});

describe('dwelling assessments', () => {
  const a = (grade: 'A' | 'B' | 'C' | 'D' | 'NO_HOUSE', assessedOn: string, createdAt = `${assessedOn}T02:00:00.000Z`) => ({
    id: `${grade}-${assessedOn}-${createdAt}`,
    grade,
    assessedOn: day(assessedOn),
    createdAt: new Date(createdAt),
  });

  it('counts the latest by date, then the most recently recorded', () => {
    expect(latestAssessment([])).toBeNull();
    expect(latestAssessment([a('D', '2022-03-01'), a('B', '2024-05-01'), a('C', '2023-01-01')])?.grade).toBe('B');
    expect(latestAssessment([a('B', '2024-05-01', '2024-05-02T01:00:00Z'), a('D', '2024-05-01', '2024-05-03T01:00:00Z')])?.grade).toBe('D');
  });

  it('treats C, D and NO_HOUSE as unsafe', () => {
    expect((['A', 'B', 'C', 'D', 'NO_HOUSE'] as const).map(isUnsafe)).toEqual([false, false, true, true, true]);
  });

  it('refuses a future date, a date before 2000 and a missing assessor', () => {
    expect(checkAssessment({ assessedOn: TODAY, assessor: ' 卢氏县住房和城乡建设局 ' }, TODAY)).toEqual({ assessor: '卢氏县住房和城乡建设局' });
    expect(codeOf(() => checkAssessment({ assessedOn: day('2026-06-16'), assessor: '住建局' }, TODAY))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'assessedOn',
    });
    expect(codeOf(() => checkAssessment({ assessedOn: day('1999-12-31'), assessor: '住建局' }, TODAY))).toMatchObject({ field: 'assessedOn' });
    expect(codeOf(() => checkAssessment({ assessedOn: TODAY, assessor: ' ' }, TODAY))).toMatchObject({ field: 'assessor' });
  });
});

describe('urban housing periods', () => {
  const open = { startDate: day('2024-01-01'), endDate: null };
  const year2025 = { startDate: day('2025-01-01'), endDate: day('2025-12-31') };

  it('detects overlaps with inclusive ends and open-ended tenancies', () => {
    expect(overlaps(open, year2025)).toBe(true);
    expect(overlaps({ startDate: day('2024-01-01'), endDate: day('2024-12-31') }, year2025)).toBe(false);
    expect(overlaps({ startDate: day('2024-01-01'), endDate: day('2025-01-01') }, year2025)).toBe(true);
  });

  it('tells current, upcoming and ended records apart', () => {
    expect(isCurrent(year2025, day('2025-12-31'))).toBe(true);
    expect(urbanStatus(year2025, day('2024-12-31'))).toBe('UPCOMING');
    expect(urbanStatus(year2025, day('2025-06-01'))).toBe('CURRENT');
    expect(urbanStatus(year2025, day('2026-01-01'))).toBe('ENDED');
    expect(urbanStatus(open, day('2030-01-01'))).toBe('CURRENT');
  });

  it('validates a public-rental tenancy', () => {
    expect(checkPublicRental({ unit: ' 阳光苑公租房 3-2-501 ', startDate: day('2026-07-01') }, TODAY)).toEqual({ unit: '阳光苑公租房 3-2-501' });
    expect(codeOf(() => checkPublicRental({ unit: '', startDate: TODAY }, TODAY))).toMatchObject({ field: 'unit' });
    expect(codeOf(() => checkPublicRental({ unit: '阳光苑', startDate: day('2027-07-01') }, TODAY))).toMatchObject({ field: 'startDate' });
    expect(codeOf(() => checkPublicRental({ unit: '阳光苑', startDate: TODAY, endDate: day('2026-06-14') }, TODAY))).toMatchObject({ field: 'endDate' });
  });

  it('validates a rent subsidy against the policy limits', () => {
    const limits = { monthlyMax: 600, maxMonths: 12 };
    const subsidy = { monthlyAmount: '600', startDate: day('2026-01-01'), endDate: day('2026-12-31') };
    expect(checkRentSubsidy(subsidy, limits, TODAY)).toEqual({ monthlyAmount: '600.00' });
    expect(codeOf(() => checkRentSubsidy({ ...subsidy, monthlyAmount: '0' }, limits, TODAY))).toMatchObject({ code: 'INVALID_INPUT', field: 'monthlyAmount' });
    expect(codeOf(() => checkRentSubsidy({ ...subsidy, monthlyAmount: '-10.5' }, limits, TODAY))).toMatchObject({ field: 'monthlyAmount' });
    expect(codeOf(() => checkRentSubsidy({ ...subsidy, monthlyAmount: '600.01' }, limits, TODAY))).toMatchObject({
      field: 'monthlyAmount',
      maximum: '600.00',
    });
    expect(codeOf(() => checkRentSubsidy({ ...subsidy, endDate: day('2027-01-01') }, limits, TODAY))).toMatchObject({ field: 'endDate' });
    expect(codeOf(() => checkRentSubsidy({ ...subsidy, endDate: day('2025-12-31') }, limits, TODAY))).toMatchObject({ field: 'endDate' });
  });

  it('refuses a period overlapping an existing record', () => {
    const existing = [{ id: 'r1', kind: 'PUBLIC_RENTAL' as const, ...open }];
    expect(codeOf(() => checkNoOverlap(year2025, existing))).toMatchObject({ code: 'CONFLICT', reason: 'OVERLAPPING_ASSISTANCE', recordId: 'r1' });
    expect(codeOf(() => checkNoOverlap({ startDate: day('2023-01-01'), endDate: day('2023-12-31') }, existing))).toEqual({ code: 'NONE' });
  });

  it('ends a record of the right kind within its period, once', () => {
    const rental = { id: 'r1', kind: 'PUBLIC_RENTAL' as const, endReason: null, ...open };
    const subsidy = { id: 'r2', kind: 'RENT_SUBSIDY' as const, endReason: null, startDate: day('2026-01-01'), endDate: day('2026-12-31') };
    expect(codeOf(() => checkEnd(rental, 'PUBLIC_RENTAL', TODAY, TODAY))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkEnd(rental, 'RENT_SUBSIDY', TODAY, TODAY))).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_KIND' });
    expect(codeOf(() => checkEnd({ ...rental, endReason: '退出' }, 'PUBLIC_RENTAL', TODAY, TODAY))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(codeOf(() => checkEnd({ ...subsidy, endDate: day('2026-05-31') }, 'RENT_SUBSIDY', TODAY, TODAY))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(codeOf(() => checkEnd(subsidy, 'RENT_SUBSIDY', day('2025-12-31'), TODAY))).toMatchObject({ code: 'INVALID_INPUT', field: 'endDate' });
    expect(codeOf(() => checkEnd(subsidy, 'RENT_SUBSIDY', day('2027-01-31'), TODAY))).toMatchObject({ code: 'INVALID_INPUT', field: 'endDate' });
  });
});

describe('renovation case state machine', () => {
  it('advances one step at a time', () => {
    expect(checkAdvance('APPLIED', 'VILLAGE_REVIEWED')).toBe('VILLAGE_REVIEWED');
    expect(checkAdvance('VILLAGE_REVIEWED', 'TOWNSHIP_REVIEWED')).toBe('TOWNSHIP_REVIEWED');
    expect(checkAdvance('TOWNSHIP_REVIEWED', 'COUNTY_APPROVED')).toBe('COUNTY_APPROVED');
    expect(checkAdvance('COUNTY_APPROVED', 'COMPLETED')).toBe('COMPLETED');
    expect(NEXT.COMPLETED).toBeNull();
  });

  it('never skips, goes back, repeats or moves a closed case', () => {
    expect(codeOf(() => checkAdvance('APPLIED', 'TOWNSHIP_REVIEWED'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'APPLIED', to: 'TOWNSHIP_REVIEWED' });
    expect(codeOf(() => checkAdvance('APPLIED', 'COMPLETED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(codeOf(() => checkAdvance('TOWNSHIP_REVIEWED', 'VILLAGE_REVIEWED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(codeOf(() => checkAdvance('APPLIED', 'APPLIED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(codeOf(() => checkAdvance('COMPLETED', 'REJECTED'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'COMPLETED' });
    expect(codeOf(() => checkAdvance('REJECTED', 'VILLAGE_REVIEWED'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'REJECTED' });
    expect(codeOf(() => checkAdvance('APPLIED', 'REJECTED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('rejects from any open step only', () => {
    for (const status of ['APPLIED', 'VILLAGE_REVIEWED', 'TOWNSHIP_REVIEWED', 'COUNTY_APPROVED'] as const) expect(checkReject(status)).toBe('REJECTED');
    expect(codeOf(() => checkReject('COMPLETED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(codeOf(() => checkReject('REJECTED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('approves at county level only an unsafe latest grade, naming the subsidy parameter', () => {
    expect(checkApprovalGrade({ id: 'a', grade: 'C' })).toBe('RURAL_RENOVATION_SUBSIDY_C');
    expect(checkApprovalGrade({ id: 'a', grade: 'D' })).toBe('RURAL_RENOVATION_SUBSIDY_D');
    expect(checkApprovalGrade({ id: 'a', grade: 'NO_HOUSE' })).toBe('RURAL_RENOVATION_SUBSIDY_NO_HOUSE');
    expect(codeOf(() => checkApprovalGrade({ id: 'a', grade: 'B' }))).toMatchObject({ code: 'CONFLICT', reason: 'DWELLING_NOT_UNSAFE', grade: 'B' });
    expect(codeOf(() => checkApprovalGrade(null))).toMatchObject({ code: 'CONFLICT', reason: 'NO_ASSESSMENT' });
  });

  it('allows one open case per person', () => {
    expect(
      codeOf(() =>
        checkNoOpenCase([
          { id: 'c1', status: 'COMPLETED' },
          { id: 'c2', status: 'REJECTED' },
        ]),
      ),
    ).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkNoOpenCase([{ id: 'c3', status: 'COUNTY_APPROVED' }]))).toMatchObject({
      code: 'CONFLICT',
      reason: 'OPEN_CASE_EXISTS',
      caseId: 'c3',
    });
  });
});

describe('entitlements', () => {
  const urban = (categories: string[] | null, extra: object = {}) =>
    ({ activeCategories: categories, hukouType: 'URBAN', extremePovertySupport: null, ...extra }) as never;
  const rural = (categories: string[] | null, extra: object = {}) => ({ ...(urban(categories, extra) as object), hukouType: 'RURAL', ...extra }) as never;
  const tenancy = { id: 'u1', kind: 'PUBLIC_RENTAL' as const, startDate: day('2024-01-01'), endDate: null };
  const expired = { id: 'u2', kind: 'RENT_SUBSIDY' as const, startDate: day('2025-01-01'), endDate: day('2025-12-31') };
  const unsafe = { grade: 'D' as const, assessedOn: day('2024-03-01') };

  it('URBAN_HOUSING: urban dibao, dispersed extreme poverty, near-subsistence, essential-expenditure hardship', () => {
    for (const category of ['SUBSISTENCE_ALLOWANCE', 'NEAR_SUBSISTENCE', 'ESSENTIAL_EXPENDITURE_HARDSHIP']) {
      expect(urbanHousingEntitlement(urban([category]), [tenancy], TODAY)).toMatchObject({ program: 'URBAN_HOUSING', status: 'ENTITLED_COVERED' });
    }
    expect(urbanHousingEntitlement(urban(['EXTREME_POVERTY'], { extremePovertySupport: 'DISPERSED' }), [], TODAY)).toMatchObject({
      status: 'ENTITLED_MISSING',
    });
  });

  it('URBAN_HOUSING: covered only by a record current today', () => {
    const missing = urbanHousingEntitlement(urban(['SUBSISTENCE_ALLOWANCE']), [expired], TODAY);
    expect(missing).toMatchObject({ status: 'ENTITLED_MISSING' });
    expect(missing.reason).toContain('no public-rental tenancy or rent subsidy current today');
    expect(urbanHousingEntitlement(urban(['SUBSISTENCE_ALLOWANCE']), [expired], day('2025-06-01')).status).toBe('ENTITLED_COVERED');
  });

  it('URBAN_HOUSING: not entitled when rural, centralized, unqualified or not in the register', () => {
    const cases: [never, string][] = [
      [urban(null), 'not in the low-income register'],
      [urban([]), 'holds no active low-income category'],
      [urban(['EXTREME_POVERTY'], { extremePovertySupport: 'CENTRALIZED' }), 'centralized extreme poverty'],
      [urban(['OTHER_HARDSHIP']), 'OTHER_HARDSHIP does not qualify'],
      [urban(['RELAPSE_MONITORING']), 'does not qualify'],
      [rural(['SUBSISTENCE_ALLOWANCE']), 'rural hukou'],
      [urban(['SUBSISTENCE_ALLOWANCE'], { hukouType: null }), 'hukou type unknown'],
    ];
    for (const [facts, reason] of cases) {
      const result = urbanHousingEntitlement(facts, [tenancy], TODAY);
      expect(result.status).toBe('NOT_ENTITLED');
      expect(result.reason).toContain(reason);
    }
    expect(urbanHousingEntitlement({} as never, [], TODAY)).toMatchObject({ status: 'NOT_ENTITLED', reason: 'not in the low-income register' });
  });

  it('RURAL_HOUSING_RENOVATION: rural qualifying categories with a C, D or NO_HOUSE latest assessment', () => {
    for (const category of ['RELAPSE_MONITORING', 'SUBSISTENCE_ALLOWANCE', 'NEAR_SUBSISTENCE', 'ESSENTIAL_EXPENDITURE_HARDSHIP']) {
      expect(ruralRenovationEntitlement(rural([category]), unsafe, [])).toMatchObject({ program: 'RURAL_HOUSING_RENOVATION', status: 'ENTITLED_MISSING' });
    }
    const dispersed = rural(['EXTREME_POVERTY'], { extremePovertySupport: 'DISPERSED' });
    expect(ruralRenovationEntitlement(dispersed, { grade: 'NO_HOUSE', assessedOn: day('2024-01-01') }, [{ id: 'c1', status: 'APPLIED' }]).status).toBe(
      'ENTITLED_COVERED',
    );
    expect(ruralRenovationEntitlement(dispersed, { grade: 'C', assessedOn: day('2024-01-01') }, [{ id: 'c1', status: 'COMPLETED' }]).status).toBe(
      'ENTITLED_COVERED',
    );
  });

  it('RURAL_HOUSING_RENOVATION: a REJECTED case does not cover', () => {
    const result = ruralRenovationEntitlement(rural(['SUBSISTENCE_ALLOWANCE']), unsafe, [{ id: 'c1', status: 'REJECTED' }]);
    expect(result).toMatchObject({ status: 'ENTITLED_MISSING' });
    expect(result.reason).toContain('only REJECTED renovation cases');
  });

  it('RURAL_HOUSING_RENOVATION: not entitled without an unsafe assessment, when urban, centralized or unregistered', () => {
    const noAssessment = ruralRenovationEntitlement(rural(['SUBSISTENCE_ALLOWANCE']), null, []);
    expect(noAssessment).toMatchObject({ status: 'NOT_ENTITLED' });
    expect(noAssessment.reason).toContain('no dwelling safety assessment');
    const safe = ruralRenovationEntitlement(rural(['SUBSISTENCE_ALLOWANCE']), { grade: 'B', assessedOn: day('2024-01-01') }, [{ id: 'c1', status: 'APPLIED' }]);
    expect(safe).toMatchObject({ status: 'NOT_ENTITLED' });
    expect(safe.reason).toContain('grades the dwelling B');
    expect(ruralRenovationEntitlement(urban(['SUBSISTENCE_ALLOWANCE']), unsafe, []).reason).toContain('urban hukou');
    expect(ruralRenovationEntitlement(rural(['EXTREME_POVERTY'], { extremePovertySupport: 'CENTRALIZED' }), unsafe, []).reason).toContain('centralized');
    expect(ruralRenovationEntitlement(rural(null), unsafe, []).reason).toBe('not in the low-income register');
    expect(ruralRenovationEntitlement(rural(['OTHER_HARDSHIP']), unsafe, []).status).toBe('NOT_ENTITLED');
  });
});
