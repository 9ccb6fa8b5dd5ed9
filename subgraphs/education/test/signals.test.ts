// `educationSignalsSince` straight at the subgraph: a difficult student's record as monitoring reads it.
import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postGraphQL, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { education } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(education, { db: await openTestDatabase('education') });
});
afterAll(() => running?.close());

const SINCE = `query($after: String) { educationSignalsSince(after: $after) { cursor hasMore signals { personIdNumber source status kind level amount occurredOn regionCode reference } } }`;
const ENROL = `mutation($input: EnrolStudentInput!) { enrolStudent(input: $input) { id } }`;

it('publishes each changed student once: OPEN when current and difficult, else CLOSED; monitoring only', async () => {
  const gql = (query: string, variables: Record<string, unknown>, as: Identity = TEST_IDENTITIES.monitoring) =>
    postGraphQL(running.url, query, variables, { direct: true, as });
  const start = (await gql(SINCE, {})).data.educationSignalsSince.cursor;
  const [difficult, other] = [1, 2].map((sequence) => makeIdNumber({ areaCode: '411202', birthDate: '2012-04-05', sequence }));
  const input = { schoolName: '湖滨区第一初级中学', schoolRegionCode: '411202001', stage: 'JUNIOR_SECONDARY', enrolmentYear: 2025 };
  const record = await gql(
    ENROL,
    { input: { ...input, personIdNumber: difficult, identifiedAsDifficult: true, identifiedOn: '2025-09-10' } },
    TEST_IDENTITIES.admin,
  );
  expect(record.errors).toBeUndefined();
  expect((await gql(ENROL, { input: { ...input, personIdNumber: other } }, TEST_IDENTITIES.admin)).errors).toBeUndefined();
  const page = (await gql(SINCE, { after: start })).data.educationSignalsSince;
  expect(page.hasMore).toBe(false);
  expect(page.signals).toEqual([
    {
      personIdNumber: difficult,
      source: 'DIFFICULT_STUDENT',
      status: 'OPEN',
      kind: 'JUNIOR_SECONDARY',
      level: 0,
      amount: '0.00',
      occurredOn: '2025-09-10',
      regionCode: '411202001',
      reference: record.data.enrolStudent.id,
    },
    expect.objectContaining({ personIdNumber: other, status: 'CLOSED', occurredOn: null }),
  ]);
  expect((await gql(SINCE, { after: page.cursor })).data.educationSignalsSince.signals).toEqual([]);
  expect((await gql(SINCE, {}, TEST_IDENTITIES.admin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // A monitoring service of another county sees nothing of this school's students.
  expect((await gql(SINCE, { after: start }, { ...TEST_IDENTITIES.monitoring, region: '411282' })).data.educationSignalsSince.signals).toEqual([]);
});
