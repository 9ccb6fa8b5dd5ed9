-- Recognition (认定): applications and reviews of a household, their evidence, the step history,
-- objections raised during public notice, and the policy parameters the assessment reads.

-- A review's continue / change-amount outcome is recorded on the holding it touched.
ALTER TYPE "HoldingAction" ADD VALUE 'REVIEWED';

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('APPLICATION', 'REVIEW');

-- CreateEnum
CREATE TYPE "ApplicationChannel" AS ENUM ('IN_PERSON', 'HOME_VISIT', 'MONITORING_ALERT');

-- CreateEnum
CREATE TYPE "CaseStep" AS ENUM ('SUBMITTED', 'ACCEPTED', 'NOT_ACCEPTED', 'INVESTIGATED', 'VERIFIED', 'TOWNSHIP_REVIEWED', 'PUBLIC_NOTICE', 'CONFIRMED', 'REJECTED', 'NOTIFIED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "IncomeKind" AS ENUM ('WAGES', 'BUSINESS', 'PROPERTY', 'TRANSFER', 'PENSION');

-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('DEPOSITS', 'SECURITIES', 'VEHICLE', 'REAL_ESTATE', 'BUSINESS');

-- CreateEnum
CREATE TYPE "ExpenditureKind" AS ENUM ('MEDICAL', 'EDUCATION');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('CONTINUE', 'CHANGE', 'EXIT');

-- CreateTable
CREATE TABLE "RecognitionCase" (
    "id" TEXT NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "channel" "ApplicationChannel" NOT NULL,
    "alertId" TEXT,
    "householdId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "otherHardship" TEXT,
    "step" "CaseStep" NOT NULL,
    "stepDueOn" DATE,
    "submittedOn" DATE NOT NULL,
    "acceptedOn" DATE,
    "extendedChecks" BOOLEAN NOT NULL DEFAULT false,
    "decisionDueOn" DATE,
    "missingDocuments" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "investigation" JSONB,
    "verification" JSONB,
    "assessment" JSONB,
    "townshipOpinion" TEXT,
    "democraticAppraisal" TEXT,
    "noticeStartOn" DATE,
    "noticeEndOn" DATE,
    "decidedOn" DATE,
    "decisionReason" TEXT,
    "reviewOutcome" "ReviewOutcome",
    "graceUntil" DATE,
    "notifiedOn" DATE,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecognitionCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMember" (
    "caseId" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "ableToWork" BOOLEAN NOT NULL,
    "severeDisability" BOOLEAN NOT NULL DEFAULT false,
    "hasSupporter" BOOLEAN NOT NULL DEFAULT true,
    "careLevel" "CareLevel",
    "careInstitution" TEXT,

    CONSTRAINT "CaseMember_pkey" PRIMARY KEY ("caseId","idNumber")
);

-- CreateTable
CREATE TABLE "CaseIncome" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "memberIdNumber" TEXT,
    "kind" "IncomeKind" NOT NULL,
    "monthlyAmount" DECIMAL(12,2) NOT NULL,

    CONSTRAINT "CaseIncome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAsset" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "AssetKind" NOT NULL,
    "value" DECIMAL(14,2) NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "CaseAsset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseExpenditure" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "ExpenditureKind" NOT NULL,
    "annualAmount" DECIMAL(12,2) NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "CaseExpenditure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseStepEvent" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "fromStep" "CaseStep",
    "toStep" "CaseStep" NOT NULL,
    "note" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseStepEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeObjection" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "raisedOn" DATE NOT NULL,
    "content" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "answer" TEXT,
    "upheld" BOOLEAN,
    "answeredBy" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeObjection_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "RecognitionCase_regionCode_step_idx" ON "RecognitionCase"("regionCode", "step");

-- CreateIndex
CREATE INDEX "RecognitionCase_householdId_idx" ON "RecognitionCase"("householdId");

-- CreateIndex
CREATE INDEX "RecognitionCase_step_stepDueOn_idx" ON "RecognitionCase"("step", "stepDueOn");

-- CreateIndex
CREATE INDEX "CaseMember_idNumber_idx" ON "CaseMember"("idNumber");

-- CreateIndex
CREATE INDEX "CaseIncome_caseId_idx" ON "CaseIncome"("caseId");

-- CreateIndex
CREATE INDEX "CaseAsset_caseId_idx" ON "CaseAsset"("caseId");

-- CreateIndex
CREATE INDEX "CaseExpenditure_caseId_idx" ON "CaseExpenditure"("caseId");

-- CreateIndex
CREATE INDEX "CaseStepEvent_caseId_at_idx" ON "CaseStepEvent"("caseId", "at");

-- CreateIndex
CREATE INDEX "NoticeObjection_caseId_idx" ON "NoticeObjection"("caseId");

-- AddForeignKey
ALTER TABLE "RecognitionCase" ADD CONSTRAINT "RecognitionCase_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMember" ADD CONSTRAINT "CaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RecognitionCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMember" ADD CONSTRAINT "CaseMember_idNumber_fkey" FOREIGN KEY ("idNumber") REFERENCES "Person"("idNumber") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseIncome" ADD CONSTRAINT "CaseIncome_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RecognitionCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAsset" ADD CONSTRAINT "CaseAsset_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RecognitionCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseExpenditure" ADD CONSTRAINT "CaseExpenditure_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RecognitionCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseStepEvent" ADD CONSTRAINT "CaseStepEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RecognitionCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeObjection" ADD CONSTRAINT "NoticeObjection_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RecognitionCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- amounts are never negative,
ALTER TABLE "CaseIncome" ADD CONSTRAINT "CaseIncome_monthlyAmount_nonnegative" CHECK ("monthlyAmount" >= 0);
ALTER TABLE "CaseAsset" ADD CONSTRAINT "CaseAsset_value_nonnegative" CHECK ("value" >= 0);
ALTER TABLE "CaseExpenditure" ADD CONSTRAINT "CaseExpenditure_annualAmount_nonnegative" CHECK ("annualAmount" >= 0);
-- a monitoring-alert application names its alert, and only it does,
ALTER TABLE "RecognitionCase" ADD CONSTRAINT "RecognitionCase_alert_channel" CHECK (("channel" = 'MONITORING_ALERT') = ("alertId" IS NOT NULL));
-- a public notice ends after it starts,
ALTER TABLE "RecognitionCase" ADD CONSTRAINT "RecognitionCase_notice_order" CHECK ("noticeEndOn" IS NULL OR "noticeEndOn" > "noticeStartOn");
-- a household has at most one open case of each kind (an open case is one not yet decided or closed),
CREATE UNIQUE INDEX "RecognitionCase_open_per_household_key" ON "RecognitionCase"("householdId", "kind")
  WHERE "step" NOT IN ('NOT_ACCEPTED', 'CONFIRMED', 'REJECTED', 'NOTIFIED', 'WITHDRAWN');
-- and the step history is append-only (reject_history_change comes from the init migration).
CREATE TRIGGER "CaseStepEvent_append_only" BEFORE UPDATE OR DELETE ON "CaseStepEvent"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();

-- Policy parameters, city-wide (411200) for 2025 and 2026; a county overrides with its own rows.
INSERT INTO "PolicyParameter" ("regionCode", "year", "name", "value", "description")
SELECT '411200', y.year, p.name, p.value, p.description
FROM (VALUES (2025), (2026)) AS y(year)
CROSS JOIN (VALUES
  ('SUBSISTENCE_LINE_URBAN', 720, '城市低保标准 (元/人/月)'),
  ('SUBSISTENCE_LINE_RURAL', 500, '农村低保标准 (元/人/月)'),
  ('FINANCIAL_ASSETS_MONTHS', 24, '低保: 人均金融资产 (存款、有价证券) 不超过当地低保标准的月数'),
  ('NEAR_FINANCIAL_ASSETS_MONTHS', 36, '低保边缘、刚性支出困难: 人均金融资产不超过当地低保标准的月数'),
  ('REAL_ESTATE_LIMIT', 1, '自有住房套数上限 (唯一住房不计为财产)'),
  ('VEHICLE_LIMIT', 0, '机动车辆上限 (残疾人功能性补偿代步车除外, 不申报)'),
  ('BUSINESS_LIMIT', 0, '登记经营的企业、个体工商户上限'),
  ('NEAR_SUBSISTENCE_MULTIPLE', 1.5, '低保边缘: 人均收入不高于低保标准的倍数'),
  ('RIGID_EXPENDITURE_SHARE', 0.5, '刚性支出困难: 年刚性支出 (医疗、教育) 占家庭年收入的最低比例'),
  ('RIGID_INCOME_MULTIPLE', 1.5, '刚性支出困难: 扣除刚性支出后的人均收入不高于低保标准的倍数'),
  ('EXTREME_POVERTY_AGE', 60, '特困: 老年人年龄 (周岁)'),
  ('MINOR_AGE', 16, '特困: 未成年人年龄上限 (未满, 周岁)'),
  ('EXTREME_POVERTY_SUPPORT_MULTIPLE', 1.3, '特困: 基本生活标准不低于低保标准的倍数'),
  ('CARE_ALLOWANCE_SELF_CARE', 100, '特困照料护理补贴, 全自理 (元/月)'),
  ('CARE_ALLOWANCE_PARTIALLY_DISABLED', 400, '特困照料护理补贴, 半失能 (元/月)'),
  ('CARE_ALLOWANCE_FULLY_DISABLED', 900, '特困照料护理补贴, 全失能 (元/月)'),
  ('ACCEPT_WORKING_DAYS', 5, '受理时限 (工作日, 自申请)'),
  ('DECISION_WORKING_DAYS', 30, '审核确认时限 (工作日, 自受理)'),
  ('DECISION_WORKING_DAYS_EXTENDED', 45, '需补充核查的审核确认时限 (工作日, 自受理)'),
  ('NOTICE_DAYS', 7, '公示期 (日)'),
  ('NOTIFY_WORKING_DAYS', 3, '书面告知时限 (工作日, 自决定)'),
  ('REVIEW_MONTHS_STABLE', 12, '复核间隔 (月): 特困人员及收入来源稳定、成员无劳动能力的家庭'),
  ('REVIEW_MONTHS_ABLE_TO_WORK', 6, '复核间隔 (月): 有劳动能力成员的家庭'),
  ('EXIT_GRACE_MONTHS', 6, '渐退期 (月): 因就业增收退出后继续发放的月数')
) AS p(name, value, description);
