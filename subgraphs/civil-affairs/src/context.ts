import { PREPARED } from '@lip/shared/database';
import { groupLoader, rowLoader, selectColumns } from '@lip/shared/loaders';
import type { SubgraphContext } from '@lip/shared/subgraph';
import DataLoader from 'dataloader';
import type { CategoryHolding, Household, Person, PrismaClient } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** Persons by ID number, one query per batch (entity references arrive in batches). */
  personByIdNumber: DataLoader<string, Person | null>;
  /** A person's holdings (every state), newest first: one query per batch of persons. */
  holdingsByPerson: DataLoader<string, CategoryHolding[]>;
  /** Households by id: one query per batch. */
  householdById: DataLoader<string, Household | null>;
  /**
   * Members per household, one grouped count per batch over the page's households only (Prisma's
   * relationCount grouped the whole Person table and joined the page to it). Not cached: a mutation
   * later in the same operation may change the count.
   */
  memberCount: DataLoader<string, number>;
}

// Every roster page and person 360 read persons, their holdings and households: through the driver,
// as Prisma would give them (Prisma's client was the largest cost of a roster page in this subgraph).
export const PERSON_COLUMNS = selectColumns<Person>({
  idNumber: 'plain',
  name: 'plain',
  sex: 'plain',
  birthDate: 'date',
  regionCode: 'plain',
  hukouType: 'plain',
  phone: 'plain',
  deceasedOn: 'date',
  householdId: 'plain',
  relationshipToHead: 'plain',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});
const HOLDING_COLUMNS = selectColumns<CategoryHolding>({
  id: 'plain',
  personIdNumber: 'plain',
  category: 'plain',
  status: 'plain',
  subtype: 'plain',
  validFrom: 'date',
  validTo: 'date',
  recognizedBy: 'plain',
  monthlyAmount: 'decimal',
  careLevel: 'plain',
  careInstitution: 'plain',
  nextReviewOn: 'date',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});
const HOUSEHOLD_COLUMNS = selectColumns<Household>({
  id: 'plain',
  regionCode: 'plain',
  address: 'plain',
  hukouType: 'plain',
  monthlyIncome: 'decimal',
  financialAssets: 'decimal',
  realEstateCount: 'plain',
  vehicleCount: 'plain',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    // A person outside the caller's region resolves to null, as if unknown.
    personByIdNumber: rowLoader(
      (idNumbers) =>
        base.sql.query<Person>(
          `SELECT ${PERSON_COLUMNS} FROM "Person" WHERE "idNumber" = ANY($1::text[]) AND starts_with("regionCode", $2)`,
          [idNumbers, base.identity.region],
          PREPARED,
        ),
      (person) => person.idNumber,
    ),
    holdingsByPerson: groupLoader(
      (idNumbers) =>
        base.sql.query<CategoryHolding>(
          `SELECT ${HOLDING_COLUMNS} FROM "CategoryHolding" WHERE "personIdNumber" = ANY($1::text[]) ORDER BY "validFrom" DESC, "createdAt" DESC`,
          [idNumbers],
          PREPARED,
        ),
      (holding) => holding.personIdNumber,
    ),
    householdById: rowLoader((ids) => base.sql.query<Household>(`SELECT ${HOUSEHOLD_COLUMNS} FROM "Household" WHERE id = ANY($1::text[])`, [ids], PREPARED)),
    memberCount: new DataLoader(
      async (householdIds) => {
        const counts = await base.sql.query<{ householdId: string; members: number }>(
          `SELECT "householdId", count(*)::int AS members FROM "Person" WHERE "householdId" = ANY($1::text[]) GROUP BY "householdId"`,
          [[...householdIds]],
          PREPARED,
        );
        const byId = new Map(counts.map((row) => [row.householdId, row.members]));
        return householdIds.map((id) => byId.get(id) ?? 0);
      },
      { cache: false },
    ),
  };
}
