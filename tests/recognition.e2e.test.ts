// Recognition (认定) through the real gateway: applications from submission to the register,
// notice and objections, rejection, overdue steps, review and exit, the legal-aid report, bad
// input, concurrency and security (region scope, masking) through the gateway and straight at
// the subgraph.

import type { Identity } from '@lip/shared/auth';
import { addDays, addMonths, formatDate, today } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
let civilUrl: string;
const previousGateway = process.env.GATEWAY_URL;
beforeAll(async () => {
  stack = await startStack();
  // The subgraph reads departments through the gateway, which starts after it.
  process.env.GATEWAY_URL = stack.gateway.url;
  civilUrl = stack.subgraphs['civil-affairs']!.url;
});
afterAll(async () => {
  if (previousGateway === undefined) delete process.env.GATEWAY_URL;
  else process.env.GATEWAY_URL = previousGateway;
  await stack?.close();
});

const TOWNSHIP = '411202001';
const VILLAGE = '411202001001';
const OTHER_TOWNSHIP = '411203001';
const worker: Identity = { subject: 'worker-hubin', role: 'TOWNSHIP_WORKER', region: TOWNSHIP };
const otherWorker: Identity = { subject: 'worker-shanzhou', role: 'TOWNSHIP_WORKER', region: OTHER_TOWNSHIP };
const analyst: Identity = { subject: 'analyst', role: 'ANALYST', region: '4112' };
const justice: Identity = { subject: 'justice-officer', role: 'DEPARTMENT_OFFICER', department: 'JUSTICE', region: '4112' };
const auditor: Identity = { subject: 'auditor', role: 'AUDITOR', region: '4112' };

let sequence = 300;
/** A fresh number for each ID number, alert and batch this file writes. */
const nextSequence = () => {
  sequence += 2;
  return sequence;
};
const newId = (birthDate = '1975-03-14', areaCode = '411202') => makeIdNumber({ areaCode, birthDate, sequence: nextSequence() });
const iso = (offsetDays: number) => formatDate(addDays(today(), offsetDays));

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, as?: Identity): Promise<T> {
  const result = await stack.query(query, variables, as ? { as } : {});
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const REGISTER = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { idNumber name } } }`;

/** Registers a household and returns its id and members' ID numbers (head first). */
async function household(members: { birthDate?: string; name?: string }[], overrides: Record<string, unknown> = {}) {
  const input = {
    regionCode: VILLAGE,
    address: '湖滨街道市场社区5号楼',
    hukouType: 'URBAN',
    monthlyIncome: '600.00',
    financialAssets: '2000',
    members: members.map((member, index) => ({
      idNumber: newId(member.birthDate),
      name: member.name ?? ['王建国', '李秀英', '王小明', '王小红'][index],
      relationshipToHead: index === 0 ? 'HEAD' : index === 1 ? 'SPOUSE' : 'CHILD',
    })),
    ...overrides,
  };
  const data = await ok(REGISTER, { input });
  return { id: data.registerHousehold.id as string, ids: input.members.map((member) => member.idNumber) };
}

const CASE_FIELDS = `id kind step stepDueOn overdue submittedOn acceptedOn decisionDueOn noticeStartOn noticeEndOn decidedOn decisionReason reviewOutcome graceUntil
  missingDocuments alertId channel
  assessment { perCapitaMonthlyIncome subsistenceLine results { category outcome reason monthlyAmount proposedHoldings { idNumber category monthlyAmount careLevel subtype } } }
  verification { assembledOn differences unavailable items { source idNumber item value asOf } }
  history { fromStep toStep actor on note }
  objections { id content answer upheld }
  members { idNumber person { name } }`;
const SUBMIT = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { ${CASE_FIELDS} } }`;
const ACCEPT = `mutation($id: ID!, $on: Date, $ext: Boolean) { acceptApplication(caseId: $id, on: $on, extendedChecks: $ext) { ${CASE_FIELDS} } }`;
const INVESTIGATE = `mutation($id: ID!, $input: HomeInvestigationInput!) { recordInvestigation(caseId: $id, input: $input) { ${CASE_FIELDS} } }`;
const VERIFY = `mutation($id: ID!, $on: Date) { verifyEconomicSituation(caseId: $id, on: $on) { ${CASE_FIELDS} } }`;
const TOWNSHIP_REVIEW = `mutation($id: ID!, $on: Date, $opinion: String!) { reviewAtTownship(caseId: $id, on: $on, opinion: $opinion, democraticAppraisal: "村民代表评议同意") { ${CASE_FIELDS} } }`;
const NOTICE = `mutation($id: ID!, $on: Date) { startPublicNotice(caseId: $id, on: $on) { ${CASE_FIELDS} } }`;
const CONFIRM = `mutation($id: ID!, $on: Date, $reason: String!) { confirmCase(caseId: $id, on: $on, reason: $reason) { ${CASE_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $on: Date, $reasons: [String!]!) { rejectCase(caseId: $id, on: $on, reasons: $reasons) { ${CASE_FIELDS} } }`;
const NOTIFY = `mutation($id: ID!, $on: Date) { notifyApplicant(caseId: $id, on: $on) { ${CASE_FIELDS} } }`;
const OBJECT = `mutation($id: ID!, $content: String!, $on: Date) { raiseObjection(caseId: $id, content: $content, raisedOn: $on) { ${CASE_FIELDS} } }`;
const ANSWER = `mutation($id: ID!, $answer: String!, $upheld: Boolean!) { answerObjection(objectionId: $id, answer: $answer, upheld: $upheld) { ${CASE_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawCase(caseId: $id, reason: $reason) { ${CASE_FIELDS} } }`;
const REFUSE = `mutation($id: ID!, $missing: [String!]!) { refuseApplication(caseId: $id, missingDocuments: $missing) { ${CASE_FIELDS} } }`;
const START_REVIEW = `mutation($input: StartReviewInput!) { startReview(input: $input) { ${CASE_FIELDS} } }`;
const DECIDE_REVIEW = `mutation($id: ID!, $reason: String!, $work: Boolean, $on: Date) { decideReview(caseId: $id, reason: $reason, exitForWorkIncome: $work, on: $on) { ${CASE_FIELDS} } }`;
const PERSON_HOLDINGS = `query($id: IdNumber!) { person(idNumber: $id) { activeCategories holdings { id category status monthlyAmount careLevel nextReviewOn validTo recognizedBy history { action reason } } } }`;

const application = (h: { id: string; ids: string[] }, overrides: Record<string, unknown> = {}) => ({
  householdId: h.id,
  channel: 'IN_PERSON',
  reason: '丈夫因病失去劳动能力，家庭收入低',
  submittedOn: iso(-20),
  members: h.ids.map((idNumber) => ({ idNumber, ableToWork: false })),
  incomes: [{ memberIdNumber: h.ids[1], kind: 'WAGES', monthlyAmount: '600.00' }],
  assets: [{ kind: 'DEPOSITS', value: '2000', description: '银行活期存款' }],
  expenditures: [{ kind: 'MEDICAL', annualAmount: '8000', description: '慢性病门诊自付' }],
  ...overrides,
});

