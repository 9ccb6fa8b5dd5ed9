// Databases for tests: a fresh in-memory PGlite by default, or, when TEST_DATABASE_URL
// names a PostgreSQL server, a fresh database on it that is dropped on close.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from './database.ts';

export async function openTestDatabase(subgraph: string): Promise<Database> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return openPglite();
  const name = `lip_test_${subgraph.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  return {
    ...db,
    close: async () => {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export const databaseUnderTest = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
