-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "HukouType" AS ENUM ('URBAN', 'RURAL');

-- CreateEnum
CREATE TYPE "Relationship" AS ENUM ('HEAD', 'SPOUSE', 'CHILD', 'CHILD_IN_LAW', 'PARENT', 'GRANDPARENT', 'GRANDCHILD', 'SIBLING', 'OTHER');

-- CreateEnum
CREATE TYPE "LowIncomeCategory" AS ENUM ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY', 'NEAR_SUBSISTENCE', 'ESSENTIAL_EXPENDITURE_HARDSHIP', 'RELAPSE_MONITORING', 'OTHER_HARDSHIP');

-- CreateEnum
CREATE TYPE "HoldingStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'ENDED');

-- CreateEnum
CREATE TYPE "HoldingSubtype" AS ENUM ('DISPERSED', 'CENTRALIZED', 'UNSTABLE_LIFTED_OUT', 'MARGINAL_AT_RISK', 'SUDDEN_SEVERE_HARDSHIP');

-- CreateEnum
CREATE TYPE "HoldingAction" AS ENUM ('GRANTED', 'SUSPENDED', 'RESUMED', 'ENDED', 'SUBTYPE_CHANGED');

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "hukouType" "HukouType" NOT NULL,
    "monthlyIncome" DECIMAL(12,2) NOT NULL,
    "financialAssets" DECIMAL(14,2) NOT NULL,
    "realEstateCount" INTEGER NOT NULL DEFAULT 0,
    "vehicleCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "idNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sex" "Sex" NOT NULL,
    "birthDate" DATE NOT NULL,
    "regionCode" TEXT NOT NULL,
    "hukouType" "HukouType" NOT NULL,
    "phone" TEXT,
    "deceasedOn" DATE,
    "householdId" TEXT,
    "relationshipToHead" "Relationship",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("idNumber")
);

-- CreateTable
CREATE TABLE "CategoryHolding" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "category" "LowIncomeCategory" NOT NULL,
    "status" "HoldingStatus" NOT NULL,
    "subtype" "HoldingSubtype",
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "recognizedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CategoryHolding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CategoryHoldingEvent" (
    "id" TEXT NOT NULL,
    "holdingId" TEXT NOT NULL,
    "action" "HoldingAction" NOT NULL,
    "fromStatus" "HoldingStatus",
    "toStatus" "HoldingStatus" NOT NULL,
    "subtype" "HoldingSubtype",
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CategoryHoldingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Household_regionCode_idx" ON "Household"("regionCode");

-- CreateIndex
CREATE INDEX "Person_regionCode_idx" ON "Person"("regionCode");

-- CreateIndex
CREATE INDEX "Person_householdId_idx" ON "Person"("householdId");

-- CreateIndex
CREATE INDEX "CategoryHolding_personIdNumber_idx" ON "CategoryHolding"("personIdNumber");

-- CreateIndex
CREATE INDEX "CategoryHolding_category_status_idx" ON "CategoryHolding"("category", "status");

-- CreateIndex
CREATE INDEX "CategoryHoldingEvent_holdingId_at_idx" ON "CategoryHoldingEvent"("holdingId", "at");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryHolding" ADD CONSTRAINT "CategoryHolding_personIdNumber_fkey" FOREIGN KEY ("personIdNumber") REFERENCES "Person"("idNumber") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryHoldingEvent" ADD CONSTRAINT "CategoryHoldingEvent_holdingId_fkey" FOREIGN KEY ("holdingId") REFERENCES "CategoryHolding"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- at most one open (not ENDED) holding per person and category,
CREATE UNIQUE INDEX "CategoryHolding_open_per_category_key" ON "CategoryHolding"("personIdNumber", "category") WHERE "status" <> 'ENDED';

-- and the holding history is append-only.
CREATE FUNCTION "reject_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'CategoryHoldingEvent is append-only';
END;
$$;
CREATE TRIGGER "CategoryHoldingEvent_append_only" BEFORE UPDATE OR DELETE ON "CategoryHoldingEvent"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
