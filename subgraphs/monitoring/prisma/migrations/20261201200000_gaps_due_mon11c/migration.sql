-- Time-based rules (a gap longer than its grace period): a run finds the persons whose recorded gap
-- comes due by a range of "missingSince" per department (src/domain/gaps-due.ts), one partial index
-- each over the ENTITLEMENTS signal (department → first day seen ENTITLED_MISSING, ISO text).
CREATE INDEX "PersonSignal_gap_education_idx" ON "PersonSignal" (("state" ->> 'EDUCATION')) WHERE "source" = 'ENTITLEMENTS';
CREATE INDEX "PersonSignal_gap_housing_idx" ON "PersonSignal" (("state" ->> 'HOUSING')) WHERE "source" = 'ENTITLEMENTS';
CREATE INDEX "PersonSignal_gap_health_insurance_idx" ON "PersonSignal" (("state" ->> 'HEALTH_INSURANCE')) WHERE "source" = 'ENTITLEMENTS';
CREATE INDEX "PersonSignal_gap_union_idx" ON "PersonSignal" (("state" ->> 'UNION')) WHERE "source" = 'ENTITLEMENTS';
