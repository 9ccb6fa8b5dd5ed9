-- CreateEnum
CREATE TYPE "LowIncomeCategory" AS ENUM ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY', 'NEAR_SUBSISTENCE', 'ESSENTIAL_EXPENDITURE_HARDSHIP', 'RELAPSE_MONITORING', 'OTHER_HARDSHIP');

-- CreateEnum
CREATE TYPE "PremiumSubsidyKind" AS ENUM ('FULL', 'FIXED', 'NONE');

-- CreateEnum
CREATE TYPE "MedicalVisitKind" AS ENUM ('INPATIENT', 'CHRONIC_OUTPATIENT', 'OUTPATIENT');

-- CreateEnum
CREATE TYPE "MedicalClaimStatus" AS ENUM ('SETTLED', 'REVERSED');

-- CreateEnum
CREATE TYPE "MedicalAssistanceOutcome" AS ENUM ('ASSISTED', 'CAPPED', 'CAP_EXHAUSTED', 'DEDUCTIBLE_NOT_MET', 'NOTHING_ELIGIBLE', 'VISIT_NOT_ELIGIBLE', 'NOT_LOW_INCOME');

-- CreateTable
CREATE TABLE "PolicyParameter" (
    "id" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" DECIMAL(14,4) NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "PolicyParameter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MedicalInsuranceEnrolment" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "premium" DECIMAL(12,2) NOT NULL,
    "subsidyKind" "PremiumSubsidyKind" NOT NULL,
    "subsidyAmount" DECIMAL(12,2) NOT NULL,
    "assistanceIdentity" "LowIncomeCategory",
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MedicalInsuranceEnrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MedicalClaim" (
    "id" TEXT NOT NULL,
    "settlementNumber" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "visitKind" "MedicalVisitKind" NOT NULL,
    "visitDate" DATE NOT NULL,
    "totalCost" DECIMAL(12,2) NOT NULL,
    "basicInsurancePaid" DECIMAL(12,2) NOT NULL,
    "criticalIllnessPaid" DECIMAL(12,2) NOT NULL,
    "medicalAssistancePaid" DECIMAL(12,2) NOT NULL,
    "outOfPocket" DECIMAL(12,2) NOT NULL,
    "assistanceIdentity" "LowIncomeCategory",
    "assistanceOutcome" "MedicalAssistanceOutcome" NOT NULL,
    "eligibleAmount" DECIMAL(12,2) NOT NULL,
    "deductibleRemaining" DECIMAL(12,2) NOT NULL,
    "deductibleApplied" DECIMAL(12,2) NOT NULL,
    "assistanceRatio" DECIMAL(5,4) NOT NULL,
    "annualCap" DECIMAL(12,2),
    "capRemaining" DECIMAL(12,2),
    "explanation" TEXT NOT NULL,
    "status" "MedicalClaimStatus" NOT NULL DEFAULT 'SETTLED',
    "recordedBy" TEXT NOT NULL,
    "reversedAt" TIMESTAMP(3),
    "reversedBy" TEXT,
    "reversalReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MedicalClaim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PolicyParameter_regionCode_year_name_key" ON "PolicyParameter"("regionCode", "year", "name");

-- CreateIndex
CREATE INDEX "MedicalInsuranceEnrolment_year_countyCode_idx" ON "MedicalInsuranceEnrolment"("year", "countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "MedicalInsuranceEnrolment_personIdNumber_year_key" ON "MedicalInsuranceEnrolment"("personIdNumber", "year");

-- CreateIndex
CREATE UNIQUE INDEX "MedicalClaim_settlementNumber_key" ON "MedicalClaim"("settlementNumber");

-- CreateIndex
CREATE INDEX "MedicalClaim_personIdNumber_year_idx" ON "MedicalClaim"("personIdNumber", "year");

-- CreateIndex
CREATE INDEX "MedicalClaim_enrolmentId_idx" ON "MedicalClaim"("enrolmentId");

-- CreateIndex
CREATE INDEX "MedicalClaim_year_visitKind_idx" ON "MedicalClaim"("year", "visitKind");

-- AddForeignKey
ALTER TABLE "MedicalClaim" ADD CONSTRAINT "MedicalClaim_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "MedicalInsuranceEnrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- the amounts stay consistent whatever writes them,
ALTER TABLE "MedicalInsuranceEnrolment" ADD CONSTRAINT "MedicalInsuranceEnrolment_amounts_check"
  CHECK ("premium" >= 0 AND "subsidyAmount" >= 0 AND "subsidyAmount" <= "premium"
    AND ("subsidyKind" <> 'NONE' OR "subsidyAmount" = 0)
    AND ("subsidyKind" <> 'FULL' OR ("subsidyAmount" = "premium" AND "assistanceIdentity" IS NOT DISTINCT FROM 'EXTREME_POVERTY'))
    AND ("subsidyKind" <> 'FIXED' OR ("assistanceIdentity" IS NOT NULL AND "assistanceIdentity" <> 'EXTREME_POVERTY')));
ALTER TABLE "MedicalClaim" ADD CONSTRAINT "MedicalClaim_amounts_check"
  CHECK ("totalCost" >= 0 AND "basicInsurancePaid" >= 0 AND "criticalIllnessPaid" >= 0 AND "medicalAssistancePaid" >= 0
    AND "outOfPocket" >= 0 AND "basicInsurancePaid" + "criticalIllnessPaid" <= "totalCost"
    AND "outOfPocket" = "totalCost" - "basicInsurancePaid" - "criticalIllnessPaid" - "medicalAssistancePaid"
    AND "medicalAssistancePaid" <= "eligibleAmount");
ALTER TABLE "MedicalClaim" ADD CONSTRAINT "MedicalClaim_reversal_check"
  CHECK (("status" = 'REVERSED') = ("reversedAt" IS NOT NULL AND "reversalReason" IS NOT NULL AND "reversedBy" IS NOT NULL));

-- and the policy parameters of Sanmenxia (三门峡市, 411200 = city-wide; a county row overrides it), the same
-- for 2024, 2025 and 2026. Amounts in yuan, ratios as fractions.
INSERT INTO "PolicyParameter" ("id", "regionCode", "year", "name", "value", "description")
SELECT gen_random_uuid()::text, '411200', y."year", p."name", p."value", p."description"
FROM (VALUES (2024), (2025), (2026)) AS y("year")
CROSS JOIN (VALUES
  ('PREMIUM', 380.0000, '城乡居民医保个人缴费标准 (元/人/年): the yearly resident premium.'),
  ('PREMIUM_SUBSIDY_FIXED_SUBSISTENCE_ALLOWANCE', 266.0000, '定额资助 (元/人/年) for 最低生活保障对象.'),
  ('PREMIUM_SUBSIDY_FIXED_NEAR_SUBSISTENCE', 190.0000, '定额资助 (元/人/年) for 最低生活保障边缘家庭成员.'),
  ('PREMIUM_SUBSIDY_FIXED_ESSENTIAL_EXPENDITURE_HARDSHIP', 190.0000, '定额资助 (元/人/年) for 刚性支出困难家庭成员.'),
  ('PREMIUM_SUBSIDY_FIXED_RELAPSE_MONITORING', 190.0000, '定额资助 (元/人/年) for 防止返贫监测对象.'),
  ('PREMIUM_SUBSIDY_FIXED_OTHER_HARDSHIP', 190.0000, '定额资助 (元/人/年) for 其他困难人员.'),
  ('ASSISTANCE_RATIO_EXTREME_POVERTY', 1.0000, '医疗救助比例 for 特困人员: share of the eligible cost above the deductible.'),
  ('ASSISTANCE_RATIO_SUBSISTENCE_ALLOWANCE', 0.7000, '医疗救助比例 for 最低生活保障对象.'),
  ('ASSISTANCE_RATIO_RELAPSE_MONITORING', 0.6000, '医疗救助比例 for 防止返贫监测对象.'),
  ('ASSISTANCE_RATIO_NEAR_SUBSISTENCE', 0.6000, '医疗救助比例 for 最低生活保障边缘家庭成员.'),
  ('ASSISTANCE_RATIO_ESSENTIAL_EXPENDITURE_HARDSHIP', 0.5000, '医疗救助比例 for 刚性支出困难家庭成员.'),
  ('ASSISTANCE_RATIO_OTHER_HARDSHIP', 0.5000, '医疗救助比例 for 其他困难人员.'),
  ('ASSISTANCE_DEDUCTIBLE_EXTREME_POVERTY', 0.0000, '医疗救助年度起付标准 (元) for 特困人员.'),
  ('ASSISTANCE_DEDUCTIBLE_SUBSISTENCE_ALLOWANCE', 0.0000, '医疗救助年度起付标准 (元) for 最低生活保障对象.'),
  ('ASSISTANCE_DEDUCTIBLE_RELAPSE_MONITORING', 1000.0000, '医疗救助年度起付标准 (元) for 防止返贫监测对象.'),
  ('ASSISTANCE_DEDUCTIBLE_NEAR_SUBSISTENCE', 1000.0000, '医疗救助年度起付标准 (元) for 最低生活保障边缘家庭成员.'),
  ('ASSISTANCE_DEDUCTIBLE_ESSENTIAL_EXPENDITURE_HARDSHIP', 1000.0000, '医疗救助年度起付标准 (元) for 刚性支出困难家庭成员.'),
  ('ASSISTANCE_DEDUCTIBLE_OTHER_HARDSHIP', 1000.0000, '医疗救助年度起付标准 (元) for 其他困难人员.'),
  ('ASSISTANCE_ANNUAL_CAP_EXTREME_POVERTY', 100000.0000, '医疗救助年度救助限额 (元) for 特困人员.'),
  ('ASSISTANCE_ANNUAL_CAP_SUBSISTENCE_ALLOWANCE', 60000.0000, '医疗救助年度救助限额 (元) for 最低生活保障对象.'),
  ('ASSISTANCE_ANNUAL_CAP_RELAPSE_MONITORING', 40000.0000, '医疗救助年度救助限额 (元) for 防止返贫监测对象.'),
  ('ASSISTANCE_ANNUAL_CAP_NEAR_SUBSISTENCE', 40000.0000, '医疗救助年度救助限额 (元) for 最低生活保障边缘家庭成员.'),
  ('ASSISTANCE_ANNUAL_CAP_ESSENTIAL_EXPENDITURE_HARDSHIP', 40000.0000, '医疗救助年度救助限额 (元) for 刚性支出困难家庭成员.'),
  ('ASSISTANCE_ANNUAL_CAP_OTHER_HARDSHIP', 30000.0000, '医疗救助年度救助限额 (元) for 其他困难人员.'),
  ('CLAIM_TOTAL_COST_MAX', 5000000.0000, '单次结算医疗总费用上限 (元): a plausibility bound; a larger bill is refused as a likely typing error.')
) AS p("name", "value", "description");
