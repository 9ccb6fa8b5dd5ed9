// The drift test every subgraph runs: its migrations, after the shared ones, must build exactly
// what its schema.prisma and shared/prisma/schema.prisma describe (see drift.ts). Call it from the
// subgraph's test/drift.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { structureDiff, structureFromDatabase, structureFromSchema } from './drift.ts';
import { migrate } from './migrate.ts';
import { openTestDatabase } from './testing.ts';

/** `subgraphRoot`: the subgraph package folder (holds prisma/). */
export function describeMigrationDrift(name: string, subgraphRoot: URL) {
  const schemaPath = fileURLToPath(new URL('prisma/schema.prisma', subgraphRoot));
  const sharedSchemaPath = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));
  const expectedWith = (subgraphSchema: string) => [...structureFromSchema(subgraphSchema), ...structureFromSchema(sharedSchemaPath)].sort();

  describe(`${name} migrations`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await openTestDatabase(name);
      await migrate(db, fileURLToPath(new URL('prisma/migrations', subgraphRoot)));
    });
    afterAll(() => db?.close());

    it('build exactly what schema.prisma describes', async () => {
      const expected = expectedWith(schemaPath);
      expect(expected.length).toBeGreaterThan(10);
      expect(structureDiff(expected, await structureFromDatabase(db.sql))).toEqual([]);
    });

    it('notice a model added to schema.prisma without a migration', async () => {
      const changed = path.join(mkdtempSync(path.join(tmpdir(), 'drift-')), 'schema.prisma');
      writeFileSync(changed, `${readFileSync(schemaPath, 'utf8')}\nmodel DriftProbe {\n  id String @id\n  note String? @unique\n}\n`);
      expect(structureDiff(expectedWith(changed), await structureFromDatabase(db.sql))).toEqual([
        '+ column DriftProbe.id text NOT NULL   (in schema.prisma, not in the migrations)',
        '+ column DriftProbe.note text   (in schema.prisma, not in the migrations)',
        '+ primary key DriftProbe(id)   (in schema.prisma, not in the migrations)',
        '+ unique index DriftProbe(note)   (in schema.prisma, not in the migrations)',
      ]);
    });
  });
}
