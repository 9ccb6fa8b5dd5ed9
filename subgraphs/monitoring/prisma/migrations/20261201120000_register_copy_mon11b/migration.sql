-- A copy of civil affairs' register facts (civilAffairsSignalsSince, every person), so matching a feed
-- against the register is a join here; the next run fills it from the start of civil affairs' log.
DELETE FROM "RunCursor" WHERE "stream" = 'department:CIVIL_AFFAIRS';

-- CreateTable
CREATE TABLE "RegisterPerson" (
    "idNumber" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "categories" TEXT[] NOT NULL,
    "everHeld" TEXT[] NOT NULL,
    "deceased" BOOLEAN NOT NULL,
    "perCapitaIncome" DECIMAL(12,2) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisterPerson_pkey" PRIMARY KEY ("idNumber")
);
