-- CreateEnum
CREATE TYPE "DwellingSafetyGrade" AS ENUM ('A', 'B', 'C', 'D', 'NO_HOUSE');

-- CreateEnum
CREATE TYPE "UrbanHousingAssistanceKind" AS ENUM ('PUBLIC_RENTAL', 'RENT_SUBSIDY');

-- CreateEnum
CREATE TYPE "RuralRenovationStatus" AS ENUM ('APPLIED', 'VILLAGE_REVIEWED', 'TOWNSHIP_REVIEWED', 'COUNTY_APPROVED', 'COMPLETED', 'REJECTED');

-- CreateTable
CREATE TABLE "DwellingAssessment" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "memberIdNumbers" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "regionCode" TEXT NOT NULL,
    "grade" "DwellingSafetyGrade" NOT NULL,
    "assessedOn" DATE NOT NULL,
    "assessor" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DwellingAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UrbanHousingAssistance" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "memberIdNumbers" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "kind" "UrbanHousingAssistanceKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "unit" TEXT,
    "monthlyAmount" DECIMAL(12,2),
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "recordedBy" TEXT NOT NULL,
    "endReason" TEXT,
    "endedBy" TEXT,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UrbanHousingAssistance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuralRenovationCase" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "memberIdNumbers" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "regionCode" TEXT NOT NULL,
    "status" "RuralRenovationStatus" NOT NULL,
    "appliedOn" DATE NOT NULL,
    "assessmentId" TEXT,
    "approvedGrade" "DwellingSafetyGrade",
    "subsidyAmount" DECIMAL(12,2),
    "rejectionReason" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RuralRenovationCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuralRenovationStep" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "fromStatus" "RuralRenovationStatus",
    "toStatus" "RuralRenovationStatus" NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuralRenovationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyParameter" (
    "regionCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" DECIMAL(14,4) NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "PolicyParameter_pkey" PRIMARY KEY ("regionCode","year","name")
);

-- CreateIndex
CREATE INDEX "DwellingAssessment_memberIdNumbers_idx" ON "DwellingAssessment" USING GIN ("memberIdNumbers");

-- CreateIndex
CREATE INDEX "DwellingAssessment_regionCode_idx" ON "DwellingAssessment"("regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "DwellingAssessment_personIdNumber_assessedOn_key" ON "DwellingAssessment"("personIdNumber", "assessedOn");

-- CreateIndex
CREATE INDEX "UrbanHousingAssistance_personIdNumber_idx" ON "UrbanHousingAssistance"("personIdNumber");

-- CreateIndex
CREATE INDEX "UrbanHousingAssistance_memberIdNumbers_idx" ON "UrbanHousingAssistance" USING GIN ("memberIdNumbers");

-- CreateIndex
CREATE INDEX "UrbanHousingAssistance_kind_regionCode_idx" ON "UrbanHousingAssistance"("kind", "regionCode");

-- CreateIndex
CREATE INDEX "RuralRenovationCase_personIdNumber_idx" ON "RuralRenovationCase"("personIdNumber");

-- CreateIndex
CREATE INDEX "RuralRenovationCase_memberIdNumbers_idx" ON "RuralRenovationCase" USING GIN ("memberIdNumbers");

-- CreateIndex
CREATE INDEX "RuralRenovationCase_status_regionCode_idx" ON "RuralRenovationCase"("status", "regionCode");

-- CreateIndex
CREATE INDEX "RuralRenovationStep_caseId_at_idx" ON "RuralRenovationStep"("caseId", "at");

-- AddForeignKey
ALTER TABLE "RuralRenovationCase" ADD CONSTRAINT "RuralRenovationCase_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "DwellingAssessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuralRenovationStep" ADD CONSTRAINT "RuralRenovationStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RuralRenovationCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- the fields of each kind of urban housing assistance, and sane amounts and periods,
ALTER TABLE "UrbanHousingAssistance" ADD CONSTRAINT "UrbanHousingAssistance_kind_fields_check" CHECK (
  ("kind" = 'PUBLIC_RENTAL' AND "unit" IS NOT NULL AND "monthlyAmount" IS NULL)
  OR ("kind" = 'RENT_SUBSIDY' AND "unit" IS NULL AND "monthlyAmount" > 0 AND "endDate" IS NOT NULL)
);
ALTER TABLE "UrbanHousingAssistance" ADD CONSTRAINT "UrbanHousingAssistance_period_check" CHECK ("endDate" IS NULL OR "endDate" >= "startDate");

-- at most one open (not COMPLETED or REJECTED) renovation case per applicant,
CREATE UNIQUE INDEX "RuralRenovationCase_open_per_person_key" ON "RuralRenovationCase"("personIdNumber") WHERE "status" NOT IN ('COMPLETED', 'REJECTED');

-- and the step history of a case is append-only.
CREATE FUNCTION "reject_step_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'RuralRenovationStep is append-only';
END;
$$;
CREATE TRIGGER "RuralRenovationStep_append_only" BEFORE UPDATE OR DELETE ON "RuralRenovationStep"
  FOR EACH ROW EXECUTE FUNCTION "reject_step_change"();

-- Policy parameters for Sanmenxia (三门峡市); a county row overrides the city-wide (411200) one.
INSERT INTO "PolicyParameter" ("regionCode", "year", "name", "value", "description")
SELECT p."regionCode", y."year", p."name", p."value", p."description"
FROM (VALUES
    ('411200', 'RENT_SUBSIDY_MONTHLY_MAX', 600, '租赁补贴 月补贴上限 (元/户/月): the largest monthly rent subsidy a household may be granted.'),
    ('411202', 'RENT_SUBSIDY_MONTHLY_MAX', 800, '租赁补贴 月补贴上限 (元/户/月), 湖滨区: higher rents in the city centre.'),
    ('411200', 'RENT_SUBSIDY_MAX_MONTHS', 12, '租赁补贴 单次发放期限上限 (月): a grant covers at most this many months; renewed after the annual review.'),
    ('411200', 'RURAL_RENOVATION_SUBSIDY_C', 12000, '农村危房改造 C级危房 (加固改造) 补助 (元/户), set at county approval.'),
    ('411200', 'RURAL_RENOVATION_SUBSIDY_D', 35000, '农村危房改造 D级危房 (拆除重建) 补助 (元/户), set at county approval.'),
    ('411200', 'RURAL_RENOVATION_SUBSIDY_NO_HOUSE', 35000, '农村危房改造 无房户 (新建) 补助 (元/户), set at county approval.'),
    ('411224', 'RURAL_RENOVATION_SUBSIDY_D', 40000, '农村危房改造 D级危房 补助 (元/户), 卢氏县: mountain county, higher building costs.'),
    ('411224', 'RURAL_RENOVATION_SUBSIDY_NO_HOUSE', 40000, '农村危房改造 无房户 补助 (元/户), 卢氏县: mountain county, higher building costs.')
) AS p("regionCode", "name", "value", "description")
CROSS JOIN (VALUES (2024), (2025), (2026)) AS y("year");