/** Submits and walks a case to public notice, every step dated in the past (from `ago` days back) so the notice can end. */
async function toNotice(input: Record<string, unknown>, ago = 20) {
  const submitted = (await ok(SUBMIT, { input: { ...input, submittedOn: iso(-ago) } })).submitApplication;
  await ok(ACCEPT, { id: submitted.id, on: iso(1 - ago) });
  await ok(INVESTIGATE, { id: submitted.id, input: { investigators: ['张三', '李四'], visitedOn: iso(2 - ago), findings: '家中无贵重物品，丈夫长期卧床' } });
  const verified = (await ok(VERIFY, { id: submitted.id, on: iso(3 - ago) })).verifyEconomicSituation;
  await ok(TOWNSHIP_REVIEW, { id: submitted.id, on: iso(4 - ago), opinion: '情况属实，同意上报' });
  const notice = (await ok(NOTICE, { id: submitted.id, on: iso(5 - ago) })).startPublicNotice;
  return { id: submitted.id as string, verified, notice };
}

const count = async (table: string) => {
  const [row] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return row!.n;
};
const TABLES = [
  'RecognitionCase',
  'CaseMember',
  'CaseIncome',
  'CaseAsset',
  'CaseExpenditure',
  'CaseStepEvent',
  'NoticeObjection',
  'CategoryHolding',
  'CategoryHoldingEvent',
];

/** A write that must fail with `code` and change no table. */
async function expectRejected(query: string, variables: Record<string, unknown>, code: string, as?: Identity) {
  const before = await Promise.all(TABLES.map(count));
  const result = await stack.query(query, variables, as ? { as } : {});
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
  expect(await Promise.all(TABLES.map(count))).toEqual(before);
  return result.errors![0]!;
}

/** An open monitoring alert about `idNumber` in the test village (written as a monitoring run would). */
async function raiseAlert(idNumber: string, regionCode = VILLAGE) {
  const id = `test-alert-${nextSequence()}`;
  await stack.subgraphs.monitoring!.db.sql.query(
    `INSERT INTO "Alert" ("id", "personIdNumber", "regionCode", "ruleCode", "severity", "status", "evidence", "evidenceKey", "updatedAt")
     VALUES ($1, $2, $3, 'VISIT_REPORTED_CHANGE', 'MEDIUM', 'OPEN', '[]', $1, now())`,
    [id, idNumber, regionCode],
  );
  return id;
}

