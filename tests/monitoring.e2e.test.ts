// Monitoring through the real gateway over HTTP: feeds, runs, alerts, referrals with working-day
// deadlines, feedback, escalation and the queues, with the monitoring service reading civil
// affairs and the departments through the same gateway as its SERVICE identity.

import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  vi.useRealTimers();
  await stack?.close();
});

const service = (department: Identity['department']): Identity => ({
  subject: `${department!.toLowerCase()}-feed`,
  role: 'SERVICE',
  department,
  region: '4112',
});
const AS = {
  police: service('PUBLIC_SECURITY'),
  labour: service('HUMAN_RESOURCES'),
  health: service('HEALTH'),
  emergency: service('EMERGENCY_MANAGEMENT'),
  townshipA: { subject: 'worker-a', role: 'TOWNSHIP_WORKER', region: '411202001' },
  townshipB: { subject: 'worker-b', role: 'TOWNSHIP_WORKER', region: '411202002' },
  county: { subject: 'county-officer', role: 'COUNTY_OFFICER', region: '411202' },
  labourOfficer: { subject: 'hr-officer', role: 'DEPARTMENT_OFFICER', department: 'HUMAN_RESOURCES', region: '411202' },
  analyst: { subject: 'analyst', role: 'ANALYST', region: '4112' },
  auditor: { subject: 'auditor', role: 'AUDITOR', region: '4112' },
} satisfies Record<string, Identity>;

let sequence = 300;
const newId = (birthDate = '1972-05-09') => makeIdNumber({ areaCode: '411202', birthDate, sequence: ++sequence });

/** Registers a one-person household in `regionCode` holding `category` (if any) since 2024. */
async function registerPerson(regionCode = '411202001001', category: string | null = 'SUBSISTENCE_ALLOWANCE') {
  const idNumber = newId();
  const registered = await stack.query(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: {
      regionCode,
      address: '测试地址1号',
      hukouType: 'URBAN',
      monthlyIncome: '600',
      financialAssets: '0',
      members: [{ idNumber, name: '张测试', relationshipToHead: 'HEAD' }],
    },
  });
  expect(registered.errors).toBeUndefined();
  if (category) {
    const granted = await stack.query(
      `mutation($id: IdNumber!, $c: LowIncomeCategory!) { grantCategory(input: { idNumber: $id, category: $c, validFrom: "2024-01-01", recognizedBy: "湖滨区民政局", reason: "认定" }) { id } }`,
      { id: idNumber, c: category },
    );
    expect(granted.errors).toBeUndefined();
  }
  return idNumber;
}

const IMPORT = `mutation($input: ImportFeedBatchInput!) { importFeedBatch(input: $input) { batchId feed rows changed alreadyImported } }`;
const importFeed = (as: Identity, feed: string, batchId: string, rows: Record<string, string>[]) =>
  stack.query(IMPORT, { input: { feed, batchId, rows } }, { as });

async function run(as: Identity = AS.county) {
  const result = await stack.query(`mutation { runMonitoring { id status read raised resolved escalated error } }`, undefined, { as });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.data.runMonitoring.status).toBe('SUCCEEDED');
  return result.data.runMonitoring;
}

const ALERT_FIELDS = `id ruleCode status severity resolution regionCode holdingsEndedAt evidence { source evidenceId observedOn state { status occurredOn } }
  referrals { id office officeRegion status referredOn dueOn overdue escalatedTo linkedRecord { type id } sentBackReason }`;
