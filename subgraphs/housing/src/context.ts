import { PREPARED } from '@lip/shared/database';
import { groupLoader, rowLoader, selectColumns } from '@lip/shared/loaders';
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

// Every roster page asks for these: read through the driver, as Prisma would give them (Prisma's client
// cost up to three times the driver's CPU for these batches), by the membership table's index.
const ASSESSMENT_COLUMNS = selectColumns<DwellingAssessment>({
  id: 'plain',
  personIdNumber: 'plain',
  memberIdNumbers: 'plain',
  regionCode: 'plain',
  grade: 'plain',
  assessedOn: 'date',
  assessor: 'plain',
  recordedBy: 'plain',
  createdAt: 'timestamp',
});
const URBAN_COLUMNS = selectColumns<UrbanHousingAssistance>({
  id: 'plain',
  personIdNumber: 'plain',
  memberIdNumbers: 'plain',
  kind: 'plain',
  regionCode: 'plain',
  unit: 'plain',
  monthlyAmount: 'decimal',
  startDate: 'date',
  endDate: 'date',
  recordedBy: 'plain',
  endReason: 'plain',
  endedBy: 'plain',
  endedAt: 'timestamp',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});
const CASE_COLUMNS = selectColumns<RuralRenovationCase>({
  id: 'plain',
  personIdNumber: 'plain',
  memberIdNumbers: 'plain',
  regionCode: 'plain',
  status: 'plain',
  appliedOn: 'date',
  assessmentId: 'plain',
  approvedGrade: 'plain',
  subsidyAmount: 'decimal',
  rejectionReason: 'plain',
  closedAt: 'timestamp',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});

/** The SQL of `involving` for the driver: records whose membership table names any of $1. */
const involvingSql = (table: string, columns: string, order: string) =>
  `SELECT ${columns} FROM "${table}" WHERE id IN (SELECT "recordId" FROM "${table}Person" WHERE "idNumber" = ANY($1::text[])) ORDER BY ${order}`;
const ASSESSMENTS = involvingSql('DwellingAssessment', ASSESSMENT_COLUMNS, '"assessedOn" DESC, "createdAt" DESC');
const URBAN = involvingSql('UrbanHousingAssistance', URBAN_COLUMNS, '"startDate" DESC, "createdAt" DESC');
const CASES = involvingSql('RuralRenovationCase', CASE_COLUMNS, '"appliedOn" DESC, "createdAt" DESC');

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    assessmentsByPerson: byPerson((ids) => base.sql.query<DwellingAssessment>(ASSESSMENTS, [ids], PREPARED)),
    urbanByPerson: byPerson((ids) => base.sql.query<UrbanHousingAssistance>(URBAN, [ids], PREPARED)),
    casesByPerson: byPerson((ids) => base.sql.query<RuralRenovationCase>(CASES, [ids], PREPARED)),
    stepsByCase: groupLoader(
      (caseIds) => prisma.ruralRenovationStep.findMany({ where: { caseId: { in: caseIds } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
      (step) => step.caseId,
    ),
    assessmentById: rowLoader((ids) => prisma.dwellingAssessment.findMany({ where: { id: { in: ids } } })),
    policy: policyCache(prisma.policyParameter),
  };
}
