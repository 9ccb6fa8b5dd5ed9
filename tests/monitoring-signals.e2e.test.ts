// Monitoring reads the departments of the graph incrementally (`…SignalsSince`, a cursor per
// department) and the payments service's late payments, through the real gateway as civil
// affairs' SERVICE identity: a change there raises its alert, a run after no change reads nothing.

import type { Identity } from '@lip/shared/auth';
import { today } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 600_000);
afterAll(() => stack?.close());

const COUNTY = '411202';
const MONITORING: Identity = { subject: 'monitoring-service', role: 'SERVICE', department: 'CIVIL_AFFAIRS', region: '4112' };
const county: Identity = { subject: 'county-officer', role: 'COUNTY_OFFICER', region: COUNTY };

let sequence = 900;
const newId = (birthDate = '1975-06-01') => makeIdNumber({ areaCode: COUNTY, birthDate, sequence: ++sequence });

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, as?: Identity): Promise<T> {
  const result = await stack.query(query, variables, as ? { as } : {});
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** A one-person household in the county's first township, holding `category` (if any). */
async function registerPerson(category: string | null, birthDate?: string) {
  const idNumber = newId(birthDate);
  await ok(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: {
      regionCode: '411202001001',
      address: '湖滨街道测试1号',
      hukouType: 'URBAN',
      monthlyIncome: '600',
      financialAssets: '0',
      members: [{ idNumber, name: '刘测试', relationshipToHead: 'HEAD' }],
    },
  });
  if (category) {
    await ok(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
      input: {
        idNumber,
        category,
        validFrom: '2026-01-01',
        recognizedBy: '湖滨区民政局',
        reason: '审核确认',
        ...(category === 'SUBSISTENCE_ALLOWANCE' ? { monthlyAmount: '500' } : {}),
      },
    });
  }
  return idNumber;
}

const run = async () => (await ok(`mutation { runMonitoring { id status read persons raised resolved error } }`, {}, county)).runMonitoring;
const alertsOf = async (idNumber: string) =>
  (
    await ok(
      `query($id: IdNumber!) { person(idNumber: $id) { alerts { ruleCode status evidence { source evidenceId observedOn state { status occurredOn } } referrals { office status } } } }`,
      { id: idNumber },
      county,
    )
  ).person.alerts as any[];