describe('an application from submission to the register', () => {
  it('confirms a household that qualifies for subsistence: the holdings and amounts appear on each person', async () => {
    const h = await household([{ birthDate: '1968-07-02' }, { birthDate: '1970-11-30' }]);
    const { id, verified, notice } = await toNotice(application(h));
    const results = Object.fromEntries(verified.assessment.results.map((r: any) => [r.category, r]));
    expect(verified.step).toBe('VERIFIED');
    expect(verified.assessment).toMatchObject({ perCapitaMonthlyIncome: '300.00', subsistenceLine: '720.00' });
    expect(results.SUBSISTENCE_ALLOWANCE).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: '840.00' });
    expect(results.SUBSISTENCE_ALLOWANCE.reason).toContain('低于本地城市低保标准 720.00 元');
    expect(results.NEAR_SUBSISTENCE.outcome).toBe('DOES_NOT_QUALIFY');
    expect(results.EXTREME_POVERTY.outcome).toBe('DOES_NOT_QUALIFY');
    // The verification report: declared items and the register, each with source and date.
    expect(verified.verification.items).toEqual(
      expect.arrayContaining([
        { source: '申请人申报', idNumber: h.ids[1], item: '工资性收入 (元/月)', value: '600.00', asOf: iso(-20) },
        expect.objectContaining({ source: '民政 低收入人口库', item: '登记金融资产 (元)', value: '2000.00' }),
      ]),
    );
    expect(verified.verification.unavailable).toEqual([]);
    expect(notice).toMatchObject({ step: 'PUBLIC_NOTICE', noticeStartOn: iso(-15), noticeEndOn: iso(-8) });

    const confirmed = (await ok(CONFIRM, { id, on: iso(-8), reason: '公示无异议，确认纳入低保' })).confirmCase;
    expect(confirmed).toMatchObject({ step: 'CONFIRMED', decidedOn: iso(-8) });
    expect(confirmed.history.map((e: any) => e.toStep)).toEqual([
      'SUBMITTED',
      'ACCEPTED',
      'INVESTIGATED',
      'VERIFIED',
      'TOWNSHIP_REVIEWED',
      'PUBLIC_NOTICE',
      'CONFIRMED',
    ]);
    expect(confirmed.history.every((e: any) => e.actor === 'test-user')).toBe(true);

    const amounts = [];
    for (const idNumber of h.ids) {
      const { person } = await ok(PERSON_HOLDINGS, { id: idNumber });
      expect(person.activeCategories).toEqual(['SUBSISTENCE_ALLOWANCE']);
      const [holding] = person.holdings;
      expect(holding).toMatchObject({ status: 'ACTIVE', recognizedBy: `RecognitionCase:${id}`, nextReviewOn: formatDate(addMonths(addDays(today(), -8), 12)) });
      expect(holding.history[0]).toMatchObject({ action: 'GRANTED', reason: '认定确认：公示无异议，确认纳入低保' });
      amounts.push(holding.monthlyAmount);
    }
    expect(amounts).toEqual(['420.00', '420.00']);
    const notified = (await ok(NOTIFY, { id, on: iso(-7) })).notifyApplicant;
    expect(notified.step).toBe('NOTIFIED');
  });

  it('yields NEAR_SUBSISTENCE for a household just above the line, and grants it with no amount', async () => {
    const h = await household([{ birthDate: '1980-01-01' }], { monthlyIncome: '1080.00' });
    const input = application(h, {
      incomes: [{ memberIdNumber: h.ids[0], kind: 'WAGES', monthlyAmount: '1080.00' }],
      members: [{ idNumber: h.ids[0], ableToWork: true }],
    });
    const { id, verified } = await toNotice(input);
    const results = Object.fromEntries(verified.assessment.results.map((r: any) => [r.category, r]));
    expect(results.SUBSISTENCE_ALLOWANCE.outcome).toBe('DOES_NOT_QUALIFY');
    expect(results.NEAR_SUBSISTENCE).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: null });
    expect(results.NEAR_SUBSISTENCE.reason).toContain('不超过低保边缘标准 1080.00 元');
    await ok(CONFIRM, { id, on: iso(-8), reason: '确认为低保边缘家庭' });
    const { person } = await ok(PERSON_HOLDINGS, { id: h.ids[0] });
    // Someone able to work is reviewed sooner.
    expect(person.holdings).toMatchObject([
      { category: 'NEAR_SUBSISTENCE', status: 'ACTIVE', monthlyAmount: null, nextReviewOn: formatDate(addMonths(addDays(today(), -8), 6)) },
    ]);
  });

  it('pays by the county’s tier where it uses tiers (灵宝市): a per-capita gap exactly at the first edge gets the first tier', async () => {
    const h = await household([{ birthDate: '1969-05-05' }, { birthDate: '1971-06-06' }], { regionCode: '411282100001', monthlyIncome: '1040.00' });
    const input = application(h, { incomes: [{ memberIdNumber: h.ids[1], kind: 'WAGES', monthlyAmount: '1040.00' }] });
    const { id, verified } = await toNotice(input);
    const subsistence = verified.assessment.results.find((r: any) => r.category === 'SUBSISTENCE_ALLOWANCE');
    expect(subsistence).toMatchObject({ outcome: 'QUALIFIES', monthlyAmount: '400.00' });
    expect(subsistence.reason).toContain('按县级分档标准第 1 档，每人每月 200.00 元');
    await ok(CONFIRM, { id, on: iso(-8), reason: '公示无异议，按分档纳入低保' });
    for (const idNumber of h.ids)
      expect((await ok(PERSON_HOLDINGS, { id: idNumber })).person.holdings).toMatchObject([{ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '200.00' }]);
  });

  it('sends a case back when an objection during the notice is upheld, and refuses to decide while one is unanswered', async () => {
    const h = await household([{ birthDate: '1960-05-05' }, { birthDate: '1962-06-06' }]);
    const { id } = await toNotice(application(h));
    const objected = (await ok(OBJECT, { id, content: '该户子女在外地经营商店，收入较高', on: iso(-12) })).raiseObjection;
    expect(objected.objections).toMatchObject([{ content: '该户子女在外地经营商店，收入较高', answer: null, upheld: null }]);
    const refused = await expectRejected(CONFIRM, { id, on: iso(-8), reason: '确认' }, 'CONFLICT');
    expect(refused.extensions?.reason).toBe('OBJECTION_UNANSWERED');
    const back = (await ok(ANSWER, { id: objected.objections[0].id, answer: '经核实情况属实，退回重新调查', upheld: true })).answerObjection;
    expect(back).toMatchObject({
      step: 'ACCEPTED',
      noticeStartOn: null,
      noticeEndOn: null,
      objections: [{ upheld: true, answer: '经核实情况属实，退回重新调查' }],
    });
    expect(back.history.at(-1)).toMatchObject({ fromStep: 'PUBLIC_NOTICE', toStep: 'ACCEPTED' });
    expect((await ok(PERSON_HOLDINGS, { id: h.ids[0] })).person.holdings).toEqual([]);
    // Answering again is refused.
    await expectRejected(ANSWER, { id: objected.objections[0].id, answer: '再次答复', upheld: false }, 'INVALID_TRANSITION');
  });

  it('rejects a case with reasons the applicant can read', async () => {
    const h = await household([{ birthDate: '1985-02-02' }], { monthlyIncome: '4000.00' });
    const submitted = (
      await ok(SUBMIT, {
        input: application(h, {
          incomes: [{ memberIdNumber: h.ids[0], kind: 'WAGES', monthlyAmount: '4000' }],
          members: [{ idNumber: h.ids[0], ableToWork: true }],
          expenditures: [],
        }),
      })
    ).submitApplication;
    await ok(ACCEPT, { id: submitted.id, on: iso(-19) });
    await ok(INVESTIGATE, { id: submitted.id, input: { investigators: ['张三'], visitedOn: iso(-18), findings: '在企业稳定就业' } });
    const verified = (await ok(VERIFY, { id: submitted.id, on: iso(-17) })).verifyEconomicSituation;
    expect(verified.assessment.results.every((r: any) => r.outcome === 'DOES_NOT_QUALIFY')).toBe(true);
    const rejected = (await ok(REJECT, { id: submitted.id, on: iso(-16), reasons: ['家庭月人均收入 4000.00 元，高于低保边缘标准', '不符合其他类别条件'] }))
      .rejectCase;
    expect(rejected).toMatchObject({
      step: 'REJECTED',
      decidedOn: iso(-16),
      decisionReason: '家庭月人均收入 4000.00 元，高于低保边缘标准；不符合其他类别条件',
    });
    // Confirming a case where nothing qualifies is refused even from notice; here it is already decided.
    await expectRejected(CONFIRM, { id: submitted.id, reason: '确认' }, 'INVALID_TRANSITION');
    expect((await ok(NOTIFY, { id: submitted.id, on: iso(-15) })).notifyApplicant.step).toBe('NOTIFIED');
  });

  it('shows a step whose deadline passed as overdue, in the township’s list', async () => {
    const h = await household([{ birthDate: '1979-09-09' }]);
    const submitted = (
      await ok(SUBMIT, { input: application(h, { submittedOn: iso(-30), members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [] }) }, worker)
    ).submitApplication;
    expect(submitted.overdue).toBe(true);
    expect(submitted.stepDueOn < iso(0)).toBe(true);
    const list = await ok(`query { recognitionCases(filter: { regionCode: "${TOWNSHIP}", overdueOnly: true }) { id step overdue stepDueOn } }`, {}, worker);
    expect(list.recognitionCases).toEqual(expect.arrayContaining([{ id: submitted.id, step: 'SUBMITTED', overdue: true, stepDueOn: submitted.stepDueOn }]));
    expect(list.recognitionCases.every((c: any) => c.overdue)).toBe(true);
    // Once accepted, the decision deadline (30 working days) is in the future.
    const accepted = (await ok(ACCEPT, { id: submitted.id }, worker)).acceptApplication;
    expect(accepted).toMatchObject({ step: 'ACCEPTED', overdue: false, acceptedOn: iso(0) });
    expect(accepted.decisionDueOn > formatDate(addDays(today(), 40))).toBe(true);
  });

  it('pages every case of the region in a fixed order, through the gateway and straight at civil affairs, and nothing of another region', async () => {
    for (const birthDate of ['1970-01-01', '1971-02-02', '1972-03-03']) {
      const h = await household([{ birthDate }]);
      await ok(SUBMIT, { input: application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [] }) }, worker);
    }
    const PAGE = `query($r: String, $after: String) { recognitionCasePage(filter: { regionCode: $r }, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id regionCode } } } }`;
    type CasePage = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; regionCode: string } }[] };
    const pageAll = async (as: Identity, url?: string) => {
      const ids: string[] = [];
      let totalCount = 0;
      for (let after: string | null = null; ; ) {
        const result: { data?: any; errors?: unknown } = await stack.query(PAGE, { r: TOWNSHIP, after }, { as, ...(url ? { url } : {}) });
        expect(result.errors).toBeUndefined();
        const page: CasePage = result.data.recognitionCasePage;
        totalCount = page.totalCount;
        for (const { node } of page.edges) {
          expect(node.regionCode.startsWith(TOWNSHIP)).toBe(true);
          ids.push(node.id);
        }
        if (!page.pageInfo.hasNextPage) return { ids, totalCount };
        after = page.pageInfo.endCursor;
      }
    };
    const listed = (await ok(`query($r: String) { recognitionCases(filter: { regionCode: $r }, limit: 500) { id } }`, { r: TOWNSHIP }, worker))
      .recognitionCases;
    const viaGateway = await pageAll(worker);
    expect(viaGateway.ids.length).toBeGreaterThanOrEqual(3);
    expect(viaGateway.totalCount).toBe(viaGateway.ids.length);
    expect([...viaGateway.ids].sort()).toEqual(viaGateway.ids);
    expect([...viaGateway.ids].sort()).toEqual(listed.map((c: { id: string }) => c.id).sort());
    expect(await pageAll(worker, civilUrl)).toEqual(viaGateway);
    // Another township asking for this one gets an empty page, at the gateway and at the subgraph.
    expect(await pageAll(otherWorker)).toEqual({ ids: [], totalCount: 0 });
    expect(await pageAll(otherWorker, civilUrl)).toEqual({ ids: [], totalCount: 0 });
    const forged = await stack.query('{ recognitionCasePage(after: "aWQ6MQ==") { totalCount } }', {}, { as: worker });
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });

  it('withdraws a case before the decision, refuses one with missing documents, and links an alert', async () => {
    const h = await household([{ birthDate: '1979-09-09' }]);
    const alertId = await raiseAlert(h.ids[0]!);
    const one = (
      await ok(SUBMIT, { input: application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [], channel: 'MONITORING_ALERT', alertId }) })
    ).submitApplication;
    expect(one).toMatchObject({ channel: 'MONITORING_ALERT', alertId });
    expect((await ok(WITHDRAW, { id: one.id, reason: '申请人主动撤回' })).withdrawCase.step).toBe('WITHDRAWN');
    const two = (await ok(SUBMIT, { input: application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [] }) })).submitApplication;
    const refused = (await ok(REFUSE, { id: two.id, missing: ['户口簿', '收入证明'] })).refuseApplication;
    expect(refused).toMatchObject({ step: 'NOT_ACCEPTED', missingDocuments: ['户口簿', '收入证明'], stepDueOn: null });
    await expectRejected(WITHDRAW, { id: two.id, reason: '撤回' }, 'INVALID_TRANSITION');
  });
});

