-- CreateEnum
CREATE TYPE "EducationStage" AS ENUM ('PRESCHOOL', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'HIGHER');

-- CreateEnum
CREATE TYPE "StudentRecordStatus" AS ENUM ('CURRENT', 'CHANGED', 'GRADUATED', 'LEFT');

-- CreateEnum
CREATE TYPE "EducationAssistanceKind" AS ENUM ('GRANT', 'LIVING_ALLOWANCE', 'WORK_STUDY', 'STUDENT_LOAN', 'FEE_WAIVER');

-- CreateEnum
CREATE TYPE "AcademicTerm" AS ENUM ('AUTUMN', 'SPRING', 'FULL_YEAR');

-- CreateEnum
CREATE TYPE "EducationAssistanceStatus" AS ENUM ('APPROVED', 'PAID', 'CANCELLED');

-- CreateTable
CREATE TABLE "StudentRecord" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "schoolName" TEXT NOT NULL,
    "schoolRegionCode" TEXT NOT NULL,
    "stage" "EducationStage" NOT NULL,
    "enrolmentYear" INTEGER NOT NULL,
    "status" "StudentRecordStatus" NOT NULL,
    "identifiedAsDifficult" BOOLEAN NOT NULL DEFAULT false,
    "identifiedOn" DATE,
    "endedOn" DATE,
    "endNote" TEXT,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EducationAssistance" (
    "id" TEXT NOT NULL,
    "studentRecordId" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "kind" "EducationAssistanceKind" NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "academicYear" TEXT NOT NULL,
    "term" "AcademicTerm" NOT NULL,
    "status" "EducationAssistanceStatus" NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "paidOn" DATE,
    "cancelledAt" TIMESTAMP(3),
    "cancelledBy" TEXT,
    "cancellationReason" TEXT,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EducationAssistance_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "StudentRecord_personIdNumber_idx" ON "StudentRecord"("personIdNumber");

-- CreateIndex
CREATE INDEX "StudentRecord_status_schoolRegionCode_idx" ON "StudentRecord"("status", "schoolRegionCode");

-- CreateIndex
CREATE INDEX "StudentRecord_identifiedAsDifficult_status_idx" ON "StudentRecord"("identifiedAsDifficult", "status");

-- CreateIndex
CREATE INDEX "EducationAssistance_personIdNumber_academicYear_idx" ON "EducationAssistance"("personIdNumber", "academicYear");

-- CreateIndex
CREATE INDEX "EducationAssistance_studentRecordId_idx" ON "EducationAssistance"("studentRecordId");

-- CreateIndex
CREATE INDEX "EducationAssistance_academicYear_status_idx" ON "EducationAssistance"("academicYear", "status");

-- AddForeignKey
ALTER TABLE "EducationAssistance" ADD CONSTRAINT "EducationAssistance_studentRecordId_fkey" FOREIGN KEY ("studentRecordId") REFERENCES "StudentRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- at most one CURRENT student record per person,
CREATE UNIQUE INDEX "StudentRecord_current_per_person_key" ON "StudentRecord"("personIdNumber") WHERE "status" = 'CURRENT';

-- a current record has no end, an ended one has its date; an identification has its date,
ALTER TABLE "StudentRecord" ADD CONSTRAINT "StudentRecord_end_check" CHECK (
  ("status" = 'CURRENT' AND "endedOn" IS NULL) OR ("status" <> 'CURRENT' AND "endedOn" IS NOT NULL)
);
ALTER TABLE "StudentRecord" ADD CONSTRAINT "StudentRecord_identified_check" CHECK (
  ("identifiedAsDifficult" AND "identifiedOn" IS NOT NULL) OR (NOT "identifiedAsDifficult" AND "identifiedOn" IS NULL)
);

-- and assistance has a positive amount, a well-formed academic year, a payment date once PAID
-- and a reason once CANCELLED.
ALTER TABLE "EducationAssistance" ADD CONSTRAINT "EducationAssistance_amount_check" CHECK ("amount" > 0);
ALTER TABLE "EducationAssistance" ADD CONSTRAINT "EducationAssistance_academicYear_check" CHECK (
  "academicYear" ~ '^\d{4}-\d{4}$' AND substr("academicYear", 6, 4)::int = substr("academicYear", 1, 4)::int + 1
);
ALTER TABLE "EducationAssistance" ADD CONSTRAINT "EducationAssistance_status_check" CHECK (
  ("status" = 'APPROVED' AND "paidOn" IS NULL AND "cancelledAt" IS NULL) OR
  ("status" = 'PAID' AND "paidOn" IS NOT NULL AND "cancelledAt" IS NULL) OR
  ("status" = 'CANCELLED' AND "cancelledAt" IS NOT NULL AND "cancellationReason" IS NOT NULL)
);

-- Policy parameters for Sanmenxia (411200 = city-wide default; a county row overrides it).
-- Data, not code: a new year or a county's own amount is one more row. An assistance record
-- reads the parameters of the year its academic year starts in ("2024-2025" → 2024).
INSERT INTO "PolicyParameter" ("regionCode", "year", "name", "value", "description")
SELECT p."regionCode", y."year", p."name", p."value", p."description"
FROM (VALUES
    ('411200', 'ASSISTANCE_MAX_GRANT', 5000, '助学金 单笔上限 (元): the largest single GRANT (国家助学金, e.g. 普通高中 2000/年, 高校最高档 4400/年 and more).'),
    ('411200', 'ASSISTANCE_MAX_LIVING_ALLOWANCE', 2500, '生活补助 单笔上限 (元): the largest single LIVING_ALLOWANCE (义务教育寄宿生生活补助 小学 1000/年, 初中 1250/年; 学前幼儿资助).'),
    ('411200', 'ASSISTANCE_MAX_WORK_STUDY', 6000, '勤工助学 单笔上限 (元): the largest single WORK_STUDY payment.'),
    ('411200', 'ASSISTANCE_MAX_STUDENT_LOAN', 20000, '助学贷款 单笔上限 (元): the largest single STUDENT_LOAN (生源地信用助学贷款, per academic year).'),
    ('411200', 'ASSISTANCE_MAX_FEE_WAIVER', 8000, '减免 单笔上限 (元): the largest single FEE_WAIVER (保教费/学费/住宿费减免).'),
    ('411224', 'ASSISTANCE_MAX_LIVING_ALLOWANCE', 3000, '生活补助 单笔上限 (元), 卢氏县: raised with county funds for boarding pupils in the mountains.')
) AS p("regionCode", "name", "value", "description")
CROSS JOIN (VALUES (2024), (2025), (2026)) AS y("year");
