-- Payments' copy of the register's basic-living holdings (src/services/register-copy.ts): kept from civil
-- affairs' change log through the graph (payrollChangesSince), so a payroll reads the holdings it pays
-- here and the graph carries only what changed. Filled from the start of the log by the first sync.

-- CreateTable
CREATE TABLE "RegisterHolding" (
    "holdingId" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "hukouType" TEXT NOT NULL,
    "householdId" TEXT,
    "deceasedOn" DATE,
    "category" "PaymentCategory" NOT NULL,
    "subtype" TEXT,
    "status" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "monthlyAmount" DECIMAL(12,2),
    "careLevel" "CareLevel",
    "careInstitution" TEXT,
    "grantedBy" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisterHolding_pkey" PRIMARY KEY ("holdingId"),
    CONSTRAINT "RegisterHolding_county_check" CHECK ("countyCode" = left("regionCode", 6)),
    CONSTRAINT "RegisterHolding_status_check" CHECK ("status" IN ('ACTIVE', 'SUSPENDED', 'ENDED')),
    CONSTRAINT "RegisterHolding_hukou_check" CHECK ("hukouType" IN ('URBAN', 'RURAL'))
);

-- CreateTable
CREATE TABLE "RegisterCursor" (
    "stream" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisterCursor_pkey" PRIMARY KEY ("stream")
);

-- CreateIndex
CREATE INDEX "RegisterHolding_countyCode_holdingId_idx" ON "RegisterHolding"("countyCode", "holdingId");

-- CreateIndex
CREATE INDEX "RegisterHolding_personIdNumber_idx" ON "RegisterHolding"("personIdNumber");
