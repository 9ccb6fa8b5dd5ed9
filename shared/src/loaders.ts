// Batch loaders for department records keyed by ID number: a page of N persons costs one
// query per record kind, not N.
import DataLoader from 'dataloader';

/** Loads every record of each key with one query per batch; a key with none gets []. */
export function groupLoader<Row>(fetch: (keys: string[]) => Promise<Row[]>, keyOf: (row: Row) => string) {
  return new DataLoader<string, Row[]>(async (keys) => {
    const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
    for (const row of await fetch([...keys])) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key)!);
  });
}

/** Loads the one row of each key (an id, by default) with one query per batch; a key with none gets null. */
export function rowLoader<Row>(fetch: (keys: string[]) => Promise<Row[]>, keyOf: (row: Row) => string = (row) => (row as { id: string }).id) {
  return new DataLoader<string, Row | null>(async (keys) => {
    const byKey = new Map((await fetch([...keys])).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * How a batch loader reading through the driver (`ctx.sql`) gets a column in the shape Prisma gives:
 * `date` (a DATE) and `timestamp` (Prisma's TIMESTAMP(3), UTC without a zone) as Dates at the same
 * instants, `decimal` as its exact text (the Money scalar and toCents read it as a Decimal).
 */
export type ColumnKind = 'plain' | 'date' | 'timestamp' | 'decimal';

const COLUMN_SQL: Record<ColumnKind, (quoted: string) => string> = {
  plain: (quoted) => quoted,
  date: (quoted) => `(${quoted}::timestamp AT TIME ZONE 'UTC') AS ${quoted}`,
  timestamp: (quoted) => `(${quoted} AT TIME ZONE 'UTC') AS ${quoted}`,
  decimal: (quoted) => `${quoted}::text AS ${quoted}`,
};

/** The SELECT list of a model's columns (every one, typed by the model so a new column cannot be missed). */
export const selectColumns = <Row>(columns: Record<keyof Row & string, ColumnKind>) =>
  Object.entries<ColumnKind>(columns)
    .map(([name, kind]) => COLUMN_SQL[kind](`"${name}"`))
    .join(', ');
