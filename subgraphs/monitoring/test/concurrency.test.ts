// One open alert per person and rule, however many writers fire the rule at once: held by a
// partial unique index, on PGlite and (TEST_DATABASE_URL) on a PostgreSQL server with a pool.

import type { Database } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { databaseUnderTest } from '@lip/shared/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GraphClient } from '../src/engine/graph.ts';
import { importFeedBatch } from '../src/engine/import.ts';
import { evaluatePersons } from '../src/engine/run.ts';
import { writeSignals } from '../src/engine/signals.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { openMigratedDatabase } from './database.ts';

let db: Database;
let prisma: PrismaClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, prisma, close } = await openMigratedDatabase());
});
afterAll(() => close?.());

// The visit rule needs no register facts: a graph that knows nobody is enough here.
const nobody: GraphClient = {
  persons: async () => new Map(),
  recordDeath: async () => true,
  departmentSignals: async () => null,
  latePayments: async () => [],
};
const ID = makeIdNumber({ areaCode: '411202', birthDate: '1980-01-01', sequence: 1 });

it(`${databaseUnderTest()}: eight evaluations at once raise one alert and one referral`, async () => {
  await prisma.$transaction((tx) =>
    writeSignals(tx, [
      {
        idNumber: ID,
        source: 'VISIT',
        state: { occurredOn: '2025-06-01', status: 'CHANGED', kind: 'ILLNESS', level: 0, amount: 0, regionCode: '411202001001', reference: 'v1' },
        evidenceId: 'visit:v1',
        observedOn: '2025-06-01',
      },
    ]),
  );
  const results = await Promise.all(
    Array.from({ length: 8 }, () => evaluatePersons(prisma, nobody, [ID], { on: new Date('2025-06-02T00:00:00Z'), actor: 'test' })),
  );
  expect(results.reduce((sum, result) => sum + (result?.raised ?? 0), 0)).toBe(1);
  expect(await prisma.alert.count({ where: { personIdNumber: ID, ruleCode: 'VISIT_REPORTED_CHANGE' } })).toBe(1);
  expect(await prisma.referral.count({ where: { personIdNumber: ID } })).toBe(1);
});

it(`${databaseUnderTest()}: the index itself refuses a second open alert from writers that skip every check`, async () => {
  const insert = () =>
    db.sql.query(
      `INSERT INTO "Alert" ("id", "personIdNumber", "regionCode", "ruleCode", "severity", "status", "evidence", "evidenceKey", "updatedAt")
       VALUES (gen_random_uuid()::text, $1, '411202001001', 'PAYMENT_LATE', 'HIGH', 'OPEN', '[]', 'k', now())`,
      [ID],
    );
  const outcomes = await Promise.allSettled(Array.from({ length: 6 }, insert));
  expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  expect(
    outcomes.filter((outcome) => outcome.status === 'rejected').every((outcome) => /unique|duplicate/i.test(String((outcome as PromiseRejectedResult).reason))),
  ).toBe(true);
  // Closed alerts do not count: after resolving it, a new one may open.
  await db.sql.query(`UPDATE "Alert" SET "status" = 'RESOLVED', "resolution" = 'COVERED', "resolvedAt" = now() WHERE "ruleCode" = 'PAYMENT_LATE'`);
  await insert();
  expect(await prisma.alert.count({ where: { ruleCode: 'PAYMENT_LATE' } })).toBe(2);
});

it(`${databaseUnderTest()}: the same batch sent twice at once is imported once`, async () => {
  const rows = [{ idNumber: ID, occurredOn: '2025-05-01', status: 'REGISTERED' }];
  const results = await Promise.all(
    Array.from({ length: 4 }, () => importFeedBatch(prisma, { feed: 'UNEMPLOYMENT', batchId: 'same', submittedBy: 'test', rows })),
  );
  expect(results.filter((result) => !result.alreadyImported)).toHaveLength(1);
  expect(await prisma.feedRecord.count({ where: { batch: { batchId: 'same' } } })).toBe(1);
});
