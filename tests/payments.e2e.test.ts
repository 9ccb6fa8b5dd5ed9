// Payments through the real gateway over HTTP: a county's month from the register to the bank and
// back, maker-checker, deaths, supervision, temporary assistance paid first.

import { syncRegisterCopy } from '@lip/payments/services/register-copy';
import type { Identity } from '@lip/shared/auth';
import { type GatewayClient, gatewayClient } from '@lip/shared/gateway-client';
import { makeIdNumber } from '@lip/shared/id-number';
import { openCursor } from '@lip/shared/person-reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
// Six subgraphs and the gateway start on a machine shared with other work: no tight timeout.
beforeAll(async () => {
  stack = await startStack();
}, 600_000);
afterAll(() => stack?.close());

const COUNTY = '411202';
const MONTH = '2026-10';
const maker: Identity = { subject: 'officer-zhang', role: 'COUNTY_OFFICER', region: COUNTY };
const checker: Identity = { subject: 'officer-li', role: 'COUNTY_OFFICER', region: COUNTY };
const auditor: Identity = { subject: 'auditor-wang', role: 'AUDITOR', region: '4112' };
const township: Identity = { subject: 'township-zhao', role: 'TOWNSHIP_WORKER', region: '411202001' };

let sequence = 500;
const newId = (birthDate = '1950-03-14') => {
  sequence += 2;
  return makeIdNumber({ areaCode: COUNTY, birthDate, sequence });
};

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, as: Identity | undefined = undefined): Promise<T> {
  const result = await stack.query(query, variables, as ? { as } : {});
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

async function person(grant: Record<string, unknown>, options: { deceasedOn?: string } = {}) {
  const idNumber = newId();
  await ok(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: {
      regionCode: '411202001001',
      address: '湖滨街道市场社区',
      hukouType: 'URBAN',
      monthlyIncome: '200',
      financialAssets: '0',
      members: [{ idNumber, name: '测试人', relationshipToHead: 'HEAD' }],
    },
  });
  await ok(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
    input: { idNumber, validFrom: '2026-01-01', recognizedBy: '湖滨区民政局', reason: '审核确认', ...grant },
  });
  if (options.deceasedOn) await recordDeath(idNumber, options.deceasedOn);
  return idNumber;
}

const recordDeath = (idNumber: string, deceasedOn: string) =>
  ok(`mutation($id: IdNumber!, $on: Date!) { recordDeath(idNumber: $id, deceasedOn: $on, reason: "公安户籍注销") { alive } }`, {
    id: idNumber,
    on: deceasedOn,
  });

const openAccount = (input: Record<string, unknown>) =>
  ok(`mutation($input: OpenPaymentAccountInput!) { openPaymentAccount(input: $input) { id accountNumber } }`, {
    input: { countyCode: COUNTY, bankName: '中国农业银行三门峡分行', holderName: '测试人', ...input },
  });

const GENERATE = `mutation($county: String!, $month: String!) { generatePayroll(countyCode: $county, month: $month) {
  id status preparedBy totals { lineCount totalAmount } lines(first: 100) { edges { node { id personIdNumber amount basicAmount careAllowance payeeKind institutionName paidTo status } } } } }`;
const APPROVE = `mutation($id: ID!) { approvePayroll(payrollId: $id) { id status approvedBy } }`;
const EXPORT = `mutation($id: ID!) { exportBankFile(payrollId: $id) { fileName content lineCount totalAmount withoutAccount } }`;
const IMPORT = `mutation($id: ID!, $content: String!, $count: Int, $total: Money) { importBankReturn(payrollId: $id, content: $content, count: $count, total: $total) { paid failed unchanged stale
  payroll { totals { lineCount totalAmount paidAmount failedCount failedAmount pendingCount reconciled note } } } }`;

type Line = {
  id: string;
  personIdNumber: string;
  amount: string;
  basicAmount: string;
  careAllowance: string;
  payeeKind: string;
  institutionName: string | null;
  paidTo: string;
  status: string;
};
const linesOf = (payroll: { lines: { edges: { node: Line }[] } }) => payroll.lines.edges.map((edge) => edge.node);

