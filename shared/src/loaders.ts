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
