import { groupLoader, rowLoader } from '@lip/shared/loaders';
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

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    filesByPerson: groupLoader(
      (idNumbers) =>
        prisma.difficultWorkerFile.findMany({
          where: { personIdNumber: { in: idNumbers } },
          orderBy: [{ filedOn: 'desc' }, { createdAt: 'desc' }],
        }),
      (file) => file.personIdNumber,
    ),
    assistanceByPerson: groupLoader(
      (idNumbers) =>
        prisma.unionAssistance.findMany({
          where: { personIdNumber: { in: idNumbers } },
          orderBy: [{ grantedOn: 'desc' }, { createdAt: 'desc' }],
        }),
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
