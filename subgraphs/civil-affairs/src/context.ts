import { rowLoader } from '@lip/shared/loaders';
import type { SubgraphContext } from '@lip/shared/subgraph';
import type DataLoader from 'dataloader';
import type { Person, PrismaClient } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** Persons by ID number, one query per batch (entity references arrive in batches). */
  personByIdNumber: DataLoader<string, Person | null>;
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
  };
}
