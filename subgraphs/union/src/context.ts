import { PREPARED } from '@lip/shared/database';
import { groupLoader, rowLoader, selectColumns } from '@lip/shared/loaders';
import { policyCache } from '@lip/shared/policy';
import type { SubgraphContext } from '@lip/shared/subgraph';
import type DataLoader from 'dataloader';
import type { DifficultWorkerFile, PolicyParameter, PrismaClient, UnionAssistance } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** A person's difficult-worker files, newest first: one query per batch of persons. */
  filesByPerson: DataLoader<string, DifficultWorkerFile[]>;
  /** A person's assistance records (cancelled ones included), newest first: one query per batch of persons. */
  assistanceByPerson: DataLoader<string, UnionAssistance[]>;
  /** A file's assistance records (cancelled ones included), newest first: one query per batch of files. */
  assistanceByFile: DataLoader<string, UnionAssistance[]>;
  /** Files by id: one query per batch. */
  fileById: DataLoader<string, DifficultWorkerFile | null>;
  /** Every policy parameter, read once per request (the table is small). */
  policy(): Promise<PolicyParameter[]>;
}

// Every roster page asks for a person's files and assistance: read through the driver, as Prisma
// would give them (Prisma's client cost up to three times the driver's CPU for these batches).
const FILE_COLUMNS = selectColumns<DifficultWorkerFile>({
  id: 'plain',
  personIdNumber: 'plain',
  countyCode: 'plain',
  employerName: 'plain',
  employerCreditCode: 'plain',
  reason: 'plain',
  reasonDetail: 'plain',
  status: 'plain',
  filedOn: 'date',
  reviewedOn: 'date',
  closedOn: 'date',
  closingReason: 'plain',
  filedBy: 'plain',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});
const ASSISTANCE_COLUMNS = selectColumns<UnionAssistance>({
  id: 'plain',
  fileId: 'plain',
  personIdNumber: 'plain',
  kind: 'plain',
  amount: 'decimal',
  grantedOn: 'date',
  note: 'plain',
  recordedBy: 'plain',
  cancelledAt: 'timestamp',
  cancelledBy: 'plain',
  cancellationReason: 'plain',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
});

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    filesByPerson: groupLoader(
      (idNumbers) =>
        base.sql.query<DifficultWorkerFile>(
          `SELECT ${FILE_COLUMNS} FROM "DifficultWorkerFile" WHERE "personIdNumber" = ANY($1::text[]) ORDER BY "filedOn" DESC, "createdAt" DESC`,
          [idNumbers],
          PREPARED,
        ),
      (file) => file.personIdNumber,
    ),
    assistanceByPerson: groupLoader(
      (idNumbers) =>
        base.sql.query<UnionAssistance>(
          `SELECT ${ASSISTANCE_COLUMNS} FROM "UnionAssistance" WHERE "personIdNumber" = ANY($1::text[]) ORDER BY "grantedOn" DESC, "createdAt" DESC`,
          [idNumbers],
          PREPARED,
        ),
      (record) => record.personIdNumber,
    ),
    assistanceByFile: groupLoader(
      (fileIds) => prisma.unionAssistance.findMany({ where: { fileId: { in: fileIds } }, orderBy: [{ grantedOn: 'desc' }, { createdAt: 'desc' }] }),
      (record) => record.fileId,
    ),
    fileById: rowLoader((ids) => prisma.difficultWorkerFile.findMany({ where: { id: { in: ids } } })),
    policy: policyCache(prisma.policyParameter),
  };
}
