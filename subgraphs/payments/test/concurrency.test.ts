// Races over HTTP against the payments subgraph: N mutations at once, then the invariant is checked
// in SQL. Payroll generation reads the register through a real gateway from a real civil-affairs
// subgraph (the two subgraphs the payroll needs). Runs on PGlite and, with TEST_DATABASE_URL, on the
// PostgreSQL server with a pool of 10 connections per subgraph (shared/src/database.ts openPostgres).

import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { type RunningGateway, startGateway } from '@lip/gateway/gateway';
import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { databaseUnderTest, expectData, openTestDatabase, postAs, race, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { payments } from '../src/subgraph.ts';

const N = 20;
const COUNTY = '411202';
let register: RunningSubgraph<unknown>;
let running: RunningSubgraph<PrismaClient>;
let gateway: RunningGateway;
let gatewayBefore: string | undefined;
beforeAll(async () => {
  register = (await startSubgraph(civilAffairs as never, { db: await openTestDatabase('civil-affairs') })) as RunningSubgraph<unknown>;
  running = await startSubgraph(payments, { db: await openTestDatabase('payments') });
  gateway = await startGateway({ subgraphUrls: { 'civil-affairs': register.url, payments: running.url } });
  // Payments reads the register through this gateway.
  gatewayBefore = process.env.GATEWAY_URL;
  process.env.GATEWAY_URL = gateway.url;
});
afterAll(async () => {
  if (gatewayBefore === undefined) delete process.env.GATEWAY_URL;
  else process.env.GATEWAY_URL = gatewayBefore;
  await gateway?.close();
  await running?.close();
  await register?.close();
});

const officer = (subject: string): Identity => ({ subject, role: 'COUNTY_OFFICER', region: COUNTY });
const maker = officer('officer-maker');
const township: Identity = { subject: 'township-worker', role: 'TOWNSHIP_WORKER', region: '411202001' };
const auditor = (subject: string): Identity => ({ subject, role: 'AUDITOR', region: '4112' });

const gql = (as: Identity, query: string, variables?: Record<string, unknown>) => postAs(as, running.url, query, variables, { direct: true });
const sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => running.db.sql.query<T>(text, params);
const ok = async <T = any>(as: Identity, query: string, variables?: Record<string, unknown>): Promise<T> => expectData(await gql(as, query, variables)) as T;

let sequence = 0;
const newId = () => makeIdNumber({ areaCode: COUNTY, birthDate: '1955-04-04', sequence: ++sequence });

/** A person in the register with a dibao holding from January 2026, and (optionally) an account. */
async function recipient(withAccount = true) {
  const idNumber = newId();
  const direct = (query: string, variables: Record<string, unknown>) => postAs(TEST_IDENTITIES.admin, register.url, query, variables, { direct: true });
  expectData(
    await direct(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
      input: {
        regionCode: '411202001001',
        address: '湖滨街道市场社区',
        hukouType: 'URBAN',
        monthlyIncome: '200',
        financialAssets: '0',
        members: [{ idNumber, name: '测试人', relationshipToHead: 'HEAD' }],
      },
    }),
  );
  expectData(
    await direct(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
      input: { idNumber, category: 'SUBSISTENCE_ALLOWANCE', monthlyAmount: '500', validFrom: '2026-01-01', recognizedBy: '湖滨区民政局', reason: '审核确认' },
    }),
  );
  if (withAccount) await openAccount(idNumber);
  return idNumber;
}

const OPEN_ACCOUNT = `mutation($input: OpenPaymentAccountInput!) { openPaymentAccount(input: $input) { id } }`;
const openAccount = (idNumber: string) =>
  ok(maker, OPEN_ACCOUNT, {
    input: { personIdNumber: idNumber, countyCode: COUNTY, bankName: '中国农业银行', accountNumber: `6228480${idNumber.slice(6, 17)}`, holderName: '测试人' },
  });

const GENERATE = `mutation($month: String!) { generatePayroll(countyCode: "${COUNTY}", month: $month) { id status } }`;
const APPROVE = `mutation($id: ID!) { approvePayroll(payrollId: $id) { id status } }`;
const EXPORT = `mutation($id: ID!) { exportBankFile(payrollId: $id) { content lineCount } }`;
const IMPORT = `mutation($id: ID!, $content: String!) { importBankReturn(payrollId: $id, content: $content) { paid failed unchanged stale } }`;

