// Scalars shared by every subgraph, so the supergraph has one definition of each.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { formatDate } from './calendar.ts';
import { ErrorCode, scalarError } from './errors.ts';
import { parseIdNumber } from './id-number.ts';
import { isPersonReference, openPersonReference } from './person-reference.ts';

const stringLiteral = (name: string, ast: ValueNode) => {
  if (ast.kind !== Kind.STRING) throw scalarError(ErrorCode.INVALID_INPUT, `${name} must be a string`);
  return ast.value;
};

function parseId(value: unknown): string {
  if (typeof value !== 'string') throw scalarError(ErrorCode.INVALID_ID_NUMBER, 'ID number must be a string', { reason: 'FORMAT' });
  // Checked before anything else, so a huge value costs nothing more than its length (a person
  // reference, what masked roles see in place of an ID number, is under 80 characters).
  if (value.length > 80) throw scalarError(ErrorCode.INVALID_ID_NUMBER, `ID number must be 18 characters, got ${value.length}`, { reason: 'LENGTH' });
  if (isPersonReference(value)) {
    const idNumber = openPersonReference(value);
    if (!idNumber) throw scalarError(ErrorCode.INVALID_ID_NUMBER, 'not a person reference this graph issued', { reason: 'FORMAT' });
    return idNumber;
  }
  const parsed = parseIdNumber(value);
  if (!parsed.ok) throw scalarError(ErrorCode.INVALID_ID_NUMBER, parsed.message, { reason: parsed.reason });
  return parsed.idNumber;
}

export const IdNumberScalar = new GraphQLScalarType<string, string>({
  name: 'IdNumber',
  description:
    '居民身份证号码: an 18-character resident ID number (GB 11643-1999). Input is checked for length, ' +
    'area code, birth date and check character; a lowercase x is accepted and returned as X. Roles that may not ' +
    'see ID numbers get a person reference instead (`411224********9025.<token>`, or its masked part through the ' +
    'gateway); a reference is accepted wherever an ID number is.',
  serialize: (value) => String(value),
  parseValue: parseId,
  parseLiteral: (ast) => parseId(stringLiteral('IdNumber', ast)),
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` as a real calendar date at UTC midnight. */
export function parseDate(value: string): Date | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : undefined;
}

/** No date the register deals in lies outside these years; fields narrow it further (shared/dates.ts). */
export const DATE_SCALAR_YEARS = { first: 1900, last: 2100 } as const;

function parseDateInput(value: unknown): Date {
  const date = typeof value === 'string' ? parseDate(value) : undefined;
  if (!date)
    throw scalarError(ErrorCode.INVALID_INPUT, `Date must be a real calendar date as YYYY-MM-DD, got ${JSON.stringify(String(value).slice(0, 40))}`, {
      reason: 'FORMAT',
    });
  const year = date.getUTCFullYear();
  if (year < DATE_SCALAR_YEARS.first || year > DATE_SCALAR_YEARS.last) {
    throw scalarError(ErrorCode.INVALID_INPUT, `Date must be from ${DATE_SCALAR_YEARS.first}-01-01 to ${DATE_SCALAR_YEARS.last}-12-31, got ${value}`, {
      reason: 'DATE_OUT_OF_RANGE',
    });
  }
  return date;
}

export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: '日期: a calendar date as YYYY-MM-DD (no time, no time zone), from 1900-01-01 to 2100-12-31; each field narrows this to its own window.',
  serialize: (value) => (value instanceof Date ? formatDate(value) : String(value)),
  parseValue: parseDateInput,
  parseLiteral: (ast) => parseDateInput(stringLiteral('Date', ast)),
});

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: '时间: an instant as an ISO 8601 string in UTC.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw scalarError(ErrorCode.INVALID_INPUT, `DateTime must be ISO 8601, got ${JSON.stringify(value)}`);
    return date;
  },
});

const MONEY = /^-?\d{1,12}(\.\d{1,2})?$/;

function parseMoney(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !MONEY.test(text)) {
    throw scalarError(ErrorCode.INVALID_INPUT, `Money must be a decimal amount in yuan with at most 2 decimals, got ${JSON.stringify(value)}`);
  }
  return text;
}

export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: '金额 (元): an amount in yuan as a decimal string with at most 2 decimals, e.g. "1234.50". Numbers are accepted as input.',
  serialize: (value) => (typeof value === 'object' && value !== null ? (value as { toFixed(n: number): string }).toFixed(2) : Number(value).toFixed(2)),
  parseValue: parseMoney,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING) return parseMoney(ast.value);
    throw scalarError(ErrorCode.INVALID_INPUT, 'Money must be a string or number');
  },
});

/** For the builder's `Scalars` generic. */
export type SharedScalars = {
  IdNumber: { Input: string; Output: string };
  Date: { Input: Date; Output: Date | string };
  DateTime: { Input: Date; Output: Date | string };
  Money: { Input: string; Output: string | number | { toFixed(n: number): string } };
};

export const sharedScalars = {
  IdNumber: IdNumberScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
} as const;