describe('review and exit', () => {
  it('exits a household with new work income and keeps paying through the grace period', async () => {
    const h = await household([{ birthDate: '1970-03-03' }, { birthDate: '1972-04-04' }]);
    const { id } = await toNotice(application(h));
    await ok(CONFIRM, { id, on: iso(-8), reason: '确认纳入低保' });
    const queue = await ok(
      `query($by: Date!) { dueReviews(regionCode: "${TOWNSHIP}", dueBy: $by) { person { idNumber } category nextReviewOn } }`,
      { by: iso(400) },
      worker,
    );
    expect(queue.dueReviews.map((r: any) => r.person.idNumber)).toEqual(expect.arrayContaining(h.ids));
    const notYet = await ok(`query { dueReviews(regionCode: "${TOWNSHIP}") { person { idNumber } } }`, {}, worker);
    expect(notYet.dueReviews.map((r: any) => r.person.idNumber)).not.toContain(h.ids[0]);

    const review = (
      await ok(START_REVIEW, {
        input: {
          householdId: h.id,
          startedOn: iso(-3),
          members: h.ids.map((idNumber) => ({ idNumber, ableToWork: true })),
          incomes: [{ memberIdNumber: h.ids[0], kind: 'WAGES', monthlyAmount: '3000' }],
        },
      })
    ).startReview;
    expect(review).toMatchObject({ kind: 'REVIEW', step: 'ACCEPTED' });
    const verified = (await ok(VERIFY, { id: review.id, on: iso(-2) })).verifyEconomicSituation;
    expect(verified.assessment.results.every((r: any) => r.outcome === 'DOES_NOT_QUALIFY')).toBe(true);
    const decided = (await ok(DECIDE_REVIEW, { id: review.id, reason: '就业后收入超过标准', work: true, on: iso(-1) })).decideReview;
    const grace = formatDate(addDays(addMonths(addDays(today(), -1), 6), -1));
    expect(decided).toMatchObject({ step: 'CONFIRMED', reviewOutcome: 'EXIT', graceUntil: grace });
    for (const idNumber of h.ids) {
      const { person } = await ok(PERSON_HOLDINGS, { id: idNumber });
      expect(person.holdings[0]).toMatchObject({ status: 'ACTIVE', validTo: grace, nextReviewOn: null, monthlyAmount: '420.00' });
      expect(person.holdings[0].history.at(-1)).toMatchObject({ action: 'REVIEWED', reason: `复核退出，渐退期至 ${grace}：就业后收入超过标准` });
    }
  });

  it('ends the holdings when the grace period has run out, once', async () => {
    const h = await household([{ birthDate: '1973-03-03' }]);
    const { id } = await toNotice(application(h, { members: [{ idNumber: h.ids[0], ableToWork: true }], incomes: [] }), 400);
    await ok(CONFIRM, { id, on: iso(-388), reason: '确认纳入低保' });
    const review = (
      await ok(START_REVIEW, {
        input: {
          householdId: h.id,
          startedOn: iso(-250),
          members: [{ idNumber: h.ids[0], ableToWork: true }],
          incomes: [{ memberIdNumber: h.ids[0], kind: 'WAGES', monthlyAmount: '2500' }],
        },
      })
    ).startReview;
    await ok(VERIFY, { id: review.id, on: iso(-249) });
    const decided = (await ok(DECIDE_REVIEW, { id: review.id, reason: '就业增收', work: true, on: iso(-248) })).decideReview;
    expect(decided.graceUntil < iso(0)).toBe(true);
    expect((await ok(PERSON_HOLDINGS, { id: h.ids[0] })).person.holdings[0].status).toBe('ACTIVE');
    const END = `mutation($region: String) { endGracePeriods(regionCode: $region) }`;
    expect((await stack.query(END, { region: TOWNSHIP }, { as: analyst })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok(END, { region: OTHER_TOWNSHIP })).endGracePeriods).toBe(0);
    const runs = await Promise.all(Array.from({ length: 5 }, () => stack.query(END, { region: TOWNSHIP })));
    expect(runs.map((r) => r.errors)).toEqual(runs.map(() => undefined));
    expect(runs.reduce((total, r) => total + r.data.endGracePeriods, 0)).toBe(1);
    const { person } = await ok(PERSON_HOLDINGS, { id: h.ids[0] });
    expect(person.holdings[0]).toMatchObject({ status: 'ENDED', validTo: decided.graceUntil });
    expect(person.holdings[0].history.map((e: any) => e.action)).toEqual(['GRANTED', 'REVIEWED', 'ENDED']);
    expect(person.activeCategories).toEqual([]);
  });

  it('continues a household whose situation is unchanged and moves its next review', async () => {
    const h = await household([{ birthDate: '1950-03-03' }]);
    const { id } = await toNotice(
      application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [{ memberIdNumber: h.ids[0], kind: 'PENSION', monthlyAmount: '300' }] }),
    );
    await ok(CONFIRM, { id, on: iso(-8), reason: '确认' });
    const review = (
      await ok(START_REVIEW, {
        input: {
          householdId: h.id,
          members: [{ idNumber: h.ids[0], ableToWork: false }],
          incomes: [{ memberIdNumber: h.ids[0], kind: 'PENSION', monthlyAmount: '300' }],
        },
      })
    ).startReview;
    await ok(VERIFY, { id: review.id });
    const decided = (await ok(DECIDE_REVIEW, { id: review.id, reason: '情况无变化' })).decideReview;
    expect(decided.reviewOutcome).toBe('CONTINUE');
    const { person } = await ok(PERSON_HOLDINGS, { id: h.ids[0] });
    expect(person.holdings[0]).toMatchObject({ status: 'ACTIVE', monthlyAmount: '420.00', nextReviewOn: formatDate(addMonths(today(), 12)) });
  });
});

