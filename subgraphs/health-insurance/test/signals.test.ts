// `healthInsuranceSignalsSince` straight at the subgraph: out-of-pocket costs of the last 12 months.
import type { Identity } from '@lip/shared/auth';
import { formatDate, today } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postGraphQL, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { healthInsurance } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(healthInsurance, { db: await openTestDatabase('health-insurance') });
});
afterAll(() => running?.close());

const SINCE = `query($after: String) { healthInsuranceSignalsSince(after: $after) { cursor hasMore signals { personIdNumber source status kind level amount regionCode reference } } }`;

it('sums each changed person’s out-of-pocket costs of the last 12 months; an enrolled person without claims is NONE; monitoring only', async () => {
  const gql = (query: string, variables: Record<string, unknown>, as: Identity = TEST_IDENTITIES.monitoring) =>
    postGraphQL(running.url, query, variables, { direct: true, as });
  const start = (await gql(SINCE, {})).data.healthInsuranceSignalsSince.cursor;
  const [patient, enrolled] = [1, 2].map((sequence) => makeIdNumber({ areaCode: '411202', birthDate: '1966-03-03', sequence }));
  const year = today().getUTCFullYear();
  for (const idNumber of [patient, enrolled]) {
    const result = await gql(
      `mutation($input: EnrolMedicalInsuranceInput!) { enrolMedicalInsurance(input: $input) { id } }`,
      { input: { idNumber, year, countyCode: '411202' } },
      TEST_IDENTITIES.admin,
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  }
  for (const [number, total, kind] of [
    ['JS-1', '10000.00', 'INPATIENT'],
    ['JS-2', '500.00', 'OUTPATIENT'],
  ] as const) {
    const result = await gql(
      `mutation($input: RecordMedicalClaimInput!) { recordMedicalClaim(input: $input) { id } }`,
      {
        input: {
          idNumber: patient,
          settlementNumber: number,
          visitKind: kind,
          visitDate: formatDate(today()),
          totalCost: total,
          basicInsurancePaid: '0.00',
          criticalIllnessPaid: '0.00',
        },
      },
      TEST_IDENTITIES.admin,
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  }
  const page = (await gql(SINCE, { after: start })).data.healthInsuranceSignalsSince;
  expect(page.signals).toEqual([
    {
      personIdNumber: patient,
      source: 'OUT_OF_POCKET',
      status: 'CLAIMED',
      kind: 'INPATIENT',
      level: 2,
      amount: '10500.00',
      regionCode: '411202',
      reference: expect.stringMatching(/^JS-/),
    },
    { personIdNumber: enrolled, source: 'OUT_OF_POCKET', status: 'NONE', kind: '', level: 0, amount: '0.00', regionCode: '411202', reference: '' },
  ]);
  expect(
    (await gql(SINCE, {}, { subject: 'h', role: 'DEPARTMENT_OFFICER', department: 'HEALTH_INSURANCE', region: '4112' })).errors?.[0]?.extensions?.code,
  ).toBe('FORBIDDEN');
});
