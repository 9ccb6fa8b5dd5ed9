import { PREPARED } from '@lip/shared/database';
import { groupLoader, rowLoader, selectColumns } from '@lip/shared/loaders';
import type { SubgraphContext } from '@lip/shared/subgraph';
import type DataLoader from 'dataloader';
import type { EducationAssistance, PrismaClient, StudentRecord } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** A person's student records, the CURRENT one first, then newest first: one query per batch of persons. */
  recordsByPerson: DataLoader<string, StudentRecord[]>;
  /** A person's assistance (cancelled included), newest academic year first: one query per batch of persons. */
  assistanceByPerson: DataLoader<string, EducationAssistance[]>;
  /** A record's assistance (cancelled included), newest academic year first: one query per batch of records. */
  assistanceByRecord: DataLoader<string, EducationAssistance[]>;
  /** Records by id: one query per batch. */
  recordById: DataLoader<string, StudentRecord | null>;
}

const ASSISTANCE_ORDER = [{ academicYear: 'desc' as const }, { term: 'desc' as const }, { createdAt: 'desc' as const }];

// Every roster page asks for a person's records and assistance: read through the driver, as Prisma
// would give them (Prisma's client cost up to three times the driver's CPU for these batches).
const RECORD_COLUMNS = selectColumns<StudentRecord>({
  id: 'plain',
  personIdNumber: 'plain',
  schoolName: 'plain',
  schoolRegionCode: 'plain',
  stage: 'plain',
  enrolmentYear: 'plain',
  status: 'plain',
  identifiedAsDifficult: 'plain',
  identifiedOn: 'date',
  endedOn: 'date',
  endNote: 'plain',
  recordedBy: 'plain',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});
const ASSISTANCE_COLUMNS = selectColumns<EducationAssistance>({
  id: 'plain',
  studentRecordId: 'plain',
  personIdNumber: 'plain',
  kind: 'plain',
  amount: 'decimal',
  academicYear: 'plain',
  term: 'plain',
  status: 'plain',
  approvedBy: 'plain',
  paidOn: 'date',
  cancelledAt: 'timestamp',
  cancelledBy: 'plain',
  cancellationReason: 'plain',
  recordedBy: 'plain',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    recordsByPerson: groupLoader(
      async (idNumbers) => {
        const rows = await base.sql.query<StudentRecord>(
          `SELECT ${RECORD_COLUMNS} FROM "StudentRecord" WHERE "personIdNumber" = ANY($1::text[]) ORDER BY "enrolmentYear" DESC, "createdAt" DESC`,
          [idNumbers],
          PREPARED,
        );
        // The CURRENT record first (stable sort keeps the rest newest first).
        return rows.sort((a, b) => Number(b.status === 'CURRENT') - Number(a.status === 'CURRENT'));
      },
      (record) => record.personIdNumber,
    ),
    assistanceByPerson: groupLoader(
      (idNumbers) =>
        base.sql.query<EducationAssistance>(
          `SELECT ${ASSISTANCE_COLUMNS} FROM "EducationAssistance" WHERE "personIdNumber" = ANY($1::text[])
           ORDER BY "academicYear" DESC, term DESC, "createdAt" DESC`,
          [idNumbers],
          PREPARED,
        ),
      (record) => record.personIdNumber,
    ),
    assistanceByRecord: groupLoader(
      (recordIds) => prisma.educationAssistance.findMany({ where: { studentRecordId: { in: recordIds } }, orderBy: ASSISTANCE_ORDER }),
      (record) => record.studentRecordId,
    ),
    recordById: rowLoader((ids) => prisma.studentRecord.findMany({ where: { id: { in: ids } } })),
  };
}