const draft = async (month: string) => (await ok(maker, GENERATE, { month })).generatePayroll.id as string;
async function approved(month: string) {
  const id = await draft(month);
  await ok(officer('officer-checker'), APPROVE, { id });
  return id;
}

async function payrollState(id: string) {
  const [payroll] = await sql<{ status: string; preparedBy: string; approvedBy: string | null }>(
    `SELECT status::text, "preparedBy", "approvedBy" FROM "Payroll" WHERE id = $1`,
    [id],
  );
  const [lines] = await sql<{ n: number; exported: number; files: number }>(
    `SELECT count(*)::int AS n,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "BankExportLine" e WHERE e."lineId" = l.id AND e.attempt = l.attempt))::int AS exported,
       (SELECT count(*)::int FROM "BankExport" WHERE "payrollId" = $1) AS files
     FROM "PaymentLine" l WHERE "payrollId" = $1`,
    [id],
  );
  return { ...payroll!, ...lines! };
}

/** Each status's sum plus the others' equals the payroll's total, to the fen. */
async function reconciled(id: string) {
  const [row] = await sql<{ ok: boolean }>(
    `SELECT sum(amount) = coalesce(sum(amount) FILTER (WHERE status = 'PAID'), 0) + coalesce(sum(amount) FILTER (WHERE status = 'FAILED'), 0)
       + coalesce(sum(amount) FILTER (WHERE status = 'PENDING'), 0) AS ok FROM "PaymentLine" WHERE "payrollId" = $1`,
    [id],
  );
  return row!.ok;
}

