// Property-based fuzzing of every mutation through the gateway (issue 10): each run takes a
// plausible request for the mutation and replaces one value with a generated bad one (control
// characters, NUL, lone surrogates, huge strings, extreme numbers and dates, unknown enum values,
// wrong types, duplicated or oversized lists). It asserts no HTTP 5xx, no INTERNAL_SERVER_ERROR,
// a documented code for each refusal (the same when sent again), and no database changed by a
// refusal. Seeded and bounded (FUZZ_RUNS per mutation, default 8) for a busy 2-core machine.
import { readFileSync } from 'node:fs';
import { makeIdNumber } from '@lip/shared/id-number';
import fc from 'fast-check';
import { buildSchema, type GraphQLInputType, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const schema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const mutations = Object.values(schema.getMutationType()!.getFields());

/** The codes a refusal may carry (shared/src/errors.ts and the gateway's own). */
const REFUSALS = new Set([
  'INVALID_INPUT',
  'INVALID_ID_NUMBER',
  'INVALID_REGION_CODE',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'FORBIDDEN',
  'BATCH_REJECTED',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
]);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

let sequence = 0;
const newId = () => makeIdNumber({ areaCode: '411202', birthDate: '1970-05-01', sequence: ++sequence });

/** A plausible value per field name, so that one bad value is what a request is refused for. */
const PLAUSIBLE: Record<string, () => unknown> = {
  regionCode: () => '411202001001',
  countyCode: () => '411202',
  schoolRegionCode: () => '411282102',
  academicYear: () => '2025-2026',
  phone: () => '13812345678',
  unifiedSocialCreditCode: () => '914403001922038216',
  name: () => '王建国',
  settlementNumber: () => `FUZZ-${++sequence}`,
  year: () => 2025,
  enrolmentYear: () => 2024,
  realEstateCount: () => 0,
  vehicleCount: () => 0,
};

function plausible(name: string, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return plausible(name, type.ofType);
  if (isListType(type)) return [plausible(name, type.ofType)];
  if (PLAUSIBLE[name]) return PLAUSIBLE[name]!();
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, plausible(field.name, field.type)]));
  switch (type.name) {
    case 'IdNumber':
      return newId();
    case 'Date':
      return '2025-03-01';
    case 'Money':
      return '100';
    case 'Int':
      return 1;
    case 'Boolean':
      return false;
    case 'ID':
      return 'fuzz-no-such-id';
    default:
      return '合规的说明文字';
  }
}

/** Bad values by the kind of leaf they replace. */
const badText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\u0007bell', 'tab\there', 'line\nbreak', '\ud800', 'x\udfff', '\u009f', '', '   '),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: 501, max: 3000 }).map((n) => '𠮷'.repeat(n)),
  fc.integer({ min: 10_001, max: 80_000 }).map((n) => '4'.repeat(n)),
);
const badNumber = fc.constantFrom(0, -1, 2147483647, -2147483648, 2147483648, 1e308, -1e308, 1.5, Number.MAX_SAFE_INTEGER + 1, '12', null);
const badDate = fc.oneof(
  fc.constantFrom('9999-12-31', '0001-01-01', '1899-12-31', '2100-12-31', '1900-01-01', '2024-02-30', '20240101', '2024-1-1', 20240101),
  badText,
);
const badMoney = fc.constantFrom('-0.01', '1e10', '999999999999.99', '0.001', 'NaN', 'Infinity', -1, 1e308, '', '１００');
const badEnum = fc.constantFrom('NO_SUCH_VALUE', 'active', '', 42, '__proto__');
const wrongType = fc.constantFrom(null, true, {}, [], { nested: ['x'] });

function badValueFor(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  const specific = isEnumType(named)
    ? badEnum
    : isScalarType(named) && named.name === 'Date'
      ? badDate
      : isScalarType(named) && named.name === 'Money'
        ? badMoney
        : isScalarType(named) && named.name === 'Int'
          ? badNumber
          : badText;
  return fc.oneof({ arbitrary: specific, weight: 5 }, { arbitrary: wrongType, weight: 1 });
}

