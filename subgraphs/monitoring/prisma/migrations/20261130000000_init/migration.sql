-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'REFERRED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "AlertResolution" AS ENUM ('CONDITION_CLEARED', 'COVERED', 'ACTION_RECORDED');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('PENDING', 'ACCEPTED', 'ACTIONED', 'SENT_BACK', 'CLOSED_COVERED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RunTrigger" AS ENUM ('SCHEDULED', 'ON_DEMAND');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "Rule" (
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sources" TEXT[] NOT NULL,
    "categories" TEXT[] NOT NULL,
    "expression" TEXT NOT NULL,
    "coveredExpression" TEXT,
    "severity" "AlertSeverity" NOT NULL,
    "office" TEXT NOT NULL,
    "deadlineWorkingDays" INTEGER NOT NULL,
    "endsHoldings" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rule_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "RuleParameter" (
    "id" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" DECIMAL(14,4) NOT NULL,

    CONSTRAINT "RuleParameter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedBatch" (
    "id" TEXT NOT NULL,
    "feed" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedRecord" (
    "id" BIGSERIAL NOT NULL,
    "batchId" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "feed" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "occurredOn" DATE NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "FeedRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonSignal" (
    "personIdNumber" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "previous" JSONB,
    "evidenceId" TEXT NOT NULL,
    "observedOn" DATE NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonSignal_pkey" PRIMARY KEY ("personIdNumber","source")
);

-- CreateTable
CREATE TABLE "VisitReport" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "visitedOn" DATE NOT NULL,
    "visitedBy" TEXT NOT NULL,
    "changes" TEXT[] NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "householdId" TEXT,
    "regionCode" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "status" "AlertStatus" NOT NULL,
    "evidence" JSONB NOT NULL,
    "evidenceKey" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raisedByRunId" TEXT,
    "resolution" "AlertResolution",
    "resolutionNote" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "dismissedBy" TEXT,
    "dismissalReason" TEXT,
    "holdingsEndedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "office" TEXT NOT NULL,
    "officeRegion" TEXT NOT NULL,
    "status" "ReferralStatus" NOT NULL,
    "referredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "referredOn" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "referredBy" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedBy" TEXT,
    "actionNote" TEXT,
    "linkedRecordType" TEXT,
    "linkedRecordId" TEXT,
    "actionedAt" TIMESTAMP(3),
    "actionedBy" TEXT,
    "sentBackReason" TEXT,
    "sentBackAt" TIMESTAMP(3),
    "sentBackBy" TEXT,
    "closedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "escalatedTo" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringRun" (
    "id" TEXT NOT NULL,
    "trigger" "RunTrigger" NOT NULL,
    "status" "RunStatus" NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "cursorFrom" BIGINT NOT NULL,
    "cursorTo" BIGINT NOT NULL,
    "read" INTEGER NOT NULL DEFAULT 0,
    "persons" INTEGER NOT NULL DEFAULT 0,
    "raised" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "escalated" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "MonitoringRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunCursor" (
    "stream" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunCursor_pkey" PRIMARY KEY ("stream")
);

-- CreateIndex
CREATE UNIQUE INDEX "RuleParameter_ruleCode_regionCode_year_name_key" ON "RuleParameter"("ruleCode", "regionCode", "year", "name");

-- CreateIndex
CREATE UNIQUE INDEX "FeedBatch_feed_batchId_key" ON "FeedBatch"("feed", "batchId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedRecord_batchId_personIdNumber_key" ON "FeedRecord"("batchId", "personIdNumber");

-- CreateIndex
CREATE INDEX "FeedRecord_personIdNumber_idx" ON "FeedRecord"("personIdNumber");

-- CreateIndex
CREATE INDEX "PersonSignal_seq_idx" ON "PersonSignal"("seq");

-- CreateIndex
CREATE INDEX "VisitReport_personIdNumber_idx" ON "VisitReport"("personIdNumber");

-- CreateIndex
CREATE INDEX "VisitReport_regionCode_idx" ON "VisitReport"("regionCode");

-- CreateIndex
CREATE INDEX "Alert_personIdNumber_idx" ON "Alert"("personIdNumber");

-- CreateIndex
CREATE INDEX "Alert_regionCode_idx" ON "Alert"("regionCode");

-- CreateIndex
CREATE INDEX "Alert_status_ruleCode_idx" ON "Alert"("status", "ruleCode");

-- CreateIndex
CREATE INDEX "Referral_alertId_idx" ON "Referral"("alertId");

-- CreateIndex
CREATE INDEX "Referral_office_officeRegion_status_idx" ON "Referral"("office", "officeRegion", "status");

-- CreateIndex
CREATE INDEX "Referral_dueOn_idx" ON "Referral"("dueOn");

-- AddForeignKey
ALTER TABLE "RuleParameter" ADD CONSTRAINT "RuleParameter_ruleCode_fkey" FOREIGN KEY ("ruleCode") REFERENCES "Rule"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedRecord" ADD CONSTRAINT "FeedRecord_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "FeedBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_ruleCode_fkey" FOREIGN KEY ("ruleCode") REFERENCES "Rule"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
-- one open alert per person and rule, however often the rule fires;
CREATE UNIQUE INDEX "Alert_open_per_person_rule_key" ON "Alert"("personIdNumber", "ruleCode") WHERE "status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS');
-- one referral waiting per alert;
CREATE UNIQUE INDEX "Referral_open_per_alert_key" ON "Referral"("alertId") WHERE "status" IN ('PENDING', 'ACCEPTED');
-- queues read open referrals by due date.
CREATE INDEX "Referral_open_due_idx" ON "Referral"("dueOn") WHERE "status" IN ('PENDING', 'ACCEPTED');
-- A resolved alert says how; a dismissed one says why.
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_closing_check" CHECK (
  ("status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS') AND "resolvedAt" IS NULL) OR
  ("status" = 'RESOLVED' AND "resolution" IS NOT NULL AND "resolvedAt" IS NOT NULL) OR
  ("status" = 'DISMISSED' AND "dismissalReason" IS NOT NULL AND "resolvedAt" IS NOT NULL)
);
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_due_check" CHECK ("dueOn" >= "referredOn");
ALTER TABLE "Rule" ADD CONSTRAINT "Rule_deadline_check" CHECK ("deadlineWorkingDays" BETWEEN 1 AND 60);
