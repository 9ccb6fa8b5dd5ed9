// Policy parameters (amounts, ratios, caps, thresholds) are data per county and year
// (docs/design.md). A department stores rows of this shape; the city-wide row (411200)
// applies where a county has none. The kit below gives each department its GraphQL type, query and
// per-request cache of them.

import type { SchemaTypes } from '@pothos/core';
import { DomainError, ErrorCode } from './errors.ts';
import { checkYear } from './lists.ts';
import { CITY_CODE } from './regions.ts';

export interface PolicyParameterRow {
  regionCode: string;
  year: number;
  name: string;
  value: { toString(): string } | number | string;
}

/** The value of `name` for a county (6-digit code) and year, preferring the county's own row. */
export function policyValue(rows: readonly PolicyParameterRow[], name: string, countyCode: string, year: number): number {
  const match = (region: string) => rows.find((row) => row.name === name && row.year === year && row.regionCode === region);
  const row = match(countyCode.slice(0, 6)) ?? match(CITY_CODE);
  if (!row) {
    throw new DomainError(ErrorCode.INVALID_INPUT, `No policy parameter ${name} for ${countyCode.slice(0, 6)} in ${year}`, {
      reason: 'NO_POLICY',
      parameter: name,
      year,
    });
  }
  return Number(row.value.toString());
}

/** A department's PolicyParameter table, as its Prisma client reads it. */
interface PolicyTable<Row> {
  findMany(args: { where?: { year: number; regionCode?: string }; orderBy: { name?: 'asc'; regionCode?: 'asc'; year?: 'asc' }[] }): PromiseLike<Row[]>;
}

/** Every policy parameter, read at most once per request (the table is small): `policy: policyCache(prisma.policyParameter)`. */
export function policyCache<Row>(table: PolicyTable<Row>): () => Promise<Row[]> {
  let rows: Promise<Row[]> | undefined;
  return () => (rows ??= Promise.resolve(table.findMany({ orderBy: [{ year: 'asc' }, { name: 'asc' }, { regionCode: 'asc' }] })));
}

interface PolicyParameterRecord extends PolicyParameterRow {
  description: string;
}

export interface PolicyParameterOptions {
  /** camelCase department name: the type is `<Department>PolicyParameter`, the query `<department>PolicyParameters`. */
  department: string;
  /** The department in the descriptions, e.g. 教育局. */
  label: string;
  /** What the parameters are, e.g. "an amount or cap the education rules read". */
  parameters: string;
  /** A parameter name for the example, e.g. ASSISTANCE_MAX_GRANT. */
  example: string;
  /** The value's units and an example, e.g. 'yuan for amounts, e.g. "5000"'. */
  units: string;
  /** Decimal places of `value` (health insurance shows ratios as "0.7000"); default: as few as the number needs. */
  decimals?: number;
}

/**
 * The department's `PolicyParameter` type and its read-only `<department>PolicyParameters(year, regionCode)`
 * query. Every department keeps the same table shape (regionCode, year, name, value, description).
 */
export function addPolicyParameters<Types extends SchemaTypes>(builder: PothosSchemaTypes.SchemaBuilder<Types>, options: PolicyParameterOptions) {
  const { department, label, parameters, example, units, decimals } = options;
  const name = `${department[0]!.toUpperCase()}${department.slice(1)}PolicyParameter`;
  // generic builder: field options cannot be checked against an unknown Types, hence the casts below
  const Ref = builder.objectRef<PolicyParameterRecord>(name).implement({
    description: `政策参数 (${label}): ${parameters}, per county (or 411200 city-wide) and year; a county row overrides the city-wide one.`,
    fields: (t) => {
      const field = (type: 'String' | 'Int', description: string, resolve: (row: PolicyParameterRecord) => string | number) =>
        t.field({ type, nullable: false, description, resolve } as never);
      return {
        regionCode: field('String', '适用地区: 411200 for the city-wide default, or a 6-digit county code that overrides it.', (row) => row.regionCode),
        year: field('Int', '年度', (row) => row.year),
        name: field('String', `参数名, e.g. ${example}`, (row) => row.name),
        value: field('String', `参数值 as a decimal string (${units}).`, (row) =>
          decimals === undefined ? String(row.value) : Number(row.value.toString()).toFixed(decimals),
        ),
        description: field('String', '说明: what the parameter means and its unit.', (row) => row.description),
      };
    },
  });
  builder.queryField(`${department}PolicyParameters`, (t) =>
    t.field({
      type: [Ref],
      description: `政策参数 (${label}): the policy parameters in force for a year, by name and region (read-only; changed by migration).`,
      args: {
        year: t.arg.int({ required: true, description: '年度' } as never),
        regionCode: t.arg.string({ required: false, description: 'Only rows of this region code (411200 or a county).' } as never),
      },
      resolve: (_root: unknown, args: { year: number; regionCode?: string | null }, ctx: { prisma: { policyParameter: PolicyTable<PolicyParameterRecord> } }) =>
        ctx.prisma.policyParameter.findMany({
          where: { year: checkYear(args.year), ...(args.regionCode ? { regionCode: args.regionCode } : {}) },
          orderBy: [{ name: 'asc' }, { regionCode: 'asc' }],
        }),
    } as never),
  );
}
