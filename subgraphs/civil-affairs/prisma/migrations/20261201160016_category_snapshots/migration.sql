-- 月度快照: persons per township and category at the end of a month (src/schema/snapshot.ts).
CREATE TABLE "CategorySnapshot" (
    "month" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "category" "LowIncomeCategory" NOT NULL,
    "persons" INTEGER NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "takenBy" TEXT NOT NULL,

    CONSTRAINT "CategorySnapshot_pkey" PRIMARY KEY ("month","regionCode","category"),
    CONSTRAINT "CategorySnapshot_month_format" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    CONSTRAINT "CategorySnapshot_region_township" CHECK ("regionCode" ~ '^4112[0-9]{5}$'),
    CONSTRAINT "CategorySnapshot_persons_nonnegative" CHECK ("persons" >= 0)
);
