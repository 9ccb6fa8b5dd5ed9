-- CreateEnum
CREATE TYPE "PayeeKind" AS ENUM ('PERSON', 'INSTITUTION');

-- CreateEnum
CREATE TYPE "PaymentCategory" AS ENUM ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY');

-- CreateEnum
CREATE TYPE "CareLevel" AS ENUM ('SELF_CARE', 'PARTIALLY_DISABLED', 'FULLY_DISABLED');

-- CreateEnum
CREATE TYPE "PayrollStatus" AS ENUM ('DRAFT', 'APPROVED');

-- CreateEnum
CREATE TYPE "PaymentLineStatus" AS ENUM ('PENDING', 'PAID', 'FAILED');

-- CreateEnum
CREATE TYPE "TemporaryAssistanceReason" AS ENUM ('DISASTER', 'ACCIDENT', 'SERIOUS_ILLNESS', 'LOSS_OF_INCOME', 'OTHER');

-- CreateEnum
CREATE TYPE "TemporaryAssistanceStatus" AS ENUM ('APPLIED', 'APPROVED', 'REJECTED', 'PAID');

-- CreateEnum
CREATE TYPE "DecisionLevel" AS ENUM ('TOWNSHIP', 'COUNTY');

-- CreateEnum
CREATE TYPE "FindingKind" AS ENUM ('DECEASED_PAID', 'EXCLUSIVE_CATEGORIES', 'PAID_TWICE', 'SHARED_ACCOUNT', 'AMOUNT_OUT_OF_RANGE', 'LATE_PAYMENT', 'RELATIVE_OF_STAFF');

-- CreateEnum
CREATE TYPE "ComplaintSubject" AS ENUM ('WRONGLY_REFUSED', 'WRONGLY_PAID', 'LATE_PAYMENT', 'OTHER');

