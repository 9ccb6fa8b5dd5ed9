-- Support terms of a holding: the monthly amount paid (dibao or extreme-poverty basic living
-- support), the care level and institution of extreme-poverty support, and the next review date.
CREATE TYPE "CareLevel" AS ENUM ('SELF_CARE', 'PARTIALLY_DISABLED', 'FULLY_DISABLED');

ALTER TABLE "CategoryHolding"
  ADD COLUMN "monthlyAmount" DECIMAL(12,2),
  ADD COLUMN "careLevel" "CareLevel",
  ADD COLUMN "careInstitution" TEXT,
  ADD COLUMN "nextReviewOn" DATE,
  ADD CONSTRAINT "CategoryHolding_monthlyAmount_positive" CHECK ("monthlyAmount" IS NULL OR "monthlyAmount" > 0),
  -- Basic living assistance only: the other categories are not paid monthly by civil affairs.
  ADD CONSTRAINT "CategoryHolding_monthlyAmount_basic" CHECK ("monthlyAmount" IS NULL OR "category" IN ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY')),
  ADD CONSTRAINT "CategoryHolding_care_extreme_poverty" CHECK (("careLevel" IS NULL AND "careInstitution" IS NULL) OR "category" = 'EXTREME_POVERTY'),
  ADD CONSTRAINT "CategoryHolding_institution_centralized" CHECK ("careInstitution" IS NULL OR "subtype" = 'CENTRALIZED');