interface Leaf {
  path: (string | number)[];
  type: GraphQLInputType;
  list?: boolean;
}

/** Every place a bad value can go: each leaf, and each list (to duplicate or blow up). */
function leaves(value: unknown, type: GraphQLInputType, path: (string | number)[] = []): Leaf[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [{ path, type: inner, list: true }, ...(value as unknown[]).flatMap((item, i) => leaves(item, inner.ofType, [...path, i]))];
  if (isInputObjectType(inner)) {
    return Object.values(inner.getFields()).flatMap((field) => leaves((value as Record<string, unknown>)[field.name], field.type, [...path, field.name]));
  }
  return [{ path, type: inner }];
}

function setAt(target: Record<string, unknown>, path: (string | number)[], value: unknown) {
  const copy = structuredClone(target);
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = value;
  return copy;
}

/**
 * Each subgraph database's content, without the tables the shared kit keeps for every request
 * (`lip_*`: the audit log records refusals too, by design, and the replay guard every signature).
 */
async function fingerprint() {
  const parts: string[] = [];
  for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
    const tables = await subgraph.db.sql.query<{ table: string }>(
      `SELECT tablename AS table FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%' AND tablename NOT LIKE 'lip\\_%' ORDER BY 1`,
    );
    const sums = await subgraph.db.sql.query<{ sum: string }>(
      tables
        .map(
          ({ table }) => `SELECT '${table}' || ':' || count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS sum FROM "${table}" t`,
        )
        .join(' UNION ALL '),
    );
    parts.push(`${name}=${sums.map((row) => row.sum).join('|')}`);
  }
  return parts.join('\n');
}

function operationOf(field: (typeof mutations)[number]) {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `mutation Fuzz${field.name[0]!.toUpperCase()}${field.name.slice(1)}(${variables}) { ${field.name}(${args}) { __typename } }`;
}

describe(`every mutation under generated bad input (${RUNS} runs each, seed ${SEED})`, () => {
  it('covers every mutation of the API', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(37);
  });

  // A mutation without arguments (runMonitoring) has no input to make bad.
  for (const field of mutations.filter((mutation) => mutation.args.length > 0)) {
    it(field.name, { timeout: 300_000 }, async () => {
      const query = operationOf(field);
      const base = () => Object.fromEntries(field.args.map((arg) => [arg.name, plausible(arg.name, arg.type)]));
      const sample = base();
      const targets = field.args.flatMap((arg) => leaves(sample[arg.name], arg.type, [arg.name]));
      const arbitrary = fc
        .constantFrom(...targets)
        .chain((leaf) =>
          leaf.list
            ? fc.constantFrom('duplicate', 'long', 'huge', 'empty').map((how) => ({ leaf, how, value: undefined as unknown }))
            : badValueFor(leaf.type).map((value) => ({ leaf, how: 'replace', value })),
        );
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ leaf, how, value }) => {
          const variables = base();
          let bad: unknown = value;
          if (leaf.list) {
            const list = leaf.path.reduce<any>((node, key) => node?.[key], variables) as unknown[] | undefined;
            const first = list?.[0] ?? null;
            bad = how === 'duplicate' ? [first, first] : how === 'long' ? Array(200).fill(first) : how === 'huge' ? Array(5000).fill(first) : [];
          }
          const sent = setAt(variables, leaf.path, bad);
          const before = await fingerprint();
          const result = await stack.query(query, sent);
          const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
          const what = `${field.name} ${leaf.path.join('.')} = ${JSON.stringify(bad)?.slice(0, 80)} → ${result.status} ${codes.join()}`;
          expect(result.status, what).toBeLessThan(500);
          expect(codes, what).not.toContain('INTERNAL_SERVER_ERROR');
          if (codes.length) {
            for (const code of codes) expect(REFUSALS.has(code), what).toBe(true);
            expect(await fingerprint(), `${what}: a refusal changed the database`).toBe(before);
            const again = await stack.query(query, sent);
            expect(
              (again.errors ?? []).map((error) => String(error.extensions?.code)),
              `${what}: sent again`,
            ).toEqual(codes);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    });
  }
});
