// Issue 18: the statements a township roster page of 100 persons and a person 360 send to each
// department's database are index-shaped. Each subgraph is loaded with a few thousand demo persons
// and vacuumed and analysed as the demo loader does, the two requests are sent straight to it (as
// the gateway's plan would), and every statement it sent is explained with EXPLAIN (ANALYZE, FORMAT
// JSON). At this size reading a whole small table is the cheapest plan, by a sequential scan or a
// full index scan under a hash or merge join, so the planner is told to avoid those (enable_seqscan,
// enable_hashjoin and enable_mergejoin off; bench/RESULTS.md has the plans at 150,000 persons): a
// Seq Scan still chosen means no index can serve the statement. An index scan that reads a whole
// table (a table-wide aggregate) is caught by the rows it reads, and a page that sorts its whole
// region, or walks past other regions' rows, by reading more than twice the page.
import type { QueryOptions } from '@lip/shared/database';
import type { SubgraphModule } from '@lip/shared/subgraph';
import { startSubgraph } from '@lip/shared/subgraph';
import { databaseUnderTest, openTestDatabase, postGraphQL } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFields, entitiesQuery, PERSON_FIELDS, ROSTER, representation } from '../scripts/bench/scenarios.ts';
import { SUBGRAPH_MODULES } from '../scripts/subgraphs.ts';

const PERSONS = 4_000;
/**
 * Rows a scan of a hot statement may read: a page's records, well below the size of the large tables
 * (persons, enrolments, claims); a whole read of a smaller one is the planner's fair choice at this size.
 */
const MOST_ROWS = 2_000;
/** Read whole by design: a few hundred policy parameters, once per request. */
const SMALL_TABLES = new Set(['PolicyParameter']);
const DEPARTMENTS = ['education', 'housing', 'health-insurance', 'union'];

type Module = SubgraphModule<{ $disconnect(): Promise<void>; $on(event: 'query', listener: (event: { query: string; params: string }) => void): void }, never>;
const moduleOf = (name: string) => SUBGRAPH_MODULES.find((module) => module.name === name) as unknown as Module;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
/** Rows a node read: those it passed on and those its filters dropped, over all its loops. */
const rowsRead = (node: PlanNode) =>
  (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops'];

/** A loaded subgraph that records the statements its Prisma client sends. */
async function loaded(name: string) {
  const db = await openTestDatabase(name);
  let statements: { query: string; params: unknown[] }[] = [];
  let recording = false;
  // Read-only batch loaders may go through the driver (ctx.sql) instead of Prisma: record those too.
  const { query } = db.sql;
  db.sql.query = <T>(text: string, params?: unknown[], options?: QueryOptions) => {
    if (recording) statements.push({ query: text, params: params ?? [] });
    return query<T>(text, params, options);
  };
  const running = await startSubgraph(moduleOf(name), { db, seed: { persons: PERSONS, seed: 2024 } });
  await running.db.sql.exec('VACUUM ANALYZE');
  running.client.$on('query', (event) => statements.push({ query: event.query, params: JSON.parse(event.params) as unknown[] }));
  return {
    running,
    /** The statements `send` makes the subgraph issue. */
    async statementsOf(send: () => Promise<unknown>) {
      statements = [];
      recording = true;
      await send().finally(() => (recording = false));
      return statements.filter((statement) => /^\s*(SELECT|WITH)\b/i.test(statement.query));
    },
    /** What is wrong with each statement's plan: a Seq Scan, or a scan reading more than MOST_ROWS rows. */
    async problems(list: { query: string; params: unknown[] }[]) {
      return running.db.session(async (sql) => {
        await sql.exec('SET enable_seqscan = off; SET enable_hashjoin = off; SET enable_mergejoin = off');
        const found: string[] = [];
        for (const { query, params } of list) {
          const [row] = await sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`, params);
          const plan = row!['QUERY PLAN'][0].Plan;
          // A page (LIMIT n at the top) reads its n rows and stops, whatever the region's size.
          const most = plan['Node Type'] === 'Limit' ? 2 * plan['Actual Rows'] + 2 : MOST_ROWS;
          for (const node of nodesOf(plan)) {
            const table = node['Relation Name'];
            if (!table || SMALL_TABLES.has(table)) continue;
            const rows = rowsRead(node);
            if (node['Node Type'] === 'Seq Scan') found.push(`Seq Scan on ${table}: ${query}`);
            else if (rows > most) found.push(`${node['Node Type']} on ${table} (${node['Index Name'] ?? ''}) read ${rows} rows (at most ${most}): ${query}`);
          }
        }
        await sql.exec('RESET enable_seqscan; RESET enable_hashjoin; RESET enable_mergejoin');
        return found;
      });
    },
  };
}

const post = (url: string, query: string, variables: Record<string, unknown>) => postGraphQL(url, query, variables, { direct: true });

describe(`hot statements use indexes (${databaseUnderTest()}, ${PERSONS} demo persons)`, () => {
  let civil: Awaited<ReturnType<typeof loaded>>;
  let township: string;
  let page: { idNumber: string; activeCategories: string[]; hukouType: string; extremePovertySupport: string | null }[];
  const departments = new Map<string, Awaited<ReturnType<typeof loaded>>>();

  beforeAll(async () => {
    civil = await loaded('civil-affairs');
    [{ township } = { township: '' }] = await civil.running.db.sql.query<{ township: string }>(
      `SELECT left("regionCode", 9) AS township FROM "Person" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    for (const name of DEPARTMENTS) departments.set(name, await loaded(name));
  });
  afterAll(async () => {
    await civil?.running.close();
    for (const department of departments.values()) await department.running.close();
  });

  it('civil affairs: a roster page and a person', async () => {
    const query = ROSTER.replace(allFields(PERSON_FIELDS), PERSON_FIELDS['civil-affairs']!);
    let after: string | undefined;
    const roster = await civil.statementsOf(async () => {
      const result = await post(civil.running.url, query, { prefix: township });
      expect(result.errors).toBeUndefined();
      page = result.data.persons.edges.map((edge: { node: (typeof page)[number] }) => edge.node);
      after = result.data.persons.pageInfo.endCursor;
    });
    // The next page starts from the cursor's row, not from the region's first.
    const next = await civil.statementsOf(async () => {
      const result = await post(civil.running.url, query, { prefix: township, after });
      expect(result.errors).toBeUndefined();
      expect(result.data.persons.edges[0]?.node.idNumber).not.toBe(page[0]!.idNumber);
    });
    expect(page.length).toBeGreaterThan(20);
    const person = await civil.statementsOf(async () => {
      const result = await post(civil.running.url, `query($id: IdNumber!) { person(idNumber: $id) { ${PERSON_FIELDS['civil-affairs']} } }`, {
        id: page[0]!.idNumber,
      });
      expect(result.data.person.idNumber).toBe(page[0]!.idNumber);
    });
    expect(roster.length).toBeGreaterThan(3);
    expect(await civil.problems([...roster, ...next, ...person])).toEqual([]);
  });

  it.each(DEPARTMENTS)('%s: a roster page and a person', async (name) => {
    expect(page?.length).toBeGreaterThan(20);
    const department = departments.get(name)!;
    const ask = (persons: typeof page) => async () => {
      const result = await post(department.running.url, entitiesQuery(PERSON_FIELDS[name]!), { representations: persons.map(representation) });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(persons.length);
    };
    const roster = await department.statementsOf(ask(page));
    const person = await department.statementsOf(ask(page.slice(0, 1)));
    expect(roster.length).toBeGreaterThan(0);
    expect(await department.problems([...roster, ...person])).toEqual([]);
  });
});
