// `housingSignalsSince` straight at the subgraph: the dwelling of every person an assessment names.
import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import type { RunningSubgraph } from '@lip/shared/subgraph';
import { postGraphQL, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { startHousing, villageOf } from './helpers.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startHousing();
});
afterAll(() => running?.close());

const VILLAGE = villageOf('411221');
const SINCE = `query($after: String) { housingSignalsSince(after: $after) { cursor hasMore signals { personIdNumber source status kind level occurredOn regionCode reference } } }`;

it('names the applicant and every member of an assessed dwelling: UNSAFE for C/D without a case, SAFE for A/B, NONE for a case without assessment; monitoring only', async () => {
  const gql = (query: string, variables: Record<string, unknown>, as: Identity = TEST_IDENTITIES.monitoring) =>
    postGraphQL(running.url, query, variables, { direct: true, as });
  const start = (await gql(SINCE, {})).data.housingSignalsSince.cursor;
  const id = (sequence: number) => makeIdNumber({ areaCode: '411221', birthDate: '1958-07-07', sequence });
  const [head, member, safe, caseOnly] = [id(1), id(2), id(3), id(4)];
  const assess = (idNumber: string, grade: string, memberIdNumbers: string[] = []) =>
    gql(
      `mutation($input: RecordDwellingAssessmentInput!) { recordDwellingAssessment(input: $input) { id } }`,
      {
        input: { idNumber, memberIdNumbers, regionCode: VILLAGE, grade, assessedOn: '2026-05-01', assessor: '渑池县住房和城乡建设局' },
      },
      TEST_IDENTITIES.admin,
    );
  const unsafe = await assess(head, 'D', [member]);
  expect(unsafe.errors, JSON.stringify(unsafe.errors)).toBeUndefined();
  expect((await assess(safe, 'B')).errors).toBeUndefined();
  const applied = await gql(
    `mutation($input: ApplyForRuralRenovationInput!) { applyForRuralRenovation(input: $input) { id } }`,
    { input: { idNumber: caseOnly, regionCode: VILLAGE, appliedOn: '2026-05-02' } },
    TEST_IDENTITIES.admin,
  );
  expect(applied.errors, JSON.stringify(applied.errors)).toBeUndefined();
  const page = (await gql(SINCE, { after: start })).data.housingSignalsSince;
  const byPerson = Object.fromEntries(page.signals.map((signal: any) => [signal.personIdNumber, signal]));
  const expected = {
    source: 'DWELLING',
    status: 'UNSAFE',
    kind: 'D',
    level: 4,
    occurredOn: '2026-05-01',
    regionCode: VILLAGE,
    reference: unsafe.data.recordDwellingAssessment.id,
  };
  expect(byPerson[head]).toEqual({ personIdNumber: head, ...expected });
  expect(byPerson[member]).toEqual({ personIdNumber: member, ...expected });
  expect(byPerson[safe]).toMatchObject({ status: 'SAFE', kind: 'B', level: 2 });
  // A case with no assessment still reaches monitoring (a housing entitlement covered).
  expect(byPerson[caseOnly]).toEqual({
    personIdNumber: caseOnly,
    source: 'DWELLING',
    status: 'NONE',
    kind: '',
    level: 0,
    occurredOn: null,
    regionCode: VILLAGE,
    reference: '',
  });
  expect((await gql(SINCE, {}, { subject: 's', role: 'SERVICE', department: 'HOUSING', region: '4112' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