async function alertsOf(idNumber: string, as: Identity = AS.county) {
  const result = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { alerts { ${ALERT_FIELDS} } } }`, { id: idNumber }, { as });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.person?.alerts as any[];
}

const monitoringCount = async (table: string) => {
  const [row] = await stack.subgraphs.monitoring!.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return row!.n;
};

describe('a death reported by 公安', () => {
  it('ends the holdings through civil affairs, raises one alert referred to the township, and a re-import changes nothing', async () => {
    const id = await registerPerson('411202001001');
    const rows = [{ idNumber: id, occurredOn: '2025-03-02', reference: 'ZX2025-001' }];
    const first = await importFeed(AS.police, 'DEATH', 'gongan-2025-03', rows);
    expect(first.data.importFeedBatch).toEqual({ batchId: 'gongan-2025-03', feed: 'DEATH', rows: 1, changed: 1, alreadyImported: false });
    const raised = await run();
    expect(raised.raised).toBeGreaterThanOrEqual(1);

    const person = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { alive deceasedOn holdings { status validTo } } }`, { id });
    expect(person.data.person).toEqual({ alive: false, deceasedOn: '2025-03-02', holdings: [{ status: 'ENDED', validTo: '2025-03-02' }] });
    const [alert, ...others] = await alertsOf(id);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      ruleCode: 'DEATH_REPORTED',
      status: 'REFERRED',
      severity: 'HIGH',
      holdingsEndedAt: expect.any(String),
      evidence: [
        { source: 'DEATH', evidenceId: expect.stringMatching(/^feed:\d+$/), observedOn: '2025-03-02', state: { occurredOn: '2025-03-02', status: null } },
      ],
      referrals: [{ office: 'TOWNSHIP', officeRegion: '411202001', status: 'PENDING' }],
    });

    const before = await Promise.all(['FeedBatch', 'FeedRecord', 'PersonSignal', 'Alert', 'Referral'].map(monitoringCount));
    const again = await importFeed(AS.police, 'DEATH', 'gongan-2025-03', rows);
    expect(again.data.importFeedBatch).toMatchObject({ rows: 1, changed: 0, alreadyImported: true });
    // The same fact in a new batch is recorded as received but is no change for the rules.
    const resent = await importFeed(AS.police, 'DEATH', 'gongan-2025-03-resent', rows);
    expect(resent.data.importFeedBatch).toMatchObject({ rows: 1, changed: 0, alreadyImported: false });
    await run();
    expect(await alertsOf(id)).toHaveLength(1);
    const after = await Promise.all(['FeedBatch', 'FeedRecord', 'PersonSignal', 'Alert', 'Referral'].map(monitoringCount));
    expect(after).toEqual([before[0]! + 1, before[1]! + 1, before[2], before[3], before[4]]);
  });

  it('takes a feed only from its department and refuses a batch with bad rows whole, listing each', async () => {
    const id = await registerPerson();
    expect((await importFeed(AS.labour, 'DEATH', 'wrong-sender', [{ idNumber: id, occurredOn: '2025-03-02' }])).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await importFeed(AS.analyst, 'DEATH', 'analyst', [{ idNumber: id, occurredOn: '2025-03-02' }])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tables = ['FeedBatch', 'FeedRecord', 'PersonSignal'];
    const before = await Promise.all(tables.map(monitoringCount));
    const bad = await importFeed(AS.labour, 'UNEMPLOYMENT', 'hr-bad', [
      { idNumber: id, occurredOn: '2025-03-01', status: 'REGISTERED' },
      { idNumber: `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`, occurredOn: '2025-03-01', status: 'REGISTERED' },
      { idNumber: id, occurredOn: '2025-02-30', status: 'LOST' },
      { idNumber: newId(), occurredOn: '2025-03-01' },
      { idNumber: id, occurredOn: '2025-03-01', status: 'EMPLOYED' },
    ]);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BATCH_REJECTED',
      rows: [
        { row: 2, code: 'INVALID_ID_NUMBER' },
        { row: 3, code: 'INVALID_DATE' },
        { row: 3, code: 'INVALID_VALUE', column: 'status' },
        { row: 4, code: 'MISSING_VALUE', column: 'status' },
        { row: 5, code: 'DUPLICATE_ROW' },
      ],
    });
    expect(bad.errors![0]!.extensions!.rows[0].idNumber).not.toBe(id);
    for (const [input, field] of [
      [{ feed: 'UNEMPLOYMENT', batchId: 'has space', rows: [{ idNumber: id, occurredOn: '2025-03-01', status: 'REGISTERED' }] }, 'batchId'],
      [{ feed: 'UNEMPLOYMENT', batchId: 'empty', rows: [] }, 'rows'],
    ] as const) {
      const result = await stack.query(IMPORT, { input }, { as: AS.labour });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field });
    }
    expect((await stack.query(IMPORT, { input: { feed: 'NO_SUCH_FEED', batchId: 'x', rows: [] } }, { as: AS.labour })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await Promise.all(tables.map(monitoringCount))).toEqual(before);
  });
});

