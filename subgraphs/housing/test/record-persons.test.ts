// The membership tables (who a record involves, issue 18) follow every write to the records, by
// statement triggers: SQL straight at the tables, as a bulk load or a repair would write.
import type { RunningSubgraph } from '@lip/shared/subgraph';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { newId, startHousing, villageOf } from './helpers.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startHousing();
});
afterAll(() => running?.close());

const VILLAGE = villageOf('411224');
const personsOf = async (table: string, id: string) =>
  (await running.db.sql.query<{ idNumber: string }>(`SELECT "idNumber" FROM "${table}Person" WHERE "recordId" = $1 ORDER BY 1`, [id])).map(
    (row) => row.idNumber,
  );

it('names the applicant and every member of each record, and follows updates and deletes', async () => {
  const [head, first, second, third] = [newId(), newId(), newId(), newId()];
  const [assessment] = await running.db.sql.query<{ id: string }>(
    `INSERT INTO "DwellingAssessment" (id, "personIdNumber", "memberIdNumbers", "regionCode", grade, "assessedOn", assessor, "recordedBy")
     VALUES (gen_random_uuid()::text, $1, $2, $3, 'C', '2026-03-01', '住建局', 'test') RETURNING id`,
    [head, [first, second], VILLAGE],
  );
  const id = assessment!.id;
  expect(await personsOf('DwellingAssessment', id)).toEqual([head, first, second].sort());

  await running.db.sql.query(`UPDATE "DwellingAssessment" SET "memberIdNumbers" = $2 WHERE id = $1`, [id, [second, third]]);
  expect(await personsOf('DwellingAssessment', id)).toEqual([head, second, third].sort());
  // An update that does not change who is named leaves the rows alone.
  await running.db.sql.query(`UPDATE "DwellingAssessment" SET grade = 'D' WHERE id = $1`, [id]);
  expect(await personsOf('DwellingAssessment', id)).toEqual([head, second, third].sort());

  const [renovation] = await running.db.sql.query<{ id: string }>(
    `INSERT INTO "RuralRenovationCase" (id, "personIdNumber", "memberIdNumbers", "regionCode", status, "appliedOn", "updatedAt")
     VALUES (gen_random_uuid()::text, $1, $2, $3, 'APPLIED', '2026-03-02', now()) RETURNING id`,
    [first, [head], VILLAGE],
  );
  expect(await personsOf('RuralRenovationCase', renovation!.id)).toEqual([head, first].sort());

  // Found through the API by any person it names.
  const found = await running.client.dwellingAssessment.findMany({ where: { persons: { some: { idNumber: { in: [third] } } } } });
  expect(found.map((row) => row.id)).toEqual([id]);

  await running.db.sql.query(`DELETE FROM "DwellingAssessment" WHERE id = $1`, [id]);
  expect(await personsOf('DwellingAssessment', id)).toEqual([]);
});
