import { groupLoader, rowLoader } from '@lip/shared/loaders';
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

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    recordsByPerson: groupLoader(
      async (idNumbers) => {
        const rows = await prisma.studentRecord.findMany({
          where: { personIdNumber: { in: idNumbers } },
          orderBy: [{ enrolmentYear: 'desc' }, { createdAt: 'desc' }],
        });
        // The CURRENT record first (stable sort keeps the rest newest first).
        return rows.sort((a, b) => Number(b.status === 'CURRENT') - Number(a.status === 'CURRENT'));
      },
      (record) => record.personIdNumber,
    ),
    assistanceByPerson: groupLoader(
      (idNumbers) => prisma.educationAssistance.findMany({ where: { personIdNumber: { in: idNumbers } }, orderBy: ASSISTANCE_ORDER }),
      (record) => record.personIdNumber,
    ),
    assistanceByRecord: groupLoader(
      (recordIds) => prisma.educationAssistance.findMany({ where: { studentRecordId: { in: recordIds } }, orderBy: ASSISTANCE_ORDER }),
      (record) => record.studentRecordId,
    ),
    recordById: rowLoader((ids) => prisma.studentRecord.findMany({ where: { id: { in: ids } } })),
  };
}
