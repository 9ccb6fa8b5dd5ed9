import { groupLoader, rowLoader } from '@lip/shared/loaders';
import { policyCache } from '@lip/shared/policy';
import type { SubgraphContext } from '@lip/shared/subgraph';
import type DataLoader from 'dataloader';
import { personsOf } from './domain/common.ts';
import type {
  DwellingAssessment,
  PolicyParameter,
  PrismaClient,
  RuralRenovationCase,
  RuralRenovationStep,
  UrbanHousingAssistance,
} from './generated/prisma/client.ts';

/** Loads what a batch of ID numbers asks for: no more than `load(idNumber)`. */
export interface PersonRecords<Row> {
  load(idNumber: string): Promise<Row[]>;
}

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** Assessments of the dwelling a person lives in (as head or member), newest first: one query per batch of persons. */
  assessmentsByPerson: PersonRecords<DwellingAssessment>;
  /** Urban housing records covering a person, latest start first: one query per batch of persons. */
  urbanByPerson: PersonRecords<UrbanHousingAssistance>;
  /** Renovation cases covering a person, newest application first: one query per batch of persons. */
  casesByPerson: PersonRecords<RuralRenovationCase>;
  /** A case's steps, oldest first: one query per batch of cases. */
  stepsByCase: DataLoader<string, RuralRenovationStep[]>;
  /** Assessments by id: one query per batch. */
  assessmentById: DataLoader<string, DwellingAssessment | null>;
  /** Every policy parameter, read once per request (the table is small). */
  policy(): Promise<PolicyParameter[]>;
}

type Involving = { personIdNumber: string; memberIdNumbers: string[] };

/**
 * Records where any of `idNumbers` is the applicant or a listed member, through the record's
 * membership table (`id IN (SELECT recordId … WHERE idNumber IN (…))`): index lookups per person.
 */
export const involving = (idNumbers: string[]) => ({ persons: { some: { idNumber: { in: idNumbers } } } });

/**
 * Groups records by each person they involve (applicant or member) with one query per batch,
 * built on the shared groupLoader: a record is handed to every requested person it names.
 */
function byPerson<Row extends Involving>(fetch: (idNumbers: string[]) => Promise<Row[]>): PersonRecords<Row> {
  const pairs = groupLoader(
    async (idNumbers) => {
      const wanted = new Set(idNumbers);
      return (await fetch(idNumbers)).flatMap((row) =>
        personsOf(row)
          .filter((id) => wanted.has(id))
          .map((idNumber) => ({ idNumber, row })),
      );
    },
    (pair) => pair.idNumber,
  );
  return { load: async (idNumber) => (await pairs.load(idNumber)).map((pair) => pair.row) };
}

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    assessmentsByPerson: byPerson((ids) =>
      prisma.dwellingAssessment.findMany({ where: involving(ids), orderBy: [{ assessedOn: 'desc' }, { createdAt: 'desc' }] }),
    ),
    urbanByPerson: byPerson((ids) =>
      prisma.urbanHousingAssistance.findMany({ where: involving(ids), orderBy: [{ startDate: 'desc' }, { createdAt: 'desc' }] }),
    ),
    casesByPerson: byPerson((ids) => prisma.ruralRenovationCase.findMany({ where: involving(ids), orderBy: [{ appliedOn: 'desc' }, { createdAt: 'desc' }] })),
    stepsByCase: groupLoader(
      (caseIds) => prisma.ruralRenovationStep.findMany({ where: { caseId: { in: caseIds } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
      (step) => step.caseId,
    ),
    assessmentById: rowLoader((ids) => prisma.dwellingAssessment.findMany({ where: { id: { in: ids } } })),
    policy: policyCache(prisma.policyParameter),
  };
}