describe('signals from the departments of the graph', () => {
  it('a difficult worker and a difficult student outside the register, and high out-of-pocket costs, raise their alerts; a run after no change reads none', async () => {
    await run(); // whatever the stack started with
    const worker = await registerPerson(null);
    const file = await ok(`mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { id } }`, {
      input: { personIdNumber: worker, countyCode: COUNTY, employer: { name: '三门峡宏达机械有限公司' }, reason: 'LAID_OFF', filedOn: '2026-03-01' },
    });
    const student = await registerPerson(null, '2012-04-05');
    await ok(`mutation($input: EnrolStudentInput!) { enrolStudent(input: $input) { id } }`, {
      input: {
        personIdNumber: student,
        schoolName: '湖滨区第一初级中学',
        schoolRegionCode: '411202001',
        stage: 'JUNIOR_SECONDARY',
        enrolmentYear: 2025,
        identifiedAsDifficult: true,
        identifiedOn: '2025-09-10',
      },
    });
    const patient = await registerPerson(null);
    await ok(`mutation($input: EnrolMedicalInsuranceInput!) { enrolMedicalInsurance(input: $input) { id } }`, {
      input: { idNumber: patient, year: 2026, countyCode: COUNTY },
    });
    // 7,000 元 out of pocket against 600 元 a month: over half a year's income (outOfPocketShare 0.5).
    await ok(`mutation($input: RecordMedicalClaimInput!) { recordMedicalClaim(input: $input) { id outOfPocket } }`, {
      input: {
        idNumber: patient,
        settlementNumber: `JS-${patient.slice(-6)}`,
        visitKind: 'INPATIENT',
        visitDate: '2026-10-20',
        totalCost: '10000.00',
        basicInsurancePaid: '3000.00',
        criticalIllnessPaid: '0.00',
      },
    });

    const first = await run();
    expect(first.raised).toBeGreaterThanOrEqual(3);
    const [workerAlert] = await alertsOf(worker);
    expect(workerAlert).toMatchObject({
      ruleCode: 'DIFFICULT_OUTSIDE_REGISTER',
      status: 'REFERRED',
      evidence: [{ source: 'DIFFICULT_WORKER', evidenceId: `UNION:${file.openDifficultWorkerFile.id}`, state: { status: 'OPEN', occurredOn: '2026-03-01' } }],
      referrals: [{ office: 'TOWNSHIP', status: 'PENDING' }],
    });
    expect((await alertsOf(student)).map((alert) => [alert.ruleCode, alert.evidence[0].source])).toEqual([['DIFFICULT_OUTSIDE_REGISTER', 'DIFFICULT_STUDENT']]);
    expect((await alertsOf(patient)).map((alert) => [alert.ruleCode, alert.evidence[0].source, alert.evidence[0].state.status])).toEqual([
      ['ESSENTIAL_EXPENDITURE_ASSESSMENT', 'OUT_OF_POCKET', 'CLAIMED'],
    ]);

    // Nothing changed in any department: the next run reads no change and raises nothing.
    const second = await run();
    expect([second.read, second.raised]).toEqual([0, 0]);

    // The file closes: the union's change reaches the next run, and the alert resolves itself.
    await ok(`mutation($id: ID!) { closeDifficultWorkerFile(fileId: $id, closedOn: "2026-11-01", reason: "已再就业") { id } }`, {
      id: file.openDifficultWorkerFile.id,
    });
    const third = await run();
    expect(third.read).toBeGreaterThanOrEqual(1);
    expect((await alertsOf(worker))[0]).toMatchObject({ status: 'RESOLVED' });

    // The register's own change (civilAffairsSignalsSince): the student's household is recognised, nothing
    // changes in education, and the next run sees the condition cleared.
    await ok(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
      input: { idNumber: student, category: 'NEAR_SUBSISTENCE', validFrom: '2026-10-01', recognizedBy: '湖滨区民政局', reason: '审核确认' },
    });
    expect((await run()).read).toBeGreaterThanOrEqual(1);
    expect((await alertsOf(student))[0]).toMatchObject({ ruleCode: 'DIFFICULT_OUTSIDE_REGISTER', status: 'RESOLVED' });
  });

  it('a D-grade house of a subsistence household with no renovation case refers to housing; the case housing opens closes the referral', async () => {
    await run();
    const owner = await registerPerson('SUBSISTENCE_ALLOWANCE');
    const assessed = await ok(`mutation($input: RecordDwellingAssessmentInput!) { recordDwellingAssessment(input: $input) { id } }`, {
      input: { idNumber: owner, regionCode: '411202001001', grade: 'D', assessedOn: '2026-06-01', assessor: '湖滨区住房和城乡建设局' },
    });
    await run();
    const [alert] = (await alertsOf(owner)).filter((candidate) => candidate.ruleCode === 'UNSAFE_DWELLING');
    expect(alert).toMatchObject({
      status: 'REFERRED',
      evidence: [{ source: 'DWELLING', evidenceId: `HOUSING:${assessed.recordDwellingAssessment.id}`, state: { status: 'UNSAFE', occurredOn: '2026-06-01' } }],
      referrals: [{ office: 'HOUSING', status: 'PENDING' }],
    });
    // Housing opens the renovation case: its signal turns ADDRESSED and the referral closes by itself.
    await ok(`mutation($input: ApplyForRuralRenovationInput!) { applyForRuralRenovation(input: $input) { id } }`, {
      input: { idNumber: owner, regionCode: '411202001001', appliedOn: '2026-06-10' },
    });
    await run();
    expect((await alertsOf(owner)).filter((candidate) => candidate.ruleCode === 'UNSAFE_DWELLING')).toMatchObject([
      { status: 'RESOLVED', referrals: [{ office: 'HOUSING', status: 'CLOSED_COVERED' }] },
    ]);
  });

  it('are read through the gateway by civil affairs’ monitoring service only, ID numbers whole, cursors sealed', async () => {
    const query = `{ unionSignalsSince { cursor hasMore signals { personIdNumber source status } } }`;
    const page = await ok(query, {}, MONITORING);
    expect(page.unionSignalsSince.signals.length).toBeGreaterThan(0);
    expect(page.unionSignalsSince.signals.every((signal: any) => /^\d{17}[\dX]$/.test(signal.personIdNumber))).toBe(true);
    expect(page.unionSignalsSince.cursor).not.toMatch(/^\d+$/);
    for (const as of [
      county,
      { subject: 'u', role: 'SERVICE', department: 'UNION', region: '4112' },
      { subject: 'a', role: 'ANALYST', region: '4112' },
    ] as Identity[]) {
      const refused = await stack.query(query, {}, { as });
      expect([as.subject, refused.errors?.[0]?.extensions?.code]).toEqual([as.subject, 'FORBIDDEN']);
    }
    const bad = await stack.query(`{ educationSignalsSince(after: "12") { cursor } }`, {}, { as: MONITORING });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });
});

describe('late payments from the payments service', () => {
  it('a line not paid by the 10th raises PAYMENT_LATE for the township, once', async () => {
    const recipient = await registerPerson('SUBSISTENCE_ALLOWANCE');
    // The month before the current one: its payment day has passed whatever today is, and the run looks back one month.
    const now = today(); // China's date, as the run's: from 16:00 UTC it is already the next day there
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const payroll = (
      await ok(
        `mutation($county: String!, $month: String!) { generatePayroll(countyCode: $county, month: $month) { id lines(first: 100) { edges { node { id personIdNumber } } } } }`,
        { county: COUNTY, month },
        county,
      )
    ).generatePayroll;
    const line = payroll.lines.edges.map((edge: any) => edge.node).find((node: any) => node.personIdNumber === recipient);
    expect(line).toBeDefined();
    await run();
    const alerts = (await alertsOf(recipient)).filter((alert) => alert.ruleCode === 'PAYMENT_LATE');
    expect(alerts).toEqual([
      expect.objectContaining({
        status: 'REFERRED',
        evidence: [
          expect.objectContaining({ source: 'PAYMENT_LATE', evidenceId: `payments:${line.id}`, state: { status: 'LATE', occurredOn: `${month}-01` } }),
        ],
        referrals: [{ office: 'TOWNSHIP', status: 'PENDING' }],
      }),
    ]);
    // Still late at the next run: the same state, no second alert.
    expect((await run()).raised).toBe(0);
    expect((await alertsOf(recipient)).filter((alert) => alert.ruleCode === 'PAYMENT_LATE')).toHaveLength(1);
  });
});
