// Demo payments for the deterministic demo population (the same generator civil affairs seeds
// from, so the two agree without reading each other's tables): an account for every recipient,
// two months of approved and paid payrolls per county and a draft for the register's last month.
import { createHash, randomUUID } from 'node:crypto';
import { insertRows } from '@lip/shared/bulk-insert';
import { addMonths, dateOf, monthStart } from '@lip/shared/calendar';
import type { Database } from '@lip/shared/database';
import { AS_OF, generatePopulation } from '@lip/shared/demo/population';
import { demoSetting } from '@lip/shared/demo/settings';
import type { SeedOptions } from '@lip/shared/subgraph';
import type { SourceHolding } from '../domain/payroll.ts';
import { payrollPolicy } from '../domain/policy.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { approvePayroll, exportBankFile, generatePayroll, importBankReturn, type SourceReader } from '../services/payroll.ts';
import { superviseMonth } from '../services/supervision.ts';

export const DEMO_MAKER = 'demo-county-officer';
export const DEMO_CHECKER = 'demo-county-approver';
const BANKS = ['中国农业银行', '中国邮政储蓄银行', '河南省农村信用社', '中国工商银行'];

/** The population's basic-living holdings by county, as the register's payroll source gives them. */
export function demoSource(options: { seed: number; persons: number }): Map<string, SourceHolding[]> {
  const byCounty = new Map<string, SourceHolding[]>();
  for (const household of generatePopulation(options)) {
    for (const person of household.members) {
      for (const holding of person.holdings) {
        if (holding.category !== 'SUBSISTENCE_ALLOWANCE' && holding.category !== 'EXTREME_POVERTY') continue;
        const county = person.regionCode.slice(0, 6);
        const list = byCounty.get(county) ?? [];
        list.push({
          holdingId: holding.id,
          personIdNumber: person.idNumber,
          regionCode: person.regionCode,
          hukouType: person.hukouType,
          householdId: household.id,
          deceasedOn: person.deceasedOn ? dateOf(person.deceasedOn) : null,
          category: holding.category,
          subtype: holding.subtype,
          status: holding.status,
          validFrom: dateOf(holding.validFrom),
          validTo: holding.validTo ? dateOf(holding.validTo) : null,
          monthlyAmount: null,
          careLevel: null,
          careInstitution: null,
          grantedBy: holding.events.find((event) => event.action === 'GRANTED')?.actor ?? null,
        });
        byCounty.set(county, list);
      }
    }
  }
  return byCounty;
}

/** A stable 19-digit card number per person (a 6228 card BIN and digits of a hash). */
const cardNumber = (idNumber: string) =>
  `6228${BigInt(`0x${createHash('sha256').update(idNumber).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(15, '0')
    .slice(0, 15)}`;

export async function seedIfEmpty(
  prisma: PrismaClient,
  db: Database,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; payrolls: number; lines?: number }> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  const existing = await prisma.payroll.count();
  if (existing > 0) return { seeded: false, payrolls: existing };

  const byCounty = demoSource({ seed, persons });
  const recipients = new Map<string, string>();
  for (const [county, holdings] of byCounty) for (const holding of holdings) recipients.set(holding.personIdNumber, county);
  const accounts = [...recipients].map(([idNumber, county], index) => ({
    id: randomUUID(),
    kind: 'PERSON',
    personIdNumber: idNumber,
    countyCode: county,
    bankName: `${BANKS[index % BANKS.length]}三门峡分行`,
    accountNumber: cardNumber(idNumber),
    holderName: '一卡通持卡人',
    createdBy: 'demo-seed',
    updatedBy: 'demo-seed',
  }));
  await insertRows(db.sql, 'PaymentAccount', accounts);

  // The approver declared a relative who is a recipient: supervision finds the payments to them (人情保).
  const [relative] = [...recipients].find(([, county]) => county === '411202') ?? [...recipients][0] ?? [];
  await prisma.staffMember.create({
    data: {
      subject: DEMO_CHECKER,
      idNumber: '411202198001010036',
      name: '李审批',
      countyCode: '411202',
      position: '社会救助股股长',
      createdBy: 'demo-seed',
      relatives: relative ? { create: [{ relativeIdNumber: relative, relationship: '兄弟', declaredBy: 'demo-seed' }] } : undefined,
    },
  });

  const policyRows = await prisma.policyParameter.findMany();
  const last = monthStart(dateOf(AS_OF));
  const months = [addMonths(last, -2), addMonths(last, -1), last];
  let payrolls = 0;
  let lines = 0;
  const counties = [...byCounty.keys()].sort();
  for (const [index, month] of months.entries()) {
    for (const county of counties) {
      const source: SourceReader = async function* () {
        yield byCounty.get(county)!;
      };
      const policy = payrollPolicy(policyRows, county, month.getUTCFullYear());
      const { payrollId } = await generatePayroll(db, { countyCode: county, month, preparedBy: DEMO_MAKER, policy, source });
      payrolls++;
      const supervise = (asOf: Date) =>
        superviseMonth(
          {
            prisma,
            policy: async () => policyRows,
            graph: () => {
              throw new Error('the demo reads no graph');
            },
          },
          county,
          month,
          { asOf, source },
        );
      if (index === months.length - 1) {
        await supervise(dateOf(AS_OF)); // the last month stays a draft, late by the register's day
        continue;
      }
      await approvePayroll(prisma, payrollId, DEMO_CHECKER, () => {});
      // Dated as the county would have done it: prepared on the 1st, approved on the 3rd.
      const on = (day: number) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), day, 2));
      await prisma.payroll.update({ where: { id: payrollId }, data: { preparedAt: on(1), approvedAt: on(3) } });
      let csv = '';
      await exportBankFile(
        db,
        payrollId,
        { identity: { subject: DEMO_CHECKER, role: 'SERVICE', department: 'CIVIL_AFFAIRS' }, requestId: 'demo', operation: 'demo' },
        (chunk) => {
          csv += chunk;
        },
      );
      const paidOn = `${month.toISOString().slice(0, 8)}08`;
      const rows = csv
        .trim()
        .split('\n')
        .slice(1)
        .map((row) => row.slice(0, row.indexOf(',')));
      lines += rows.length;
      await importBankReturn(db, payrollId, [['reference', 'status', 'reason', 'paid_on'], ...rows.map((ref) => [ref, 'PAID', '', paidOn])]);
      await supervise(addMonths(month, 1));
    }
  }
  return { seeded: true, payrolls, lines };
}