describe('referrals with deadlines', () => {
  let unemployed: string;
  let ignored: string;
  beforeAll(async () => {
    unemployed = await registerPerson('411202001001');
    ignored = await registerPerson('411202001002', 'NEAR_SUBSISTENCE');
  });
  afterAll(() => vi.useRealTimers());

  it('an unemployment row refers to 人社 due 10 working days later, across the National Day holiday and its make-up days', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2025-09-26T02:00:00Z')); // Friday; 28 Sep and 11 Oct are worked, 1–8 Oct are off
    const rows = [unemployed, ignored].map((idNumber) => ({ idNumber, occurredOn: '2025-09-20', status: 'REGISTERED', reference: 'SY-1' }));
    expect((await importFeed(AS.labour, 'UNEMPLOYMENT', 'hr-2025-09', rows)).errors).toBeUndefined();
    await run();
    for (const idNumber of [unemployed, ignored]) {
      const alerts = await alertsOf(idNumber);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        ruleCode: 'UNEMPLOYED_MEMBER',
        referrals: [{ office: 'HUMAN_RESOURCES', officeRegion: '411202', status: 'PENDING', referredOn: '2025-09-26', dueOn: '2025-10-16', overdue: false }],
      });
    }
    // 人社's officers see both in their queue; the township sees none of a department's referrals.
    const queue = await stack.query(`{ referralQueue { totalCount edges { node { personIdNumber office dueOn bucket } } } }`, undefined, {
      as: AS.labourOfficer,
    });
    expect(queue.data.referralQueue.edges.map((edge: any) => edge.node.personIdNumber).sort()).toEqual([unemployed, ignored].sort());
    const township = await stack.query(`{ referralQueue { edges { node { office } } } }`, undefined, { as: AS.townshipA });
    expect(township.data.referralQueue.edges.every((edge: any) => edge.node.office === 'TOWNSHIP')).toBe(true);
  });

  it('closes by itself when 人社’s own feed shows the assistance given', async () => {
    vi.setSystemTime(new Date('2025-10-09T02:00:00Z'));
    expect(
      (await importFeed(AS.labour, 'UNEMPLOYMENT', 'hr-2025-10', [{ idNumber: unemployed, occurredOn: '2025-10-09', status: 'ASSISTED' }])).errors,
    ).toBeUndefined();
    const result = await run();
    expect(result.resolved).toBeGreaterThanOrEqual(1);
    const [alert] = await alertsOf(unemployed);
    expect(alert).toMatchObject({ status: 'RESOLVED', resolution: 'COVERED', referrals: [{ status: 'CLOSED_COVERED' }] });
    expect(alert.evidence).toEqual([expect.objectContaining({ source: 'UNEMPLOYMENT', state: { status: 'REGISTERED', occurredOn: '2025-09-20' } })]);
  });

  it('an overdue referral escalates to the county and shows as overdue', async () => {
    vi.setSystemTime(new Date('2025-10-20T02:00:00Z'));
    const result = await run();
    expect(result.escalated).toBeGreaterThanOrEqual(1);
    const [alert] = await alertsOf(ignored);
    expect(alert.referrals[0]).toMatchObject({ status: 'PENDING', overdue: true, escalatedTo: '411202' });
    const overdue = await stack.query(`{ referralQueue(bucket: OVERDUE) { edges { node { personIdNumber escalatedTo bucket } } } }`, undefined, {
      as: AS.county,
    });
    expect(overdue.data.referralQueue.edges.map((edge: any) => edge.node)).toContainEqual({
      personIdNumber: ignored,
      escalatedTo: '411202',
      bucket: 'OVERDUE',
    });
    const byCounty = await stack.query(`{ overdueReferralsByCounty { countyCode office overdue escalated } }`, undefined, { as: AS.county });
    expect(byCounty.data.overdueReferralsByCounty).toContainEqual({ countyCode: '411202', office: 'HUMAN_RESOURCES', overdue: 1, escalated: 1 });
    vi.useRealTimers();
  });
});