describe('economic verification and the legal-aid report', () => {
  it('lists department records with their source and the differences from what was declared', async () => {
    const h = await household([{ birthDate: '1971-08-08' }]);
    const file = await ok(`mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { id } }`, {
      input: {
        personIdNumber: h.ids[0],
        countyCode: '411202',
        employer: { name: '三门峡宏达机械有限公司', unifiedSocialCreditCode: '914403001922038216' },
        reason: 'LAID_OFF',
        filedOn: iso(-60),
      },
    });
    await ok(`mutation($input: RecordUnionAssistanceInput!) { recordUnionAssistance(input: $input) { id } }`, {
      input: { fileId: file.openDifficultWorkerFile.id, kind: 'LIVING', amount: '1500', grantedOn: iso(-30) },
    });
    const submitted = (await ok(SUBMIT, { input: application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [] }) })).submitApplication;
    await ok(ACCEPT, { id: submitted.id, on: iso(-19) });
    await ok(INVESTIGATE, { id: submitted.id, input: { investigators: ['张三'], visitedOn: iso(-18), findings: '下岗在家' } });
    const verified = (await ok(VERIFY, { id: submitted.id })).verifyEconomicSituation;
    expect(verified.verification.items).toEqual(
      expect.arrayContaining([{ source: '总工会', idNumber: h.ids[0], item: '工会帮扶 LIVING (元)', value: '1500.00', asOf: iso(-30) }]),
    );
    expect(verified.verification.differences).toEqual(expect.arrayContaining(['近 12 个月工会帮扶 1500.00 元，申报转移净收入每月 0.00 元']));
    expect(verified.verification.differences).toEqual(expect.arrayContaining([expect.stringContaining('申报家庭月收入 0.00 元，登记为 600.00 元')]));

    // The justice bureau asks for the same report as a printable file; the request is audited.
    const report = (await ok(`query($id: IdNumber!) { legalAidReport(idNumber: $id) { fileName contentType html } }`, { id: h.ids[0] }, justice))
      .legalAidReport;
    expect(report.contentType).toBe('text/html; charset=utf-8');
    expect(report.fileName).toMatch(/^家庭经济状况核对报告-\d{4}-\d{2}-\d{2}-\w{4}\.html$/);
    expect(report.html).toMatch(/^<!DOCTYPE html>/);
    expect(report.html).toContain('家庭经济状况核对报告');
    expect(report.html).toContain('王建国');
    expect(report.html).toContain(h.ids[0]);
    expect(report.html).toContain('<td>总工会</td>');
    expect(report.html).toContain('近 12 个月工会帮扶 1500.00 元');
    const audit = await ok(`query { civilAffairsAuditLog(filter: { }) { entries { subject operation department persons } } }`, {}, auditor);
    expect(audit.civilAffairsAuditLog.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: 'justice-officer', department: 'JUSTICE', persons: expect.arrayContaining([expect.stringMatching(/^411202\*+/)]) }),
      ]),
    );

    for (const as of [analyst, otherWorker, { subject: 'housing', role: 'DEPARTMENT_OFFICER', department: 'HOUSING', region: '4112' } as Identity]) {
      const refused = await stack.query(`query($id: IdNumber!) { legalAidReport(idNumber: $id) { html } }`, { id: h.ids[0] }, { as });
      expect(refused.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(refused.data?.legalAidReport ?? null).toBeNull();
    }
  });
});

