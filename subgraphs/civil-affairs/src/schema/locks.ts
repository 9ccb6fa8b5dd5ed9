// What civil affairs' writes lock (shared/writes): a person's key for anything about that person
// (holdings, household placement, death), and a household's row for its membership.
import { lockKeys, lockRows, type RawQueryRunner } from '@lip/shared/writes';

export const lockPersons = (tx: RawQueryRunner, idNumbers: readonly string[]) => lockKeys(tx, 'civil-affairs:person', idNumbers);

export const lockHouseholds = (tx: RawQueryRunner, ids: readonly (string | null)[]) =>
  lockRows(
    tx,
    'Household',
    ids.filter((id): id is string => id != null),
  );
