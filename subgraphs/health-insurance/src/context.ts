import { PREPARED } from '@lip/shared/database';
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
      // Every roster page asks for these: through the driver, amounts as decimal strings (which
      // the Money scalar and toCents read as they read Prisma's Decimal).
      async (idNumbers) =>
        (await base.sql.query(
          `SELECT id, "personIdNumber", year, "countyCode", premium::text AS premium, "subsidyKind", "subsidyAmount"::text AS "subsidyAmount",
             "assistanceIdentity", "recordedBy", "createdAt" AT TIME ZONE 'UTC' AS "createdAt", "updatedAt" AT TIME ZONE 'UTC' AS "updatedAt"
           FROM "MedicalInsuranceEnrolment" WHERE "personIdNumber" = ANY($1::text[]) ORDER BY year DESC`,
          [idNumbers],
          PREPARED,
        )) as unknown as MedicalInsuranceEnrolment[],
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
        const rows = await base.sql.query<{ personIdNumber: string; year: number; claims: number; sums: Record<string, string> }>(
          `SELECT "personIdNumber", year, count(*)::int AS claims,
             json_build_object('totalCost', sum("totalCost")::text, 'basicInsurancePaid', sum("basicInsurancePaid")::text,
               'criticalIllnessPaid', sum("criticalIllnessPaid")::text, 'medicalAssistancePaid', sum("medicalAssistancePaid")::text,
               'outOfPocket', sum("outOfPocket")::text) AS sums
           FROM "MedicalClaim" WHERE "personIdNumber" = ANY($1::text[]) AND status = 'SETTLED'
           GROUP BY "personIdNumber", year ORDER BY "personIdNumber", year DESC`,
          [idNumbers],
          PREPARED,
        );
        // In groupBy's shape, which yearTotalsOf reads (the year-totals query still uses groupBy).
        return yearTotalsOf(rows.map((row) => ({ personIdNumber: row.personIdNumber, year: row.year, _count: { _all: row.claims }, _sum: row.sums })));
      },
      (total) => total.personIdNumber,
    ),
  };
}
