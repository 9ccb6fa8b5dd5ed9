// Every ready-made operation in operations/*.graphql (the explorer's tabs) runs through the
// gateway on the demo data (the shared stack's deterministic population) with its own
// example variables, so none of them rots.

import { loadOperations, parseOperation } from '@lip/gateway/explorer';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SharedStack, sharedStack } from './stack.ts';

const operations = loadOperations();

let stack: SharedStack;
beforeAll(async () => {
  stack = await sharedStack();
});

/** True when some value in the tree is a non-empty list or a non-null scalar. */
function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.values(value).some(hasContent);
  return value !== null && value !== undefined;
}

describe('ready-made operations', () => {
  it('are there, each documented, named and with example variables for its required arguments', () => {
    expect(operations.map((operation) => operation.file)).toEqual(
      expect.arrayContaining(['category-counts.graphql', 'household.graphql', 'person.graphql', 'regions.graphql', 'township-roster.graphql']),
    );
    expect(new Set(operations.map((operation) => operation.name)).size).toBe(operations.length);
    for (const operation of operations) {
      expect(operation.description.length, operation.file).toBeGreaterThan(40);
      for (const [, name] of operation.query.matchAll(/\$(\w+)\s*:\s*[\w[\]]+!(?!\s*=)/g)) {
        expect(operation.variables, `${operation.file} has no example for $${name}`).toHaveProperty(name!);
      }
    }
  });

  it.each(operations.map((operation) => [operation.file, operation] as const))(
    '%s runs through the gateway with its example variables',
    async (_file, operation) => {
      const result = await stack.query(operation.query, operation.variables);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.status).toBe(200);
      // Every top-level field answers something: not null, not an empty list.
      for (const [field, value] of Object.entries(result.data ?? {})) {
        expect(hasContent(value), `${operation.file}: ${field} is empty (${JSON.stringify(value)})`).toBe(true);
      }
      expect(Object.keys(result.data ?? {}).length).toBeGreaterThan(0);
    },
  );

  it('uses example values that are in the demo register', async () => {
    const sql = stack.subgraphs['civil-affairs']!.db.sql;
    const byName = Object.fromEntries(operations.map((operation) => [operation.name, operation]));
    const person = await sql.query(`SELECT 1 FROM "Person" WHERE "idNumber" = $1`, [byName.Person!.variables.idNumber]);
    expect(person).toHaveLength(1);
    const household = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Person" WHERE "householdId" = $1`, [byName.Household!.variables.id]);
    expect(household[0]!.n).toBeGreaterThan(1);
  });
});

describe('operation files', () => {
  it('are parsed into name, description, query and variables', () => {
    const parsed = parseOperation('x.graphql', '# Line one\n# line two.\n# variables: {"a": 1}\nquery X($a: Int) { x(a: $a) }\n');
    expect(parsed).toEqual({
      file: 'x.graphql',
      name: 'X',
      description: 'Line one\nline two.',
      query: '# Line one\n# line two.\nquery X($a: Int) { x(a: $a) }\n',
      variables: { a: 1 },
    });
  });

  it('are refused with the file name when malformed', () => {
    expect(() => parseOperation('a.graphql', '# About\n{ x }')).toThrow(/a.graphql: .*named operation/);
    expect(() => parseOperation('b.graphql', '# About\n# variables: {nope}\nquery B { x }')).toThrow(/b.graphql: the variables line is not JSON/);
    expect(() => parseOperation('c.graphql', 'query C { x }')).toThrow(/c.graphql: must start with a # comment/);
    expect(() => parseOperation('d.graphql', '# About\nquery D { x ')).toThrow(/d.graphql: Syntax Error/);
  });
});