describe('a county’s month of basic living assistance', () => {
  const ids = { dibao: '', dispersed: '', centralized: '', diedMidMonth: '', diedBefore: '', newcomer: '', planted: '' };
  let payrollId: string;
  let bankFile: string;

  beforeAll(async () => {
    ids.dibao = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '500' });
    ids.dispersed = await person({ category: 'EXTREME_POVERTY', subtype: 'DISPERSED', careLevel: 'FULLY_DISABLED' });
    ids.centralized = await person({ category: 'EXTREME_POVERTY', subtype: 'CENTRALIZED', careLevel: 'SELF_CARE', careInstitution: '湖滨区社会福利院' });
    ids.diedMidMonth = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '620' }, { deceasedOn: '2026-10-16' });
    ids.diedBefore = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '620' }, { deceasedOn: '2026-09-30' });
    ids.newcomer = await person({ category: 'SUBSISTENCE_ALLOWANCE', validFrom: '2026-10-11' });
    ids.planted = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '450' });
    for (const key of ['dibao', 'dispersed', 'diedMidMonth', 'newcomer', 'planted'] as const) {
      await openAccount({ personIdNumber: ids[key], accountNumber: `62284800${String(sequence++).padStart(10, '0')}` });
    }
    await openAccount({ institutionName: '湖滨区社会福利院', accountNumber: '622848009900000001', holderName: '湖滨区社会福利院' });
    // The approving officer declared the dibao recipient as a relative.
    await ok(`mutation($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }`, {
      input: {
        subject: checker.subject,
        idNumber: newId('1980-01-01'),
        name: '李审批',
        countyCode: COUNTY,
        position: '社会救助股股长',
        relatives: [{ relativeIdNumber: ids.dibao, relationship: '兄弟' }],
      },
    });
  }, 600_000);

  it('generates one payroll however often it is asked, with the same lines', async () => {
    const first = (await ok(GENERATE, { county: COUNTY, month: MONTH }, maker)).generatePayroll;
    const second = (await ok(GENERATE, { county: COUNTY, month: MONTH }, maker)).generatePayroll;
    payrollId = first.id;
    expect(second.id).toBe(first.id);
    expect(linesOf(second)).toEqual(linesOf(first));
    const [row] = await stack.subgraphs.payments!.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Payroll"`);
    expect(row?.n).toBe(1);
  });

  it('pages the payroll’s lines (a connection nested in countyPayroll) with sealed cursors, through the gateway and straight at payments', async () => {
    const PAGE = `query($month: String!, $after: String) { countyPayroll(countyCode: "${COUNTY}", month: $month) {
      totals { lineCount } lines(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const all = (
      await ok(`{ countyPayroll(countyCode: "${COUNTY}", month: "${MONTH}") { lines(first: 100) { edges { node { id } } } } }`, {}, maker)
    ).countyPayroll.lines.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(all.length).toBeGreaterThan(2);
    for (const url of [undefined, stack.subgraphs.payments!.url]) {
      const seen: string[] = [];
      let after: string | null = null;
      let firstEnd = '';
      for (;;) {
        const result: { data?: any; errors?: unknown } = await stack.query(PAGE, { month: MONTH, after }, { as: maker, url });
        expect([url, result.errors]).toEqual([url, undefined]);
        const lines: any = result.data.countyPayroll.lines;
        seen.push(...lines.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!lines.pageInfo.hasNextPage) break;
        after = lines.pageInfo.endCursor;
        firstEnd ||= after!;
        // Sealed: the cursor does not decode into the line's id.
        expect(Buffer.from(after!, 'base64url').toString('latin1')).not.toContain(seen.at(-1));
      }
      expect([url, seen]).toEqual([url, all]);
      // A cursor written inline in the operation is opened as well.
      const literal = await stack.query(
        `{ countyPayroll(countyCode: "${COUNTY}", month: "${MONTH}") { lines(first: 100, after: ${JSON.stringify(firstEnd)}) { edges { node { id } } } } }`,
        {},
        { as: maker, url },
      );
      expect([url, literal.errors, literal.data?.countyPayroll.lines.edges.map((e: { node: { id: string } }) => e.node.id)]).toEqual([
        url,
        undefined,
        all.slice(2),
      ]);
      // The plain cursor inside a sealed one, a cursor this list did not issue: refused with the argument's name, nothing read.
      for (const forged of [openCursor(firstEnd)!, 'R1BDOlM6bm90LWEtbGluZQ']) {
        const refused = await stack.query(PAGE, { month: MONTH, after: forged }, { as: maker, url });
        expect([url, refused.data?.countyPayroll ?? null]).toEqual([url, null]);
        expect([url, refused.errors?.[0]?.extensions]).toMatchObject([url, { code: 'INVALID_INPUT', field: 'after' }]);
      }
    }
  });

  it('pays the decided amount, the standard where none was decided, the care allowance, the institution, and pro-rates by the county rule', async () => {
    const payroll = (
      await ok(
        `query($id: ID!) { payroll(id: $id) { totals { lineCount totalAmount } lines(first: 100) { edges { node {
      id personIdNumber amount basicAmount careAllowance payeeKind institutionName paidTo status } } } } }`,
        { id: payrollId },
        maker,
      )
    ).payroll;
    const byPerson = new Map(linesOf(payroll).map((line) => [line.personIdNumber, line]));
    expect(byPerson.get(ids.dibao)).toMatchObject({ amount: '500.00', careAllowance: '0.00', payeeKind: 'PERSON' });
    // 884 basic (urban, 1.3 × 680) + 760 for a fully disabled person.
    expect(byPerson.get(ids.dispersed)).toMatchObject({ basicAmount: '884.00', careAllowance: '760.00', amount: '1644.00' });
    expect(byPerson.get(ids.centralized)).toMatchObject({ amount: '979.00', payeeKind: 'INSTITUTION', institutionName: '湖滨区社会福利院' });
    // 湖滨区 pays by days held: 16 of 31 days of 620, up to the day of death; 21 of 31 days of the 680 standard from the 11th.
    expect(byPerson.get(ids.diedMidMonth)).toMatchObject({ amount: '320.00', paidTo: '2026-10-16' });
    expect(byPerson.get(ids.newcomer)).toMatchObject({ amount: '460.65' });
    expect(byPerson.has(ids.diedBefore)).toBe(false);
    expect(payroll.totals).toEqual({ lineCount: 6, totalAmount: (500 + 1644 + 979 + 320 + 460.65 + 450).toFixed(2) });
  });

  it('never pays a person the month after their death', async () => {
    const november = (await ok(GENERATE, { county: COUNTY, month: '2026-11' }, maker)).generatePayroll;
    const persons = linesOf(november).map((line) => line.personIdNumber);
    expect(persons).toContain(ids.dibao);
    expect(persons).not.toContain(ids.diedMidMonth);
    expect(persons).not.toContain(ids.diedBefore);
  });

  it('refuses approval by the officer who prepared it, and lets another approve', async () => {
    const self = await stack.query(APPROVE, { id: payrollId }, { as: maker });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_APPROVAL' });
    const approved = (await ok(APPROVE, { id: payrollId }, checker)).approvePayroll;
    expect(approved).toEqual({ id: payrollId, status: 'APPROVED', approvedBy: checker.subject });
    const again = await stack.query(GENERATE, { county: COUNTY, month: MONTH }, { as: maker });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYROLL_APPROVED' });
  });

  it('exports a bank file and leaves exactly the failed lines FAILED, the totals reconciled to the fen', async () => {
    const file = (await ok(EXPORT, { id: payrollId }, maker)).exportBankFile;
    bankFile = file.content;
    const rows = file.content.trim().split('\n');
    expect(rows[0]).toBe('reference,account_number,holder_name,bank_name,amount,id_number,purpose');
    expect(file.lineCount).toBe(6);
    expect(rows).toHaveLength(7);
    expect(file.totalAmount).toBe('4353.65');
    // Its audit entry names the export, not each person; the auditor's "who read this person?" still finds it.
    const READERS = `query($id: IdNumber!) { paymentsAuditLog(filter: { personIdNumber: $id, kind: READ }) { entries { subject operation persons } } }`;
    const readers = (await ok(READERS, { id: ids.dispersed }, auditor)).paymentsAuditLog.entries;
    expect(readers).toContainEqual({ subject: maker.subject, operation: expect.stringContaining(`:bankFile:${payrollId}:`), persons: [] });
    const references = new Map(rows.slice(1).map((row: string) => [row.split(',')[5], row.split(',')[0]]));
    const answer = [
      'reference,status,reason,paid_on',
      ...[...references].map(([idNumber, reference]) => (idNumber === ids.dispersed ? `${reference},FAILED,账户已销户,` : `${reference},PAID,,2026-10-09`)),
    ].join('\n');
    // The bank's control totals are checked before anything is applied: a total off by a fen rejects the whole file.
    const TOTALS = `query($id: ID!) { payroll(id: $id) { totals { pendingCount paidCount failedCount } } }`;
    const before = (await ok(TOTALS, { id: payrollId }, maker)).payroll.totals;
    expect(before).toEqual({ pendingCount: 6, paidCount: 0, failedCount: 0 });
    const off = await stack.query(IMPORT, { id: payrollId, content: answer, count: 6, total: '4353.64' }, { as: maker });
    expect(off.errors?.[0]?.extensions).toMatchObject({
      code: 'BATCH_REJECTED',
      reason: 'CONTROL_TOTALS',
      expected: { count: 6, total: '4353.64' },
      found: { count: 6, total: '4353.65' },
    });
    const short = await stack.query(IMPORT, { id: payrollId, content: answer, count: 5 }, { as: maker });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BATCH_REJECTED', reason: 'CONTROL_TOTALS', found: { count: 6 } });
    expect((await ok(TOTALS, { id: payrollId }, maker)).payroll.totals).toEqual(before);
    const imported = (await ok(IMPORT, { id: payrollId, content: answer, count: 6, total: '4353.65' }, maker)).importBankReturn;
    expect(imported).toMatchObject({ paid: 5, failed: 1, unchanged: 0, stale: 0 });
    expect(imported.payroll.totals).toMatchObject({
      lineCount: 6,
      totalAmount: '4353.65',
      paidAmount: '2709.65',
      failedCount: 1,
      failedAmount: '1644.00',
      pendingCount: 0,
      reconciled: true,
    });
    expect(imported.payroll.totals.note).toBe('6 笔 4353.65 元 = 已到账 5 笔 2709.65 + 失败 1 笔 1644.00 + 待发放 0 笔 0.00');
    // The same file again changes nothing.
    expect((await ok(IMPORT, { id: payrollId, content: answer }, maker)).importBankReturn).toMatchObject({ paid: 0, failed: 0, unchanged: 6 });
  });

  it('reissues a failed line only after the account is corrected', async () => {
    const failed = (
      await ok(
        `query($id: IdNumber!) { person(idNumber: $id) { payments(month: "2026-10") { id status failureReason } paymentAccount { id } } }`,
        { id: ids.dispersed },
        maker,
      )
    ).person;
    expect(failed.payments).toEqual([{ id: expect.any(String), status: 'FAILED', failureReason: '账户已销户' }]);
    const lineId = failed.payments[0].id;
    const early = await stack.query(`mutation($id: ID!) { reissuePaymentLine(lineId: $id) { status } }`, { id: lineId }, { as: maker });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACCOUNT_NOT_CORRECTED' });
    await ok(
      `mutation($input: CorrectPaymentAccountInput!) { correctPaymentAccount(input: $input) { id } }`,
      {
        input: { accountId: failed.paymentAccount.id, bankName: '中国邮政储蓄银行', accountNumber: '621799009900000777', holderName: '测试人' },
      },
      maker,
    );
    expect((await ok(`mutation($id: ID!) { reissuePaymentLine(lineId: $id) { status attempt } }`, { id: lineId }, maker)).reissuePaymentLine).toEqual({
      status: 'PENDING',
      attempt: 2,
    });
    const file = (await ok(EXPORT, { id: payrollId }, maker)).exportBankFile;
    expect(file.lineCount).toBe(1);
    const [reference, account] = file.content.trim().split('\n')[1]!.split(',');
    expect(reference).toBe(`${lineId}.2`);
    expect(account).toBe('621799009900000777');
    // The bank's answer to the first attempt, arriving late, is ignored.
    const stale = bankFile
      .trim()
      .split('\n')
      .slice(1)
      .find((row: string) => row.startsWith(lineId))!
      .split(',')[0];
    const result = (
      await ok(IMPORT, { id: payrollId, content: `reference,status,reason,paid_on\n${stale},PAID,,2026-10-12\n${reference},PAID,,2026-10-12` }, maker)
    ).importBankReturn;
    expect(result).toMatchObject({ paid: 1, stale: 1 });
    expect(result.payroll.totals).toMatchObject({ paidAmount: '4353.65', failedCount: 0, reconciled: true });
  });

  it('finds a payment to a person whose death is recorded afterwards, and the approving officer’s relative', async () => {
    await recordDeath(ids.planted, '2026-09-25');
    await ok(`mutation { runSupervision(countyCode: "${COUNTY}", month: "${MONTH}") }`, {}, auditor);
    const findings = (
      await ok(
        `{ supervisionFindings(filter: { open: true, month: "${MONTH}" }, first: 50) { totalCount edges { node { id kind personIdNumber detail } } } }`,
        {},
        auditor,
      )
    ).supervisionFindings.edges.map((edge: { node: unknown }) => edge.node);
    const deceased = findings.filter((finding: { kind: string }) => finding.kind === 'DECEASED_PAID');
    // The auditor sees masked ID numbers (the gateway masks them for roles that do not work cases).
    expect(deceased).toEqual([expect.objectContaining({ personIdNumber: `${ids.planted.slice(0, 6)}********${ids.planted.slice(14)}` })]);
    const relative = findings.filter((finding: { kind: string }) => finding.kind === 'RELATIVE_OF_STAFF');
    expect(relative).toHaveLength(1);
    expect(relative[0].detail).toContain('审批人 李审批 (officer-li)');
    expect(relative[0].personIdNumber.slice(-4)).toBe(ids.dibao.slice(-4));
    // Late approval (after the 5th) is a finding too.
    expect(findings.map((finding: { kind: string }) => finding.kind)).toContain('LATE_PAYMENT');

    // Resolved with an explanation, kept, and not resolvable twice; the table refuses deletion.
    const resolve = `mutation($id: ID!) { resolveSupervisionFinding(findingId: $id, explanation: "已追回多发资金并约谈经办人") { resolved resolution { explanation resolvedBy } } }`;
    expect((await ok(resolve, { id: deceased[0].id }, auditor)).resolveSupervisionFinding).toEqual({
      resolved: true,
      resolution: { explanation: '已追回多发资金并约谈经办人', resolvedBy: auditor.subject },
    });
    expect((await stack.query(resolve, { id: deceased[0].id }, { as: auditor })).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    await expect(stack.subgraphs.payments!.db.sql.query(`DELETE FROM "SupervisionFinding" WHERE id = $1`, [deceased[0].id])).rejects.toThrow(/append-only/);
  });

  it('lists late items: the payroll approved after the 5th, the reissued line paid after the 10th, a draft past both days', async () => {
    const late = (
      await ok(
        `{ latePayments(month: "${MONTH}", countyCode: "${COUNTY}") { lateLineCount items { kind payrollId personIdNumber settledOn daysLate } } }`,
        {},
        maker,
      )
    ).latePayments;
    expect(late.items).toEqual([
      expect.objectContaining({ kind: 'PAYROLL_NOT_APPROVED', payrollId, personIdNumber: null }),
      { kind: 'LINE_NOT_PAID', payrollId, personIdNumber: ids.dispersed, settledOn: '2026-10-12', daysLate: 2 },
    ]);
    expect(late.items[0].settledOn).not.toBeNull();
    expect(
      (await ok(`{ latePayments(month: "${MONTH}", countyCode: "${COUNTY}", outstandingOnly: true) { items { kind } } }`, {}, maker)).latePayments.items,
    ).toEqual([]);
    const november = (
      await ok(`{ latePayments(month: "2026-11", countyCode: "${COUNTY}", asOf: "2026-11-12") { lateLineCount items { kind settledOn } } }`, {}, maker)
    ).latePayments;
    // Not approved by the 5th and its five lines not paid by the 10th.
    expect(november.items.filter((item: { kind: string }) => item.kind === 'PAYROLL_NOT_APPROVED')).toEqual([
      { kind: 'PAYROLL_NOT_APPROVED', settledOn: null },
    ]);
    expect(november.lateLineCount).toBe(5);
  });

  it('masks account numbers for roles that do not pay, and audits each unmasked read', async () => {
    const analyst: Identity = { subject: 'analyst-1', role: 'ANALYST', region: '4112' };
    const query = `query($id: IdNumber!) { person(idNumber: $id) { paymentAccount { accountNumber } } }`;
    const masked = (await ok(query, { id: ids.dibao }, analyst)).person.paymentAccount.accountNumber;
    expect(masked).toMatch(/^6228\*{10}\d{4}$/);
    const full = (await ok(query, { id: ids.dibao }, checker)).person.paymentAccount.accountNumber;
    expect(full).toMatch(/^6228\d{14}$/);
    const log = (await ok(`{ paymentsAuditLog(filter: { subject: "officer-li", kind: READ }) { entries { operation persons } } }`, {}, auditor))
      .paymentsAuditLog;
    expect(log.entries.some((entry: { operation: string }) => entry.operation.startsWith('accountNumber:'))).toBe(true);
  });
});

describe('temporary assistance', () => {
  it('pays a small amount first and shows the case overdue when not documented within the working days', async () => {
    const idNumber = newId('1990-05-05');
    const case_ = (
      await ok(
        `mutation($input: ApplyTemporaryAssistanceInput!) { applyTemporaryAssistance(input: $input) { id status } }`,
        {
          input: {
            personIdNumber: idNumber,
            regionCode: '411202001001',
            reason: 'DISASTER',
            description: '房屋失火, 生活用品全部烧毁',
            requestedAmount: '800',
            smallAmountFirst: true,
          },
        },
        township,
      )
    ).applyTemporaryAssistance;
    const tooMuch = await stack.query(
      `mutation($id: ID!) { payTemporaryAssistanceFirst(id: $id, amount: "1500", paidOn: "2026-11-02") { id } }`,
      { id: case_.id },
      { as: township },
    );
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', reason: 'ABOVE_SMALL_AMOUNT_CAP' });
    const paid = (
      await ok(
        `mutation($id: ID!) { payTemporaryAssistanceFirst(id: $id, amount: "800", paidOn: "2026-11-02") { status documentationDueOn overdue } }`,
        { id: case_.id },
        township,
      )
    ).payTemporaryAssistanceFirst;
    // Five working days after Monday 2 November 2026.
    expect(paid).toEqual({ status: 'PAID', documentationDueOn: '2026-11-09', overdue: true });
    const overdue = (await ok(`{ temporaryAssistances(overdue: true) { edges { node { id overdue } } } }`, {}, township)).temporaryAssistances.edges;
    expect(overdue).toEqual([{ node: { id: case_.id, overdue: true } }]);
    const payments = await ok(`query($id: IdNumber!) { person(idNumber: $id) { payments { amount status payrollId } } }`, { id: idNumber }, township);
    // Not in the register: civil affairs answers null for the person, so the payment is read from the case.
    expect(payments.person).toBeNull();
  });

  it('lets the township decide up to its limit and sends more to the county', async () => {
    const apply = async () =>
      (
        await ok(
          `mutation($input: ApplyTemporaryAssistanceInput!) { applyTemporaryAssistance(input: $input) { id } }`,
          {
            input: {
              personIdNumber: newId('1985-02-02'),
              regionCode: '411202001001',
              reason: 'SERIOUS_ILLNESS',
              description: '突发重病住院, 自付费用高',
              requestedAmount: '5000',
            },
          },
          township,
        )
      ).applyTemporaryAssistance.id;
    const decide = `mutation($id: ID!, $amount: Money) { decideTemporaryAssistance(id: $id, approve: true, amount: $amount, note: "情况属实") { status decisionLevel approvedAmount } }`;
    const first = await apply();
    // 3 × 680 = 2040 is the township's limit in 湖滨区.
    expect((await stack.query(decide, { id: first, amount: '2100' }, { as: township })).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ABOVE_TOWNSHIP_LIMIT',
    });
    expect((await ok(decide, { id: first, amount: '2040' }, township)).decideTemporaryAssistance).toEqual({
      status: 'APPROVED',
      decisionLevel: 'TOWNSHIP',
      approvedAmount: '2040.00',
    });
    const second = await apply();
    expect((await ok(decide, { id: second, amount: '5000' }, maker)).decideTemporaryAssistance).toEqual({
      status: 'APPROVED',
      decisionLevel: 'COUNTY',
      approvedAmount: '5000.00',
    });
  });
});

describe('complaints', () => {
  it('are received, assigned, answered and visible to supervisors', async () => {
    const received = (
      await ok(
        `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id dueOn overdue } }`,
        {
          input: { complainantName: '群众甲', countyCode: COUNTY, subject: 'WRONGLY_PAID', content: '反映某村干部亲属享受低保', receivedOn: '2026-11-20' },
        },
        maker,
      )
    ).receiveComplaint;
    expect(received).toMatchObject({ dueOn: '2026-12-20', overdue: false });
    const early = await stack.query(
      `mutation($id: ID!) { answerComplaint(id: $id, answer: "经核查情况属实, 已停发") { id } }`,
      { id: received.id },
      { as: maker },
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    await ok(`mutation($id: ID!) { assignComplaint(id: $id, office: "湖滨区民政局社会救助股") { id } }`, { id: received.id }, maker);
    await ok(`mutation($id: ID!) { answerComplaint(id: $id, answer: "经核查情况属实, 已停发") { id } }`, { id: received.id }, maker);
    const seen = (await ok(`{ complaints(open: false) { edges { node { id assignedOffice answer answeredBy } } } }`, {}, auditor)).complaints.edges;
    expect(seen).toContainEqual({
      node: { id: received.id, assignedOffice: '湖滨区民政局社会救助股', answer: '经核查情况属实, 已停发', answeredBy: maker.subject },
    });
  });
});

describe('the register’s changes between two generations (payments’ copy of the holdings)', () => {
  const JULY = '2026-07';
  const LINES = `query($county: String!, $month: String!) { countyPayroll(countyCode: $county, month: $month) {
    lines(first: 100) { edges { node { id personIdNumber amount basicAmount careAllowance payeeKind institutionName paidTo status } } } } }`;
  const linesByPerson = async (month: string, generate: boolean) => {
    const payroll = generate
      ? (await ok(GENERATE, { county: COUNTY, month }, maker)).generatePayroll
      : (await ok(LINES, { county: COUNTY, month }, maker)).countyPayroll;
    return new Map(linesOf(payroll).map((line) => [line.personIdNumber, line]));
  };

  it('pays the next generation from the register as it is: a holding ended, a death, an amount decided and a care level changed', async () => {
    const ended = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '500' });
    const dies = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '620' });
    const decided = await person({ category: 'SUBSISTENCE_ALLOWANCE' });
    const cared = await person({ category: 'EXTREME_POVERTY', subtype: 'DISPERSED', careLevel: 'SELF_CARE' });
    const before = await linesByPerson(JULY, true);
    expect(before.get(ended)).toMatchObject({ amount: '500.00', paidTo: '2026-07-31' });
    expect(before.get(dies)).toMatchObject({ amount: '620.00' });
    expect(before.get(decided)).toMatchObject({ amount: '680.00' }); // the urban standard while no amount is decided
    expect(before.get(cared)).toMatchObject({ basicAmount: '884.00', careAllowance: '95.00' });

    const holdingOf = async (idNumber: string) =>
      (await ok(`query($id: IdNumber!) { person(idNumber: $id) { holdings { id } } }`, { id: idNumber })).person.holdings[0].id as string;
    await ok(`mutation($id: ID!) { endCategory(holdingId: $id, reason: "收入超标", validTo: "2026-07-10") { status } }`, { id: await holdingOf(ended) });
    await recordDeath(dies, '2026-07-20');
    // The register decides amounts and care levels in a review (decideReview); the test writes them as a review does,
    // in the register's own database, where its change log records them.
    const register = stack.subgraphs['civil-affairs']!.db.sql;
    await register.query(`UPDATE "CategoryHolding" SET "monthlyAmount" = 555, "updatedAt" = now() WHERE "personIdNumber" = $1`, [decided]);
    await register.query(`UPDATE "CategoryHolding" SET "careLevel" = 'FULLY_DISABLED', "updatedAt" = now() WHERE "personIdNumber" = $1`, [cared]);

    // 湖滨区 pays by days held: 10 of 31 days of 500, 20 of 31 days of 620.
    const after = await linesByPerson(JULY, true);
    expect(after.get(ended)).toMatchObject({ amount: '161.29', paidTo: '2026-07-10' });
    expect(after.get(dies)).toMatchObject({ amount: '400.00', paidTo: '2026-07-20' });
    expect(after.get(decided)).toMatchObject({ amount: '555.00' });
    expect(after.get(cared)).toMatchObject({ basicAmount: '884.00', careAllowance: '760.00', amount: '1644.00' });
    expect((await linesByPerson(JULY, false)).get(decided)).toMatchObject({ amount: '555.00' });

    const august = await linesByPerson('2026-08', true);
    expect([august.has(ended), august.has(dies), august.get(decided)?.amount, august.get(cared)?.amount]).toEqual([false, false, '555.00', '1644.00']);
  });

  it('reads only the changes after the first sync: the copy is the register’s, and its cursor moves with the log', async () => {
    const payments = stack.subgraphs.payments!.db.sql;
    const [cursor] = await payments.query<{ position: string }>(`SELECT position FROM "RegisterCursor"`);
    const newcomer = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '300' });
    expect((await linesByPerson('2026-08', true)).get(newcomer)).toMatchObject({ amount: '300.00' });
    const [moved] = await payments.query<{ position: string }>(`SELECT position FROM "RegisterCursor"`);
    expect(moved!.position).not.toBe(cursor!.position);
    // The copy holds what the register holds, holding by holding.
    const copied = await payments.query<{ holdingId: string; status: string; monthlyAmount: string | null }>(
      `SELECT "holdingId", status, "monthlyAmount"::text AS "monthlyAmount" FROM "RegisterHolding" ORDER BY "holdingId"`,
    );
    const register = await stack.subgraphs['civil-affairs']!.db.sql.query<{ holdingId: string; status: string; monthlyAmount: string | null }>(
      `SELECT id AS "holdingId", status::text AS status, "monthlyAmount"::text AS "monthlyAmount" FROM "CategoryHolding"
       WHERE category IN ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY') ORDER BY id`,
    );
    expect(copied).toEqual(register);
  });

  it('makes a new copy from a snapshot of the register’s holdings and reads the log only after it', async () => {
    const payments = stack.subgraphs.payments!.db;
    await payments.sql.query(`DELETE FROM "RegisterCursor"`);
    await payments.sql.query(`UPDATE "RegisterHolding" SET "monthlyAmount" = 1`);
    const city = gatewayClient('payments', { department: 'CIVIL_AFFAIRS', region: '4112' });
    const asked: string[] = [];
    const recorded: GatewayClient = {
      ...city,
      request: (query, variables) => {
        asked.push(`${/query (\w+)/.exec(query)![1]} after ${variables?.after === null ? 'start' : 'cursor'}`);
        return city.request(query, variables);
      },
    };
    await payments.transaction((sql) => syncRegisterCopy(sql, recorded));
    expect(asked).toEqual(['PayrollSnapshot after start', 'PayrollChanges after cursor']);
    const copied = await payments.sql.query(`SELECT "holdingId", status, "monthlyAmount"::text AS "monthlyAmount" FROM "RegisterHolding" ORDER BY "holdingId"`);
    const register = await stack.subgraphs['civil-affairs']!.db.sql.query(
      `SELECT id AS "holdingId", status::text AS status, "monthlyAmount"::text AS "monthlyAmount" FROM "CategoryHolding"
       WHERE category IN ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY') ORDER BY id`,
    );
    expect(copied).toEqual(register);
    // The next generation reads the log from the snapshot's position: a change after it reaches the payroll.
    const newcomer = await person({ category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '310' });
    expect((await linesByPerson('2026-08', true)).get(newcomer)).toMatchObject({ amount: '310.00' });
  });
});
