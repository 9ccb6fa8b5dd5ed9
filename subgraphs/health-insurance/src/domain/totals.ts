// Per person and year: what the settled claims add up to (the signal for essential-expenditure hardship).
import { type Cents, toCents } from './money.ts';

export interface YearTotal {
  personIdNumber: string;
  year: number;
  claimCount: number;
  totalCostCents: Cents;
  basicInsuranceCents: Cents;
  criticalIllnessCents: Cents;
  medicalAssistanceCents: Cents;
  outOfPocketCents: Cents;
}

type Sum = { toString(): string } | null;

/** Rows of `groupBy(['personIdNumber', 'year'])` with `_sum` and `_count` → totals in fen. */
export function yearTotalsOf(
  rows: readonly {
    personIdNumber: string;
    year: number;
    _count: { _all: number } | true | undefined;
    _sum?: { totalCost?: Sum; basicInsurancePaid?: Sum; criticalIllnessPaid?: Sum; medicalAssistancePaid?: Sum; outOfPocket?: Sum } | null;
  }[],
): YearTotal[] {
  const cents = (value: Sum | undefined) => (value == null ? 0 : toCents(value));
  return rows.map((row) => ({
    personIdNumber: row.personIdNumber,
    year: row.year,
    claimCount: typeof row._count === 'object' ? row._count._all : 0,
    totalCostCents: cents(row._sum?.totalCost),
    basicInsuranceCents: cents(row._sum?.basicInsurancePaid),
    criticalIllnessCents: cents(row._sum?.criticalIllnessPaid),
    medicalAssistanceCents: cents(row._sum?.medicalAssistancePaid),
    outOfPocketCents: cents(row._sum?.outOfPocket),
  }));
}