describe(`payments under ${N} concurrent requests (${databaseUnderTest()})`, () => {
  let persons: string[] = [];
  beforeAll(async () => {
    persons = [];
    for (let i = 0; i < 6; i++) persons.push(await recipient(i < 5));
  });

  it('keeps one payroll per county and month, with one line per holding (20 generatePayroll by different officers)', async () => {
    const { tally, responses } = await raceWithData(N, (i) => gql(officer(`officer-${i}`), GENERATE, { month: '2026-03' }));
    expect(tally).toEqual({ ok: N });
    expect(new Set(responses.map((response) => response.data?.generatePayroll.id)).size).toBe(1);
    const payrolls = await sql<{ id: string }>(`SELECT id FROM "Payroll" WHERE "countyCode" = $1 AND month = '2026-03-01'`, [COUNTY]);
    expect(payrolls).toHaveLength(1);
    const [lines] = await sql<{ n: number; holdings: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "holdingId")::int AS holdings FROM "PaymentLine" WHERE "payrollId" = $1`,
      [payrolls[0]!.id],
    );
    expect(lines).toEqual({ n: persons.length, holdings: persons.length });
  });

  it('lets exactly one checker approve, never the maker (19 checkers and the maker approve at once)', async () => {
    const id = await draft('2026-04');
    const { tally } = await race(N, (i) => gql(i === 0 ? maker : officer(`checker-${i}`), APPROVE, { id }));
    expect(tally.ok).toBe(1);
    expect(
      Object.keys(tally).every((outcome) => ['ok', 'INVALID_TRANSITION', 'FORBIDDEN:SELF_APPROVAL'].includes(outcome)),
      JSON.stringify(tally),
    ).toBe(true);
    const state = await payrollState(id);
    expect(state.status).toBe('APPROVED');
    expect(state.approvedBy).toMatch(/^checker-/);
  });

  it('never changes an approved payroll: regenerations and approvals interleave (10 + 10)', async () => {
    const id = await draft('2026-05');
    const before = await sql(`SELECT id, amount::text FROM "PaymentLine" WHERE "payrollId" = $1 ORDER BY id`, [id]);
    const { tally } = await race(N, (i) =>
      i % 2 ? gql(officer(`checker-${i}`), APPROVE, { id }) : gql(officer(`maker-${i}`), GENERATE, { month: '2026-05' }),
    );
    expect(
      Object.keys(tally).every((outcome) => ['ok', 'INVALID_TRANSITION', 'FORBIDDEN:SELF_APPROVAL', 'CONFLICT:PAYROLL_APPROVED'].includes(outcome)),
      JSON.stringify(tally),
    ).toBe(true);
    const state = await payrollState(id);
    expect(state.status).toBe('APPROVED');
    expect(state.approvedBy).not.toBe(state.preparedBy);
    expect(await sql(`SELECT id, amount::text FROM "PaymentLine" WHERE "payrollId" = $1 ORDER BY id`, [id])).toEqual(before);
  });

  it('exports each line once, whoever asks at the same time (20 exportBankFile)', async () => {
    const id = await approved('2026-06');
    const { tally, responses } = await raceWithData(N, () => gql(maker, EXPORT, { id }));
    expect(tally).toEqual({ ok: N });
    const counts = responses.map((response) => response.data!.exportBankFile.lineCount as number).sort((a, b) => b - a);
    // Five of the six persons have an account: one file holds their five lines, the others are empty.
    expect(counts).toEqual([5, ...Array(N - 1).fill(0)]);
    // One export recorded: the file with the lines (an empty one is not a file sent to the bank).
    expect(await payrollState(id)).toMatchObject({ n: 6, exported: 5, files: 1 });
  });

  it('applies a return file once, however often it is imported at once (20 importBankReturn)', async () => {
    const id = await approved('2026-07');
    const file = (await ok(maker, EXPORT, { id })).exportBankFile.content as string;
    const references = file
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((row) => row.split(',')[0]!);
    const answer = [
      'reference,status,reason,paid_on',
      ...references.map((ref, index) => (index === 0 ? `${ref},FAILED,账户已销户,` : `${ref},PAID,,2026-07-08`)),
    ].join('\n');
    const { tally, responses } = await raceWithData(N, () => gql(maker, IMPORT, { id, content: answer }));
    expect(tally).toEqual({ ok: N });
    const results = responses.map((response) => response.data!.importBankReturn as { paid: number; failed: number; unchanged: number });
    expect(results.reduce((sum, result) => sum + result.paid, 0)).toBe(4);
    expect(results.reduce((sum, result) => sum + result.failed, 0)).toBe(1);
    expect(results.reduce((sum, result) => sum + result.unchanged, 0)).toBe(5 * (N - 1));
    const statuses = await sql<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM "PaymentLine" WHERE "payrollId" = $1 GROUP BY status ORDER BY status`,
      [id],
    );
    expect(statuses).toEqual([
      { status: 'FAILED', n: 1 },
      { status: 'PAID', n: 4 },
      { status: 'PENDING', n: 1 },
    ]);
    expect(await reconciled(id)).toBe(true);

    // The failed line, its account corrected, is reissued once (20 reissuePaymentLine).
    const [failed] = await sql<{ id: string; accountId: string }>(`SELECT id, "accountId" FROM "PaymentLine" WHERE "payrollId" = $1 AND status = 'FAILED'`, [
      id,
    ]);
    await ok(maker, `mutation($input: CorrectPaymentAccountInput!) { correctPaymentAccount(input: $input) { id } }`, {
      input: { accountId: failed!.accountId, bankName: '中国工商银行', accountNumber: '622202000000000001', holderName: '测试人' },
    });
    const reissue = await race(N, () => gql(maker, `mutation($id: ID!) { reissuePaymentLine(lineId: $id) { id attempt } }`, { id: failed!.id }));
    expect(reissue.tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    const [line] = await sql(`SELECT status::text, attempt FROM "PaymentLine" WHERE id = $1`, [failed!.id]);
    expect(line).toEqual({ status: 'PENDING', attempt: 2 });
  });

  it('opens one account per payee (20 openPaymentAccount for one person)', async () => {
    const idNumber = await recipient(false);
    const { tally } = await race(N, (i) =>
      gql(maker, OPEN_ACCOUNT, {
        input: {
          personIdNumber: idNumber,
          countyCode: COUNTY,
          bankName: '中国农业银行',
          accountNumber: `62284800000000${String(i).padStart(4, '0')}`,
          holderName: '测试人',
        },
      }),
    );
    expect(tally).toEqual({ ok: 1, 'CONFLICT:ACCOUNT_EXISTS': N - 1 });
    expect(await sql(`SELECT 1 FROM "PaymentAccount" WHERE "personIdNumber" = $1`, [idNumber])).toHaveLength(1);
  });

  const APPLY = `mutation($input: ApplyTemporaryAssistanceInput!) { applyTemporaryAssistance(input: $input) { id } }`;
  const apply = async (smallAmountFirst: boolean) =>
    (
      await ok(township, APPLY, {
        input: {
          personIdNumber: newId(),
          regionCode: '411202001001',
          reason: 'ACCIDENT',
          description: '交通事故受伤住院',
          requestedAmount: '800',
          smallAmountFirst,
        },
      })
    ).applyTemporaryAssistance.id as string;
  const paymentsOfCase = async (id: string) =>
    (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "PaymentLine" WHERE "temporaryAssistanceId" = $1`, [id]))[0]!.n;

  it('decides a temporary assistance case once and pays it once (20 decisions on different amounts, then 20 payments)', async () => {
    const id = await apply(false);
    const decided = await race(N, (i) =>
      gql(township, `mutation($id: ID!, $amount: Money!) { decideTemporaryAssistance(id: $id, approve: true, amount: $amount, note: "情况属实") { id } }`, {
        id,
        amount: `${500 + i}`,
      }),
    );
    expect(decided.tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    const paid = await race(N, () => gql(township, `mutation($id: ID!) { payTemporaryAssistance(id: $id) { id } }`, { id }));
    expect(paid.tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    const [line] = await sql<{ amount: string }>(
      `SELECT l.amount::text FROM "PaymentLine" l JOIN "TemporaryAssistance" t ON t.id = l."temporaryAssistanceId" AND t."approvedAmount" = l.amount WHERE t.id = $1`,
      [id],
    );
    expect(line).toBeDefined();
    expect(await paymentsOfCase(id)).toBe(1);
  });

  it('pays a small-amount-first case once (20 payTemporaryAssistanceFirst), then documents it once (20)', async () => {
    const id = await apply(true);
    const paid = await race(N, () => gql(township, `mutation($id: ID!) { payTemporaryAssistanceFirst(id: $id, amount: "500") { id } }`, { id }));
    expect(paid.tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    expect(await paymentsOfCase(id)).toBe(1);
    const documented = await race(N, () => gql(township, `mutation($id: ID!) { documentTemporaryAssistance(id: $id) { id } }`, { id }));
    expect(documented.tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
  });

  it('runs supervision without duplicate findings and resolves a finding once (20 runSupervision, 20 resolutions)', async () => {
    const { tally } = await race(N, () => gql(maker, `mutation { runSupervision(countyCode: "${COUNTY}", month: "2026-04") }`));
    expect(tally).toEqual({ ok: N });
    expect(await sql(`SELECT key FROM "SupervisionFinding" GROUP BY key HAVING count(*) > 1`)).toEqual([]);
    const [finding] = await sql<{ id: string }>(`SELECT id FROM "SupervisionFinding" WHERE "countyCode" = $1 AND month = '2026-04-01' ORDER BY id LIMIT 1`, [
      COUNTY,
    ]);
    expect(finding).toBeDefined();
    const resolved = await race(N, (i) =>
      gql(auditor(`auditor-${i}`), `mutation($id: ID!) { resolveSupervisionFinding(findingId: $id, explanation: "已核实, 审批延误系系统升级") { id } }`, {
        id: finding!.id,
      }),
    );
    expect(resolved.tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    expect(await sql(`SELECT 1 FROM "FindingResolution" WHERE "findingId" = $1`, [finding!.id])).toHaveLength(1);
  });

  it('answers a complaint once (20 answerComplaint)', async () => {
    const { id } = (
      await ok(maker, `mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }`, {
        input: { complainantName: '群众乙', countyCode: COUNTY, subject: 'LATE_PAYMENT', content: '十月低保金未按时到账' },
      })
    ).receiveComplaint;
    await ok(maker, `mutation($id: ID!) { assignComplaint(id: $id, office: "湖滨区民政局社会救助股") { id } }`, { id });
    const { tally } = await race(N, (i) => gql(maker, `mutation($id: ID!) { answerComplaint(id: $id, answer: "已核实并补发, 答复${i}") { id } }`, { id }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
  });
});

describe('the database holds the payment rules itself (whatever writes to it)', () => {
  it('refuses un-approving a payroll, changing its lines, a line of no payroll or account, deleting either, exporting an attempt twice, settling a line unexported or twice, and paying a case twice', async () => {
    const [payroll] = await sql<{ id: string }>(`SELECT id FROM "Payroll" WHERE status = 'APPROVED' ORDER BY month LIMIT 1`);
    await expect(sql(`UPDATE "Payroll" SET status = 'DRAFT' WHERE id = $1`, [payroll!.id])).rejects.toThrow(/lip:INVALID_TRANSITION/);
    await expect(sql(`UPDATE "Payroll" SET "approvedBy" = 'someone-else' WHERE id = $1`, [payroll!.id])).rejects.toThrow(/lip:CONFLICT:PAYROLL_APPROVED/);
    await expect(sql(`UPDATE "PaymentLine" SET amount = amount + 1, "basicAmount" = "basicAmount" + 1 WHERE "payrollId" = $1`, [payroll!.id])).rejects.toThrow(
      /lip:CONFLICT:PAYROLL_APPROVED/,
    );
    await expect(sql(`DELETE FROM "PaymentLine" WHERE "payrollId" = $1`, [payroll!.id])).rejects.toThrow(/lip:CONFLICT:PAYROLL_APPROVED/);
    await expect(
      sql(
        `INSERT INTO "PaymentLine" (id, "payrollId", "holdingId", "personIdNumber", "countyCode", "regionCode", month, "payeeKind", "basicAmount", "careAllowance", amount, "paidFrom", "paidTo", status, "updatedAt")
           SELECT gen_random_uuid()::text, id, 'extra', 'x', "countyCode", "countyCode", month, 'PERSON', 1, 0, 1, month, month, 'PENDING', now() FROM "Payroll" WHERE id = $1`,
        [payroll!.id],
      ),
    ).rejects.toThrow(/lip:CONFLICT:PAYROLL_APPROVED/);
    // A line's payroll and account exist (checked per statement, not by foreign keys), and neither is ever deleted or re-keyed.
    const [draftPayroll] = await sql<{ id: string }>(`SELECT id FROM "Payroll" WHERE status = 'DRAFT' LIMIT 1`);
    const newLine = (payrollId: string, accountId: string | null) =>
      sql(
        `INSERT INTO "PaymentLine" (id, "payrollId", "holdingId", "personIdNumber", "countyCode", "regionCode", month, "payeeKind", "basicAmount", "careAllowance", amount, "paidFrom", "paidTo", status, "accountId", "updatedAt")
           VALUES (gen_random_uuid()::text, $1, 'dangling', 'x', $3, $3, '2026-07-01', 'PERSON', 1, 0, 1, '2026-07-01', '2026-07-31', 'PENDING', $2, now())`,
        [payrollId, accountId, COUNTY],
      );
    await expect(newLine('no-such-payroll', null)).rejects.toThrow(/refers to a payroll or an account that does not exist/);
    await expect(newLine(draftPayroll!.id, 'no-such-account')).rejects.toThrow(/refers to a payroll or an account that does not exist/);
    const [line] = await sql<{ id: string }>(`SELECT id FROM "PaymentLine" WHERE "payrollId" = $1 LIMIT 1`, [draftPayroll!.id]);
    await expect(sql(`UPDATE "PaymentLine" SET "accountId" = 'no-such-account' WHERE id = $1`, [line!.id])).rejects.toThrow(
      /refers to a payroll or an account that does not exist/,
    );
    const [account] = await sql<{ id: string }>(`SELECT "accountId" AS id FROM "PaymentLine" WHERE "accountId" IS NOT NULL LIMIT 1`);
    await expect(sql(`DELETE FROM "PaymentAccount" WHERE id = $1`, [account!.id])).rejects.toThrow(/lip:CONFLICT:REFERENCED/);
    await expect(sql(`UPDATE "PaymentAccount" SET id = 'renamed' WHERE id = $1`, [account!.id])).rejects.toThrow(/lip:CONFLICT:REFERENCED/);
    await expect(sql(`DELETE FROM "Payroll" WHERE id = $1`, [draftPayroll!.id])).rejects.toThrow(/lip:CONFLICT:REFERENCED/);
    await expect(sql(`UPDATE "Payroll" SET id = 'renamed' WHERE id = $1`, [draftPayroll!.id])).rejects.toThrow(/lip:CONFLICT:REFERENCED/);
    const [paid] = await sql<{ id: string }>(`SELECT id FROM "PaymentLine" WHERE status = 'PAID' AND "payrollId" IS NOT NULL LIMIT 1`);
    await expect(sql(`UPDATE "PaymentLine" SET status = 'FAILED', "failureReason" = 'x', "paidOn" = NULL WHERE id = $1`, [paid!.id])).rejects.toThrow(
      /lip:INVALID_TRANSITION/,
    );
    await expect(
      sql(`INSERT INTO "BankExportLine" ("lineId", attempt, "exportId") SELECT id, attempt, 'again' FROM "PaymentLine" WHERE id = $1`, [paid!.id]),
    ).rejects.toThrow(/BankExportLine_pkey/);
    const [unexported] = await sql<{ id: string }>(
      `SELECT id FROM "PaymentLine" l WHERE status = 'PENDING' AND "payrollId" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "BankExportLine" e WHERE e."lineId" = l.id AND e.attempt = l.attempt) LIMIT 1`,
    );
    await expect(sql(`UPDATE "PaymentLine" SET status = 'PAID', "paidOn" = '2026-07-08' WHERE id = $1`, [unexported!.id])).rejects.toThrow(
      /lip:INVALID_TRANSITION:NOT_EXPORTED/,
    );
    const [draft] = await sql<{ id: string }>(`SELECT id FROM "Payroll" WHERE status = 'DRAFT' LIMIT 1`);
    await expect(
      sql(
        `INSERT INTO "PaymentLine" (id, "payrollId", "holdingId", "personIdNumber", "countyCode", "regionCode", month, "payeeKind", "basicAmount", "careAllowance", amount, "paidFrom", "paidTo", status, "paidOn", "updatedAt")
           SELECT gen_random_uuid()::text, id, 'paid-at-once', 'x', "countyCode", "countyCode", month, 'PERSON', 1, 0, 1, month, month, 'PAID', month, now() FROM "Payroll" WHERE id = $1`,
        [draft!.id],
      ),
    ).rejects.toThrow(/lip:INVALID_TRANSITION:NOT_EXPORTED/);
    const [paidCase] = await sql<{ id: string }>(`SELECT id FROM "TemporaryAssistance" WHERE status = 'PAID' LIMIT 1`);
    await expect(sql(`UPDATE "TemporaryAssistance" SET status = 'APPROVED', "paidOn" = NULL WHERE id = $1`, [paidCase!.id])).rejects.toThrow(
      /lip:INVALID_TRANSITION/,
    );
    await expect(
      sql(
        `INSERT INTO "PaymentLine" (id, "temporaryAssistanceId", "personIdNumber", "countyCode", "regionCode", month, "payeeKind", "basicAmount", "careAllowance", amount, "paidFrom", "paidTo", status, "paidOn", "updatedAt")
           SELECT gen_random_uuid()::text, id, "personIdNumber", "countyCode", "regionCode", date_trunc('month', "paidOn"), 'PERSON', 1, 0, 1, "paidOn", "paidOn", 'PAID', "paidOn", now() FROM "TemporaryAssistance" WHERE id = $1`,
        [paidCase!.id],
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });
});

/** `race`, keeping each response's data. */
async function raceWithData(n: number, request: (index: number) => Promise<{ status: number; data?: any; errors?: { extensions?: Record<string, any> }[] }>) {
  const responses: Awaited<ReturnType<typeof request>>[] = [];
  const { tally } = await race(n, async (index) => {
    const response = await request(index);
    responses.push(response);
    return response;
  });
  return { tally, responses };
}
