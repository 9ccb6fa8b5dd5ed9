// Who may read and change payments, through the gateway and straight at the subgraphs with a
// validly signed request; and every payments mutation refusing bad input with nothing written.

import { AUDIT_TABLE } from '@lip/shared/audit';
import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { signedRequest } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
const COUNTY = '411202';
const as = {
  admin: { subject: 'admin', role: 'CITY_ADMIN', region: '4112' },
  officer: { subject: 'officer-a', role: 'COUNTY_OFFICER', region: COUNTY },
  checker: { subject: 'officer-b', role: 'COUNTY_OFFICER', region: COUNTY },
  otherCounty: { subject: 'officer-c', role: 'COUNTY_OFFICER', region: '411203' },
  township: { subject: 'township-a', role: 'TOWNSHIP_WORKER', region: '411202001' },
  analyst: { subject: 'analyst-a', role: 'ANALYST', region: '4112' },
  auditor: { subject: 'auditor-a', role: 'AUDITOR', region: '4112' },
  finance: { subject: 'finance-a', role: 'DEPARTMENT_OFFICER', department: 'FINANCE', region: '4112' },
  education: { subject: 'education-a', role: 'DEPARTMENT_OFFICER', department: 'EDUCATION', region: '4112' },
  payService: { subject: 'service:payments', role: 'SERVICE', department: 'CIVIL_AFFAIRS', region: COUNTY },
  otherService: { subject: 'service:education', role: 'SERVICE', department: 'EDUCATION', region: '4112' },
} satisfies Record<string, Identity>;

const recipient = makeIdNumber({ areaCode: COUNTY, birthDate: '1948-02-02', sequence: 701 });
const ACCOUNT = '6228480012345678901';
let payrollId: string;

const url = (subgraph: string) => stack.subgraphs[subgraph]!.url;
/** The same operation through the gateway and straight at the subgraph, signed as the gateway would. */
const both = async (subgraph: string, query: string, variables: Record<string, unknown>, identity: Identity) => [
  await stack.query(query, variables, { as: identity }),
  await stack.query(query, variables, { as: identity, url: url(subgraph) }),
];

beforeAll(async () => {
  stack = await startStack();
  const write = async (query: string, variables: Record<string, unknown>, identity: Identity = as.admin) => {
    const result = await stack.query(query, variables, { as: identity });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  await write(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: {
      regionCode: '411202001001',
      address: '湖滨街道',
      hukouType: 'URBAN',
      monthlyIncome: '100',
      financialAssets: '0',
      members: [{ idNumber: recipient, name: '王某', relationshipToHead: 'HEAD' }],
    },
  });
  await write(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
    input: {
      idNumber: recipient,
      category: 'SUBSISTENCE_ALLOWANCE',
      validFrom: '2026-01-01',
      recognizedBy: '湖滨区民政局',
      reason: '审核确认',
      monthlyAmount: '500',
    },
  });
  await write(`mutation($input: OpenPaymentAccountInput!) { openPaymentAccount(input: $input) { id } }`, {
    input: { personIdNumber: recipient, countyCode: COUNTY, bankName: '中国农业银行', accountNumber: ACCOUNT, holderName: '王某' },
  });
  payrollId = (await write(`mutation { generatePayroll(countyCode: "${COUNTY}", month: "2026-09") { id } }`, {}, as.officer)).generatePayroll.id;
}, 600_000); // six subgraphs and the gateway on a machine shared with other work: no tight timeout
afterAll(() => stack?.close());

const SOURCE = `query($county: String!) { payrollSource(countyCode: $county, month: "2026-09", first: 100) { holdings { personIdNumber monthlyAmount grantedBy } } }`;

