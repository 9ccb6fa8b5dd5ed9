import { groupLoader } from '@lip/shared/loaders';
import type { SubgraphContext } from '@lip/shared/subgraph';
import DataLoader from 'dataloader';
import type { EducationAssistance, PolicyParameter, PrismaClient, StudentRecord } from './generated/prisma/client.ts';

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
  /** Every policy parameter, read once per request (the table is small). */
  policy(): Promise<PolicyParameter[]>;
}

const ASSISTANCE_ORDER = [{ academicYear: 'desc' as const }, { term: 'desc' as const }, { createdAt: 'desc' as const }];

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  let policy: Promise<PolicyParameter[]> | undefined;
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
    recordById: new DataLoader(async (ids) => {
      const found = await prisma.studentRecord.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(found.map((record) => [record.id, record]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    policy: () => (policy ??= prisma.policyParameter.findMany({ orderBy: [{ year: 'asc' }, { name: 'asc' }, { regionCode: 'asc' }] })),
  };
}