describe('coverage that shows in a department of the graph', () => {
  it('a serious illness refers to health insurance; its enrolment with the assistance identity closes the referral by itself', async () => {
    const id = await registerPerson('411202001003');
    expect(
      (await importFeed(AS.health, 'SERIOUS_ILLNESS', 'wj-1', [{ idNumber: id, occurredOn: '2025-05-01', status: 'DIAGNOSED', kind: 'C34' }])).errors,
    ).toBeUndefined();
    await run();
    const medical = (await alertsOf(id)).find((alert) => alert.ruleCode === 'MEDICAL_ASSISTANCE_NEEDED');
    expect(medical).toMatchObject({ status: 'REFERRED', referrals: [{ office: 'HEALTH_INSURANCE', status: 'PENDING' }] });
    const enrolled = await stack.query(`mutation($input: EnrolMedicalInsuranceInput!) { enrolMedicalInsurance(input: $input) { id } }`, {
      input: { idNumber: id, year: new Date().getFullYear(), countyCode: '411202', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' },
    });
    expect(enrolled.errors).toBeUndefined();
    await run();
    const closed = (await alertsOf(id)).find((alert) => alert.id === medical.id);
    expect(closed).toMatchObject({ status: 'RESOLVED', resolution: 'COVERED', referrals: [{ status: 'CLOSED_COVERED' }] });
  });
});

describe('visits, queues and feedback', () => {
  const VISIT = `mutation($input: ReportVisitInput!) { reportVisit(input: $input) { id visitedBy changes alert { id status referrals { id office officeRegion } } } }`;
  const ACCEPT = `mutation($id: ID!) { acceptReferral(referralId: $id) { status acceptedBy alert { status } } }`;
  const RECORD = `mutation($input: RecordReferralActionInput!) { recordReferralAction(input: $input) { status actionNote linkedRecord { type id } alert { status resolution } } }`;
  const SEND_BACK = `mutation($id: ID!, $reason: String!) { sendBackReferral(referralId: $id, reason: $reason) { status alert { status } } }`;
  let personA: string;
  let personB: string;
  let referralA: string;
  let alertB: string;

  beforeAll(async () => {
    personA = await registerPerson('411202001004');
    personB = await registerPerson('411202002001');
  });

  it('a visit that finds a change raises its alert at once, referred to the visitor’s township', async () => {
    const visit = await stack.query(
      VISIT,
      { input: { personIdNumber: personA, visitedOn: '2025-06-01', changes: ['ILLNESS', 'INCOME_LOST'], note: '户主住院，收入中断' } },
      { as: AS.townshipA },
    );
    expect(visit.errors, JSON.stringify(visit.errors)).toBeUndefined();
    expect(visit.data.reportVisit).toMatchObject({
      visitedBy: 'worker-a',
      changes: ['ILLNESS', 'INCOME_LOST'],
      alert: { status: 'REFERRED', referrals: [{ office: 'TOWNSHIP', officeRegion: '411202001' }] },
    });
    referralA = visit.data.reportVisit.alert.referrals[0].id;
    const visitB = await stack.query(VISIT, { input: { personIdNumber: personB, visitedOn: '2025-06-02', changes: ['LEFT_AREA'] } }, { as: AS.townshipB });
    expect(visitB.errors).toBeUndefined();
    alertB = visitB.data.reportVisit.alert.id;
    const quiet = await stack.query(VISIT, { input: { personIdNumber: personA, visitedOn: '2025-06-03', changes: [] } }, { as: AS.townshipA });
    expect(quiet.data.reportVisit.alert).toBeNull();
  });

  it('a township worker sees only their township’s queue and persons’ alerts', async () => {
    const queueOf = async (as: Identity) =>
      (await stack.query(`{ referralQueue(first: 100) { edges { node { personIdNumber officeRegion } } } }`, undefined, { as })).data.referralQueue.edges.map(
        (edge: any) => edge.node,
      );
    const a = await queueOf(AS.townshipA);
    const b = await queueOf(AS.townshipB);
    expect(a.map((node: any) => node.personIdNumber)).toContain(personA);
    expect(a.map((node: any) => node.personIdNumber)).not.toContain(personB);
    expect(a.every((node: any) => node.officeRegion === '411202001')).toBe(true);
    expect(b.map((node: any) => node.personIdNumber)).toEqual([personB]);
    expect(await alertsOf(personB, AS.townshipA)).toBeUndefined(); // outside the region, civil affairs returns no person
    const list = await stack.query(`{ alerts(first: 100) { totalCount edges { node { personIdNumber regionCode } } } }`, undefined, { as: AS.townshipB });
    expect(list.data.alerts.edges.every((edge: any) => edge.node.regionCode.startsWith('411202002'))).toBe(true);
    expect((await stack.query(`{ alert(id: "${alertB}") { id } }`, undefined, { as: AS.townshipA })).data.alert).toBeNull();
    expect((await stack.query(`{ alerts { totalCount } }`, undefined, { as: AS.auditor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('only the receiving office acts: accept, then record the action with the record it created', async () => {
    expect((await stack.query(ACCEPT, { id: referralA }, { as: AS.townshipB })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query(ACCEPT, { id: referralA }, { as: AS.analyst })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query(ACCEPT, { id: referralA }, { as: AS.labourOfficer })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const accepted = await stack.query(ACCEPT, { id: referralA }, { as: AS.townshipA });
    expect(accepted.data.acceptReferral).toEqual({ status: 'ACCEPTED', acceptedBy: 'worker-a', alert: { status: 'IN_PROGRESS' } });
    expect((await stack.query(ACCEPT, { id: referralA }, { as: AS.townshipA })).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

    for (const [input, field] of [
      [{ referralId: referralA, note: '好' }, 'note'],
      [{ referralId: referralA, note: '已办理临时救助', linkedRecordType: 'ASSISTANCE' }, 'linkedRecordId'],
      [{ referralId: referralA, note: '已办理临时救助', linkedRecordId: 'x'.repeat(65), linkedRecordType: 'ASSISTANCE' }, 'linkedRecordId'],
    ] as const) {
      const result = await stack.query(RECORD, { input }, { as: AS.townshipA });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field });
    }
    expect((await stack.query(RECORD, { input: { referralId: 'no-such-referral', note: '已办理' } }, { as: AS.townshipA })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const recorded = await stack.query(
      RECORD,
      { input: { referralId: referralA, note: '已办理临时救助', linkedRecordType: 'APPLICATION', linkedRecordId: 'app-42' } },
      { as: AS.townshipA },
    );
    expect(recorded.data.recordReferralAction).toEqual({
      status: 'ACTIONED',
      actionNote: '已办理临时救助',
      linkedRecord: { type: 'APPLICATION', id: 'app-42' },
      alert: { status: 'RESOLVED', resolution: 'ACTION_RECORDED' },
    });
    // The same facts, evaluated again on another change of the person, raise nothing new.
    expect(
      (await importFeed(AS.emergency, 'DISASTER', 'yj-1', [{ idNumber: personA, occurredOn: '2025-06-05', status: 'AFFECTED', kind: 'STORM', level: '1' }]))
        .errors,
    ).toBeUndefined();
    await run();
    expect((await alertsOf(personA)).map((alert) => [alert.ruleCode, alert.status])).toEqual([['VISIT_REPORTED_CHANGE', 'RESOLVED']]);
  });

  it('a referral sent back reopens the alert, which civil affairs refers again or dismisses', async () => {
    const [alert] = (await alertsOf(personB, AS.townshipB)).filter((candidate) => candidate.id === alertB);
    const referral = alert.referrals[0].id;
    expect((await stack.query(SEND_BACK, { id: referral, reason: '' }, { as: AS.townshipB })).errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'reason',
    });
    const sent = await stack.query(SEND_BACK, { id: referral, reason: '已迁出本乡镇，非本辖区' }, { as: AS.townshipB });
    expect(sent.data.sendBackReferral).toEqual({ status: 'SENT_BACK', alert: { status: 'OPEN' } });
    const again = await stack.query(
      `mutation($id: ID!) { referAlert(alertId: $id, office: PUBLIC_SECURITY) { status referrals { office status } } }`,
      { id: alertB },
      { as: AS.county },
    );
    expect(again.data.referAlert).toMatchObject({
      status: 'REFERRED',
      referrals: [
        { office: 'PUBLIC_SECURITY', status: 'PENDING' },
        { office: 'TOWNSHIP', status: 'SENT_BACK' },
      ],
    });
    expect(
      (await stack.query(`mutation($id: ID!) { dismissAlert(alertId: $id, reason: "x") { status } }`, { id: alertB }, { as: AS.county })).errors?.[0]
        ?.extensions,
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect(
      (await stack.query(`mutation($id: ID!) { dismissAlert(alertId: $id, reason: "核实为误报") { status } }`, { id: alertB }, { as: AS.townshipA }))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const dismissed = await stack.query(
      `mutation($id: ID!) { dismissAlert(alertId: $id, reason: "核实为误报") { status dismissalReason referrals { status } } }`,
      { id: alertB },
      { as: AS.county },
    );
    expect(dismissed.data.dismissAlert).toEqual({
      status: 'DISMISSED',
      dismissalReason: '核实为误报',
      referrals: [{ status: 'WITHDRAWN' }, { status: 'SENT_BACK' }],
    });
  });

  it('refuses bad visit reports and visits outside the region', async () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const before = await monitoringCount('VisitReport');
    expect(
      (await stack.query(VISIT, { input: { personIdNumber: personA, visitedOn: future, changes: [] } }, { as: AS.townshipA })).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'visitedOn' });
    expect(
      (await stack.query(VISIT, { input: { personIdNumber: personA, visitedOn: '2025-06-01', changes: [], note: '短' } }, { as: AS.townshipA })).errors?.[0]
        ?.extensions,
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'note' });
    expect(
      (await stack.query(VISIT, { input: { personIdNumber: personB, visitedOn: '2025-06-01', changes: [] } }, { as: AS.townshipA })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await stack.query(VISIT, { input: { personIdNumber: newId(), visitedOn: '2025-06-01', changes: [] } }, { as: AS.townshipA })).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await stack.query(VISIT, { input: { personIdNumber: personA, visitedOn: '2025-06-01', changes: [] } }, { as: AS.analyst })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(await monitoringCount('VisitReport')).toBe(before);
  });
});

describe('rules and runs', () => {
  it('lists rules with their parameters; parameters change only by the right role and with valid values', async () => {
    const rules = await stack.query(`{ monitoringRules { code office deadlineWorkingDays parameters(year: 2025) { name regionCode value } } }`, undefined, {
      as: AS.analyst,
    });
    const relapse = rules.data.monitoringRules.find((rule: any) => rule.code === 'RELAPSE_BELOW_SUBSISTENCE');
    expect(relapse).toMatchObject({ office: 'TOWNSHIP', deadlineWorkingDays: 10 });
    expect(relapse.parameters).toContainEqual({ name: 'subsistenceLine', regionCode: '411202', value: '740' });
    const SET = `mutation($r: String!, $region: String!, $y: Int!, $n: String!, $v: String!) { setRuleParameter(ruleCode: $r, regionCode: $region, year: $y, name: $n, value: $v) { parameters(year: $y) { name regionCode value } } }`;
    const ok = { r: 'RELAPSE_BELOW_SUBSISTENCE', region: '411224', y: 2026, n: 'subsistenceLine', v: '610' };
    expect((await stack.query(SET, ok, { as: AS.county })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [change, code, field] of [
      [{ n: 'noSuchParameter' }, 'INVALID_INPUT', 'name'],
      [{ v: 'many' }, 'INVALID_INPUT', 'value'],
      [{ y: 1999 }, 'INVALID_INPUT', 'year'],
      [{ region: '411224001' }, 'INVALID_REGION_CODE', 'regionCode'],
      [{ r: 'NO_RULE' }, 'NOT_FOUND', undefined],
    ] as const) {
      const result = await stack.query(SET, { ...ok, ...change });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    }
    const set = await stack.query(SET, ok);
    expect(set.data.setRuleParameter.parameters).toContainEqual({ name: 'subsistenceLine', regionCode: '411224', value: '610' });
  });

  it('runs on demand only for civil affairs and the county, and records what each run read', async () => {
    expect((await stack.query(`mutation { runMonitoring { id } }`, undefined, { as: AS.townshipA })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query(`mutation { runMonitoring { id } }`, undefined, { as: AS.labour })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await run();
    const idle = await run();
    expect(idle.read).toBe(0);
    const runs = await stack.query(`{ monitoringRuns(first: 3) { trigger status read raised cursorFrom cursorTo } }`);
    expect(runs.data.monitoringRuns[0]).toMatchObject({ trigger: 'ON_DEMAND', status: 'SUCCEEDED', read: 0 });
    expect(runs.data.monitoringRuns[0].cursorFrom).toBe(runs.data.monitoringRuns[0].cursorTo);
  });
});