describe('the register’s payroll source (civil affairs)', () => {
  it('serves civil affairs’ payment service and county officers of that county, with ID numbers whole', async () => {
    for (const identity of [as.payService, as.officer, as.admin]) {
      for (const result of await both('civil-affairs', SOURCE, { county: COUNTY }, identity)) {
        expect(result.errors, identity.subject).toBeUndefined();
        expect(result.data.payrollSource.holdings).toEqual([{ personIdNumber: recipient, monthlyAmount: '500.00', grantedBy: 'admin' }]);
      }
    }
  });

  it('refuses other roles and departments, and a county outside the caller’s region', async () => {
    for (const identity of [as.township, as.analyst, as.auditor, as.education, as.otherService]) {
      for (const result of await both('civil-affairs', SOURCE, { county: COUNTY }, identity))
        expect(result.errors?.[0]?.extensions?.code, identity.subject).toBe('FORBIDDEN');
    }
    for (const result of await both('civil-affairs', SOURCE, { county: COUNTY }, as.otherCounty))
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const result of await both('civil-affairs', SOURCE, { county: '411200' }, as.admin))
      expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
  });

  it('pages with sealed cursors (a county has more holdings than a page), through the gateway and straight at the subgraph', async () => {
    // A second holding in the county from October (the months the other tests pay hold the recipient only).
    const second = makeIdNumber({ areaCode: COUNTY, birthDate: '1952-06-06', sequence: 977 });
    const register = await stack.query(
      `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      {
        input: {
          regionCode: '411202001001',
          address: '湖滨街道',
          hukouType: 'URBAN',
          monthlyIncome: '100',
          financialAssets: '0',
          members: [{ idNumber: second, name: '赵某', relationshipToHead: 'HEAD' }],
        },
      },
      { as: as.admin },
    );
    expect(register.errors).toBeUndefined();
    const grant = await stack.query(
      `mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`,
      {
        input: { idNumber: second, category: 'SUBSISTENCE_ALLOWANCE', validFrom: '2026-10-01', recognizedBy: '湖滨区民政局', reason: '审核确认' },
      },
      { as: as.admin },
    );
    expect(grant.errors).toBeUndefined();
    const PAGE = `query($county: String!, $after: String) { payrollSource(countyCode: $county, month: "2026-10", first: 1, after: $after) {
      hasNextPage endCursor holdings { holdingId } } }`;
    for (const route of [{}, { url: url('civil-affairs') }]) {
      const page = (after?: string) => stack.query(PAGE, { county: COUNTY, after }, { as: as.payService, ...route });
      const first = (await page()).data.payrollSource;
      expect(first.hasNextPage).toBe(true);
      expect(first.endCursor).not.toBe(first.holdings[0].holdingId);
      const next = await page(first.endCursor);
      expect(next.errors).toBeUndefined();
      expect(next.data.payrollSource).toMatchObject({ hasNextPage: false, holdings: [{ holdingId: expect.any(String) }] });
      expect(next.data.payrollSource.holdings[0].holdingId > first.holdings[0].holdingId).toBe(true);
      expect((await page(first.holdings[0].holdingId)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    }
  });

  it('refuses unsigned requests straight at the subgraph', async () => {
    const result = await stack.query(SOURCE, { county: COUNTY }, { as: null, url: url('civil-affairs') });
    expect(result.status).toBe(401);
  });
});

describe('the register’s payroll changes (civil affairs)', () => {
  const CHANGES = `query($after: String) { payrollChangesSince(after: $after, first: 1000) { cursor hasMore persons holdings { personIdNumber monthlyAmount grantedBy } } }`;
  const SNAPSHOT = `query { payrollSnapshot(first: 1000) { position holdings { personIdNumber monthlyAmount grantedBy } } }`;
  const cityService = { ...as.payService, region: '4112' } satisfies Identity;

  it('serve civil affairs’ payment service, with ID numbers whole, and only persons of its region', async () => {
    for (const identity of [cityService, as.payService]) {
      for (const result of await both('civil-affairs', CHANGES, {}, identity)) {
        expect(result.errors, identity.region).toBeUndefined();
        expect(result.data.payrollChangesSince.persons, identity.region).toContain(recipient);
        expect(result.data.payrollChangesSince.holdings).toContainEqual({ personIdNumber: recipient, monthlyAmount: '500.00', grantedBy: 'admin' });
      }
    }
    const elsewhere = { ...as.payService, region: '411203' } satisfies Identity;
    for (const result of await both('civil-affairs', CHANGES, {}, elsewhere)) expect(result.data.payrollChangesSince.persons).not.toContain(recipient);
  });

  it('refuse everyone else, even those who pay, and unsigned requests straight at the subgraph', async () => {
    for (const query of [CHANGES, SNAPSHOT]) {
      for (const identity of [as.admin, as.officer, as.finance, as.township, as.analyst, as.auditor, as.education, as.otherService]) {
        for (const result of await both('civil-affairs', query, {}, identity)) expect(result.errors?.[0]?.extensions?.code, identity.subject).toBe('FORBIDDEN');
      }
      expect((await stack.query(query, {}, { as: null, url: url('civil-affairs') })).status).toBe(401);
    }
  });

  it('give the payment service a snapshot of its region’s holdings, with ID numbers whole', async () => {
    for (const result of await both('civil-affairs', SNAPSHOT, {}, cityService)) {
      expect(result.errors).toBeUndefined();
      expect(result.data.payrollSnapshot.holdings).toContainEqual({ personIdNumber: recipient, monthlyAmount: '500.00', grantedBy: 'admin' });
      expect(result.data.payrollSnapshot.position).toEqual(expect.any(String));
    }
    const elsewhere = { ...as.payService, region: '411203' } satisfies Identity;
    for (const result of await both('civil-affairs', SNAPSHOT, {}, elsewhere)) {
      expect(result.data.payrollSnapshot.holdings.map((holding: { personIdNumber: string }) => holding.personIdNumber)).not.toContain(recipient);
    }
  });
});

describe('payments fields', () => {
  const ACCOUNT_QUERY = `query($id: IdNumber!) { person(idNumber: $id) { idNumber paymentAccount { accountNumber personIdNumber } payments { amount personIdNumber } } }`;
  const DIRECT_ACCOUNT = `query($id: ID!) { paymentAccount(id: $id) { accountNumber personIdNumber } }`;

  it('show account numbers in full only to those who pay; ID numbers masked at the gateway for roles that do not work cases', async () => {
    for (const identity of [as.officer, as.finance, as.admin]) {
      const person = (await stack.query(ACCOUNT_QUERY, { id: recipient }, { as: identity })).data.person;
      expect(person.paymentAccount.accountNumber, identity.subject).toBe(ACCOUNT);
    }
    for (const identity of [as.analyst, as.township, as.education, as.otherService]) {
      const result = await stack.query(ACCOUNT_QUERY, { id: recipient }, { as: identity });
      const text = JSON.stringify(result.data);
      expect(text, identity.subject).not.toContain(ACCOUNT);
      expect(result.data.person.paymentAccount.accountNumber).toBe('6228***********8901');
      if (identity.role === 'ANALYST' || identity.role === 'SERVICE') expect(text).not.toContain(recipient);
    }
    const accountId = (await stack.subgraphs.payments!.db.sql.query<{ id: string }>(`SELECT id FROM "PaymentAccount"`))[0]!.id;
    const direct = await stack.query(DIRECT_ACCOUNT, { id: accountId }, { as: as.analyst, url: url('payments') });
    expect(direct.data.paymentAccount.accountNumber).toBe('6228***********8901');
    const directPayer = await stack.query(DIRECT_ACCOUNT, { id: accountId }, { as: as.finance, url: url('payments') });
    expect(directPayer.data.paymentAccount.accountNumber).toBe(ACCOUNT);
  });

  it('log a read of an account number in full once: its replay, refused, is not logged', async () => {
    const accountId = (await stack.subgraphs.payments!.db.sql.query<{ id: string }>(`SELECT id FROM "PaymentAccount"`))[0]!.id;
    const signed = await signedRequest(as.finance, 'payments', { query: DIRECT_ACCOUNT, variables: { id: accountId } });
    const requestId = `account-replay-${Date.now()}`;
    const send = () =>
      fetch(url('payments'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...signed.headers },
        body: signed.body,
      });
    const answer = await send();
    expect([answer.status, (await answer.json()).data.paymentAccount.accountNumber]).toEqual([200, ACCOUNT]);
    const replay = await send();
    expect([replay.status, (await replay.json()).errors[0].message]).toEqual([401, 'replayed request']);
    const entries = await stack.subgraphs.payments!.db.sql.query<{ operation: string }>(
      `SELECT "operation" FROM "${AUDIT_TABLE}" WHERE "requestId" = $1 ORDER BY "id"`,
      [requestId],
    );
    expect(entries.map((entry) => entry.operation.split(':')[0])).toEqual(['accountNumber', 'anonymous']);
  });

  it('keep payrolls to those who pay in their region, findings to supervisors, and refuse writes to everyone else', async () => {
    const PAYROLL = `query($id: ID!) { payroll(id: $id) { id totals { totalAmount } } }`;
    for (const result of await both('payments', PAYROLL, { id: payrollId }, as.officer)) expect(result.data.payroll.totals.totalAmount).toBe('500.00');
    for (const result of await both('payments', PAYROLL, { id: payrollId }, as.otherCounty)) expect(result.data.payroll).toBeNull();
    for (const result of await both('payments', PAYROLL, { id: payrollId }, as.auditor)) expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const FINDINGS = `{ supervisionFindings { totalCount } }`;
    for (const result of await both('payments', FINDINGS, {}, as.auditor)) expect(result.errors).toBeUndefined();
    for (const identity of [as.officer, as.analyst, as.township]) {
      for (const result of await both('payments', FINDINGS, {}, identity)) expect(result.errors?.[0]?.extensions?.code, identity.subject).toBe('FORBIDDEN');
    }

    const GENERATE = `mutation { generatePayroll(countyCode: "${COUNTY}", month: "2026-08") { id } }`;
    for (const identity of [as.analyst, as.township, as.auditor, as.education, as.otherService, as.otherCounty]) {
      for (const result of await both('payments', GENERATE, {}, identity)) expect(result.errors?.[0]?.extensions?.code, identity.subject).toBe('FORBIDDEN');
    }
    const APPROVE = `mutation($id: ID!) { approvePayroll(payrollId: $id) { status } }`;
    for (const identity of [as.analyst, as.township, as.otherCounty]) {
      for (const result of await both('payments', APPROVE, { id: payrollId }, identity))
        expect(result.errors?.[0]?.extensions?.code, identity.subject).toBe('FORBIDDEN');
    }
    const RESOLVE = `mutation { resolveSupervisionFinding(findingId: "x", explanation: "已核实处理") { id } }`;
    for (const result of await both('payments', RESOLVE, {}, as.officer)) expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('bad input to every payments mutation', () => {
  const TABLES = [
    'PaymentAccount',
    'Payroll',
    'PaymentLine',
    'TemporaryAssistance',
    'StaffMember',
    'StaffRelative',
    'SupervisionFinding',
    'FindingResolution',
    'Complaint',
  ];
  const counts = async () =>
    Promise.all(TABLES.map(async (table) => (await stack.subgraphs.payments!.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n));

  async function rejected(query: string, variables: Record<string, unknown>, code: string, identity: Identity = as.officer) {
    const before = await counts();
    const result = await stack.query(query, variables, { as: identity });
    expect(result.errors?.[0]?.extensions?.code, `${query}\n${JSON.stringify(result.errors)}`).toBe(code);
    expect(await counts()).toEqual(before);
    return result.errors![0]!.extensions!;
  }

  let caseId: string;
  beforeAll(async () => {
    const result = await stack.query(
      `mutation($input: ApplyTemporaryAssistanceInput!) { applyTemporaryAssistance(input: $input) { id } }`,
      {
        input: { personIdNumber: recipient, regionCode: '411202001001', reason: 'ACCIDENT', description: '交通事故受伤住院', requestedAmount: '600' },
      },
      { as: as.officer },
    );
    caseId = result.data.applyTemporaryAssistance.id;
  });

  it('payrolls and bank files', async () => {
    await rejected(`mutation { generatePayroll(countyCode: "999999", month: "2026-09") { id } }`, {}, 'INVALID_REGION_CODE', as.admin);
    await rejected(`mutation { generatePayroll(countyCode: "411202001", month: "2026-09") { id } }`, {}, 'INVALID_REGION_CODE', as.admin);
    expect(await rejected(`mutation { generatePayroll(countyCode: "${COUNTY}", month: "2026-13") { id } }`, {}, 'INVALID_INPUT')).toMatchObject({
      field: 'month',
    });
    await rejected(`mutation { approvePayroll(payrollId: "00000000-0000-4000-8000-000000000000") { id } }`, {}, 'NOT_FOUND');
    await rejected(`mutation($id: ID!) { exportBankFile(payrollId: $id) { lineCount } }`, { id: payrollId }, 'INVALID_TRANSITION');
    await rejected(`mutation($id: ID!) { importBankReturn(payrollId: $id, content: "") { paid } }`, { id: payrollId }, 'INVALID_INPUT');
    await rejected(
      `mutation($id: ID!) { importBankReturn(payrollId: $id, content: "reference,status,reason,paid_on\\n00000000-0000-4000-8000-000000000000.1,PAID,,2026-09-01") { paid } }`,
      { id: payrollId },
      'INVALID_TRANSITION',
    );
    const line = (await stack.subgraphs.payments!.db.sql.query<{ id: string }>(`SELECT id FROM "PaymentLine" LIMIT 1`))[0]!.id;
    await rejected(`mutation($id: ID!) { reissuePaymentLine(lineId: $id) { id } }`, { id: line }, 'INVALID_TRANSITION');
    await rejected(`mutation { reissuePaymentLine(lineId: "nope") { id } }`, {}, 'NOT_FOUND');
  });

  it('return files: every bad row listed, nothing applied', async () => {
    await stack.query(`mutation($id: ID!) { approvePayroll(payrollId: $id) { id } }`, { id: payrollId }, { as: as.checker });
    const content =
      'reference,status,reason,paid_on\nnot-a-reference,PAID,,2026-09-05\n00000000-0000-4000-8000-000000000001.1,FAILED,,\n00000000-0000-4000-8000-000000000002.1,PAID,,2026-02-30\n';
    const error = await rejected(
      `mutation($id: ID!, $c: String!) { importBankReturn(payrollId: $id, content: $c) { paid } }`,
      { id: payrollId, c: content },
      'BATCH_REJECTED',
    );
    expect(error.rows.map((row: { row: number }) => row.row)).toEqual([2, 3, 4]);
    // The bank's control totals: a negative one is not a total; one the file does not match rejects it.
    const IMPORT = `mutation($id: ID!, $c: String!, $count: Int, $total: Money) { importBankReturn(payrollId: $id, content: $c, count: $count, total: $total) { paid } }`;
    const header = 'reference,status,reason,paid_on\n';
    expect(await rejected(IMPORT, { id: payrollId, c: header, count: -1 }, 'INVALID_INPUT')).toMatchObject({ field: 'count' });
    expect(await rejected(IMPORT, { id: payrollId, c: header, total: '-0.01' }, 'INVALID_INPUT')).toMatchObject({ field: 'total' });
    expect(await rejected(IMPORT, { id: payrollId, c: header, count: 1, total: '0' }, 'BATCH_REJECTED')).toMatchObject({
      reason: 'CONTROL_TOTALS',
      found: { count: 0, total: '0.00' },
    });
    const unknown = 'reference,status,reason,paid_on\n00000000-0000-4000-8000-000000000001.1,PAID,,2026-09-05\n';
    await rejected(
      `mutation($id: ID!, $c: String!) { importBankReturn(payrollId: $id, content: $c) { paid } }`,
      { id: payrollId, c: unknown },
      'BATCH_REJECTED',
    );
  });

  it('accounts', async () => {
    const OPEN = `mutation($input: OpenPaymentAccountInput!) { openPaymentAccount(input: $input) { id } }`;
    const input = { personIdNumber: recipient, countyCode: COUNTY, bankName: '中国农业银行', accountNumber: '6228480012345678999', holderName: '王某' };
    expect(await rejected(OPEN, { input }, 'CONFLICT')).toMatchObject({ reason: 'ACCOUNT_EXISTS' });
    expect(await rejected(OPEN, { input: { ...input, accountNumber: '6228-abc' } }, 'INVALID_INPUT')).toMatchObject({ field: 'accountNumber' });
    expect(await rejected(OPEN, { input: { ...input, institutionName: '某福利院' } }, 'INVALID_INPUT')).toMatchObject({ field: 'personIdNumber' });
    await rejected(OPEN, { input: { ...input, personIdNumber: '411202194802027019' } }, 'INVALID_ID_NUMBER');
    await rejected(OPEN, { input: { ...input, countyCode: '411203' } }, 'FORBIDDEN');
    const accountId = (await stack.subgraphs.payments!.db.sql.query<{ id: string }>(`SELECT id FROM "PaymentAccount"`))[0]!.id;
    const CORRECT = `mutation($input: CorrectPaymentAccountInput!) { correctPaymentAccount(input: $input) { id } }`;
    expect(
      await rejected(CORRECT, { input: { accountId, bankName: '中国农业银行', accountNumber: ACCOUNT, holderName: '王某' } }, 'INVALID_INPUT'),
    ).toMatchObject({ reason: 'UNCHANGED' });
    await rejected(CORRECT, { input: { accountId: 'nope', bankName: '中国农业银行', accountNumber: ACCOUNT, holderName: '王某' } }, 'NOT_FOUND');
  });

  it('temporary assistance', async () => {
    const APPLY = `mutation($input: ApplyTemporaryAssistanceInput!) { applyTemporaryAssistance(input: $input) { id } }`;
    const input = { personIdNumber: recipient, regionCode: '411202001001', reason: 'ACCIDENT', description: '交通事故受伤住院', requestedAmount: '600' };
    await rejected(APPLY, { input: { ...input, regionCode: COUNTY } }, 'INVALID_REGION_CODE');
    expect(await rejected(APPLY, { input: { ...input, description: '急' } }, 'INVALID_INPUT')).toMatchObject({ field: 'description' });
    expect(await rejected(APPLY, { input: { ...input, requestedAmount: '0' } }, 'INVALID_INPUT')).toMatchObject({ field: 'requestedAmount' });
    await rejected(APPLY, { input: { ...input, regionCode: '411203100001' } }, 'FORBIDDEN');
    await rejected(APPLY, { input }, 'FORBIDDEN', as.analyst);
    expect(
      await rejected(`mutation($id: ID!) { decideTemporaryAssistance(id: $id, approve: true, note: "同意救助") { id } }`, { id: caseId }, 'INVALID_INPUT'),
    ).toMatchObject({ field: 'amount' });
    expect(
      await rejected(
        `mutation($id: ID!) { decideTemporaryAssistance(id: $id, approve: true, amount: "99999", note: "同意救助") { id } }`,
        { id: caseId },
        'INVALID_INPUT',
      ),
    ).toMatchObject({ reason: 'ABOVE_MAXIMUM' });
    await rejected(`mutation($id: ID!) { payTemporaryAssistance(id: $id) { id } }`, { id: caseId }, 'INVALID_TRANSITION');
    await rejected(`mutation($id: ID!) { payTemporaryAssistance(id: $id, paidOn: "2999-01-01") { id } }`, { id: caseId }, 'INVALID_INPUT');
    expect(await rejected(`mutation($id: ID!) { payTemporaryAssistanceFirst(id: $id, amount: "100") { id } }`, { id: caseId }, 'CONFLICT')).toMatchObject({
      reason: 'NOT_SMALL_AMOUNT_FIRST',
    });
    await rejected(`mutation($id: ID!) { documentTemporaryAssistance(id: $id) { id } }`, { id: caseId }, 'INVALID_TRANSITION');
    await rejected(`mutation { documentTemporaryAssistance(id: "nope") { id } }`, {}, 'NOT_FOUND');
  });

  it('staff register, supervision and complaints', async () => {
    const REGISTER = `mutation($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }`;
    const staffId = makeIdNumber({ areaCode: COUNTY, birthDate: '1980-01-01', sequence: 801 });
    expect(
      await rejected(
        REGISTER,
        {
          input: {
            subject: 'x',
            idNumber: staffId,
            name: '张',
            countyCode: COUNTY,
            position: '科员',
            relatives: [{ relativeIdNumber: staffId, relationship: '本人' }],
          },
        },
        'INVALID_INPUT',
      ),
    ).toMatchObject({ field: 'relativeIdNumber' });
    await rejected(REGISTER, { input: { subject: 'x', idNumber: staffId, name: '张', countyCode: '411203', position: '科员' } }, 'FORBIDDEN');
    const csv = `staff_subject,staff_id_number,staff_name,county_code,position,relative_id_number,relationship\nofficer-a,${staffId},张,${COUNTY},科员,411202194802027019,配偶\nofficer-a,${staffId},张,999999,科员,,\n`;
    const error = await rejected(`mutation($c: String!) { importStaffRelatives(content: $c) { staff } }`, { c: csv }, 'BATCH_REJECTED');
    expect(error.rows).toEqual([
      expect.objectContaining({ row: 2, code: 'INVALID_ID_NUMBER', idNumber: `${staffId.slice(0, 6)}********${staffId.slice(14)}` }),
      expect.objectContaining({ row: 3, code: 'INVALID_REGION_CODE' }),
    ]);
    await rejected(`mutation { runSupervision(countyCode: "${COUNTY}", month: "26-09") }`, {}, 'INVALID_INPUT');
    await rejected(`mutation { resolveSupervisionFinding(findingId: "nope", explanation: "已核实处理") { id } }`, {}, 'NOT_FOUND', as.auditor);
    await rejected(`mutation { resolveSupervisionFinding(findingId: "nope", explanation: "x") { id } }`, {}, 'INVALID_INPUT', as.auditor);
    const RECEIVE = `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }`;
    const complaint = { complainantName: '群众', countyCode: COUNTY, subject: 'LATE_PAYMENT', content: '九月低保金未到账' };
    await rejected(RECEIVE, { input: { ...complaint, receivedOn: '2999-01-01' } }, 'INVALID_INPUT');
    await rejected(RECEIVE, { input: { ...complaint, content: '慢' } }, 'INVALID_INPUT');
    await rejected(RECEIVE, { input: { ...complaint, countyCode: '411203' } }, 'FORBIDDEN');
    await rejected(`mutation { assignComplaint(id: "nope", office: "湖滨区民政局") { id } }`, {}, 'NOT_FOUND');
    await rejected(`mutation { answerComplaint(id: "nope", answer: "已答复处理") { id } }`, {}, 'NOT_FOUND');
  });
});