-- CreateTable
CREATE TABLE "PaymentAccount" (
    "id" TEXT NOT NULL,
    "kind" "PayeeKind" NOT NULL,
    "personIdNumber" TEXT,
    "institutionName" TEXT,
    "countyCode" TEXT NOT NULL,
    "bankName" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payroll" (
    "id" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "status" "PayrollStatus" NOT NULL,
    "preparedBy" TEXT NOT NULL,
    "preparedAt" TIMESTAMP(3) NOT NULL,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payroll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentLine" (
    "id" TEXT NOT NULL,
    "payrollId" TEXT,
    "holdingId" TEXT,
    "personIdNumber" TEXT NOT NULL,
    "householdId" TEXT,
    "countyCode" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "category" "PaymentCategory",
    "careLevel" "CareLevel",
    "payeeKind" "PayeeKind" NOT NULL,
    "institutionName" TEXT,
    "basicAmount" DECIMAL(12,2) NOT NULL,
    "careAllowance" DECIMAL(12,2) NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "paidFrom" DATE NOT NULL,
    "paidTo" DATE NOT NULL,
    "grantedBy" TEXT,
    "accountId" TEXT,
    "status" "PaymentLineStatus" NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "exportedAttempt" INTEGER NOT NULL DEFAULT 0,
    "failureReason" TEXT,
    "failedAt" TIMESTAMP(3),
    "paidOn" DATE,
    "temporaryAssistanceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemporaryAssistance" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "reason" "TemporaryAssistanceReason" NOT NULL,
    "description" TEXT NOT NULL,
    "requestedAmount" DECIMAL(12,2) NOT NULL,
    "status" "TemporaryAssistanceStatus" NOT NULL,
    "smallAmountFirst" BOOLEAN NOT NULL DEFAULT false,
    "approvedAmount" DECIMAL(12,2),
    "decisionLevel" "DecisionLevel",
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "paidOn" DATE,
    "documentationDueOn" DATE,
    "documentedAt" TIMESTAMP(3),
    "documentedBy" TEXT,
    "appliedBy" TEXT NOT NULL,
    "appliedOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TemporaryAssistance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffMember" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffRelative" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "relativeIdNumber" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "declaredBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffRelative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionFinding" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "countyCode" TEXT NOT NULL,
    "month" DATE,
    "payrollId" TEXT,
    "lineId" TEXT,
    "personIdNumber" TEXT,
    "accountId" TEXT,
    "detail" TEXT NOT NULL,
    "foundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingResolution" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "resolvedBy" TEXT NOT NULL,
    "resolvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingResolution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT,
    "complainantName" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "subject" "ComplaintSubject" NOT NULL,
    "content" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "assignedOffice" TEXT,
    "assignedBy" TEXT,
    "assignedAt" TIMESTAMP(3),
    "answer" TEXT,
    "answeredBy" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "PaymentAccount_personIdNumber_key" ON "PaymentAccount"("personIdNumber");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAccount_institutionName_key" ON "PaymentAccount"("institutionName");

-- CreateIndex
CREATE INDEX "PaymentAccount_countyCode_idx" ON "PaymentAccount"("countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "Payroll_countyCode_month_key" ON "Payroll"("countyCode", "month");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentLine_temporaryAssistanceId_key" ON "PaymentLine"("temporaryAssistanceId");

-- CreateIndex
CREATE INDEX "PaymentLine_personIdNumber_month_idx" ON "PaymentLine"("personIdNumber", "month");

-- CreateIndex
CREATE INDEX "PaymentLine_accountId_idx" ON "PaymentLine"("accountId");

-- CreateIndex
CREATE INDEX "PaymentLine_month_idx" ON "PaymentLine"("month");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentLine_payrollId_holdingId_key" ON "PaymentLine"("payrollId", "holdingId");

-- CreateIndex
CREATE INDEX "TemporaryAssistance_countyCode_idx" ON "TemporaryAssistance"("countyCode");

-- CreateIndex
CREATE INDEX "TemporaryAssistance_personIdNumber_idx" ON "TemporaryAssistance"("personIdNumber");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_subject_key" ON "StaffMember"("subject");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_idNumber_key" ON "StaffMember"("idNumber");

-- CreateIndex
CREATE INDEX "StaffRelative_relativeIdNumber_idx" ON "StaffRelative"("relativeIdNumber");

-- CreateIndex
CREATE UNIQUE INDEX "StaffRelative_staffId_relativeIdNumber_key" ON "StaffRelative"("staffId", "relativeIdNumber");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionFinding_key_key" ON "SupervisionFinding"("key");

-- CreateIndex
CREATE INDEX "SupervisionFinding_countyCode_kind_idx" ON "SupervisionFinding"("countyCode", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "FindingResolution_findingId_key" ON "FindingResolution"("findingId");

-- CreateIndex
CREATE INDEX "Complaint_countyCode_idx" ON "Complaint"("countyCode");

-- AddForeignKey
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_payrollId_fkey" FOREIGN KEY ("payrollId") REFERENCES "Payroll"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PaymentAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffRelative" ADD CONSTRAINT "StaffRelative_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingResolution" ADD CONSTRAINT "FindingResolution_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "SupervisionFinding"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- an account belongs to exactly one payee,
ALTER TABLE "PaymentAccount" ADD CONSTRAINT "PaymentAccount_payee_check" CHECK (
  ("kind" = 'PERSON' AND "personIdNumber" IS NOT NULL AND "institutionName" IS NULL) OR
  ("kind" = 'INSTITUTION' AND "institutionName" IS NOT NULL AND "personIdNumber" IS NULL)
);
-- maker-checker: nobody approves the payroll they prepared, and an approved payroll names its approver,
ALTER TABLE "Payroll" ADD CONSTRAINT "Payroll_maker_checker_check" CHECK ("approvedBy" IS NULL OR "approvedBy" <> "preparedBy");
ALTER TABLE "Payroll" ADD CONSTRAINT "Payroll_approval_check" CHECK (("status" = 'DRAFT') = ("approvedBy" IS NULL AND "approvedAt" IS NULL));
ALTER TABLE "Payroll" ADD CONSTRAINT "Payroll_month_check" CHECK (EXTRACT(DAY FROM "month") = 1);
-- amounts add up to the fen and a failed line says why,
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_amount_check" CHECK (
  "amount" > 0 AND "basicAmount" >= 0 AND "careAllowance" >= 0 AND "amount" = "basicAmount" + "careAllowance"
);
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_failure_check" CHECK (("status" = 'FAILED') = ("failureReason" IS NOT NULL));
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_paid_check" CHECK (("status" = 'PAID') = ("paidOn" IS NOT NULL));
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_origin_check" CHECK (("payrollId" IS NULL) = ("temporaryAssistanceId" IS NOT NULL));
ALTER TABLE "TemporaryAssistance" ADD CONSTRAINT "TemporaryAssistance_amount_check" CHECK (
  "requestedAmount" > 0 AND ("approvedAmount" IS NULL OR "approvedAmount" > 0)
);
-- and findings and their resolutions are never edited or deleted.
CREATE FUNCTION "payments_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER "SupervisionFinding_append_only" BEFORE UPDATE OR DELETE ON "SupervisionFinding"
  FOR EACH ROW EXECUTE FUNCTION "payments_append_only"();
CREATE TRIGGER "FindingResolution_append_only" BEFORE UPDATE OR DELETE ON "FindingResolution"
  FOR EACH ROW EXECUTE FUNCTION "payments_append_only"();

-- Policy parameters for Sanmenxia (411200 = city-wide default; a county row overrides it).
-- Data, not code: a new year or a county's own amount is one more row.
INSERT INTO "PolicyParameter" ("regionCode", "year", "name", "value", "description")
SELECT p."regionCode", y."year", p."name", p."value", p."description"
FROM (VALUES
    ('411200', 'SUBSISTENCE_STANDARD_URBAN', 680, '城市低保标准 (元/人·月): paid where the recognition decided no amount; the most a dibao line may be.'),
    ('411200', 'SUBSISTENCE_STANDARD_RURAL', 430, '农村低保标准 (元/人·月): paid where the recognition decided no amount; the most a dibao line may be.'),
    ('411200', 'EXTREME_POVERTY_BASIC_URBAN', 884, '城市特困人员基本生活标准 (元/人·月, 1.3× the urban dibao standard): paid where no amount was decided; the most a basic amount may be.'),
    ('411200', 'EXTREME_POVERTY_BASIC_RURAL', 559, '农村特困人员基本生活标准 (元/人·月, 1.3× the rural dibao standard): paid where no amount was decided; the most a basic amount may be.'),
    ('411200', 'CARE_ALLOWANCE_SELF_CARE', 95, '特困人员照料护理标准, 全自理 (元/人·月).'),
    ('411200', 'CARE_ALLOWANCE_PARTIALLY_DISABLED', 380, '特困人员照料护理标准, 半失能 (元/人·月).'),
    ('411200', 'CARE_ALLOWANCE_FULLY_DISABLED', 760, '特困人员照料护理标准, 全失能 (元/人·月).'),
    ('411200', 'PRORATE_RULE', 1, '首末月计发规则: 0 = the whole month when held on any day of it; 1 = by calendar days held (rounded to the fen); 2 = the whole month when held on the 15th, else nothing.'),
    ('411282', 'PRORATE_RULE', 0, '首末月计发规则, 灵宝市: the whole month when held on any day of it.'),
    ('411200', 'PAYROLL_APPROVAL_DAY', 5, '名册审批期限: the payroll of a month is approved by this day of the month (China time).'),
    ('411200', 'PAYMENT_DUE_DAY', 10, '发放到位期限: every line is PAID by this day of the month (每月10日前发放到位).'),
    ('411200', 'TEMPORARY_TOWNSHIP_LIMIT_MULTIPLE', 3, '临时救助 乡镇审批权限: the township decides amounts up to this multiple of the urban dibao standard; the county above it.'),
    ('411200', 'TEMPORARY_COUNTY_LIMIT_MULTIPLE', 12, '临时救助 县级上限: the most the county grants for one case, as a multiple of the urban dibao standard.'),
    ('411200', 'TEMPORARY_SMALL_AMOUNT_CAP', 1000, '小金额先行救助 上限 (元): the township may pay up to this at once and document afterwards.'),
    ('411200', 'TEMPORARY_DOCUMENTATION_WORKING_DAYS', 5, '先行救助 补办手续期限 (工作日): documentation is due this many working days after the payment.'),
    ('411200', 'COMPLAINT_ANSWER_DAYS', 30, '信访答复期限 (日): a complaint is answered within this many days of receipt.')
) AS p("regionCode", "name", "value", "description")
CROSS JOIN (VALUES (2024), (2025), (2026), (2027)) AS y("year");
