import { groupLoader, rowLoader } from '@lip/shared/loaders';
import type { SubgraphContext } from '@lip/shared/subgraph';
import type DataLoader from 'dataloader';
import { type YearTotal, yearTotalsOf } from './domain/totals.ts';
import type { MedicalClaim, MedicalInsuranceEnrolment, PrismaClient } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** A person's enrolments, newest year first: one query per batch of persons. */
  enrolmentsByPerson: DataLoader<string, MedicalInsuranceEnrolment[]>;
  /** A person's claims (reversed ones included), newest visit first: one query per batch of persons. */
  claimsByPerson: DataLoader<string, MedicalClaim[]>;
  /** An enrolment's claims (reversed ones included), newest visit first: one query per batch of enrolments. */
  claimsByEnrolment: DataLoader<string, MedicalClaim[]>;
  /** Enrolments by id: one query per batch. */
  enrolmentById: DataLoader<string, MedicalInsuranceEnrolment | null>;
  /** A person's totals per year over settled claims, newest year first: one grouped query per batch of persons. */
  yearTotalsByPerson: DataLoader<string, YearTotal[]>;
}

const byVisit = [{ visitDate: 'desc' as const }, { createdAt: 'desc' as const }];

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    enrolmentsByPerson: groupLoader(
      (idNumbers) => prisma.medicalInsuranceEnrolment.findMany({ where: { personIdNumber: { in: idNumbers } }, orderBy: { year: 'desc' } }),
      (enrolment) => enrolment.personIdNumber,
    ),
    claimsByPerson: groupLoader(
      (idNumbers) => prisma.medicalClaim.findMany({ where: { personIdNumber: { in: idNumbers } }, orderBy: byVisit }),
      (claim) => claim.personIdNumber,
    ),
    claimsByEnrolment: groupLoader(
      (ids) => prisma.medicalClaim.findMany({ where: { enrolmentId: { in: ids } }, orderBy: byVisit }),
      (claim) => claim.enrolmentId,
    ),
    enrolmentById: rowLoader((ids) => prisma.medicalInsuranceEnrolment.findMany({ where: { id: { in: ids } } })),
    yearTotalsByPerson: groupLoader(
      async (idNumbers) => {
        const rows = await prisma.medicalClaim.groupBy({
          by: ['personIdNumber', 'year'],
          where: { personIdNumber: { in: idNumbers }, status: 'SETTLED' },
          _sum: { totalCost: true, basicInsurancePaid: true, criticalIllnessPaid: true, medicalAssistancePaid: true, outOfPocket: true },
          _count: { _all: true },
          orderBy: [{ personIdNumber: 'asc' }, { year: 'desc' }],
        });
        return yearTotalsOf(rows);
      },
      (total) => total.personIdNumber,
    ),
  };
}