describe('outside feeds in the verification report', () => {
  const IMPORT = `mutation($input: ImportFeedBatchInput!) { importFeedBatch(input: $input) { rows } }`;
  const feed = (department: string, feedName: string, row: Record<string, string>) =>
    ok(IMPORT, { input: { feed: feedName, batchId: `recog-${feedName}-${nextSequence()}`, rows: [row] } }, {
      subject: `feed-${department}`,
      role: 'SERVICE',
      department,
      region: '4112',
    } as Identity);
  const FEED_RECORDS = `query($id: IdNumber!) { person(idNumber: $id) { idNumber feedRecords { feed source occurredOn state { status kind level amount reference } } } }`;
  const ENTITY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { feedRecords { feed } } } }`;
  let h: { id: string; ids: string[] };

  beforeAll(async () => {
    h = await household([{ birthDate: '1972-02-02' }, { birthDate: '1974-04-04' }]);
    await feed('PUBLIC_SECURITY', 'VEHICLE', { idNumber: h.ids[0]!, occurredOn: iso(-100), status: 'REGISTERED', kind: 'CAR', amount: '86000' });
    await feed('MARKET_REGULATION', 'BUSINESS', {
      idNumber: h.ids[1]!,
      occurredOn: iso(-200),
      status: 'ACTIVE',
      amount: '50000',
      reference: '92411202MA47XK1234',
    });
    await feed('NATURAL_RESOURCES', 'REAL_ESTATE', { idNumber: h.ids[0]!, occurredOn: iso(-300), status: 'REGISTERED', level: '2', amount: '96.5' });
    await feed('HUMAN_RESOURCES', 'UNEMPLOYMENT', { idNumber: h.ids[1]!, occurredOn: iso(-40), status: 'EMPLOYED' });
  });

  it('lists vehicles, businesses, real estate and unemployment with source and date, and what was not declared', async () => {
    const submitted = (await ok(SUBMIT, { input: application(h, { incomes: [], assets: [], expenditures: [] }) })).submitApplication;
    await ok(ACCEPT, { id: submitted.id, on: iso(-19) });
    await ok(INVESTIGATE, { id: submitted.id, input: { investigators: ['张三'], visitedOn: iso(-18), findings: '申报无车无房' } });
    const verified = (await ok(VERIFY, { id: submitted.id })).verifyEconomicSituation;
    expect(verified.verification.unavailable).toEqual([]);
    expect(verified.verification.items).toEqual(
      expect.arrayContaining([
        { source: '公安交管 机动车登记', idNumber: h.ids[0], item: '机动车 小型汽车（在册）购置价 (元)', value: '86000.00', asOf: iso(-100) },
        { source: '市场监管 市场主体登记', idNumber: h.ids[1], item: '市场主体 92411202MA47XK1234（存续）注册资本 (元)', value: '50000.00', asOf: iso(-200) },
        { source: '不动产登记', idNumber: h.ids[0], item: '不动产登记，建筑面积 96.5 平方米，登记后名下住房 (套)', value: '2', asOf: iso(-300) },
        { source: '人社 登记失业人员', idNumber: h.ids[1], item: '失业登记状态', value: '已就业', asOf: iso(-40) },
      ]),
    );
    expect(verified.verification.differences).toEqual(
      expect.arrayContaining([
        '申报机动车 0 辆，公安交管登记在册 1 辆',
        '申报企业或个体工商户 0 个，市场监管登记存续 1 个',
        '申报房产 0 套，不动产登记成员名下住房合计 2 套',
        `人社记录 ${h.ids[1]!.slice(-4)} 号成员 ${iso(-40)} 已就业，未申报其工资性收入`,
      ]),
    );
    // The legal-aid report prints the same rows.
    const report = (await ok(`query($id: IdNumber!) { legalAidReport(idNumber: $id) { html } }`, { id: h.ids[0] }, justice)).legalAidReport;
    expect(report.html).toContain('<td>公安交管 机动车登记</td>');
  });

  it('gives the feed rows to city-wide civil affairs only, through the gateway and straight at monitoring', async () => {
    const cityOfficer: Identity = { subject: 'ca-officer', role: 'DEPARTMENT_OFFICER', department: 'CIVIL_AFFAIRS', region: '4112' };
    const countyService: Identity = { subject: 'ca-service', role: 'SERVICE', department: 'CIVIL_AFFAIRS', region: '411202' };
    const housing: Identity = { subject: 'housing', role: 'DEPARTMENT_OFFICER', department: 'HOUSING', region: '4112' };
    const city = (await ok(FEED_RECORDS, { id: h.ids[0] }, cityOfficer)).person;
    expect(city.feedRecords.map((row: any) => row.feed).sort()).toEqual(['REAL_ESTATE', 'VEHICLE']);
    expect(city.feedRecords.find((row: any) => row.feed === 'VEHICLE')).toEqual({
      feed: 'VEHICLE',
      source: '公安交管 机动车登记',
      occurredOn: iso(-100),
      state: { status: 'REGISTERED', kind: 'CAR', level: null, amount: '86000', reference: null },
    });
    const monitoringUrl = stack.subgraphs.monitoring!.url;
    const reps = [{ __typename: 'Person', idNumber: h.ids[0] }];
    expect((await stack.query(ENTITY, { reps }, { as: cityOfficer, url: monitoringUrl })).data._entities[0].feedRecords).toHaveLength(2);
    for (const as of [worker, countyService, housing, analyst, auditor]) {
      const viaGateway = await stack.query(FEED_RECORDS, { id: h.ids[0] }, { as });
      expect([as.subject, viaGateway.data?.person?.feedRecords ?? null]).toEqual([as.subject, null]);
      const direct = await stack.query(ENTITY, { reps }, { as, url: monitoringUrl });
      expect([as.subject, direct.data?._entities?.[0]?.feedRecords ?? null]).toEqual([as.subject, null]);
    }
  });
});

describe('an application from a monitoring alert', () => {
  const ALERT = `query($id: ID!) { alert(id: $id) { id personIdNumber recognitionCases { id channel step } } }`;
  const CASE_ALERT = `query($id: ID!) { recognitionCase(id: $id) { alertId alert { id ruleCode status personIdNumber } } }`;
  const ALERT_ENTITY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Alert { id recognitionCases { id } } } }`;

  it('links the case and the alert both ways, each in the caller’s region only', async () => {
    const h = await household([{ birthDate: '1961-06-06' }, { birthDate: '1963-03-03' }]);
    const alertId = await raiseAlert(h.ids[1]!);
    const submitted = (await ok(SUBMIT, { input: application(h, { channel: 'MONITORING_ALERT', alertId }) }, worker)).submitApplication;
    expect(submitted).toMatchObject({ channel: 'MONITORING_ALERT', alertId, step: 'SUBMITTED' });
    const seen = (await ok(ALERT, { id: alertId }, worker)).alert;
    expect(seen).toEqual({ id: alertId, personIdNumber: h.ids[1], recognitionCases: [{ id: submitted.id, channel: 'MONITORING_ALERT', step: 'SUBMITTED' }] });
    expect((await ok(CASE_ALERT, { id: submitted.id }, worker)).recognitionCase).toEqual({
      alertId,
      alert: { id: alertId, ruleCode: 'VISIT_REPORTED_CHANGE', status: 'OPEN', personIdNumber: h.ids[1] },
    });
    // Another township sees neither the alert nor, straight at civil affairs, the case on it.
    expect((await stack.query(ALERT, { id: alertId }, { as: otherWorker })).data.alert).toBeNull();
    const reps = [{ __typename: 'Alert', id: alertId }];
    expect((await stack.query(ALERT_ENTITY, { reps }, { as: worker, url: civilUrl })).data._entities).toEqual([
      { id: alertId, recognitionCases: [{ id: submitted.id }] },
    ]);
    expect((await stack.query(ALERT_ENTITY, { reps }, { as: otherWorker, url: civilUrl })).data._entities).toEqual([{ id: alertId, recognitionCases: [] }]);
    // Straight at monitoring, the alert entity resolves only in its region.
    const monitoringUrl = stack.subgraphs.monitoring!.url;
    expect(
      (await stack.query(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Alert { id } } }`, { reps }, { as: worker, url: monitoringUrl }))
        .data._entities,
    ).toEqual([{ id: alertId }]);
    expect(
      (
        await stack.query(
          `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Alert { id } } }`,
          { reps },
          { as: otherWorker, url: monitoringUrl },
        )
      ).data._entities,
    ).toEqual([null]);
  });

  it('refuses an unknown alert, or one about someone outside the household, and writes nothing', async () => {
    const h = await household([{ birthDate: '1962-02-02' }]);
    const stranger = await household([{ birthDate: '1964-04-04' }]);
    const theirs = await raiseAlert(stranger.ids[0]!);
    for (const alertId of ['no-such-alert', theirs]) {
      const error = await expectRejected(
        SUBMIT,
        { input: application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], channel: 'MONITORING_ALERT', alertId }) },
        'INVALID_INPUT',
      );
      expect(error.extensions).toMatchObject({ field: 'alertId', reason: 'UNKNOWN_ALERT' });
    }
  });
});

describe('a department that cannot be read', () => {
  it('stores the report with the unavailable sources named rather than guessing', async () => {
    const h = await household([{ birthDate: '1971-08-08' }]);
    const submitted = (await ok(SUBMIT, { input: application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [] }) })).submitApplication;
    await ok(ACCEPT, { id: submitted.id, on: iso(-19) });
    await ok(INVESTIGATE, { id: submitted.id, input: { investigators: ['张三'], visitedOn: iso(-18), findings: '调查属实' } });
    const gateway = process.env.GATEWAY_URL;
    process.env.GATEWAY_URL = 'http://127.0.0.1:9/graphql'; // nothing listens there
    try {
      const verified = (await ok(VERIFY, { id: submitted.id })).verifyEconomicSituation;
      expect(verified.verification.unavailable).toEqual(['住建局', '医保局', '外部数据 (民政 监测)', '总工会']);
      expect(verified.verification.items.some((item: any) => item.source === '医保局')).toBe(false);
      expect(verified.assessment.results).toHaveLength(5);
    } finally {
      process.env.GATEWAY_URL = gateway;
    }
  });
});

describe('bad input writes nothing', () => {
  it('refuses bad applications with a stable code', async () => {
    const h = await household([{ birthDate: '1975-01-01' }, { birthDate: '1976-01-01' }]);
    const stranger = await household([{ birthDate: '1977-01-01' }]);
    const good = application(h);
    await expectRejected(SUBMIT, { input: { ...good, members: [] } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, members: [good.members[0], good.members[0]] } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, members: [{ idNumber: stranger.ids[0], ableToWork: false }] } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, incomes: [{ memberIdNumber: stranger.ids[0], kind: 'WAGES', monthlyAmount: '1' }] } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, incomes: [{ kind: 'WAGES', monthlyAmount: '-1' }] } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, assets: [{ kind: 'DEPOSITS', value: '1.001', description: '存款' }] } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, assets: [{ kind: 'DEPOSITS', value: '1', description: '' }] } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, reason: 'x' } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, submittedOn: iso(2) } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, channel: 'MONITORING_ALERT' } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, alertId: 'alert-1' } }, 'INVALID_INPUT');
    await expectRejected(SUBMIT, { input: { ...good, householdId: 'no-such-household' } }, 'NOT_FOUND');
    await expectRejected(SUBMIT, { input: { ...good, members: [{ idNumber: '411202197501010000', ableToWork: false }] } }, 'INVALID_ID_NUMBER');
    // Another township's household is refused exactly as an unknown one (issue 9).
    await expectRejected(SUBMIT, { input: good }, 'NOT_FOUND', otherWorker);
    await expectRejected(SUBMIT, { input: good }, 'FORBIDDEN', analyst);
    // One open application per household.
    await ok(SUBMIT, { input: good });
    const twice = await expectRejected(SUBMIT, { input: good }, 'CONFLICT');
    expect(twice.extensions?.reason).toBe('CASE_OPEN');
  });

  it('refuses bad steps with a stable code', async () => {
    const h = await household([{ birthDate: '1975-01-01' }]);
    const input = application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [] });
    const submitted = (await ok(SUBMIT, { input })).submitApplication;
    const id = submitted.id;
    await expectRejected(INVESTIGATE, { id, input: { investigators: ['张三'], visitedOn: iso(0), findings: '调查' } }, 'INVALID_TRANSITION');
    await expectRejected(VERIFY, { id }, 'INVALID_TRANSITION');
    await expectRejected(CONFIRM, { id, reason: '确认' }, 'INVALID_TRANSITION');
    await expectRejected(ACCEPT, { id, on: iso(1) }, 'INVALID_INPUT');
    await expectRejected(ACCEPT, { id, on: iso(-25) }, 'INVALID_INPUT');
    await expectRejected(ACCEPT, { id: 'no-such-case' }, 'NOT_FOUND');
    await expectRejected(ACCEPT, { id }, 'NOT_FOUND', otherWorker);
    await expectRejected(ACCEPT, { id }, 'FORBIDDEN', analyst);
    await expectRejected(REFUSE, { id, missing: [] }, 'INVALID_INPUT');
    await expectRejected(WITHDRAW, { id, reason: '' }, 'INVALID_INPUT');
    await ok(ACCEPT, { id, on: iso(-19) });
    await expectRejected(INVESTIGATE, { id, input: { investigators: [], visitedOn: iso(-18), findings: '调查' } }, 'INVALID_INPUT');
    await expectRejected(INVESTIGATE, { id, input: { investigators: ['张三'], visitedOn: iso(-25), findings: '调查' } }, 'INVALID_INPUT');
    await expectRejected(INVESTIGATE, { id, input: { investigators: ['张三'], visitedOn: iso(-18), findings: '' } }, 'INVALID_INPUT');
    await ok(INVESTIGATE, { id, input: { investigators: ['张三'], visitedOn: iso(-18), findings: '调查属实' } });
    await ok(VERIFY, { id, on: iso(-17) });
    await expectRejected(TOWNSHIP_REVIEW, { id, opinion: '' }, 'INVALID_INPUT');
    await ok(TOWNSHIP_REVIEW, { id, on: iso(-16), opinion: '同意' });
    await expectRejected(REJECT, { id, reasons: [] }, 'INVALID_INPUT');
    await ok(NOTICE, { id, on: iso(-3) });
    const running = await expectRejected(CONFIRM, { id, reason: '确认' }, 'CONFLICT');
    expect(running.extensions?.reason).toBe('NOTICE_RUNNING');
    await expectRejected(OBJECT, { id, content: '' }, 'INVALID_INPUT');
    await expectRejected(OBJECT, { id, content: '有异议', on: iso(-5) }, 'INVALID_INPUT');
    await expectRejected(ANSWER, { id: 'no-such-objection', answer: '答复', upheld: false }, 'NOT_FOUND');
    await expectRejected(DECIDE_REVIEW, { id, reason: '复核' }, 'INVALID_INPUT');
    await expectRejected(START_REVIEW, { input: { householdId: h.id, members: [{ idNumber: h.ids[0], ableToWork: false }] } }, 'CONFLICT');
  });
});

describe('concurrency: one case, twenty requests', () => {
  it('lets exactly one of 20 parallel confirmations through and grants once', async () => {
    const h = await household([{ birthDate: '1969-01-01' }, { birthDate: '1970-01-01' }]);
    const { id } = await toNotice(application(h));
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.query(CONFIRM, { id, on: iso(-8), reason: '确认纳入低保' })));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => ['INVALID_TRANSITION', 'CONFLICT'].includes(r.errors![0]!.extensions?.code))).toBe(true);
    const [row] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CategoryHolding" WHERE "recognizedBy" = $1`,
      [`RecognitionCase:${id}`],
    );
    expect(row!.n).toBe(2);
    const [events] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CaseStepEvent" WHERE "caseId" = $1 AND "toStep" = 'CONFIRMED'`,
      [id],
    );
    expect(events!.n).toBe(1);
  });

  it('lets exactly one of 20 parallel step transitions through, straight at the subgraph', async () => {
    const h = await household([{ birthDate: '1969-01-01' }]);
    const submitted = (await ok(SUBMIT, { input: application(h, { members: [{ idNumber: h.ids[0], ableToWork: false }], incomes: [] }) })).submitApplication;
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.query(ACCEPT, { id: submitted.id, on: iso(-19) }, { url: civilUrl })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'INVALID_TRANSITION')).toHaveLength(19);
    const [events] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CaseStepEvent" WHERE "caseId" = $1`, [
      submitted.id,
    ]);
    expect(events!.n).toBe(2);
  });
});

