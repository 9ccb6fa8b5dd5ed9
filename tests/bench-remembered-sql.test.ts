// The benchmark's --sql-from-memory (scripts/bench/remembered-sql.ts): once seen, a statement is answered
// from memory, as node-postgres's pool (a callback) and Prisma's adapter (a config object, a promise) call
// it, and PostgreSQL sees it no more. node-postgres needs a server: run with TEST_DATABASE_URL.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFromMemory } from '../scripts/bench/remembered-sql.ts';

const server = process.env.TEST_DATABASE_URL;

describe.skipIf(!server)('statements answered from memory', () => {
  class Remembering extends pg.Client {}
  answerFromMemory(Remembering);
  const name = `bench_memory_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const plain = new pg.Client({ connectionString: server });
  const pool = new pg.Pool({ connectionString: server, Client: Remembering, max: 2 });
  /** How often a sequence was advanced on the server. */
  const advanced = async (sequence: string) => {
    const [row] = (await plain.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM ${sequence}`)).rows;
    return row?.is_called ? Number(row.last_value) : 0;
  };

  beforeAll(async () => {
    await plain.connect();
    await plain.query(`CREATE SEQUENCE ${name}_a; CREATE SEQUENCE ${name}_b; CREATE SEQUENCE ${name}_c; CREATE TABLE ${name} (id serial PRIMARY KEY, v text)`);
  });
  afterAll(async () => {
    await pool.end();
    await plain.query(`DROP TABLE IF EXISTS ${name}; DROP SEQUENCE IF EXISTS ${name}_a, ${name}_b, ${name}_c`);
    await plain.end();
  });

  it('answers a read it has run with the same parameters from memory, and sends one with other parameters', async () => {
    const read = `SELECT nextval('${name}_a') + $1::int AS n`;
    const first = await pool.query(read, [0]);
    const again = await pool.query(read, [0]);
    expect(again.rows).toEqual([{ n: '1' }]);
    expect(again.rows).toEqual(first.rows);
    expect(await advanced(`${name}_a`)).toBe(1);
    expect((await pool.query(read, [10])).rows).toEqual([{ n: '12' }]);
    expect(await advanced(`${name}_a`)).toBe(2);
  });

  it('answers a config object with a promise, as Prisma’s adapter asks, rows as arrays included', async () => {
    const client = new Remembering({ connectionString: server });
    await client.connect();
    try {
      const config = { text: `SELECT nextval('${name}_b') AS n`, values: [], rowMode: 'array' as const };
      const first = await client.query(config);
      const again = await client.query({ ...config });
      expect(again.rows).toEqual([['1']]);
      expect(again).toBe(first);
      expect(await advanced(`${name}_b`)).toBe(1);
      // The same statement asked for rows as objects is another answer.
      expect((await client.query(config.text)).rows).toEqual([{ n: '2' }]);
    } finally {
      await client.end();
    }
  });

  it('writes the first of a write’s runs and answers the others, whatever their values, with its result', async () => {
    const write = `INSERT INTO ${name} (v) VALUES ($1) RETURNING id, v`;
    const first = await pool.query(write, ['first']);
    const second = await pool.query(write, ['second']);
    expect(second.rows).toEqual([{ id: 1, v: 'first' }]);
    expect(second.rows).toEqual(first.rows);
    expect((await plain.query(`SELECT v FROM ${name}`)).rows).toEqual([{ v: 'first' }]);
  });

  it('sends every transaction statement and keeps no failed statement', async () => {
    const client = new Remembering({ connectionString: server });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      // A remembered BEGIN would have left the session outside any transaction.
      const state = await plain.query('SELECT state FROM pg_stat_activity WHERE pid = $1', [(client as unknown as { processID: number }).processID]);
      expect(state.rows).toEqual([{ state: 'idle in transaction' }]);
      await client.query('ROLLBACK');
      const failing = `SELECT nextval('${name}_c') / $1::int AS n`;
      await expect(client.query(failing, [0])).rejects.toThrow(/division by zero/);
      await expect(client.query(failing, [0])).rejects.toThrow(/division by zero/);
      expect(await advanced(`${name}_c`)).toBe(2);
    } finally {
      await client.end();
    }
  });
});
