// Differential test: our gateway and Hive Gateway (its JavaScript planner and the Rust planner of
// Hive Router) over the same running subgraphs must give the same data and the same error codes,
// for every ready-made operation and a set of queries generated from the client API. A known,
// explained difference is listed in tests/gateway-differences.json; anything else fails.
import { readFileSync } from 'node:fs';
import { loadOperations } from '@lip/gateway/explorer';
import { startHiveGateway } from '@lip/gateway/hive/config';
import { buildSchema, type GraphQLObjectType, getNamedType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type SharedStack, sharedStack } from './stack.ts';

interface Difference {
  case: string;
  gateway: string;
  reason: string;
}
const KNOWN: Difference[] = JSON.parse(readFileSync(new URL('./gateway-differences.json', import.meta.url), 'utf8'));

let stack: SharedStack;
const hive: Record<string, { url: string; close(): Promise<void> }> = {};

beforeAll(async () => {
  stack = await sharedStack();
  const subgraphUrls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, subgraph]) => [name, subgraph.url]));
  hive['hive-gateway'] = await startHiveGateway({ subgraphUrls });
  hive['hive-gateway-rust-planner'] = await startHiveGateway({ subgraphUrls, routerRuntime: true });
});
afterAll(async () => {
  for (const gateway of Object.values(hive)) await gateway.close();
});

/** What must agree: the data, and each error's code and path (messages and shapes may differ). */
const comparable = (response: GraphQLResponse<unknown>) => ({
  data: response.data ?? null,
  errors: (response.errors ?? [])
    .map((error) => ({ code: error.extensions?.code ?? null, path: error.path?.join('.') ?? null }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

async function compare(name: string, query: string, variables: Record<string, unknown> = {}) {
  const ours = comparable(await stack.query(query, variables));
  for (const [gateway, { url }] of Object.entries(hive)) {
    const theirs = comparable(await stack.query(query, variables, { gatewayUrl: url }));
    if (KNOWN.some((known) => known.case === name && known.gateway === gateway)) continue;
    expect(theirs, `${name} through ${gateway}`).toEqual(ours);
  }
  return ours;
}

// ---------------------------------------------------------------- generated queries

const api = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));

/** Every field of `type` that needs no argument, to `depth` levels of objects. */
function selection(type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields()).filter((field) => !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined));
  return fields
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [field.name];
      if (depth > 0 && isObjectType(named)) return [`${field.name} { ${selection(named, depth - 1)} }`];
      return [];
    })
    .join(' ');
}

const Person = api.getType('Person') as GraphQLObjectType;
const Household = api.getType('Household') as GraphQLObjectType;

describe('the same answers through every gateway', () => {
  it.each(loadOperations().map((operation) => [operation.file, operation] as const))('ready-made operation %s', async (file, operation) => {
    const ours = await compare(file, operation.query, operation.variables);
    expect(ours.errors).toEqual([]);
  });

  it('every field of a person and of their household, for persons of each kind', async () => {
    const sql = stack.subgraphs['civil-affairs']!.db.sql;
    const people = await sql.query<{ idNumber: string }>(
      `(SELECT "idNumber" FROM "Person" p WHERE EXISTS (SELECT 1 FROM "CategoryHolding" h WHERE h."personIdNumber" = p."idNumber" AND h.status = 'ACTIVE') ORDER BY "idNumber" LIMIT 4)
       UNION ALL (SELECT "idNumber" FROM "Person" WHERE "deceasedOn" IS NOT NULL ORDER BY "idNumber" LIMIT 1)
       UNION ALL (SELECT "idNumber" FROM "Person" p WHERE NOT EXISTS (SELECT 1 FROM "CategoryHolding" h WHERE h."personIdNumber" = p."idNumber") ORDER BY "idNumber" LIMIT 2)`,
    );
    expect(people.length).toBeGreaterThanOrEqual(5); // holders, the deceased, persons with no holding
    const query = `query Everything($id: IdNumber!) { person(idNumber: $id) { ${selection(Person, 1)} household { ${selection(Household, 0)} members { ${selection(Person, 0)} } } } }`;
    for (const { idNumber } of people) {
      const ours = await compare('generated: person', query, { id: idNumber });
      expect(ours.errors).toEqual([]);
      expect(ours.data).toMatchObject({ person: { idNumber } });
    }
  });

  it('a page of persons with every department’s entitlements', async () => {
    const query = `{ persons(filter: { regionPrefix: "411282" }, first: 25) { totalCount edges { cursor node { idNumber educationEntitlements { program status reason } housingEntitlements { program status reason } healthInsuranceEntitlements { program status reason } unionEntitlements { program status reason } } } pageInfo { hasNextPage endCursor } } }`;
    const ours = await compare('generated: entitlements page', query);
    expect((ours.data as { persons: { edges: unknown[] } }).persons.edges).toHaveLength(25);
  });

  it('errors: unknown person, malformed ID number, unknown field, bad argument', async () => {
    await compare('error: unknown person', `query($id: IdNumber!) { person(idNumber: $id) { name educationEntitlements { status } } }`, {
      id: '11010519491231002X',
    });
    await compare('error: malformed ID number', `query($id: IdNumber!) { person(idNumber: $id) { name } }`, { id: '411224197409051439' });
    await compare('error: unknown field', `{ person(idNumber: "411224197409051438") { nameOfTheDog } }`);
    await compare('error: bad argument', `{ persons(filter: { regionPrefix: "9999" }, first: 5) { totalCount } }`);
  });
});