describe('security of every new field', () => {
  let caseId: string;
  let ids: string[];
  beforeAll(async () => {
    const h = await household([
      { birthDate: '1966-01-01', name: '赵大山' },
      { birthDate: '1967-01-01', name: '钱小花' },
    ]);
    ids = h.ids;
    caseId = (await toNotice(application(h))).id;
  });
  const CASE = `query($id: ID!) { recognitionCase(id: $id) { id reason members { idNumber person { name } } verification { items { idNumber } } history { note } } }`;

  it('shows a township its own cases only, through the gateway and straight at the subgraph', async () => {
    for (const options of [{}, { url: civilUrl }]) {
      const mine = await stack.query(CASE, { id: caseId }, { as: worker, ...options });
      expect(mine.data?.recognitionCase?.id).toBe(caseId);
      const theirs = await stack.query(CASE, { id: caseId }, { as: otherWorker, ...options });
      expect(theirs.data?.recognitionCase).toBeNull();
      const list = await stack.query(
        `query { recognitionCases { id } publicNotices { caseId } dueReviews(dueBy: "2099-01-01") { id } }`,
        {},
        { as: otherWorker, ...options },
      );
      expect(list.errors).toBeUndefined();
      expect(list.data.recognitionCases.map((c: any) => c.id)).not.toContain(caseId);
      expect(list.data.publicNotices.map((c: any) => c.caseId)).not.toContain(caseId);
      const asked = await stack.query(`query { recognitionCases(filter: { regionCode: "${TOWNSHIP}" }) { id } }`, {}, { as: otherWorker, ...options });
      expect(asked.data.recognitionCases).toEqual([]);
      const bad = await stack.query(`query { publicNotices(regionCode: "12345") { caseId } }`, {}, { as: worker, ...options });
      expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
    }
  });

  it('masks names and free text for an analyst straight at the subgraph, and ID numbers too through the gateway', async () => {
    const direct = await stack.query(CASE, { id: caseId }, { as: analyst, url: civilUrl });
    expect(direct.data.recognitionCase.members.map((m: any) => m.person.name).sort()).toEqual(['赵**', '钱**']);
    expect(direct.data.recognitionCase.reason).toBe('（已隐藏）');
    expect(direct.data.recognitionCase.history.every((e: any) => e.note === '（已隐藏）')).toBe(true);
    const viaGateway = await stack.query(CASE, { id: caseId }, { as: analyst });
    const text = JSON.stringify(viaGateway.data);
    for (const idNumber of ids) expect(text).not.toContain(idNumber);
    expect(viaGateway.data.recognitionCase.members.every((m: any) => /^411202\*+\w{4}$/.test(m.idNumber))).toBe(true);
    const full = await stack.query(CASE, { id: caseId }, { as: worker });
    expect(full.data.recognitionCase.members.map((m: any) => m.person.name).sort()).toEqual(['赵大山', '钱小花']);
  });

  it('prints the notice list with masked names, village, category and amount, never ID numbers or phones', async () => {
    const NOTICES = `query { publicNotices(regionCode: "${TOWNSHIP}") { caseId maskedName villageCode villageName category monthlyAmount memberCount noticeStartOn noticeEndOn } }`;
    for (const options of [{}, { url: civilUrl }]) {
      const result = await stack.query(NOTICES, {}, { as: worker, ...options });
      const entry = result.data.publicNotices.find((n: any) => n.caseId === caseId);
      expect(entry).toMatchObject({
        maskedName: '赵**',
        villageCode: VILLAGE,
        category: 'SUBSISTENCE_ALLOWANCE',
        monthlyAmount: '840.00',
        memberCount: 2,
        noticeStartOn: iso(-15),
      });
      expect(entry.villageName).toBeTruthy();
      expect(JSON.stringify(result.data)).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
    }
    expect((await stack.query(NOTICES, {}, { as: auditor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses every new mutation to roles that do not write the register', async () => {
    const mutations = [
      [SUBMIT, { input: application({ id: 'h', ids }) }],
      [ACCEPT, { id: caseId }],
      [REFUSE, { id: caseId, missing: ['户口簿'] }],
      [INVESTIGATE, { id: caseId, input: { investigators: ['张三'], visitedOn: iso(0), findings: '调查属实' } }],
      [VERIFY, { id: caseId }],
      [TOWNSHIP_REVIEW, { id: caseId, opinion: '同意' }],
      [NOTICE, { id: caseId }],
      [OBJECT, { id: caseId, content: '有异议' }],
      [ANSWER, { id: 'x', answer: '答复', upheld: false }],
      [CONFIRM, { id: caseId, reason: '确认' }],
      [REJECT, { id: caseId, reasons: ['不符合'] }],
      [NOTIFY, { id: caseId }],
      [WITHDRAW, { id: caseId, reason: '撤回申请' }],
      [START_REVIEW, { input: { householdId: 'h', members: [{ idNumber: ids[0], ableToWork: false }] } }],
      [DECIDE_REVIEW, { id: caseId, reason: '复核' }],
    ] as const;
    for (const as of [analyst, auditor, { subject: 'svc', role: 'SERVICE', department: 'CIVIL_AFFAIRS', region: '4112' } as Identity, justice]) {
      for (const options of [{}, { url: civilUrl }]) {
        for (const [mutation, variables] of mutations) {
          const result = await stack.query(mutation, variables, { as, ...options });
          expect(result.errors?.[0]?.extensions?.code, `${as.role} ${mutation.slice(0, 40)}`).toBe('FORBIDDEN');
        }
      }
    }
    expect((await ok(`query { recognitionCase(id: "${caseId}") { step objections { id } } }`)).recognitionCase).toEqual({
      step: 'PUBLIC_NOTICE',
      objections: [],
    });
  });

  it('publishes the policy parameters the assessment reads, per county and year', async () => {
    const { civilAffairsPolicyParameters: rows } = await ok(
      `query { civilAffairsPolicyParameters(year: 2026) { regionCode year name value description } }`,
      {},
      analyst,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { regionCode: '411200', year: 2026, name: 'SUBSISTENCE_LINE_URBAN', value: '720', description: '城市低保标准 (元/人/月)' },
        expect.objectContaining({ name: 'DECISION_WORKING_DAYS', value: '30' }),
        expect.objectContaining({ name: 'DECISION_WORKING_DAYS_EXTENDED', value: '45' }),
        expect.objectContaining({ name: 'NOTICE_DAYS', value: '7' }),
        expect.objectContaining({ name: 'EXIT_GRACE_MONTHS', value: '6' }),
        { regionCode: '411282', year: 2026, name: 'SUBSISTENCE_TIER_1_GAP_UP_TO', value: '200', description: '低保分档 第 1 档: 人均差额不超过 (元/人/月)' },
      ]),
    );
    expect((await stack.query(`query { civilAffairsPolicyParameters(year: 0) { name } }`)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect((await stack.query(`query { civilAffairsPolicyParameters(year: 2026) { name } }`, {}, { as: auditor })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
