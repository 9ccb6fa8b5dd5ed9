import { rowLoader } from '@lip/shared/loaders';
import type { SubgraphContext } from '@lip/shared/subgraph';
import DataLoader from 'dataloader';
import type { Person, PrismaClient } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** Persons by ID number, one query per batch (entity references arrive in batches). */
  personByIdNumber: DataLoader<string, Person | null>;
  /**
   * Members per household, one grouped count per batch over the page's households only (Prisma's
   * relationCount grouped the whole Person table and joined the page to it). Not cached: a mutation
   * later in the same operation may change the count.
   */
  memberCount: DataLoader<string, number>;
}

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    // A person outside the caller's region resolves to null, as if unknown.
    personByIdNumber: rowLoader(
      (idNumbers) => prisma.person.findMany({ where: { idNumber: { in: idNumbers }, regionCode: { startsWith: base.identity.region } } }),
      (person) => person.idNumber,
    ),
    memberCount: new DataLoader(
      async (householdIds) => {
        const counts = await prisma.person.groupBy({ by: ['householdId'], where: { householdId: { in: [...householdIds] } }, _count: { _all: true } });
        const byId = new Map(counts.map((row) => [row.householdId, row._count._all]));
        return householdIds.map((id) => byId.get(id) ?? 0);
      },
      { cache: false },
    ),
  };
}
