import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@lip/shared/database';
import { structureDiff, structureFromDatabase, structureFromSchema } from '@lip/shared/drift';
import { migrate } from '@lip/shared/migrate';
import { openTestDatabase } from '@lip/shared/testing';

const root = new URL('../prisma/', import.meta.url);

describe('education migrations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('education');
    await migrate(db, fileURLToPath(new URL('migrations', root)));
  });
  afterAll(() => db?.close());

  it('build exactly what schema.prisma describes', async () => {
    const expected = structureFromSchema(fileURLToPath(new URL('schema.prisma', root)));
    expect(expected.length).toBeGreaterThan(30);
    expect(structureDiff(expected, await structureFromDatabase(db.sql))).toEqual([]);
  });

  it('notice a field added to schema.prisma without a migration', async () => {
    const schema = readFileSync(fileURLToPath(new URL('schema.prisma', root)), 'utf8').replace(
      'endNote               String?',
      'endNote               String?\n  email String? @unique',
    );
    const changed = path.join(mkdtempSync(path.join(tmpdir(), 'drift-')), 'schema.prisma');
    writeFileSync(changed, schema);
    expect(structureDiff(structureFromSchema(changed), await structureFromDatabase(db.sql))).toEqual([
      '+ column StudentRecord.email text   (in schema.prisma, not in the migrations)',
      '+ unique index StudentRecord(email)   (in schema.prisma, not in the migrations)',
    ]);
  });
});
