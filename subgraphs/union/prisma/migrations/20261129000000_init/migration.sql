-- CreateEnum
CREATE TYPE "DifficultWorkerReason" AS ENUM ('LAID_OFF', 'ILLNESS', 'DISABILITY', 'FAMILY_HARDSHIP', 'OTHER');

-- CreateEnum
CREATE TYPE "DifficultWorkerFileStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "UnionAssistanceKind" AS ENUM ('LIVING', 'MEDICAL', 'EDUCATION', 'SEASONAL_VISIT');

-- CreateTable
CREATE TABLE "DifficultWorkerFile" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "employerName" TEXT NOT NULL,
    "employerCreditCode" TEXT,
    "reason" "DifficultWorkerReason" NOT NULL,
    "reasonDetail" TEXT,
    "status" "DifficultWorkerFileStatus" NOT NULL,
    "filedOn" DATE NOT NULL,
    "reviewedOn" DATE,
    "closedOn" DATE,
    "closingReason" TEXT,
    "filedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DifficultWorkerFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnionAssistance" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "kind" "UnionAssistanceKind" NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "grantedOn" DATE NOT NULL,
    "note" TEXT,
    "recordedBy" TEXT NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "cancelledBy" TEXT,
    "cancellationReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnionAssistance_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "DifficultWorkerFile_personIdNumber_idx" ON "DifficultWorkerFile"("personIdNumber");

-- CreateIndex
CREATE INDEX "DifficultWorkerFile_status_countyCode_idx" ON "DifficultWorkerFile"("status", "countyCode");

-- CreateIndex
CREATE INDEX "UnionAssistance_personIdNumber_grantedOn_idx" ON "UnionAssistance"("personIdNumber", "grantedOn");

-- CreateIndex
CREATE INDEX "UnionAssistance_fileId_idx" ON "UnionAssistance"("fileId");

-- CreateIndex
CREATE INDEX "UnionAssistance_grantedOn_idx" ON "UnionAssistance"("grantedOn");

-- AddForeignKey
ALTER TABLE "UnionAssistance" ADD CONSTRAINT "UnionAssistance_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "DifficultWorkerFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- at most one OPEN difficult-worker file per person,
CREATE UNIQUE INDEX "DifficultWorkerFile_open_per_person_key" ON "DifficultWorkerFile"("personIdNumber") WHERE "status" = 'OPEN';

-- and a closed file carries its date and reason, an open one neither.
ALTER TABLE "DifficultWorkerFile" ADD CONSTRAINT "DifficultWorkerFile_closing_check" CHECK (
  ("status" = 'OPEN' AND "closedOn" IS NULL AND "closingReason" IS NULL) OR
  ("status" = 'CLOSED' AND "closedOn" IS NOT NULL AND "closedOn" >= "filedOn" AND "closingReason" IS NOT NULL)
);
ALTER TABLE "UnionAssistance" ADD CONSTRAINT "UnionAssistance_amount_check" CHECK ("amount" > 0);

-- Policy parameters for Sanmenxia (411200 = city-wide default; a county row overrides it).
-- Data, not code: a new year or a county's own amount is one more row.
INSERT INTO "PolicyParameter" ("regionCode", "year", "name", "value", "description")
SELECT p."regionCode", y."year", p."name", p."value", p."description"
FROM (VALUES
    ('411200', 'FILING_MIN_AGE', 16, '建档条件: 建档日最低年龄 (周岁), the legal minimum working age.'),
    ('411200', 'FILING_MAX_AGE', 60, '建档条件: 建档日最高年龄 (周岁); older persons are retirees, not workers.'),
    ('411200', 'FILE_REVIEW_INTERVAL_MONTHS', 12, '档案复核周期 (月): an open file is reviewed this many months after filing or its last review.'),
    ('411200', 'ASSISTANCE_MAX_LIVING', 3000, '生活救助 单笔上限 (元): the largest single LIVING assistance.'),
    ('411200', 'ASSISTANCE_MAX_MEDICAL', 10000, '医疗救助 单笔上限 (元): the largest single MEDICAL assistance.'),
    ('411200', 'ASSISTANCE_MAX_EDUCATION', 5000, '助学 单笔上限 (元): the largest single EDUCATION assistance.'),
    ('411200', 'ASSISTANCE_MAX_SEASONAL_VISIT', 1000, '送温暖 单笔上限 (元): the largest single SEASONAL_VISIT assistance.'),
    ('411282', 'ASSISTANCE_MAX_SEASONAL_VISIT', 1200, '送温暖 单笔上限 (元), 灵宝市: raised with county union funds.')
) AS p("regionCode", "name", "value", "description")
CROSS JOIN (VALUES (2024), (2025), (2026)) AS y("year");
